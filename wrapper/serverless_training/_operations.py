"""What one API call does, shared by the sync and async clients; only the I/O differs between them.

A call is: load the generated endpoint module (lazily, so importing the SDK stays cheap), let it
build the request (``_get_kwargs``: URL, percent-encoded path, query, JSON body), send it, map
an error status to a typed exception, check a 2xx body against the spec's response schema and
hand it to the generated parser (``_parse_response``). URLs and models stay the generated code's job.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from importlib import resources
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import httpx

from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidParameterError,
    status_error_class,
)
from ._retry import parse_retry_after

if TYPE_CHECKING:
    import jsonschema_rs

__all__ = ["Prepared", "connection_error", "parse_response", "prepare", "raise_for_status"]

RAW_PACKAGE = "serverless_training_raw"
# Errors the generated from_dict code raises on a body it cannot read.
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


@attrs.frozen
class Prepared:
    """A request ready to send: the endpoint module and the arguments for ``httpx.Client.request``."""

    operation_id: str  # the normalized operationId: the generated module's name
    module: ModuleType
    method: str
    kwargs: dict[str, Any]


@cache
def endpoint_module(endpoint: str) -> ModuleType:
    """``"models.list_model_checkpoints"`` -> the generated module (imported on first use)."""
    return importlib.import_module(f"{RAW_PACKAGE}.api.{endpoint}")


def prepare(
    endpoint: str,
    base_url: str,
    timeout: httpx.Timeout,
    params: dict[str, Any],
) -> Prepared:
    """Build the request for ``endpoint`` with the generated ``_get_kwargs``."""
    module = endpoint_module(endpoint)
    operation_id = endpoint.rpartition(".")[2]
    kwargs: dict[str, Any] = module._get_kwargs(**params)
    if "json" in kwargs:
        violation = _first_violation(request_validator(operation_id), kwargs["json"], ".")
        if violation is not None:
            where, message = violation
            problem = f"{message} (the API spec refuses this request body)"
            raise InvalidParameterError(where or "body", problem)
    kwargs["url"] = base_url + kwargs["url"]
    kwargs["timeout"] = timeout
    return Prepared(operation_id=operation_id, module=module, method=kwargs["method"].upper(), kwargs=kwargs)


def connection_error(exc: httpx.TransportError) -> APIConnectionError:
    """The typed error for a request that got no (complete) response."""
    request = exc._request  # httpx sets it for every error raised from Client.request
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request, cause=exc)
    return APIConnectionError(request=request, cause=exc)


def raise_for_status(response: httpx.Response) -> None:
    """Raise the typed ``APIStatusError`` subclass for a 4xx/5xx response."""
    if response.status_code < 400:
        return
    try:
        body: Any = json.loads(response.content) if response.content else None
    except ValueError:
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
    except ValueError as exc:
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
def _spec() -> dict[str, Any]:
    text = resources.files(RAW_PACKAGE).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _operation(operation_id: str) -> dict[str, Any]:
    for item in _spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(f"operation {operation_id!r} is not in the packaged spec")


def _compile(schema: dict[str, Any] | None) -> jsonschema_rs.Validator | None:
    import jsonschema_rs  # noqa: PLC0415 - a compiled module; loaded on first use only

    if not schema:
        return None
    return jsonschema_rs.validator_for({**schema, "components": _spec().get("components", {})})


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
    return _compile(body.get("content", {}).get("application/json", {}).get("schema"))
