"""``ServerlessTraining`` and ``AsyncServerlessTraining``: the clients people import.

Their resources (``client.models``, ``client.checkpoints``, ...) and top-level operations are
generated from the spec (``_generated/client.py``); here is only how each builds its connection.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ._errors import ConfigurationError
from ._generated.client import AsyncClientResources, SyncClientResources
from ._retry import RetryPolicy

__all__ = ["AsyncServerlessTraining", "ServerlessTraining"]


class ServerlessTraining(SyncClientResources):
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
        self._http = http_client if http_client is not None else self._build_http()

    def _build_http(self) -> httpx.Client:
        from ._transport import CONNECTION_LIMITS, DeadlineTransport, proxied  # noqa: PLC0415

        # Our transport ends every socket read at the attempt's deadline (httpx's own timeouts
        # bound each read separately). httpx honours HTTP(S)_PROXY and NO_PROXY with its own
        # transport only, so when the environment sends the API host through a proxy the deadline is
        # checked between body chunks, as for a caller's client.
        transport = None if proxied(self._base_url) else DeadlineTransport()
        return httpx.Client(headers=self._headers, limits=CONNECTION_LIMITS, transport=transport)


class AsyncServerlessTraining(AsyncClientResources):
    """The asyncio twin of ``ServerlessTraining``: same settings, resources and method names.

    Concurrent calls run side by side, as many as the connection pool holds (``CONNECTION_LIMITS``).
    ``max_concurrent_requests`` caps the requests in flight instead: more concurrent calls wait for a
    slot, and the wait is not part of their timeout.
    """

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
        max_concurrent_requests: int | None = None,
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
        if max_concurrent_requests is not None:
            if isinstance(max_concurrent_requests, bool) or not isinstance(max_concurrent_requests, int):
                raise ConfigurationError(
                    f"max_concurrent_requests must be an integer or None, got {max_concurrent_requests!r}"
                )
            if max_concurrent_requests < 1:
                raise ConfigurationError(
                    f"max_concurrent_requests must be >= 1, got {max_concurrent_requests}"
                )
        self._max_concurrent_requests = max_concurrent_requests
        self._slots = None  # made on first use, inside the event loop
        self._http = http_client if http_client is not None else self._build_http()

    def _build_http(self) -> httpx.AsyncClient:
        from ._transport import CONNECTION_LIMITS, PooledAsyncTransport, proxied  # noqa: PLC0415

        # Each attempt is cancelled at its deadline, whatever the transport. httpx's own is kept
        # when the environment sends the API host through a proxy (httpx decides that per host).
        transport = None if proxied(self._base_url) else PooledAsyncTransport()
        return httpx.AsyncClient(headers=self._headers, limits=CONNECTION_LIMITS, transport=transport)

    @property
    def max_concurrent_requests(self) -> int | None:
        """How many requests this client has in flight at most (None: as many as its pool holds)."""
        return self._max_concurrent_requests
