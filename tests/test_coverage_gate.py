"""Every operation of openapi.json must have a wrapper method and a contract test.

A spec update that adds an endpoint fails here, naming it, until it is wrapped and tested.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import normalize_spec
import pytest
from cases import CASES
from contract import OPERATIONS
from serverless_training import AsyncServerlessTraining, ServerlessTraining
from serverless_training_raw.types import Endpoint

ROOT = Path(__file__).resolve().parent.parent


def _resolve(obj: object, dotted: str) -> object:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def missing_contract_tests(spec_operation_ids: list[str]) -> list[str]:
    tested = {case.operation_id for case in CASES}
    return [op for op in spec_operation_ids if op not in tested]


def test_every_operation_has_a_contract_test() -> None:
    missing = missing_contract_tests([op.operation_id for op in OPERATIONS])
    assert not missing, (
        f"operations of openapi.json with no wrapper method or contract test: {', '.join(missing)}"
    )


def test_contract_tests_name_real_operations() -> None:
    stale = {case.operation_id for case in CASES} - {op.operation_id for op in OPERATIONS}
    assert not stale, f"contract cases for operations no longer in openapi.json: {sorted(stale)}"


@pytest.mark.parametrize("client_class", [ServerlessTraining, AsyncServerlessTraining])
def test_every_case_names_a_public_method_of_both_clients(client_class: type) -> None:
    client = client_class(api_key="k", base_url="http://127.0.0.1:9")
    for case in CASES:
        assert callable(_resolve(client, case.wrapper)), f"{client_class.__name__}.{case.wrapper}"


def test_every_operation_has_a_generated_endpoint_the_wrapper_can_call() -> None:
    """The public seam: ``build_request`` and an ``ENDPOINT`` that names the operation as the spec does."""
    spec = json.loads((ROOT / "openapi.json").read_text())
    for path, method, operation in normalize_spec.iter_operations(normalize_spec.normalize(spec)):
        tag = (operation.get("tags") or ["default"])[0].replace("-", "_")
        module = importlib.import_module(f"serverless_training_raw.api.{tag}.{operation['operationId']}")
        endpoint = module.ENDPOINT
        assert isinstance(endpoint, Endpoint) and callable(module.build_request), f"{method} {path}"
        declared = {int(code) for code in operation["responses"] if code.isdigit() and code.startswith("2")}
        assert (endpoint.operation_id, endpoint.method, endpoint.path) == (
            operation["operationId"],
            method.upper(),
            path,
        )
        assert endpoint.success_statuses == declared
