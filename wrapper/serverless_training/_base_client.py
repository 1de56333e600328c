"""The one request path of the sync and async clients: settings, auth, the pooled httpx client,
and how ``RequestOptions`` become a parsed result (with retries, the typed errors, listings and
streams). The generated resources call ``_request``, ``_paginate`` and ``_stream``.
"""

from __future__ import annotations

import copy
import os
import types
import weakref
from collections.abc import Callable, Generator, Mapping
from functools import cached_property
from typing import Any, TypeVar

import anyio
import anyio.lowlevel
import attrs
import httpx
from typing_extensions import Self

from ._config import ClientConfig, as_timeout, log_from_env
from ._constants import ACCEPT_ENCODING, EVENT_STREAM, USER_AGENT
from ._logging import install_redaction
from ._options import RequestOptions
from ._pagination import AsyncCursorPage, AsyncPaginator, PagePlan, SyncCursorPage, _HasId, _RawPage
from ._response import check_status, parse_response, record_response
from ._retry import RetryPolicy
from ._spec import max_page_size
from ._streaming import AsyncStream, EventReader, Stream, StreamChunk
from ._transport import AttemptLimits, asend, send

__all__ = ["AsyncAPIClient", "SyncAPIClient"]

T = TypeVar("T")
Chunk = TypeVar("Chunk", bound=StreamChunk)
Item = TypeVar("Item", bound=_HasId)


class _BearerAuth(httpx.Auth):
    """Adds the API key per request, so it is in no client's headers, repr or log line."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "<BearerAuth api_key=<redacted>>"


@attrs.define(eq=False)
class _Pool:
    """The httpx client a client and its ``with_options`` clones share, and what its connections
    belong to: a process and, for the async client, an event loop, with the concurrency slots made
    in it. Renewed in place, so each clone goes on sharing the new one."""

    http: Any
    owned: bool  # built by the SDK (closed and renewed by it), not a caller's http_client
    pid: int = attrs.field(factory=os.getpid)
    loop: Callable[[], object | None] | None = None
    slots: anyio.Semaphore | None = None


class _BaseClient:
    """What the sync and async clients share: resolved settings, auth, the retry policy, the
    connection pool, and how a call's options become an ``httpx.Request``."""

    _asynchronous: bool

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        retry: RetryPolicy | None,
        allow_insecure_http: bool,
        default_headers: Mapping[str, str] | None,
        max_response_bytes: int | None,
        http_client: httpx.Client | httpx.AsyncClient | None,
    ) -> None:
        self._config = ClientConfig.resolve(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            allow_insecure_http=allow_insecure_http,
            max_response_bytes=max_response_bytes,
        )
        policy = retry or RetryPolicy()
        self._retry = policy if max_retries is None else policy.with_max_retries(max_retries)
        self._auth = _BearerAuth(self._config.api_key)
        self._base_url = str(self._config.base_url)
        self._headers = {
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,  # what the SDK decodes within max_response_bytes
            **(default_headers or {}),
        }
        # A caller's client is left as configured; our headers then travel with each request.
        owned = http_client is None
        self._per_request_headers: dict[str, str] = {} if owned else self._headers
        install_redaction(self._config.api_key)
        log_from_env()
        self._pool = _Pool(self._build_http() if http_client is None else http_client, owned=owned)

    def _build_http(self) -> Any:
        """The client's own pooled httpx client (sync or async, as the client is)."""
        # httpcore loads with the first client, not with `import serverless_training`, as httpx too
        # loads it with its first transport.
        from ._pool import default_http_client  # noqa: PLC0415

        return default_http_client(
            asynchronous=self._asynchronous, headers=self._headers, api_url=self._base_url
        )

    @property
    def _http(self) -> Any:
        """The httpx client in use (shared with ``with_options`` clones)."""
        return self._pool.http

    @property
    def base_url(self) -> str:
        """The API root every request goes to."""
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The default timeout of each request."""
        return self._config.timeout

    @property
    def max_retries(self) -> int:
        """How many times an idempotent request is retried by default."""
        return self._retry.max_retries

    @property
    def max_response_bytes(self) -> int:
        """The largest decoded response body a call accepts."""
        return self._config.max_response_bytes

    def _would_retry(self, method: str, error: BaseException) -> bool:
        """Whether this client's retry policy retries ``error`` of a ``method`` request."""
        return self._retry.should_retry(method, error)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A client like this one with some settings changed (None: as this one), sharing its
        connection pool, also once a fork or a new event loop renews it:
        ``client.with_options(timeout=300).models.create(...)``. Closing either closes the pool
        they share."""
        clone = copy.copy(self)
        # Resources made on first access belong to the client that made them.
        for name in _cached_names(type(self)):
            clone.__dict__.pop(name, None)
        if timeout is not None:
            clone._config = attrs.evolve(self._config, timeout=as_timeout(timeout))
        policy = retry or self._retry
        clone._retry = policy if max_retries is None else policy.with_max_retries(max_retries)
        if default_headers:
            clone._per_request_headers = {**self._per_request_headers, **default_headers}
        return clone

    def _limits(self, options: RequestOptions[Any]) -> tuple[httpx.Timeout, AttemptLimits]:
        timeout = self._config.timeout_for(options.timeout)
        return timeout, self._config.attempt_limits(timeout)

    def _build_request(
        self, options: RequestOptions[Any], timeout: httpx.Timeout, *, stream: bool
    ) -> httpx.Request:
        kwargs = options.httpx_kwargs(self._base_url, timeout)
        kwargs["headers"] = {**self._per_request_headers, **kwargs["headers"]}
        if stream:
            kwargs["headers"]["Accept"] = EVENT_STREAM
        built: httpx.Request = self._http.build_request(**kwargs)
        return built

    def _event_reader(self, response: httpx.Response, chunk_type: type[Chunk]) -> EventReader[Chunk]:
        """How a stream's events are read: the read timeout between whole events (the call's, as its
        request carries it), the size cap per event."""
        between_events = response.request.extensions["timeout"]["read"]
        return EventReader(
            response, chunk_type, between_events=between_events, max_bytes=self._config.max_response_bytes
        )

    @staticmethod
    def _page_plan(options: RequestOptions[Any], max_items: int | None) -> PagePlan:
        """The paging of one listing; its ``after`` and ``limit`` were checked with its options."""
        return PagePlan.of(
            after=options.params.get("after"),
            limit=options.params.get("limit"),
            max_items=max_items,
            max_limit=max_page_size(options.endpoint),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"


def _cached_names(cls: type) -> set[str]:
    return {
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, cached_property)
    }


class SyncAPIClient(_BaseClient):
    """The sync request path; ``ServerlessTraining`` adds its resources."""

    _asynchronous = False

    def _request(self, options: RequestOptions[T]) -> T:
        """Send a call with retries, map failures, parse the result."""
        return parse_response(options.endpoint, self._send(options, stream=False))

    def _stream(self, options: RequestOptions[Any], chunk_type: type[Chunk]) -> Stream[Chunk]:
        """A streamed answer: retried (as the method allows) until its headers arrive, never after."""
        response = self._send(options, stream=True)
        return Stream(response, self._event_reader(response, chunk_type))

    def _send(self, options: RequestOptions[Any], *, stream: bool) -> httpx.Response:
        timeout, limits = self._limits(options)

        def attempt() -> httpx.Response:
            http = self._connection()
            response = send(
                http, self._build_request(options, timeout, stream=stream), self._auth, limits, stream=stream
            )
            check_status(options.endpoint, response)
            return response

        response = self._retry.call(
            options.method, options.max_retries, attempt, repeatable=options.repeatable
        )
        record_response(response)
        return response

    def _connection(self) -> httpx.Client:
        """The pooled client. In a forked child, a fresh pool of our own: sockets shared with the
        parent would hand one process the other's answers. The parent's pool is dropped, not
        closed (closing would end the parent's TLS sessions); a caller's client is the caller's."""
        pool = self._pool
        if pool.pid != os.getpid():
            pool.pid = os.getpid()
            if pool.owned:
                pool.http = self._build_http()
        http: httpx.Client = pool.http
        return http

    def _paginate(
        self, options: RequestOptions[_RawPage[Item]], *, max_items: int | None
    ) -> SyncCursorPage[Item]:
        """A cursor listing: the first page now, the others as the caller iterates."""
        plan = self._page_plan(options, max_items)

        def fetch(cursor: str | None, remaining: int | None) -> _RawPage[Item]:
            return self._request(options.page(cursor, plan.page_limit(remaining)))

        return SyncCursorPage.first(fetch, after=plan.after, max_items=plan.max_items)

    def close(self) -> None:
        """Close the pooled connection (unless it belongs to a caller-supplied ``http_client``)."""
        if self._pool.owned:
            self._pool.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    """The async request path; ``AsyncServerlessTraining`` adds its resources."""

    _max_concurrent_requests: int | None = None
    _asynchronous = True

    async def _request(self, options: RequestOptions[T]) -> T:
        """Send a call with retries, map failures, parse the result."""
        return parse_response(options.endpoint, await self._send(options, stream=False))

    async def _stream(self, options: RequestOptions[Any], chunk_type: type[Chunk]) -> AsyncStream[Chunk]:
        """A streamed answer: retried (as the method allows) until its headers arrive, never after."""
        response = await self._send(options, stream=True)
        return AsyncStream(response, self._event_reader(response, chunk_type))

    async def _send(self, options: RequestOptions[Any], *, stream: bool) -> httpx.Response:
        timeout, limits = self._limits(options)
        response = await self._retry.acall(
            options.method,
            options.max_retries,
            lambda: self._attempt(options, timeout, limits, stream),
            repeatable=options.repeatable,
        )
        record_response(response)
        return response

    async def _attempt(
        self, options: RequestOptions[Any], timeout: httpx.Timeout, limits: AttemptLimits, stream: bool
    ) -> httpx.Response:
        """One attempt; with ``max_concurrent_requests`` set, in a concurrency slot (the wait for
        the slot is not part of its deadline, sleeps between retries hold none, and a stream holds
        its slot until its headers arrive)."""
        http = self._connection()
        request = self._build_request(options, timeout, stream=stream)
        if self._max_concurrent_requests is None:
            response = await asend(http, request, self._auth, limits, stream=stream)
        else:
            pool = self._pool
            if pool.slots is None:  # made on first use, inside the event loop
                # fast_acquire: a free slot is taken without a trip round the loop; the request
                # yields at its first socket operation.
                pool.slots = anyio.Semaphore(self._max_concurrent_requests, fast_acquire=True)
            async with pool.slots:
                response = await asend(http, request, self._auth, limits, stream=stream)
        check_status(options.endpoint, response)
        return response

    def _connection(self) -> httpx.AsyncClient:
        """The pooled client for the running event loop and process. A client used from a second
        ``asyncio.run()`` (notebooks, test runners), or in a forked child, gets a fresh pool of its
        own and fresh concurrency slots: the old connections belong to a closed loop or to the
        parent, and are dropped, not closed. A caller's client is the caller's to renew."""
        pool, loop = self._pool, _running_loop()
        if pool.pid != os.getpid() or (pool.loop is not None and pool.loop() is not loop):
            pool.slots = None
            if pool.owned:
                pool.http = self._build_http()
        pool.pid = os.getpid()
        pool.loop = None if loop is None else _weak(loop)
        http: httpx.AsyncClient = pool.http
        return http

    def _paginate(
        self, options: RequestOptions[_RawPage[Item]], *, max_items: int | None, prefetch: bool
    ) -> AsyncPaginator[Item]:
        """A cursor listing: awaited for its first page, or iterated for every item."""
        plan = self._page_plan(options, max_items)

        async def fetch(cursor: str | None, remaining: int | None) -> _RawPage[Item]:
            return await self._request(options.page(cursor, plan.page_limit(remaining)))

        return AsyncPaginator(
            lambda: AsyncCursorPage.first(
                fetch, after=plan.after, max_items=plan.max_items, prefetch=prefetch
            )
        )

    async def close(self) -> None:
        """Close the pooled connection (unless it belongs to a caller-supplied ``http_client``). Its
        connections are dropped instead when they belong to another event loop (which cannot be
        asked to close them once it has)."""
        pool = self._pool
        if not pool.owned:
            return
        if pool.loop is not None and pool.loop() is not _running_loop():
            pool.http = self._build_http()
            return
        await pool.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        await self.close()


def _weak(loop: object) -> Callable[[], object | None]:
    """A reference to ``loop`` that does not keep it alive, where it allows one (asyncio's does)."""
    try:
        return weakref.ref(loop)
    except TypeError:  # a loop token without weak references: kept, it is small
        return lambda: loop


def _running_loop() -> object | None:
    """The event loop running in this thread (asyncio's or trio's), None outside one."""
    try:
        return anyio.lowlevel.current_token().native_token
    except RuntimeError:
        return None
