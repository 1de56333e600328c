"""The exception hierarchy: one class per kind of failure, all under ``ServerlessTrainingError``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import httpx

from ._constants import REQUEST_ID_HEADERS
from ._logging import redact, redact_json

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "InvalidParameterError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ServerlessTrainingError",
    "TrainingJobFailedError",
    "TrainingJobTimeoutError",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "UnsupportedEncodingError",
    "ValidationItem",
]

# A message holds at most this much of a body (and of a 422's items); ``.body`` keeps all of it.
_BODY_EXCERPT = 500
_ITEMS_SHOWN = 10


class ServerlessTrainingError(Exception):
    """Base class of every error this SDK raises on purpose; ``message`` is what ``str()`` says
    (``TrainingJobFailedError`` and ``APIStreamError``: the server's own words)."""

    message: str

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own pickling calls cls(*args), which these constructors do not take: rebuild
        # from the message and attributes instead, so an error crosses process boundaries
        # (ProcessPoolExecutor, multiprocessing) as itself.
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[ServerlessTrainingError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConfigurationError(ServerlessTrainingError, ValueError):
    """The client cannot be built as configured (no API key, unsafe base URL, ...)."""


class InvalidParameterError(ServerlessTrainingError, ValueError):
    """An argument was refused before any request was sent."""

    parameter: str
    """The argument's name (``trajectory_groups[0].reward`` for a value inside one)."""

    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(f"{parameter}: {problem}")
        self.parameter = parameter


class PaginationError(ServerlessTrainingError):
    """The server said more pages exist but gave no cursor that moves forward."""

    cursor: str | None
    """The cursor the listing had reached."""

    def __init__(self, message: str, *, cursor: str | None) -> None:
        super().__init__(message)
        self.cursor = cursor


class APIError(ServerlessTrainingError):
    """Something went wrong talking to the API for one request. The message never holds the API key.

    ``may_have_taken_effect`` is True when the request is not safe to repeat (a create), was sent,
    and failed in a way that does not say the server did nothing (a timeout, a dropped connection,
    a 5xx): it was not retried, and what it asked for may exist.
    """

    message: str
    """What ``str()`` says, the API key never in it."""
    request: httpx.Request | None
    """The request that failed (None for a response built by hand, without one)."""
    may_have_taken_effect: bool = False
    """True when the request was sent, is not safe to repeat, and may have done its work."""
    resume_after: str | None = None
    """Set by ``wait()``: the last event id it saw, the ``after=`` that resumes from there."""

    def __init__(self, message: str, *, request: httpx.Request | None) -> None:
        super().__init__(redact(message))
        self.request = request

    def note_may_have_taken_effect(self) -> None:
        """Say, in the message too, that the request may have done its work before it failed."""
        if self.may_have_taken_effect:
            return
        self.may_have_taken_effect = True
        self.message = (
            f"{self.message}; it was sent and is not safe to repeat, so it was not retried, and it may "
            "have taken effect (what it creates may exist): check before calling it again"
        )
        Exception.__init__(self, self.message)  # str() and pickling read args


def _describe(request: httpx.Request | None) -> str:
    return f"{request.method} {request.url.copy_with(query=None)}" if request is not None else "request"


def _request_of(response: httpx.Response) -> httpx.Request | None:
    try:
        return response.request
    except RuntimeError:  # a Response built by hand, without the request it answers
        return None


class APIConnectionError(APIError):
    """The request did not get an HTTP response (DNS, refused, reset, dropped mid-response)."""

    def __init__(self, *, request: httpx.Request | None, cause: BaseException | None = None) -> None:
        reason = ""
        if cause is not None:
            # Some exceptions (asyncio's timeouts) have no text of their own.
            reason = f": {type(cause).__name__}: {cause}" if str(cause) else f": {type(cause).__name__}"
        super().__init__(f"{_describe(request)} failed to get a response{reason}", request=request)


class APITimeoutError(APIConnectionError):
    """The attempt took longer than its timeout (which bounds the whole attempt, body included)."""


class ResponseTooLargeError(APIError):
    """The decoded response body grew past ``max_response_bytes``; reading stopped there."""

    limit: int
    """The ``max_response_bytes`` it grew past."""

    def __init__(self, request: httpx.Request | None, limit: int) -> None:
        super().__init__(
            f"{_describe(request)}: the response body is larger than max_response_bytes={limit}; "
            "if that is expected, raise the limit (ServerlessTraining(max_response_bytes=...))",
            request=request,
        )
        self.limit = limit


class UnsupportedEncodingError(APIError):
    """The server compressed the body with an encoding the SDK did not ask for and cannot decode."""

    encoding: str
    """The ``Content-Encoding`` it used."""

    def __init__(self, request: httpx.Request | None, encoding: str) -> None:
        super().__init__(
            f"{_describe(request)}: the response uses Content-Encoding {encoding!r}; "
            "only gzip and deflate were accepted",
            request=request,
        )
        self.encoding = encoding


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The id the server (or the proxy in front of it) gave a request, for a support ticket."""
    return next((headers[name] for name in REQUEST_ID_HEADERS if name in headers), None)


def _excerpt(text: str) -> str:
    return text if len(text) <= _BODY_EXCERPT else text[:_BODY_EXCERPT] + f"... ({len(text)} chars)"


class APIStatusError(APIError):
    """The API answered with a status that is not a declared success of the operation
    (4xx, 5xx, or see ``UnexpectedStatusError``). ``body`` is the decoded JSON, else the text,
    with the API key and bearer credentials redacted."""

    response: httpx.Response
    """The HTTP response, its body read."""
    status_code: int
    """Its HTTP status."""
    retry_after: float | None
    """Seconds the server asked to wait before a retry (``retry-after-ms`` or ``Retry-After``)."""
    body: Any
    """The decoded JSON body, else its text; keys and bearer credentials redacted."""
    request_id: str | None
    """The id the server gave the request (``x-request-id`` and the like), for a support ticket."""

    def __init__(
        self, response: httpx.Response, *, body: Any = None, retry_after: float | None = None
    ) -> None:
        self.response = response
        self.status_code = response.status_code
        self.retry_after = retry_after
        self.body = redact_json(body if body is not None else response.text)
        self.request_id = request_id_of(response.headers)
        rid = f" (request id {self.request_id})" if self.request_id else ""
        detail = _excerpt(self._detail() or response.text)
        request = _request_of(response)
        super().__init__(
            f"{_describe(request)} returned {response.status_code} {response.reason_phrase}{rid}: {detail}",
            request=request,
        )

    def _detail(self) -> str | None:
        """A readable account of the error body, when this status has one."""
        return None


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or expired: check WANDB_API_KEY."""


class PermissionDeniedError(APIStatusError):
    """403: the key is valid but may not do this (entity or project access)."""


class NotFoundError(APIStatusError):
    """404: no such model, checkpoint or training job."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's current state."""


class ValidationItem(NamedTuple):
    """One item of a 422 body: where (``loc``), what (``msg``) and which rule (``type``)."""

    loc: tuple[str | int, ...]
    msg: str
    type: str


class UnprocessableEntityError(APIStatusError):
    """422: the server's request validation refused the body or parameters; see ``errors``."""

    @property
    def errors(self) -> list[ValidationItem]:
        """The spec's validation items (``loc``, ``msg``, ``type``) from the body."""
        return validation_items(self.body)

    def _detail(self) -> str | None:
        items = self.errors
        shown = [f"{'.'.join(map(str, e.loc))}: {e.msg} ({e.type})" for e in items[:_ITEMS_SHOWN]]
        more = f"; and {len(items) - _ITEMS_SHOWN} more (see .errors)" if len(items) > _ITEMS_SHOWN else ""
        return "; ".join(shown) + more or None


def _location(loc: object) -> tuple[str | int, ...]:
    """A 422 ``loc`` as a tuple, whatever a misbehaving server put there."""
    if loc is None:
        return ()
    parts = loc if isinstance(loc, list | tuple) else [loc]
    return tuple(p if isinstance(p, int) and not isinstance(p, bool) else str(p) for p in parts)


def validation_items(body: Any) -> list[ValidationItem]:
    """The FastAPI validation items of an error body (``{"detail": [...]}``), else none."""
    detail = body.get("detail") if isinstance(body, Mapping) else None
    if not isinstance(detail, list):
        return []
    return [
        ValidationItem(
            loc=_location(item.get("loc")), msg=str(item.get("msg", "")), type=str(item.get("type", ""))
        )
        for item in detail
        if isinstance(item, Mapping)
    ]


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds, if any."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; idempotent requests were already retried (except 501)."""


class UnexpectedStatusError(APIStatusError):
    """A status below 400 that the spec does not declare for this operation (a 201, 202 or a
    redirect, which is never followed with the key): the body is not what the SDK can return."""


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the spec (or, streamed, an event that is not a
    chunk); ``body`` holds the raw text (of that event)."""

    response: httpx.Response
    """The HTTP response."""
    status_code: int
    """Its HTTP status (a success)."""
    body: str
    """The body's text (a stream's: the event's), keys redacted."""
    problem: str
    """How the body breaks the spec (where, and the rule)."""

    def __init__(self, response: httpx.Response, problem: str, *, body: str | None = None) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = redact(response.text if body is None else body)
        self.problem = problem
        request = _request_of(response)
        super().__init__(
            f"{_describe(request)} returned {response.status_code} with a body that does not match the "
            f"API spec: {problem}. Body: {_excerpt(self.body) or '<empty>'}",
            request=request,
        )


class APIStreamError(APIError):
    """The server reported an error inside a stream it had begun (``data: {"error": ...}``), after
    a success status. ``message``, ``code`` and ``type`` are the error's; ``body`` all of it."""

    response: httpx.Response
    """The stream's HTTP response."""
    body: Any
    """The error object as the server sent it, keys redacted."""
    code: str | int | None
    """The error's ``code`` as the server sent it (OpenAI's are text; some servers send a status)."""
    type: str | None
    """The error's ``type``, when it has one."""
    event: int
    """The number of the event (from 1) that reported it."""

    def __init__(self, response: httpx.Response, error: Any, *, event: int) -> None:
        self.response = response
        self.body = redact_json(error)
        fields = self.body if isinstance(self.body, Mapping) else {"message": self.body}
        reason = str(fields.get("message") or fields)
        code, kind = fields.get("code"), fields.get("type")
        self.code = code if code is None or isinstance(code, str | int) else str(code)
        self.type = None if kind is None else str(kind)
        self.event = event
        request = _request_of(response)
        super().__init__(
            f"{_describe(request)}: the stream reported an error at event {event}: {_excerpt(reason)}",
            request=request,
        )
        self.message = reason


class TrainingJobFailedError(ServerlessTrainingError):
    """The training job reported ``training_failed``; ``message`` is the server's reason."""

    job_id: str
    """The job that failed."""
    event: Any
    """The ``training_failed`` event (a ``TrainingJobEventResponse``)."""

    def __init__(self, job_id: str, message: str, event: Any) -> None:
        super().__init__(f"training job {job_id} failed: {message}")
        self.job_id = job_id
        self.message = message
        self.event = event


class TrainingJobTimeoutError(ServerlessTrainingError, TimeoutError):
    """``wait()`` gave up before the job ended; the job itself keeps running. ``last_event_id``
    resumes a later ``wait(job_id, after=...)`` where this one stopped."""

    job_id: str
    """The job, still running."""
    timeout: float
    """The seconds ``wait()`` was given."""
    events_seen: int
    """How many of the job's events it handed out."""
    last_event_id: str | None
    """The last event id seen: ``wait(job_id, after=last_event_id)`` goes on from there."""

    def __init__(self, job_id: str, timeout: float, *, events_seen: int, last_event_id: str | None) -> None:
        super().__init__(
            f"training job {job_id} did not end within {timeout:g}s "
            f"({events_seen} event{'' if events_seen == 1 else 's'} seen; "
            f"resume with after={last_event_id!r})"
        )
        self.job_id = job_id
        self.timeout = timeout
        self.events_seen = events_seen
        self.last_event_id = last_event_id


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for a status that is not a result."""
    if status_code >= 500:
        return InternalServerError
    if status_code < 400:
        return UnexpectedStatusError
    return _STATUS_ERRORS.get(status_code, APIStatusError)
