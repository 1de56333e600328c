"""Every operation of the spec, on both clients: generated and public (a spec operation that did not
become a method is a generator or naming bug), called from the generated endpoint table with a request
the spec accepts and the reply it promises (nothing written per operation: a new one is tested the day
its spec is adopted), and the rehearsed cases of tests/cases.py (what a call sends, how a reply reads)."""

from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path
from typing import Any

import normalize_spec
import pytest
from cases import CASES, Case
from contract import OPERATIONS as SPEC_OPERATIONS
from contract import SPEC, ContractServer, Reply
from serverless_training import AsyncServerlessTraining, ServerlessTraining
from serverless_training._generated.client import OPERATIONS, PublicOperation
from serverless_training.testing._examples import example
from serverless_training_raw.types import Endpoint

# --- every spec operation is generated and public ---

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


# --- every operation, called from the endpoint table ---

COMPONENTS = SPEC["components"]["schemas"]


def _spec_operation(public: PublicOperation) -> tuple[str, dict[str, Any]]:
    """The vendored spec's operationId and operation for a generated one (same method and path)."""
    for op in SPEC_OPERATIONS:
        if (op.method, op.template) == (public.method, public.path):
            return op.operation_id, SPEC["paths"][op.template][op.method.lower()]
    raise LookupError(f"{public.method} {public.path} is not in openapi.json")


def argument_schemas(public: PublicOperation) -> dict[str, tuple[dict[str, Any], bool]]:
    """The spec's schema of each of the method's arguments (by the method's name for it), and
    whether it is required: path, query and body parameters alike."""
    _, operation = _spec_operation(public)
    schemas = {
        p["name"]: (p.get("schema", {}), p.get("required", False)) for p in operation.get("parameters", [])
    }
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is not None:
        resolved = COMPONENTS[body["$ref"].rsplit("/", 1)[-1]] if "$ref" in body else body
        required = set(resolved.get("required", []))
        for name, schema in resolved.get("properties", {}).items():
            schemas[name] = (schema, name in required)
    return {public.parameters[wire]: value for wire, value in schemas.items() if wire in public.parameters}


def _arguments(public: PublicOperation) -> tuple[list[Any], dict[str, Any]]:
    """A valid call: every required path, query and body parameter with a value its schema allows."""
    values = {
        name: example(schema, COMPONENTS, filled=True)
        for name, (schema, required) in argument_schemas(public).items()
        if required
    }
    return [values.pop(name) for name in public.positional], values


def _reply(public: PublicOperation) -> Reply:
    _, operation = _spec_operation(public)
    status, response = min((s, r) for s, r in operation["responses"].items() if s.startswith("2"))
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return Reply(int(status), example(schema, COMPONENTS, filled=True) if schema else {"ok": True})


def _method(client: object, public: PublicOperation) -> Any:
    for part in public.name.split("."):
        client = getattr(client, part)
    assert callable(client), public.name
    return client


IDS = sorted(OPERATIONS)


@pytest.mark.parametrize("operation_id", IDS)
def test_sync(operation_id: str, contract: ContractServer, client: ServerlessTraining) -> None:
    public = OPERATIONS[operation_id]
    spec_id, _ = _spec_operation(public)
    contract.on(spec_id, _reply(public))
    args, kwargs = _arguments(public)
    result = _method(client, public)(*args, **kwargs)
    if public.paginated:
        assert len(result.data) == 1 and result.has_more is False
    assert len(contract.calls(spec_id)) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("operation_id", IDS)
async def test_async(operation_id: str, contract: ContractServer, aclient: AsyncServerlessTraining) -> None:
    public = OPERATIONS[operation_id]
    spec_id, _ = _spec_operation(public)
    contract.on(spec_id, _reply(public))
    args, kwargs = _arguments(public)
    call = _method(aclient, public)(*args, **kwargs)
    assert inspect.isawaitable(call)
    result = await call
    if public.paginated:
        assert len(result.data) == 1 and result.has_more is False
    assert len(contract.calls(spec_id)) == 1


# --- the rehearsed cases ---

ids = [case.wrapper for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_sync_operation(case: Case, contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(case.operation_id, case.reply)
    result = case.call(client)
    (seen,) = contract.calls(case.operation_id)
    assert seen.headers["Authorization"].startswith("Bearer ")
    case.check(result, seen)


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=ids)
async def test_async_operation(
    case: Case, contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    contract.on(case.operation_id, case.reply)
    result = case.call(aclient)
    if inspect.isawaitable(result):
        result = await result
    (seen,) = contract.calls(case.operation_id)
    assert seen.headers["Authorization"].startswith("Bearer ")
    case.check(result, seen)
