"""Many valid 200 bodies per operation, generated from the spec's own schemas, must parse into
typed objects that round-trip; invalid ones must raise APIResponseValidationError, never a raw
KeyError/TypeError/ValueError."""

from __future__ import annotations

import contextlib
import datetime
import re
import uuid
from typing import Any

import pytest
from cases import CASES, Case
from contract import SPEC, ContractServer, Reply
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from serverless_training import APIResponseValidationError, ServerlessTraining

COMPONENTS = SPEC["components"]
DATE_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    # filter_too_much: hypothesis-jsonschema filters many candidates for some formats (date-time);
    # a spec that adds such a field must not fail a health check. The bodies are still valid.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


def _operation(case: Case) -> dict[str, Any]:
    for item in SPEC["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == case.operation_id:
                return op
    raise KeyError(case.operation_id)


def _schema(case: Case) -> dict[str, Any]:
    return _operation(case)["responses"]["200"]["content"]["application/json"]["schema"]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


TYPED = [case for case in CASES if _schema(case)]
ANY_JSON = [case for case in CASES if not _schema(case)]


def _uuid_strategy() -> st.SearchStrategy[str]:
    return st.uuids().map(str)


def _bodies(case: Case) -> st.SearchStrategy[Any]:
    # uuid is an annotation in JSON Schema 2020-12; the API (and the generated code) mean real UUIDs.
    return from_schema({**_schema(case), "components": COMPONENTS}, custom_formats={"uuid": _uuid_strategy()})


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, str) and UUID_RE.match(value):
        return str(uuid.UUID(value))
    if isinstance(value, str) and DATE_TIME_RE.match(value):
        # A date-time round-trips as the same instant, not the same text ('Z' vs '+00:00').
        with contextlib.suppress(ValueError):
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return value


@pytest.mark.parametrize("case", TYPED, ids=[c.wrapper for c in TYPED])
def test_valid_bodies_parse_into_typed_models_that_round_trip(
    case: Case, contract: ContractServer, client: ServerlessTraining
) -> None:
    @SETTINGS
    @given(body=_bodies(case))
    def check(body: Any) -> None:
        contract.on(case.operation_id, Reply(body=body))
        result = case.call(client)
        model = getattr(result, "_state", None)
        parsed = model.raw if model is not None else result  # cursor pages wrap the generated page
        assert type(parsed).__module__.startswith("serverless_training_raw.models.")
        round_trip = _canonical(parsed.to_dict())
        expected = _canonical(body)
        for key, value in expected.items():
            assert round_trip[key] == value, key

    check()
    contract.seen.clear()


def _wrong_type(schema: dict[str, Any]) -> Any:
    kinds = {s.get("type") for s in schema.get("anyOf", [schema])}
    for candidate in ([1, 2], {"x": 1}, "text", 12345, True):
        if not any(
            _json_type(candidate) == k or (k == "number" and _json_type(candidate) == "integer")
            for k in kinds
        ):
            return candidate
    return None


def _json_type(value: Any) -> str:
    return {list: "array", dict: "object", str: "string", int: "integer", bool: "boolean"}[type(value)]


def _mutations(case: Case) -> list[tuple[str, dict[str, Any]]]:
    schema = _resolve(_schema(case))
    valid = next(iter([c.reply.body for c in CASES if c.operation_id == case.operation_id]))
    out = []
    for name in schema.get("required", []):
        out.append((f"missing {name}", {k: v for k, v in valid.items() if k != name}))
    for name, prop in schema.get("properties", {}).items():
        wrong = _wrong_type(_resolve(prop))
        if wrong is not None:
            out.append((f"{name} of the wrong type", {**valid, name: wrong}))
    return out


MUTATED = [(case, label, body) for case in TYPED for label, body in _mutations(case)]


@pytest.mark.parametrize(
    ("case", "label", "body"), MUTATED, ids=[f"{c.wrapper}: {label}" for c, label, _ in MUTATED]
)
def test_invalid_bodies_raise_response_validation_error(
    case: Case, label: str, body: dict[str, Any], contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(case.operation_id, Reply(body=body, off_spec=True))
    with pytest.raises(APIResponseValidationError) as info:
        case.call(client)
    assert info.value.status_code == 200 and info.value.body


@pytest.mark.parametrize("case", CASES, ids=[c.wrapper for c in CASES])
@pytest.mark.parametrize("raw", [b"", b"not json", b'{"truncated": ', b"<html>502</html>"])
def test_non_json_bodies_raise_response_validation_error(
    case: Case, raw: bytes, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(case.operation_id, Reply(body=raw, off_spec=True))
    with pytest.raises(APIResponseValidationError):
        case.call(client)


@pytest.mark.parametrize("case", ANY_JSON, ids=[c.wrapper for c in ANY_JSON])
def test_schemaless_responses_return_any_json(
    case: Case, contract: ContractServer, client: ServerlessTraining
) -> None:
    @SETTINGS
    @given(
        body=st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
            max_leaves=8,
        )
    )
    def check(body: Any) -> None:
        contract.on(case.operation_id, Reply(body=body))
        assert case.call(client) == body

    check()
