"""The clients' own transports: httpx's, on httpcore pools that assign requests in one pass and
whose sync sockets end every read and write at the attempt's deadline.

Every read of httpx's or httpcore's private state is in this module, each pinned by a test in
tests/test_connections.py that fails when upstream changes it. httpcore loads with the first client
(``_base_client`` imports this module then), as httpx itself loads it with its first transport.
"""

from __future__ import annotations

import ssl
import time
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from ._constants import CONNECTION_LIMITS
from ._transport import current_deadline, proxied

__all__ = [
    "DeadlineTransport",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "PooledAsyncTransport",
    "default_http_client",
]


def _remaining(timeout: float | None, expired: type[Exception]) -> float | None:
    """The smaller of ``timeout`` and the time left before this attempt's deadline."""
    deadline = current_deadline()
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
    """httpcore's socket backend, with ``_DeadlineStream`` around every connection (TCP only: the
    pool it serves is given no Unix socket and no connect retries, so it asks for nothing else)."""

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


def _own_transport(kwargs: dict[str, Any]) -> bool:
    """Whether a default client gets the SDK's transport: not when the caller chose a transport,
    a proxy or mounts, nor when the environment names a proxy (httpx routes through one only with
    its own transport; the deadline is then checked between body chunks)."""
    chosen = {"transport", "proxy", "mounts"} & kwargs.keys()
    return not chosen and not (kwargs.get("trust_env", True) and urllib.request.getproxies())


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` built as the SDK builds its own, to configure further and pass as
    ``http_client=``: the transport that ends each attempt at its deadline (``verify`` goes to it)
    and the SDK's connection limits; any other httpx setting as you like. With ``proxy=``,
    ``mounts=`` or a proxy in the environment, httpx's own transport is used."""

    def __init__(self, *, verify: Any = True, **kwargs: Any) -> None:
        if _own_transport(kwargs):
            kwargs["transport"] = DeadlineTransport(verify=verify)
        kwargs.setdefault("limits", CONNECTION_LIMITS)
        super().__init__(verify=verify, **kwargs)


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """The async twin of ``DefaultHttpxClient``: an ``httpx.AsyncClient`` with the SDK's pooled
    transport and connection limits (its attempts are cancelled at their deadline by the SDK)."""

    def __init__(self, *, verify: Any = True, **kwargs: Any) -> None:
        if _own_transport(kwargs):
            kwargs["transport"] = PooledAsyncTransport(verify=verify)
        kwargs.setdefault("limits", CONNECTION_LIMITS)
        super().__init__(verify=verify, **kwargs)


def default_http_client(
    *, asynchronous: bool, headers: dict[str, str], api_url: str
) -> httpx.Client | httpx.AsyncClient:
    """The httpx client an SDK client builds for itself: its own transport, unless the environment
    sends ``api_url`` through a proxy (httpx routes through one only with its own transport)."""
    if asynchronous:
        async_transport = None if proxied(api_url) else PooledAsyncTransport()
        return DefaultAsyncHttpxClient(headers=headers, transport=async_transport)
    return DefaultHttpxClient(headers=headers, transport=None if proxied(api_url) else DeadlineTransport())
