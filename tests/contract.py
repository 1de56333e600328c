"""A pytest-httpserver front that judges every exchange against openapi.json with openapi-core.

Requests the SDK sends are validated (method, raw path, query, Authorization scheme, JSON body)
before a handler sees them; a violation is answered with 599 and recorded, so the test fails.
Replies are validated against the spec's response schema before they are sent, unless a test
marks one ``off_spec`` on purpose (fault injection).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIResponse
from openapi_core.datatypes import RequestParameters
from pytest_httpserver import HTTPServer
from werkzeug.datastructures import Headers, ImmutableMultiDict
from werkzeug.wrappers import Request, Response

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    operation_id: str  # the vendored spec's own operationId
    method: str
    template: str
    pattern: re.Pattern[str]


def spec_operations(spec: dict[str, Any] = SPEC) -> list[Operation]:
    """Every operation of ``spec``, with a regex matching its raw (still encoded) path."""
    ops = []
    for path, item in spec["paths"].items():
        regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        for method, op in item.items():
            if method in METHODS:
                ops.append(Operation(op["operationId"], method.upper(), path, re.compile(regex)))
    return ops


OPERATIONS = spec_operations()
OPENAPI = OpenAPI.from_dict(SPEC)


@dataclass
class Reply:
    status: int = 200
    body: Any = b""  # bytes are sent as they are; anything else as JSON (None -> null)
    headers: dict[str, str] = field(default_factory=dict)
    off_spec: bool = False  # a deliberately invalid reply: skip response validation
    delay: float = 0.0


@dataclass
class Seen:
    operation: Operation
    method: str
    raw_path: str
    query: list[tuple[str, str]]
    headers: Headers
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


class _RawPathRequest:
    """openapi-core's request protocol over the raw path the server received."""

    def __init__(self, request: Request, raw_path: str) -> None:
        self.host_url = request.host_url
        self.path = raw_path
        self.method = request.method.lower()
        self.body = request.get_data(as_text=False)
        self.content_type = request.content_type or "application/octet-stream"
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.args), header=Headers(request.headers), cookie=request.cookies
        )


Handler = Callable[[Seen], Reply]


class ContractServer:
    def __init__(self, httpserver: HTTPServer) -> None:
        self.httpserver = httpserver
        self.openapi = OPENAPI
        self.handlers: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self.violations: list[str] = []
        self._lock = threading.Lock()
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)

    @property
    def url(self) -> str:
        return self.httpserver.url_for("/").rstrip("/")

    def on(self, operation_id: str, handler: Handler | Reply | list[Reply]) -> None:
        """Answer ``operation_id`` with a handler, one fixed reply, or replies in turn (last repeats)."""
        if operation_id not in {op.operation_id for op in OPERATIONS}:
            raise KeyError(f"{operation_id} is not an operation of openapi.json")
        if isinstance(handler, Reply):
            fixed = handler
            self.handlers[operation_id] = lambda seen: fixed
        elif isinstance(handler, list):
            queue = list(handler)
            self.handlers[operation_id] = lambda seen: queue.pop(0) if len(queue) > 1 else queue[0]
        else:
            self.handlers[operation_id] = handler

    def calls(self, operation_id: str) -> list[Seen]:
        return [s for s in self.seen if s.operation.operation_id == operation_id]

    def _violation(self, message: str) -> Response:
        with self._lock:
            self.violations.append(message)
        return Response(json.dumps({"contract_violation": message}), status=599, mimetype="application/json")

    def _dispatch(self, request: Request) -> Response:
        raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI") or request.full_path
        raw_path, _, raw_query = raw.partition("?")
        match = [op for op in OPERATIONS if op.pattern.match(raw_path)]
        op = next((o for o in match if o.method == request.method), None)
        if op is None:
            return self._violation(f"{request.method} {raw_path} is not an operation of the spec")
        try:
            self.openapi.validate_request(_RawPathRequest(request, raw_path))
        except Exception as exc:  # the validator's own message is the point
            detail = "; ".join(str(e) for e in getattr(exc, "schema_errors", ()) or ())
            return self._violation(f"{op.operation_id}: request violates the spec: {exc} {detail}".strip())
        seen = Seen(
            op,
            request.method,
            raw_path,
            parse_qsl(raw_query, keep_blank_values=True),
            Headers(request.headers),
            request.get_data(),
        )
        with self._lock:
            self.seen.append(seen)
        handler = self.handlers.get(op.operation_id)
        if handler is None:
            return self._violation(f"{op.operation_id}: the test registered no handler")
        reply = handler(seen)
        if reply.delay:
            time.sleep(reply.delay)
        payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        headers = {"Content-Type": "application/json", **reply.headers}
        response = Response(payload, status=reply.status, headers=headers)
        if not reply.off_spec:
            try:
                self.openapi.validate_response(
                    _RawPathRequest(request, raw_path), WerkzeugOpenAPIResponse(response)
                )
            except Exception as exc:
                detail = "; ".join(str(e) for e in getattr(exc, "schema_errors", ()) or ())
                return self._violation(
                    f"{op.operation_id}: the test's reply violates the spec: {exc} {detail}"
                )
        return response

    def assert_clean(self) -> None:
        assert not self.violations, "contract violations:\n" + "\n".join(self.violations)


def decoded_path_segment(seen: Seen, index: int) -> str:
    """The percent-decoded path segment ``index`` of a request the server saw."""
    return unquote(seen.raw_path.split("/")[index])


@dataclass(frozen=True)
class PlainRequest:
    """openapi-core's request protocol over plain values (method, raw URL, headers, body)."""

    host_url: str
    path: str
    method: str
    body: bytes
    content_type: str
    parameters: RequestParameters

    @classmethod
    def of(cls, method: str, url: str, headers: dict[str, str], body: bytes) -> PlainRequest:
        split = urlsplit(url)
        header_map = Headers(list(headers.items()))
        return cls(
            host_url=f"{split.scheme or 'http'}://{split.netloc or 'fake'}",
            path=split.path,
            method=method.lower(),
            body=body,
            content_type=header_map.get("content-type", "application/octet-stream"),
            parameters=RequestParameters(
                query=ImmutableMultiDict(parse_qsl(split.query, keep_blank_values=True)),
                header=header_map,
                cookie=ImmutableMultiDict(),
            ),
        )


@dataclass(frozen=True)
class PlainResponse:
    status_code: int
    data: bytes
    headers: Headers
    content_type: str


def judge_exchange(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
    reply_headers: dict[str, str],
    reply: bytes,
) -> list[str]:
    """What is wrong with one exchange by the spec: a spec-valid request must get a declared status
    with a body of its schema (or an error the spec cannot declare, shaped ``{"detail": str}``), and
    a request the spec refuses must get 422 (401 without a key, 404 or 405 off the routes)."""
    request = PlainRequest.of(method, url, headers, body)
    where = f"{method} {request.path}"
    declared = {
        str(code)
        for op in OPERATIONS
        if op.pattern.match(request.path) and op.method == method.upper()
        for code in SPEC["paths"][op.template][op.method.lower()]["responses"]
    }
    try:
        OPENAPI.validate_request(request)
        request_ok = True
    except Exception as exc:
        request_ok, refusal = False, exc
    if not request_ok and status not in (401, 404, 405, 422):
        return [f"{where}: the spec refuses this request ({refusal}) but the fake answered {status}"]
    if str(status) in declared:
        response = PlainResponse(status, reply, Headers(list(reply_headers.items())), "application/json")
        try:
            OPENAPI.validate_response(request, response)
        except Exception as exc:
            detail = "; ".join(str(e) for e in getattr(exc, "schema_errors", ()) or ())
            return [f"{where}: reply {status} violates the spec: {exc} {detail}".strip()]
        return []
    parsed = json.loads(reply) if reply else None
    if not (isinstance(parsed, dict) and isinstance(parsed.get("detail"), str)):
        return [f"{where}: undeclared status {status} without a {{'detail': str}} body: {reply[:200]!r}"]
    return []
