"""What the sync and async clients do with a request: settings, auth, the one request path with
retries, error mapping and parsing, and cursor listings. The generated resources call ``_request``
and ``_paginate``; ``_client`` builds the public classes on top (with the generated resources).
"""

from __future__ import annotations

import os
import types
import weakref
from collections.abc import Callable, Generator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    import anyio
    from serverless_training_raw.types import Endpoint, RequestSpec, Unset

    from ._operations import Prepared
    from ._pagination import AsyncPaginator, PagePlan, SyncCursorPage, _HasId, _RawPage
    from ._streaming import AsyncStream, EventReader, Stream, StreamChunk

__all__ = ["AsyncAPIClient", "SyncAPIClient"]

T = TypeVar("T")
Chunk = TypeVar("Chunk", bound="StreamChunk")
Item = TypeVar("Item", bound="_HasId")
# Self types that resolve at run time too (typing.get_type_hints), without importing typing_extensions.
SyncClient = TypeVar("SyncClient", bound="SyncAPIClient")
AsyncClient = TypeVar("AsyncClient", bound="AsyncAPIClient")
# A call's own timeout: seconds, an httpx.Timeout, or None for the client's.
Timeout = float | httpx.Timeout | None
# A listing's request for one page, by cursor and page size (the raw package's build_request).
PageRequest = Callable[["str | Unset", "int | Unset"], "RequestSpec"]


USER_AGENT = f"serverless-training-python/{__version__} httpx/{httpx.__version__}"


class _BearerAuth(httpx.Auth):
    """Adds the API key per request, so it is in no client's headers, repr or log line."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "<BearerAuth api_key=<redacted>>"


class _BaseClient:
    """What the sync and async clients share: resolved settings, auth and the retry policy."""

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
        owns_http: bool,
    ) -> None:
        # Loaded on first construction, not on `import serverless_training`: scripts that only
        # import the SDK (or its errors) stay as fast to start as `import httpx`.
        from ._config import ClientConfig  # noqa: PLC0415
        from ._logging import install_redaction, log_from_env  # noqa: PLC0415
        from ._transport import ACCEPT_ENCODING  # noqa: PLC0415

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
        self._owns_http = owns_http
        self._pid = os.getpid()  # a forked child must not use the parent's pooled sockets
        # A caller's client is left as configured; our headers then travel with each request.
        self._per_request_headers = None if owns_http else self._headers
        install_redaction(self._config.api_key)
        log_from_env()

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

    def _would_retry(self, method: str, error: BaseException) -> bool:
        """Whether this client's retry policy retries ``error`` of a ``method`` request."""
        return self._retry.should_retry(method, error)

    @property
    def max_response_bytes(self) -> int:
        """The largest decoded response body a call accepts."""
        return self._config.max_response_bytes

    def _prepare(
        self, endpoint: Endpoint[T], request: RequestSpec, timeout: float | httpx.Timeout | None
    ) -> Prepared[T]:
        limit = self._config.timeout_for(timeout)
        from ._operations import prepare  # noqa: PLC0415 - loaded with the first call

        prepared = prepare(endpoint, request, self._base_url, limit, self._config.attempt_limits(limit))
        if self._per_request_headers is not None:
            prepared.kwargs["headers"] = {**self._per_request_headers, **prepared.kwargs.get("headers", {})}
        return prepared

    def _prepare_stream(
        self, endpoint: Endpoint[Any], request: RequestSpec, timeout: Timeout
    ) -> Prepared[Any]:
        from ._transport import EVENT_STREAM  # noqa: PLC0415

        prepared = self._prepare(endpoint, request, timeout)
        prepared.kwargs["headers"] = {**prepared.kwargs.get("headers", {}), "Accept": EVENT_STREAM}
        return prepared

    def _event_reader(
        self, prepared: Prepared[Any], response: httpx.Response, chunk_type: type[Chunk]
    ) -> EventReader[Chunk]:
        """How a stream's events are read: the read timeout between whole events, the size cap per event."""
        from ._streaming import EventReader  # noqa: PLC0415

        return EventReader(
            response,
            chunk_type,
            between_events=prepared.kwargs["timeout"].read,
            max_bytes=prepared.limits.max_bytes,
        )

    def _page_plan(
        self,
        endpoint: Endpoint[Any],
        request: PageRequest,
        *,
        after: object,
        limit: int | None,
        max_items: object,
        timeout: float | httpx.Timeout | None,
    ) -> PagePlan:
        """The paging of one listing, its arguments checked now (the spec judges ``limit``), before
        any page is fetched."""
        from ._operations import max_page_size  # noqa: PLC0415
        from ._pagination import PagePlan  # noqa: PLC0415

        plan = PagePlan.of(after=after, limit=limit, max_items=max_items, max_limit=max_page_size(endpoint))
        self._prepare(endpoint, self._page_request(plan, request, plan.after, plan.max_items), timeout)
        return plan

    @staticmethod
    def _page_request(
        plan: PagePlan, request: PageRequest, after: str | None, remaining: int | None
    ) -> RequestSpec:
        from serverless_training_raw.types import UNSET  # noqa: PLC0415 - attrs loads with the first call

        limit = plan.page_limit(remaining)
        return request(UNSET if after is None else after, UNSET if limit is None else limit)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"


class SyncAPIClient(_BaseClient):
    """The sync request path; ``ServerlessTraining`` adds its transport and resources."""

    _http: httpx.Client

    def _request(
        self,
        endpoint: Endpoint[T],
        request: RequestSpec,
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        repeatable: bool = False,
    ) -> T:
        """The one request path: send ``request`` with retries, map failures, parse the result.
        ``repeatable``: the operation is safe to repeat whatever its method (resource-names.yaml)."""
        from ._operations import parse_response  # noqa: PLC0415 - loaded with the first call

        prepared = self._prepare(endpoint, request, timeout)
        attempt = partial(self._attempt, prepared)
        response = self._retry.call(prepared.method, max_retries, attempt, repeatable=repeatable)
        return parse_response(prepared, response)

    def _attempt(self, prepared: Prepared[Any], *, stream: bool = False) -> httpx.Response:
        """One attempt: the whole response within its deadline and size cap, its status checked
        (``stream``: an event stream's headers only)."""
        from ._operations import check_status  # noqa: PLC0415
        from ._transport import send  # noqa: PLC0415

        http = self._connection()
        request = http.build_request(**prepared.kwargs)
        response = send(http, request, self._auth, prepared.limits, stream=stream)
        check_status(prepared, response)
        return response

    def _stream(
        self,
        endpoint: Endpoint[Any],
        request: RequestSpec,
        chunk_type: type[Chunk],
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        repeatable: bool = False,
    ) -> Stream[Chunk]:
        """A streamed answer: retried (as the method allows) until its headers arrive, never after."""
        from ._streaming import Stream  # noqa: PLC0415

        prepared = self._prepare_stream(endpoint, request, timeout)
        attempt = partial(self._attempt, prepared, stream=True)
        response = self._retry.call(prepared.method, max_retries, attempt, repeatable=repeatable)
        return Stream(response, self._event_reader(prepared, response, chunk_type))

    def _build_http(self) -> httpx.Client:
        raise NotImplementedError

    def _connection(self) -> httpx.Client:
        """The pooled client. In a forked child, a fresh pool of our own: sockets shared with the
        parent would hand one process the other's answers. The parent's pool is dropped, not
        closed (closing would end the parent's TLS sessions); a caller's client is the caller's."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            if self._owns_http:
                self._http = self._build_http()
        return self._http

    def _paginate(
        self,
        endpoint: Endpoint[_RawPage[Item]],
        request: PageRequest,
        *,
        after: str | None,
        limit: int | None,
        max_items: int | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
    ) -> SyncCursorPage[Item]:
        """A cursor listing: the first page now, the others as the caller iterates."""
        from ._pagination import SyncCursorPage  # noqa: PLC0415

        plan = self._page_plan(
            endpoint, request, after=after, limit=limit, max_items=max_items, timeout=timeout
        )

        def fetch(cursor: str | None, remaining: int | None) -> _RawPage[Item]:
            page_request = self._page_request(plan, request, cursor, remaining)
            return self._request(endpoint, page_request, timeout=timeout, max_retries=max_retries)

        return SyncCursorPage.first(fetch, after=plan.after, max_items=plan.max_items)

    def close(self) -> None:
        """Close the pooled connection (unless it belongs to a caller-supplied ``http_client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self: SyncClient) -> SyncClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    """The async request path; ``AsyncServerlessTraining`` adds its transport and resources."""

    _http: httpx.AsyncClient
    _loop: weakref.ref[Any] | None = None  # the event loop the pool's connections belong to
    _max_concurrent_requests: int | None
    _slots: anyio.Semaphore | None

    async def _request(
        self,
        endpoint: Endpoint[T],
        request: RequestSpec,
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        repeatable: bool = False,
    ) -> T:
        """The one request path: send ``request`` with retries, map failures, parse the result.
        ``repeatable``: the operation is safe to repeat whatever its method (resource-names.yaml)."""
        from ._operations import parse_response  # noqa: PLC0415 - loaded with the first call

        prepared = self._prepare(endpoint, request, timeout)
        # A partial, not a lambda: tenacity awaits what it can tell is a coroutine function.
        attempt = partial(self._attempt, prepared)
        response = await self._retry.acall(prepared.method, max_retries, attempt, repeatable=repeatable)
        return parse_response(prepared, response)

    async def _attempt(self, prepared: Prepared[Any], *, stream: bool = False) -> httpx.Response:
        """One attempt; with ``max_concurrent_requests`` set, in a concurrency slot (the wait for
        the slot is not part of its deadline, sleeps between retries hold none, and a stream holds
        its slot until its headers arrive)."""
        from ._operations import check_status  # noqa: PLC0415
        from ._transport import asend  # noqa: PLC0415

        http = self._connection()
        built = http.build_request(**prepared.kwargs)
        if self._max_concurrent_requests is None:
            response = await asend(http, built, self._auth, prepared.limits, stream=stream)
        else:
            if self._slots is None:
                import anyio  # noqa: PLC0415 - httpx's own dependency

                # Made in the event loop that uses it. fast_acquire: a free slot is taken without a
                # trip round the loop; the request yields at its first socket operation.
                self._slots = anyio.Semaphore(self._max_concurrent_requests, fast_acquire=True)
            async with self._slots:
                response = await asend(http, built, self._auth, prepared.limits, stream=stream)
        check_status(prepared, response)
        return response

    async def _stream(
        self,
        endpoint: Endpoint[Any],
        request: RequestSpec,
        chunk_type: type[Chunk],
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        repeatable: bool = False,
    ) -> AsyncStream[Chunk]:
        """A streamed answer: retried (as the method allows) until its headers arrive, never after."""
        from ._streaming import AsyncStream  # noqa: PLC0415

        prepared = self._prepare_stream(endpoint, request, timeout)
        attempt = partial(self._attempt, prepared, stream=True)
        response = await self._retry.acall(prepared.method, max_retries, attempt, repeatable=repeatable)
        return AsyncStream(response, self._event_reader(prepared, response, chunk_type))

    def _build_http(self) -> httpx.AsyncClient:
        raise NotImplementedError

    def _connection(self) -> httpx.AsyncClient:
        """The pooled client for the running event loop and process. A client used from a second
        ``asyncio.run()`` (notebooks, test runners), or in a forked child, gets a fresh pool of its
        own and fresh concurrency slots: the old connections belong to a closed loop or to the
        parent, and are dropped, not closed. A caller's client is the caller's to renew."""
        loop = _running_loop()
        moved = self._pid != os.getpid() or (self._loop is not None and self._loop() is not loop)
        if moved:
            self._slots = None
            if self._owns_http:
                self._http = self._build_http()
        self._pid = os.getpid()
        self._loop = None if loop is None else weakref.ref(loop)
        return self._http

    def _paginate(
        self,
        endpoint: Endpoint[_RawPage[Item]],
        request: PageRequest,
        *,
        after: str | None,
        limit: int | None,
        max_items: int | None,
        prefetch: bool,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
    ) -> AsyncPaginator[Item]:
        """A cursor listing: awaited for its first page, or iterated for every item."""
        from ._pagination import AsyncCursorPage, AsyncPaginator  # noqa: PLC0415

        plan = self._page_plan(
            endpoint, request, after=after, limit=limit, max_items=max_items, timeout=timeout
        )

        async def fetch(cursor: str | None, remaining: int | None) -> _RawPage[Item]:
            page_request = self._page_request(plan, request, cursor, remaining)
            return await self._request(endpoint, page_request, timeout=timeout, max_retries=max_retries)

        return AsyncPaginator(
            lambda: AsyncCursorPage.first(
                fetch, after=plan.after, max_items=plan.max_items, prefetch=prefetch
            )
        )

    async def close(self) -> None:
        """Close the pooled connection (unless it belongs to a caller-supplied ``http_client``). Its
        connections are dropped instead when they belong to another event loop (which cannot be
        asked to close them once it has)."""
        if not self._owns_http:
            return
        if self._loop is not None and self._loop() is not _running_loop():
            self._http = self._build_http()
            return
        await self._http.aclose()

    async def __aenter__(self: AsyncClient) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        await self.close()


def _running_loop() -> Any:
    """The running asyncio loop; None under another async library (trio), whose loops are not reused."""
    import asyncio  # noqa: PLC0415

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
