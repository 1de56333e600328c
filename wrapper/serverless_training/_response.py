"""What comes back: the typed error of a status the spec does not declare a success, the checked and
parsed result of one that it does, and ``APIResponse``, a successful call's HTTP side (status,
headers, request id, elapsed) for ``client.with_raw_response``."""

from __future__ import annotations

import contextvars
import datetime
import functools
from collections.abc import Awaitable, Callable
from typing import Any, Generic, ParamSpec, TypeVar

import httpx
from serverless_training_raw.errors import UnexpectedStatus
from serverless_training_raw.types import Endpoint

from ._errors import APIResponseValidationError, request_id_of, status_error_class
from ._retry import retry_after
from ._spec import decode_json, first_violation, response_validator

__all__ = [
    "APIResponse",
    "async_to_raw_response_wrapper",
    "check_status",
    "parse_response",
    "record_response",
    "to_raw_response_wrapper",
]

T = TypeVar("T")
P = ParamSpec("P")
# Errors the generated from_dict code raises on a body it cannot read.
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, UnexpectedStatus)


def check_status(endpoint: Endpoint[Any], response: httpx.Response) -> None:
    """Raise the typed error for any status the spec does not declare as this operation's success."""
    if response.status_code in endpoint.success_statuses:
        return
    try:
        body: Any = decode_json(response.content) if response.content else None
    except ValueError:
        body = None
    raise status_error_class(response.status_code)(
        response, body=body, retry_after=retry_after(response.headers)
    )


def parse_response(endpoint: Endpoint[T], response: httpx.Response) -> T:
    """Check a success body against the spec, then parse it with the generated parser."""
    if not response.content:
        raise APIResponseValidationError(response, "the body is empty")
    try:
        body = decode_json(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(response, f"the body is not JSON ({exc})") from None
    violation = first_violation(
        response_validator(endpoint.operation_id, response.status_code),
        body,
        lambda parts: "/".join(map(str, parts)),
    )
    if violation is not None:
        where, message = violation
        raise APIResponseValidationError(response, f"at {where or '<root>'}: {message}")
    try:
        return endpoint.parse(response.status_code, body)
    except _PARSE_ERRORS as exc:
        raise APIResponseValidationError(response, f"{type(exc).__name__}: {exc}") from None


class APIResponse(Generic[T]):
    """A successful call's HTTP response beside its result: what ``client.with_raw_response``
    returns. The call was made, checked and parsed as without it; ``parse()`` hands the result."""

    def __init__(self, http_response: httpx.Response, result: T) -> None:
        self.http_response = http_response
        self._result = result

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The id the server gave the request (``x-request-id``), for a support ticket."""
        return request_id_of(self.http_response.headers)

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of its response (of the attempt that succeeded)."""
        return self.http_response.elapsed

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    def parse(self) -> T:
        """The result the call returns without ``with_raw_response``."""
        return self._result

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url} request_id={self.request_id!r}>"


# The HTTP response of the first request a raw-response call makes (a listing: its first page's).
_FIRST_RESPONSE: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "first_response", default=None
)


def record_response(response: httpx.Response) -> None:
    """Called by the client with each successful response; kept when a raw-response call waits for it."""
    holder = _FIRST_RESPONSE.get()
    if holder is not None and not holder:
        holder.append(response)


def _raw(holder: list[httpx.Response], result: T) -> APIResponse[T]:
    if not holder:  # every method sends before it returns; one that did not is a bug here
        raise RuntimeError("the call returned without a response to show")
    return APIResponse(holder[0], result)


def to_raw_response_wrapper(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """``method`` (of a sync resource), returning its ``APIResponse`` instead of its result."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        holder: list[httpx.Response] = []
        token = _FIRST_RESPONSE.set(holder)
        try:
            return _raw(holder, method(*args, **kwargs))
        finally:
            _FIRST_RESPONSE.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    method: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[APIResponse[T]]]:
    """``method`` (of an async resource; a listing is awaited for its first page), returning its
    ``APIResponse`` instead of its result."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        holder: list[httpx.Response] = []
        token = _FIRST_RESPONSE.set(holder)
        try:
            return _raw(holder, await method(*args, **kwargs))
        finally:
            _FIRST_RESPONSE.reset(token)

    return wrapped
