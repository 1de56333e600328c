"""``ServerlessTraining`` and ``AsyncServerlessTraining``: configuration, transport, resources."""

from __future__ import annotations

import types
from collections.abc import Generator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._errors import ConfigurationError
from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    import anyio
    from serverless_training_raw.types import Endpoint, RequestSpec

    from ._operations import Prepared
    from ._transport import AsyncDeadlineTransport
    from .resources.chat import AsyncChat, Chat
    from .resources.checkpoints import AsyncCheckpoints, Checkpoints
    from .resources.models import AsyncModels, Models
    from .resources.training_jobs import AsyncTrainingJobs, TrainingJobs

__all__ = ["AsyncServerlessTraining", "ServerlessTraining"]

T = TypeVar("T")
# Self types that resolve at run time too (typing.get_type_hints), without importing typing_extensions.
SyncClient = TypeVar("SyncClient", bound="ServerlessTraining")
AsyncClient = TypeVar("AsyncClient", bound="AsyncServerlessTraining")

# In-flight requests per async client. httpx's async pool spends CPU in proportion to open
# connections times waiting requests on every request: 64 concurrent listings on 127.0.0.1 read
# 10k items/s with 64 connections and about 35k with 8 (benchmarks/run.py, concurrency).
DEFAULT_MAX_CONCURRENT_REQUESTS = 8

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
        from ._logging import install_redaction  # noqa: PLC0415
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
        # A caller's client is left as configured; our headers then travel with each request.
        self._per_request_headers = None if owns_http else self._headers
        install_redaction(self._config.api_key)

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

    def _prepare(
        self, endpoint: Endpoint[T], request: RequestSpec, timeout: float | httpx.Timeout | None
    ) -> Prepared[T]:
        limit = self._config.timeout_for(timeout)
        from ._operations import prepare  # noqa: PLC0415 - loaded with the first call

        prepared = prepare(endpoint, request, self._base_url, limit, self._config.attempt_limits(limit))
        if self._per_request_headers is not None:
            prepared.kwargs["headers"] = {**self._per_request_headers, **prepared.kwargs.get("headers", {})}
        return prepared

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, max_retries={self.max_retries})"


class ServerlessTraining(_BaseClient):
    """Client for the W&B Serverless Training API.

    Settings come from the arguments, else the environment (``WANDB_API_KEY``,
    ``SERVERLESS_TRAINING_BASE_URL``), else ``~/.netrc`` and the production root. One pooled
    connection is reused across calls; use it as a context manager or call ``close()``.
    Pass ``http_client`` to bring your own ``httpx.Client`` (transport, proxies, ...); it is then
    yours to close.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        max_response_bytes: int | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            allow_insecure_http=allow_insecure_http,
            default_headers=default_headers,
            max_response_bytes=max_response_bytes,
            owns_http=http_client is None,
        )
        if http_client is None:
            from ._transport import CONNECTION_LIMITS, DeadlineTransport, proxy_from_environment  # noqa: PLC0415

            # Our transport ends every socket read at the attempt's deadline (httpx's own timeouts
            # bound each read separately). httpx honours HTTP(S)_PROXY and NO_PROXY with its own
            # transport only, so with a proxy the deadline is checked between body chunks, as for a
            # caller's client.
            transport = None if proxy_from_environment() else DeadlineTransport()
            http_client = httpx.Client(headers=self._headers, limits=CONNECTION_LIMITS, transport=transport)
        self._http = http_client

    @cached_property
    def models(self) -> Models:
        """Create, delete and log to trainable models."""
        from .resources.models import Models  # noqa: PLC0415

        return Models(self)

    @cached_property
    def checkpoints(self) -> Checkpoints:
        """List (auto-paginated), delete and prune checkpoints."""
        from .resources.checkpoints import Checkpoints  # noqa: PLC0415

        return Checkpoints(self)

    @cached_property
    def training_jobs(self) -> TrainingJobs:
        """Start RL and SFT jobs, read their events, wait for them."""
        from .resources.training_jobs import TrainingJobs  # noqa: PLC0415

        return TrainingJobs(self)

    @cached_property
    def chat(self) -> Chat:
        """OpenAI-compatible chat completions (``chat.completions.create``)."""
        from .resources.chat import Chat  # noqa: PLC0415

        return Chat(self)

    def _request(
        self,
        endpoint: Endpoint[T],
        request: RequestSpec,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> T:
        """The one request path: send ``request`` with retries, map failures, parse the result."""
        from ._operations import check_status, parse_response  # noqa: PLC0415 - loaded with the first call
        from ._transport import send  # noqa: PLC0415

        prepared = self._prepare(endpoint, request, timeout)

        def attempt() -> httpx.Response:
            built = self._http.build_request(**prepared.kwargs)
            response = send(self._http, built, self._auth, prepared.limits)
            check_status(prepared, response)
            return response

        response = self._retry.call(prepared.method, max_retries, attempt)
        return parse_response(prepared, response)

    def health(self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None) -> Any:
        """``GET /v1/health``: the service's liveness answer (JSON), no API key needed by the server."""
        from serverless_training_raw.api.health import health_check  # noqa: PLC0415

        return self._request(
            health_check.ENDPOINT, health_check.build_request(), timeout=timeout, max_retries=max_retries
        )

    def system_check(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> Any:
        """``GET /v1/system-check``: status of the API, database and CPU/GPU queues (JSON)."""
        from serverless_training_raw.api.health import system_check  # noqa: PLC0415

        return self._request(
            system_check.ENDPOINT, system_check.build_request(), timeout=timeout, max_retries=max_retries
        )

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


class AsyncServerlessTraining(_BaseClient):
    """The asyncio twin of ``ServerlessTraining``: same settings, resources and method names."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        allow_insecure_http: bool = False,
        max_response_bytes: int | None = None,
        max_concurrent_requests: int = DEFAULT_MAX_CONCURRENT_REQUESTS,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            allow_insecure_http=allow_insecure_http,
            default_headers=default_headers,
            max_response_bytes=max_response_bytes,
            owns_http=http_client is None,
        )
        if isinstance(max_concurrent_requests, bool) or not isinstance(max_concurrent_requests, int):
            raise ConfigurationError(
                f"max_concurrent_requests must be an integer, got {max_concurrent_requests!r}"
            )
        if max_concurrent_requests < 1:
            raise ConfigurationError(f"max_concurrent_requests must be >= 1, got {max_concurrent_requests}")
        self._max_concurrent_requests = max_concurrent_requests
        self._slots: anyio.Semaphore | None = None  # made on first use, inside the event loop
        transport: AsyncDeadlineTransport | None = None
        if http_client is None:
            from ._transport import (  # noqa: PLC0415
                CONNECTION_LIMITS,
                AsyncDeadlineTransport,
                proxy_from_environment,
            )

            # As in the sync client: httpx's own transport when the environment names a proxy.
            transport = None if proxy_from_environment() else AsyncDeadlineTransport()
            http_client = httpx.AsyncClient(
                headers=self._headers, limits=CONNECTION_LIMITS, transport=transport
            )
        # Whether the sockets keep each attempt's deadline; otherwise the attempt is cancelled at it.
        self._deadline_transport = transport is not None
        self._http = http_client

    @property
    def max_concurrent_requests(self) -> int:
        """How many requests this client has in flight at most; more calls wait for a free slot."""
        return self._max_concurrent_requests

    @cached_property
    def models(self) -> AsyncModels:
        """Create, delete and log to trainable models."""
        from .resources.models import AsyncModels  # noqa: PLC0415

        return AsyncModels(self)

    @cached_property
    def checkpoints(self) -> AsyncCheckpoints:
        """List (auto-paginated), delete and prune checkpoints."""
        from .resources.checkpoints import AsyncCheckpoints  # noqa: PLC0415

        return AsyncCheckpoints(self)

    @cached_property
    def training_jobs(self) -> AsyncTrainingJobs:
        """Start RL and SFT jobs, read their events, wait for them."""
        from .resources.training_jobs import AsyncTrainingJobs  # noqa: PLC0415

        return AsyncTrainingJobs(self)

    @cached_property
    def chat(self) -> AsyncChat:
        """OpenAI-compatible chat completions (``chat.completions.create``)."""
        from .resources.chat import AsyncChat  # noqa: PLC0415

        return AsyncChat(self)

    async def _request(
        self,
        endpoint: Endpoint[T],
        request: RequestSpec,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> T:
        """The one request path: send ``request`` with retries, map failures, parse the result."""
        from ._operations import check_status, parse_response  # noqa: PLC0415 - loaded with the first call
        from ._transport import asend  # noqa: PLC0415

        prepared = self._prepare(endpoint, request, timeout)

        if self._slots is None:
            import anyio  # noqa: PLC0415 - httpx's own dependency

            # fast_acquire: a free slot is taken without a trip round the event loop (16 us a
            # request otherwise); the request that follows yields at its first socket operation.
            self._slots = anyio.Semaphore(self._max_concurrent_requests, fast_acquire=True)
        slots = self._slots

        async def attempt() -> httpx.Response:
            # The wait for a slot is not part of the attempt's deadline; sleeps between retries
            # hold no slot.
            async with slots:
                built = self._http.build_request(**prepared.kwargs)
                response = await asend(
                    self._http,
                    built,
                    self._auth,
                    prepared.limits,
                    deadline_transport=self._deadline_transport,
                )
            check_status(prepared, response)
            return response

        response = await self._retry.acall(prepared.method, max_retries, attempt)
        return parse_response(prepared, response)

    async def health(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> Any:
        """``GET /v1/health``: the service's liveness answer (JSON)."""
        from serverless_training_raw.api.health import health_check  # noqa: PLC0415

        return await self._request(
            health_check.ENDPOINT, health_check.build_request(), timeout=timeout, max_retries=max_retries
        )

    async def system_check(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> Any:
        """``GET /v1/system-check``: status of the API, database and CPU/GPU queues (JSON)."""
        from serverless_training_raw.api.health import system_check  # noqa: PLC0415

        return await self._request(
            system_check.ENDPOINT, system_check.build_request(), timeout=timeout, max_retries=max_retries
        )

    async def close(self) -> None:
        """Close the pooled connection (unless it belongs to a caller-supplied ``http_client``)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self: AsyncClient) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        await self.close()
