"""Every operation of the spec, from the generated endpoint table, on both clients: it is public,
sends a request the spec accepts (openapi-core judges it in the contract server) and parses the
reply the spec promises. Nothing here is written per operation: a new operation is tested the day
its spec is adopted. Behaviour (what a call sends, how a reply reads) is tested in test_operations."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from contract import OPERATIONS as SPEC_OPERATIONS
from contract import SPEC, ContractServer, Reply
from serverless_training import AsyncServerlessTraining, ServerlessTraining
from serverless_training._generated.client import OPERATIONS, PublicOperation
from serverless_training.testing._examples import example

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
