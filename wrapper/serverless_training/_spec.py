"""What the spec says about one call, checked on both sides of the wire.

A request's query and JSON body are checked against the spec before they are sent (the spec's
bounds, enums, formats, required fields), and a success body against the spec's response schema
before the generated parser reads it. The spec is the one the generated package was built from.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
import msgspec
from serverless_training_raw.types import Endpoint

from ._errors import InvalidParameterError

__all__ = [
    "check_request_body",
    "check_request_query",
    "decode_json",
    "first_violation",
    "max_page_size",
    "open_enums",
    "packaged_spec",
    "request_validator",
    "response_validator",
]

RAW_PACKAGE = "serverless_training_raw"

# msgspec's decoder is the fastest here (benchmarks/), keeps integers of any size exact (orjson
# turns those past 64 bits into floats), and accepts only JSON as RFC 8259 defines it: UTF-8, no
# NaN or Infinity, no lone surrogates.
_decoder = msgspec.json.Decoder()


def decode_json(content: bytes) -> Any:
    """The JSON value of a response body; ``ValueError`` when it is not JSON."""
    try:
        return _decoder.decode(content)
    except (msgspec.DecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from None


def check_request_body(operation_id: str, body: Any) -> None:
    """Refuse a JSON body the server would refuse: NaN or infinity (not JSON), or a spec violation
    (formats such as ``date-time`` and ``uuid`` included)."""
    where = _non_finite(body, ())
    if where is not None:
        raise InvalidParameterError(
            ".".join(map(str, where)) or "body", "must be a finite number (NaN and infinity are not JSON)"
        )
    violation = first_violation(request_validator(operation_id), body, _python_path)
    if violation is not None:
        where_text, message = violation
        raise InvalidParameterError(
            where_text or "body", f"{message} (the API spec refuses this request body)"
        )


def check_request_query(operation_id: str, params: dict[str, Any]) -> None:
    """Refuse query parameters the spec refuses (a ``limit`` out of bounds, an unknown ``order``),
    naming the parameter, before anything is sent."""
    violation = first_violation(query_validator(operation_id), params, _python_path)
    if violation is not None:
        where_text, message = violation
        raise InvalidParameterError(where_text or "query", message)


def _python_path(parts: Any) -> str:
    """``trajectory_groups[0].reward``: where in the arguments a request value is."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def max_page_size(endpoint: Endpoint[Any]) -> int | None:
    """The largest ``limit`` the spec allows one page of this listing, None when it sets none."""
    return _max_limit(endpoint.operation_id)


@cache
def _max_limit(operation_id: str) -> int | None:
    for parameter in _operation(operation_id).get("parameters", []):
        if parameter.get("in") == "query" and parameter.get("name") == "limit":
            maximum = parameter.get("schema", {}).get("maximum")
            return maximum if isinstance(maximum, int) and not isinstance(maximum, bool) else None
    return None


def _non_finite(value: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """The path of the first NaN or infinite float in ``value``, or None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _non_finite(item, (*path, key))
        if found is not None:
            return found
    return None


def first_violation(
    validator: jsonschema_rs.Validator | None, body: Any, where: Callable[[Any], str]
) -> tuple[str, str] | None:
    """(where, message) of the first way ``body`` breaks the schema, or None when it conforms."""
    if validator is None or validator.is_valid(body):  # the fast check; details only on failure
        return None
    error = next(validator.iter_errors(body))
    return where(error.instance_path), error.message


@cache
def packaged_spec() -> dict[str, Any]:
    """The spec the generated package was built from (operationIds normalized), parsed once."""
    spec: dict[str, Any] = decode_json(resources.files(RAW_PACKAGE).joinpath("openapi.json").read_bytes())
    return spec


def _operation(operation_id: str) -> dict[str, Any]:
    for item in packaged_spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(f"operation {operation_id!r} is not in the packaged spec")


def open_enums(schema: Any) -> Any:
    """``schema`` with every enum of strings opened to any string: a server one revision ahead may
    send a value this SDK does not know yet, which the generated enums keep (``.is_known`` False)."""
    if isinstance(schema, list):
        return [open_enums(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    opened = {key: open_enums(value) for key, value in schema.items()}
    values = opened.get("enum")
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        del opened["enum"]
        opened.setdefault("type", "string")
    return opened


def _compile(
    schema: dict[str, Any] | None, *, formats: bool = False, open_enum_values: bool = False
) -> jsonschema_rs.Validator | None:
    if not schema:
        return None
    document = {**schema, "components": packaged_spec().get("components", {})}
    if open_enum_values:
        document = open_enums(document)
    return jsonschema_rs.validator_for(document, validate_formats=formats)


@cache
def response_validator(operation_id: str, status_code: int) -> jsonschema_rs.Validator | None:
    """A compiled validator for one operation's response, or None when the spec allows any JSON.
    Strict but for enums of strings, which are open (see ``open_enums``)."""
    responses = _operation(operation_id).get("responses", {})
    response = responses.get(str(status_code)) or responses.get("2XX") or responses.get("default") or {}
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    # Formats too: ids (format uuid) are parsed lazily by the generated models, so this is where a
    # malformed one is caught.
    return _compile(schema, formats=True, open_enum_values=True)


@cache
def request_validator(operation_id: str) -> jsonschema_rs.Validator | None:
    """A compiled validator for one operation's JSON request body, or None when it has none."""
    body = _operation(operation_id).get("requestBody") or {}
    # Formats (date-time, uuid) are checked in requests, as the server checks them.
    return _compile(body.get("content", {}).get("application/json", {}).get("schema"), formats=True)


@cache
def query_validator(operation_id: str) -> jsonschema_rs.Validator | None:
    """A compiled validator for one operation's query parameters, as an object of their values."""
    parameters = [p for p in _operation(operation_id).get("parameters", []) if p.get("in") == "query"]
    if not parameters:
        return None
    schema = {
        "type": "object",
        "properties": {p["name"]: p.get("schema", {}) for p in parameters},
        "required": [p["name"] for p in parameters if p.get("required")],
    }
    return _compile(schema, formats=True)
