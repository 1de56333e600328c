"""What one API call does, shared by the sync and async clients; only the I/O differs between them.

A call is: load the generated endpoint module (lazily, so importing the SDK stays cheap), let it
build the request (``_get_kwargs``: URL, percent-encoded path, query, JSON body), send it, turn
every status the spec does not declare as a success of that operation into a typed exception,
check the body against the spec's response schema and hand it to the generated parser
(``_parse_response``). URLs and models stay the generated code's job.
"""

from __future__ import annotations

import importlib
import json
import math
from functools import cache
from importlib import resources
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import httpx

from ._errors import APIResponseValidationError, InvalidParameterError, status_error_class
from ._retry import parse_retry_after
from ._transport import AttemptLimits

if TYPE_CHECKING:
    import jsonschema_rs

__all__ = [
    "Prepared",
    "check_status",
    "packaged_spec",
    "parse_response",
    "prepare",
    "request_validator",
    "success_statuses",
]

RAW_PACKAGE = "serverless_training_raw"
# Errors the generated from_dict code raises on a body it cannot read.
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


@attrs.frozen
class Prepared:
    """A request ready to send: the endpoint module, the arguments for ``httpx.Client.build_request``,
    the limits of each attempt and the statuses that are results."""

    operation_id: str  # the normalized operationId: the generated module's name
    module: ModuleType
    method: str
    kwargs: dict[str, Any]
    limits: AttemptLimits
    success: frozenset[int]


@cache
def endpoint_module(endpoint: str) -> ModuleType:
    """``"models.list_model_checkpoints"`` -> the generated module (imported on first use)."""
    return importlib.import_module(f"{RAW_PACKAGE}.api.{endpoint}")


def prepare(
    endpoint: str,
    base_url: str,
    timeout: httpx.Timeout,
    limits: AttemptLimits,
    params: dict[str, Any],
) -> Prepared:
    """Build the request for ``endpoint`` with the generated ``_get_kwargs``."""
    module = endpoint_module(endpoint)
    operation_id = endpoint.rpartition(".")[2]
    kwargs: dict[str, Any] = module._get_kwargs(**params)
    if "json" in kwargs:
        check_request_body(operation_id, kwargs["json"])
    kwargs["url"] = base_url + kwargs["url"]
    kwargs["timeout"] = timeout
    return Prepared(
        operation_id=operation_id,
        module=module,
        method=kwargs["method"].upper(),
        kwargs=kwargs,
        limits=limits,
        success=success_statuses(operation_id),
    )


def check_request_body(operation_id: str, body: Any) -> None:
    """Refuse a JSON body the server would refuse: NaN or infinity (not JSON), or a spec violation
    (formats such as ``date-time`` and ``uuid`` included)."""
    where = _non_finite(body, ())
    if where is not None:
        raise InvalidParameterError(
            ".".join(map(str, where)) or "body", "must be a finite number (NaN and infinity are not JSON)"
        )
    violation = _first_violation(request_validator(operation_id), body, ".")
    if violation is not None:
        where_text, message = violation
        raise InvalidParameterError(
            where_text or "body", f"{message} (the API spec refuses this request body)"
        )


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


def check_status(prepared: Prepared, response: httpx.Response) -> None:
    """Raise the typed error for any status the spec does not declare as this operation's success."""
    if response.status_code in prepared.success:
        return
    try:
        body: Any = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        body = None
    raise status_error_class(response.status_code)(
        response,
        body=body,
        retry_after=parse_retry_after(response.headers.get("retry-after")),
    )


@attrs.frozen
class _DecodedResponse:
    """What the generated ``_parse_response`` reads, with the JSON decoded once, not twice."""

    status_code: int
    content: bytes
    body: Any

    def json(self) -> Any:
        return self.body


def parse_response(prepared: Prepared, response: httpx.Response, raw_client: Any) -> Any:
    """Check a 2xx body against the spec, then parse it with the generated code."""
    if not response.content:
        raise APIResponseValidationError(response, "the body is empty")
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise APIResponseValidationError(response, f"the body is not JSON ({exc})") from None
    violation = _first_violation(response_validator(prepared.operation_id, response.status_code), body, "/")
    if violation is not None:
        where, message = violation
        raise APIResponseValidationError(response, f"at {where or '<root>'}: {message}")
    try:
        parsed = prepared.module._parse_response(
            client=raw_client,
            response=_DecodedResponse(response.status_code, response.content, body),
        )
    except _PARSE_ERRORS as exc:
        raise APIResponseValidationError(response, f"{type(exc).__name__}: {exc}") from None
    # The generator returns None for schema-less ({}) responses; their JSON is the result.
    return body if parsed is None else parsed


def _first_violation(
    validator: jsonschema_rs.Validator | None, body: Any, sep: str
) -> tuple[str, str] | None:
    """(where, message) of the first way ``body`` breaks the schema, or None when it conforms."""
    if validator is None or validator.is_valid(body):  # the fast check; details only on failure
        return None
    error = next(validator.iter_errors(body))
    return sep.join(map(str, error.instance_path)), error.message


@cache
def packaged_spec() -> dict[str, Any]:
    """The spec the generated package was built from (operationIds normalized), parsed once."""
    text = resources.files(RAW_PACKAGE).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _operation(operation_id: str) -> dict[str, Any]:
    for item in packaged_spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(f"operation {operation_id!r} is not in the packaged spec")


def _compile(schema: dict[str, Any] | None, *, formats: bool = False) -> jsonschema_rs.Validator | None:
    import jsonschema_rs  # noqa: PLC0415 - a compiled module; loaded on first use only

    if not schema:
        return None
    return jsonschema_rs.validator_for(
        {**schema, "components": packaged_spec().get("components", {})}, validate_formats=formats
    )


@cache
def success_statuses(operation_id: str) -> frozenset[int]:
    """The statuses the spec declares as this operation's successful results."""
    codes: set[int] = set()
    for key in _operation(operation_id).get("responses", {}):
        if key.isdigit() and 200 <= int(key) < 300:
            codes.add(int(key))
        elif key.upper() == "2XX":
            codes.update(range(200, 300))
    return frozenset(codes)


@cache
def response_validator(operation_id: str, status_code: int) -> jsonschema_rs.Validator | None:
    """A compiled validator for one operation's response, or None when the spec allows any JSON."""
    responses = _operation(operation_id).get("responses", {})
    response = responses.get(str(status_code)) or responses.get("2XX") or responses.get("default") or {}
    return _compile(response.get("content", {}).get("application/json", {}).get("schema"))


@cache
def request_validator(operation_id: str) -> jsonschema_rs.Validator | None:
    """A compiled validator for one operation's JSON request body, or None when it has none."""
    body = _operation(operation_id).get("requestBody") or {}
    # Formats (date-time, uuid) are checked in requests, as the server checks them.
    return _compile(body.get("content", {}).get("application/json", {}).get("schema"), formats=True)
