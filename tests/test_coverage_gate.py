"""Every operation of openapi.json is generated, public on both clients and exercised.

A spec update that adds an endpoint needs no hand-written code to pass: the generated endpoint
table (``OPERATIONS``) names its method, and test_every_operation.py calls it on both clients.
What fails here is a spec operation that did not become a method (a generator or naming bug).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import normalize_spec
import pytest
from cases import CASES
from contract import OPERATIONS as SPEC_OPERATIONS
from serverless_training import AsyncServerlessTraining, ServerlessTraining
from serverless_training._generated.client import OPERATIONS
from serverless_training_raw.types import Endpoint

ROOT = Path(__file__).resolve().parent.parent


def _resolve(obj: object, dotted: str) -> object:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def _normalized(spec: dict[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    return normalize_spec.iter_operations(normalize_spec.normalize(spec))


def test_every_operation_of_the_spec_is_in_the_generated_endpoint_table() -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    expected = {(op["operationId"], method.upper(), path) for path, method, op in _normalized(spec)}
    table = {(name, public.method, public.path) for name, public in OPERATIONS.items()}
    assert expected == table, f"missing: {sorted(expected - table)}; stale: {sorted(table - expected)}"


@pytest.mark.parametrize("client_class", [ServerlessTraining, AsyncServerlessTraining])
def test_every_operation_is_a_public_method_of_both_clients(client_class: type) -> None:
    client = client_class(api_key="k" * 40, base_url="http://127.0.0.1:9")
    for name, public in OPERATIONS.items():
        method = _resolve(client, public.name)
        assert callable(method) and method.__doc__, f"{client_class.__name__}.{public.name} ({name})"


def test_the_behaviour_cases_name_real_operations_and_public_methods() -> None:
    stale = {case.operation_id for case in CASES} - {op.operation_id for op in SPEC_OPERATIONS}
    assert not stale, f"cases for operations no longer in openapi.json: {sorted(stale)}"
    public = {op.name for op in OPERATIONS.values()}
    assert {case.wrapper for case in CASES} <= public


def test_every_operation_has_a_generated_endpoint_the_wrapper_can_call() -> None:
    """The public seam: ``build_request`` and an ``ENDPOINT`` that names the operation as the spec does."""
    spec = json.loads((ROOT / "openapi.json").read_text())
    for path, method, operation in _normalized(spec):
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
