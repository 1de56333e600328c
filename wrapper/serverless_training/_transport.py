"""One attempt on the wire: a deadline for the whole attempt and a cap on the decoded body.

httpx's timeouts bound each read separately, so a server that trickles a byte before every read
deadline (or repeats ``102 Processing``) keeps a request open for ever. Here an attempt gets one
deadline: the sync client's own transport (``DeadlineTransport``) ends every socket read and write
at it, any other sync transport (a caller's, or httpx's when the environment names a proxy) is
checked between body chunks, and an async attempt is cancelled at it. The body is read as raw bytes
and decoded here with a bound, so a small gzip bomb cannot grow past ``max_response_bytes`` in
memory. The clients' own transports' pools never reuse a kept-alive connection that holds bytes
after a complete response, so a stray second answer is never taken for the next request's.

Every read of httpx's or httpcore's private state is in this module, each pinned by a test in
tests/test_connections.py that fails when upstream changes it.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import time
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import anyio
import attrs
import httpcore
import httpx

from ._constants import CONNECTION_LIMITS, EVENT_STREAM
from ._errors import APIConnectionError, APITimeoutError, ResponseTooLargeError, UnsupportedEncodingError

__all__ = [
    "AttemptLimits",
    "DeadlineTransport",
    "Inflater",
    "PooledAsyncTransport",
    "asend",
    "attempt_budget",
    "deadline_scope",
    "is_event_stream",
    "proxied",
    "send",
]

# The deadline (time.monotonic()) of the attempt running in this thread or task, if any.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("attempt_deadline", default=None)


@contextlib.contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Socket reads and writes of ``DeadlineTransport`` in this block end by ``deadline``
    (``time.monotonic()``)."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _remaining(timeout: float | None, expired: type[Exception]) -> float | None:
    """The smaller of ``timeout`` and the time left before this attempt's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the attempt's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(
            ssl_context, server_hostname, _remaining(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, with ``_DeadlineStream`` around every connection."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _remaining(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(
            path, _remaining(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def proxied(url: str) -> bool:
    """Whether the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, less NO_PROXY) sends requests
    to ``url`` through a proxy. httpx routes through one only with its own transport, so the sync
    client then uses httpx's transport; for a host reached directly it keeps ``DeadlineTransport``."""
    target = httpx.URL(url)
    proxies = urllib.request.getproxies()
    if not (proxies.get(target.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(target.host)


def _holds_a_stray_answer(connection: Any) -> bool:
    """Whether an idle pooled HTTP/1.1 connection has bytes buffered that no request asked for.

    A server that answers one request twice, in one write, leaves the second answer in h11's
    buffer, where the next request on that connection would read it as its own. (Bytes arriving
    later make the idle socket readable, and httpcore drops such a connection itself.) httpcore
    keeps its h11 state private: this looks for it and is silent where it is not there (HTTP/2).
    """
    h11_state = getattr(getattr(connection, "_connection", None), "_h11_state", None)
    return h11_state is not None and bool(h11_state.trailing_data[0])


class _OnePassAssignment:
    """httpcore 1.0's connection pools, with requests assigned to connections in one pass.

    httpcore 1.0.9 (its newest release) re-counts every connection once per idle connection, and
    probes every idle socket, each time a request starts or ends: quadratic in open connections,
    most of the client's CPU at rollout concurrency (benchmarks/chat.py). This is its algorithm
    with the count taken once, an idle connection's expiry checked when it is about to be reused
    (as before, an expired or server-closed connection is never reused), and a connection already
    given to a request that has not started on it neither closed as surplus nor given to a second
    request (httpcore did both, and the request then went round the pool again), as httpcore2 does.
    HTTP/1.1 only, as the transports that use it: one request per connection at a time.
    It overrides a private method, so httpcore is pinned below 1.1 and a test fails if the method
    or the attributes it reads go away.
    """

    _connections: list[Any]
    _requests: list[Any]
    _max_connections: int
    _max_keepalive_connections: int

    create_connection: Callable[[httpcore.Origin], Any]  # the pool's own

    def _assign_requests_to_connections(self) -> list[Any]:
        live = [connection for connection in self._connections if not connection.is_closed()]
        # Connections given to a request that has not started on them yet: still idle, but taken.
        reserved = {id(request.connection) for request in self._requests if request.connection is not None}
        closing = []
        surplus = len(live) - self._max_keepalive_connections  # httpcore counts every connection
        for connection in list(live):
            if surplus <= 0:
                break
            if connection.is_idle() and id(connection) not in reserved:
                live.remove(connection)
                closing.append(connection)
                surplus -= 1
        self._connections = live
        for pool_request in [request for request in self._requests if request.is_queued()]:
            origin = pool_request.request.url.origin
            connection = _reusable(live, reserved, closing, origin)
            if connection is None and len(live) >= self._max_connections:
                idle = next((c for c in live if c.is_idle() and id(c) not in reserved), None)
                if idle is None:
                    continue  # every connection is busy: the request waits its turn
                live.remove(idle)
                closing.append(idle)
            if connection is None:
                connection = self.create_connection(origin)
                live.append(connection)
            pool_request.assign_to_connection(connection)
            reserved.add(id(connection))
        return closing


def _reusable(live: list[Any], reserved: set[int], closing: list[Any], origin: httpcore.Origin) -> Any:
    """The first connection that can take a request to ``origin`` now and is not reserved for
    another. An idle one whose keep-alive expired, that the server closed (its socket readable),
    or that holds a stray answer, is moved to ``closing`` instead."""
    for connection in list(live):
        if id(connection) in reserved or not (
            connection.can_handle_request(origin) and connection.is_available()
        ):
            continue
        if connection.is_idle() and (connection.has_expired() or _holds_a_stray_answer(connection)):
            live.remove(connection)
            closing.append(connection)
            continue
        return connection
    return None


class _ConnectionPool(_OnePassAssignment, httpcore.ConnectionPool):
    """httpcore's sync pool, assigning in one pass (``DeadlineTransport``'s)."""


class _AsyncConnectionPool(_OnePassAssignment, httpcore.AsyncConnectionPool):
    """httpcore's async pool, assigning in one pass (``PooledAsyncTransport``'s)."""


def _pool_options(verify: ssl.SSLContext | bool) -> dict[str, Any]:
    """The settings both transports give their httpcore pool."""
    return {
        "ssl_context": httpx.create_ssl_context(verify=verify),
        "max_connections": CONNECTION_LIMITS.max_connections,
        "max_keepalive_connections": CONNECTION_LIMITS.max_keepalive_connections,
        "keepalive_expiry": CONNECTION_LIMITS.keepalive_expiry,
    }


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's HTTP/1.1 transport (TLS verified, pooled) on a pool that assigns in one pass and
    whose every socket read and write ends at the attempt's deadline.

    Only the pool differs: requests go through httpx's own ``handle_request`` (so tools that
    instrument ``httpx.HTTPTransport``, OpenTelemetry's among them, see them), whose whole state
    is its ``_pool``. A caller's own ``http_client`` keeps its transport; the deadline is then
    checked between body chunks.
    """

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        """``verify``: check the server's certificate (default), or an ``ssl.SSLContext`` to use."""
        self._pool = _ConnectionPool(**_pool_options(verify), network_backend=_DeadlineBackend())


class PooledAsyncTransport(httpx.AsyncHTTPTransport):
    """httpx's async HTTP/1.1 transport (TLS verified, pooled) on a pool that assigns in one pass.
    Its attempts are cancelled at their deadline by the caller (``asend``)."""

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        """``verify``: check the server's certificate (default), or an ``ssl.SSLContext`` to use."""
        self._pool = _AsyncConnectionPool(**_pool_options(verify))


def attempt_budget(timeout: httpx.Timeout) -> float | None:
    """Seconds one attempt may take: the largest configured phase, None when any phase is unbounded."""
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(phase is None for phase in phases):
        return None
    return max(phase for phase in phases if phase is not None)


class Inflater:
    """zlib decompression that never produces more than it is allowed to."""

    @classmethod
    def for_encoding(cls, content_encoding: str) -> Inflater | None:
        """The decoder of a ``Content-Encoding`` header's value; None for identity (or unknown)."""
        wbits = _WBITS.get(content_encoding.strip().lower())
        return None if wbits is None else cls(wbits)

    def __init__(self, wbits: int) -> None:
        """Decompress the zlib format ``wbits`` names (gzip or zlib)."""
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes | None:
        """Decompressed bytes, or None when they would exceed ``room``."""
        try:
            out = self._zlib.decompress(data, room + 1)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise
            # "deflate" is sometimes sent raw, without the zlib header (as httpx also allows).
            self._wbits = -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(self._wbits)
            out = self._zlib.decompress(data, room + 1)
        self._started = True
        return None if len(out) > room else out

    def flush(self) -> bytes:
        return self._zlib.flush()


_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


@attrs.frozen
class AttemptLimits:
    """How long one attempt may take and how large its decoded body may grow."""

    budget: float | None
    max_bytes: int

    def deadline(self) -> float | None:
        """The monotonic time at which an attempt starting now must have ended."""
        return None if self.budget is None else time.monotonic() + self.budget


class BodyReader:
    """Collects a response body chunk by chunk, decoding it, within a size cap and a deadline."""

    __slots__ = ("_body", "_deadline", "_inflater", "_limits", "_response")

    def __init__(self, response: httpx.Response, limits: AttemptLimits, deadline: float | None) -> None:
        self._response = response
        self._limits = limits
        self._deadline = deadline
        self._body = bytearray()
        # A transport that hands back a response already read (httpx.MockTransport) has decoded it.
        encoding = "identity" if response.is_stream_consumed else response.headers.get("content-encoding", "")
        encoding = encoding.strip().lower() or "identity"
        if encoding not in ("identity", "", *_WBITS):
            raise UnsupportedEncodingError(response.request, encoding)
        self._inflater = Inflater.for_encoding(encoding)

    def feed(self, chunk: bytes) -> None:
        """Add one raw chunk from the wire."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise APITimeoutError(request=self._response.request, cause=DeadlineExceeded(self._limits.budget))
        room = self._limits.max_bytes - len(self._body)
        data = chunk if self._inflater is None else self._decode(chunk, room)
        if data is None or len(data) > room:
            raise ResponseTooLargeError(self._response.request, self._limits.max_bytes)
        self._body += data

    def _decode(self, chunk: bytes, room: int) -> bytes | None:
        assert self._inflater is not None
        try:
            return self._inflater.feed(chunk, room)
        except zlib.error as exc:
            raise APIConnectionError(request=self._response.request, cause=exc) from None

    def response(self) -> httpx.Response:
        """The response with its decoded body, complete and already read."""
        if self._inflater is not None:
            tail = self._inflater.flush()
            if len(self._body) + len(tail) > self._limits.max_bytes:
                raise ResponseTooLargeError(self._response.request, self._limits.max_bytes)
            self._body += tail
        # The response httpx produced (the one event hooks saw, with .elapsed since it was closed),
        # given the decoded body through httpx's public stream interface and read as httpx reads.
        response = self._response
        if self._inflater is not None:
            del response.headers["content-encoding"]  # the body it holds now is decoded
        response.stream = httpx.ByteStream(bytes(self._body))
        response.is_stream_consumed = response.is_closed = False
        response.read()
        return response


class DeadlineExceeded(Exception):
    """The cause of an ``APITimeoutError`` raised by the attempt's own deadline."""

    def __init__(self, budget: float | None) -> None:
        super().__init__(f"the attempt did not finish within its {budget:g}s deadline")


def connection_error(request: httpx.Request, exc: Exception) -> APIConnectionError:
    """The typed error for an attempt that got no (complete) response."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return APITimeoutError(request=request, cause=exc)
    return APIConnectionError(request=request, cause=exc)


def is_event_stream(response: httpx.Response) -> bool:
    """Whether the response's body is server-sent events."""
    content_type: str = response.headers.get("content-type", "")
    return content_type.lower().startswith(EVENT_STREAM)


def _opens_a_stream(response: httpx.Response) -> bool:
    """A success answered as server-sent events: its body is the caller's to read, event by event."""
    return response.is_success and is_event_stream(response)


def send(
    http: httpx.Client,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    *,
    stream: bool = False,
) -> httpx.Response:
    """Send ``request`` and read its whole body within ``limits`` (sync). ``stream``: an event
    stream is returned as soon as its headers arrive, its body unread (anything else is read)."""
    deadline = limits.deadline()
    try:
        with deadline_scope(deadline):
            response = http.send(request, auth=auth, stream=True, follow_redirects=False)
            if stream and _opens_a_stream(response):
                return response
            try:
                reader = BodyReader(response, limits, deadline)
                for chunk in (response.content,) if response.is_stream_consumed else response.iter_raw():
                    reader.feed(chunk)
            finally:
                response.close()
            return reader.response()
    except httpx.TransportError as exc:
        raise connection_error(request, exc) from exc


async def asend(
    http: httpx.AsyncClient,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    *,
    stream: bool = False,
) -> httpx.Response:
    """Send ``request`` and read its whole body within ``limits`` (async): the attempt is cancelled
    at its deadline, wherever it is waiting. ``stream`` as for ``send``."""
    deadline = limits.deadline()
    try:
        if deadline is None:
            return await _read_whole(http, request, auth, limits, deadline, stream=stream)
        with anyio.fail_after(max(0.0, deadline - time.monotonic())):
            return await _read_whole(http, request, auth, limits, deadline, stream=stream)
    except TimeoutError:
        raise APITimeoutError(request=request, cause=DeadlineExceeded(limits.budget)) from None
    except httpx.TransportError as exc:
        raise connection_error(request, exc) from exc


async def _read_whole(
    http: httpx.AsyncClient,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    deadline: float | None,
    *,
    stream: bool,
) -> httpx.Response:
    response = await http.send(request, auth=auth, stream=True, follow_redirects=False)
    if stream and _opens_a_stream(response):
        return response
    try:
        reader = BodyReader(response, limits, deadline)
        if response.is_stream_consumed:
            reader.feed(response.content)
        else:
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
    finally:
        await response.aclose()
    return reader.response()
