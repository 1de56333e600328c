"""``ServerlessTraining`` and ``AsyncServerlessTraining``: the clients people import, composed here.

Their resources and top-level operations are generated from the spec (``_generated/client.py``) on
the request path of ``_base_client``; the resource groups that ``lib/`` extends by hand
(``checkpoints.prune``, ``training_jobs.wait``) are swapped in here, the only place that knows both.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from ._errors import ConfigurationError
from ._generated.client import AsyncClientResources, SyncClientResources
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from ._generated.sync_lib.checkpoints import Checkpoints
    from ._generated.sync_lib.training_jobs import TrainingJobs
    from .lib.checkpoints import AsyncCheckpoints
    from .lib.training_jobs import AsyncTrainingJobs

__all__ = ["AsyncServerlessTraining", "ServerlessTraining"]


class ServerlessTraining(SyncClientResources):
    """Client for the W&B Serverless Training API.

    Settings come from the arguments, else the environment (``WANDB_API_KEY``,
    ``SERVERLESS_TRAINING_BASE_URL``), else ``~/.netrc`` and the production root. One pooled
    connection is reused across calls; use it as a context manager or call ``close()``.
    Pass ``http_client`` to bring your own ``httpx.Client`` (``DefaultHttpxClient`` keeps the SDK's
    deadline and limits); it is then yours to close.

    Args:
        api_key: The W&B API key; default ``$WANDB_API_KEY``, then ``~/.netrc`` (``wandb login``).
        base_url: The API root; default ``$SERVERLESS_TRAINING_BASE_URL``, then the production root.
        timeout: Seconds (or an ``httpx.Timeout``) each attempt may take, body included; default
            ``DEFAULT_TIMEOUT`` (120 s, 10 s to connect).
        max_retries: Retries of a request that is safe to repeat; default 2.
        retry: The whole retry policy (backoff, statuses); ``max_retries`` overrides its count.
        http_client: Your own ``httpx.Client``; yours to configure and to close.
        default_headers: Headers sent with every request (never replacing the API key).
        allow_insecure_http: Allow a plain ``http://`` base URL that is not this machine.
        max_response_bytes: The largest decoded body a call accepts; default 32 MiB.
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
            http_client=http_client,
        )

    @cached_property
    def checkpoints(self) -> Checkpoints:
        """``checkpoints``: list, delete, prune."""
        # Loaded on first access, as every resource group (its models load with it).
        from ._generated.sync_lib.checkpoints import Checkpoints  # noqa: PLC0415

        return Checkpoints(self)

    @cached_property
    def training_jobs(self) -> TrainingJobs:
        """``training_jobs``: create_rl, create_sft, get, events, wait."""
        from ._generated.sync_lib.training_jobs import TrainingJobs  # noqa: PLC0415 - as checkpoints

        return TrainingJobs(self)


class AsyncServerlessTraining(AsyncClientResources):
    """The asyncio twin of ``ServerlessTraining``: same settings, resources and method names.

    Concurrent calls run side by side, as many as the connection pool holds (``CONNECTION_LIMITS``).
    ``max_concurrent_requests`` caps the requests in flight instead: more concurrent calls wait for a
    slot, and the wait is not part of their timeout.

    Args:
        api_key: As ``ServerlessTraining``'s.
        base_url: As ``ServerlessTraining``'s.
        timeout: As ``ServerlessTraining``'s.
        max_retries: As ``ServerlessTraining``'s.
        retry: As ``ServerlessTraining``'s.
        http_client: Your own ``httpx.AsyncClient``; yours to configure and to close.
        default_headers: As ``ServerlessTraining``'s.
        allow_insecure_http: As ``ServerlessTraining``'s.
        max_response_bytes: As ``ServerlessTraining``'s.
        max_concurrent_requests: The most requests in flight at once; default None (no cap).
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
        cap = max_concurrent_requests
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
            raise ConfigurationError(f"max_concurrent_requests must be an integer >= 1 or None, got {cap!r}")
        self._max_concurrent_requests = cap
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            allow_insecure_http=allow_insecure_http,
            default_headers=default_headers,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
        )

    @property
    def max_concurrent_requests(self) -> int | None:
        """How many requests this client has in flight at most (None: as many as its pool holds)."""
        return self._max_concurrent_requests

    @cached_property
    def checkpoints(self) -> AsyncCheckpoints:
        """``checkpoints``: list, delete, prune."""
        from .lib.checkpoints import AsyncCheckpoints  # noqa: PLC0415 - as ServerlessTraining.checkpoints

        return AsyncCheckpoints(self)

    @cached_property
    def training_jobs(self) -> AsyncTrainingJobs:
        """``training_jobs``: create_rl, create_sft, get, events, wait."""
        from .lib.training_jobs import AsyncTrainingJobs  # noqa: PLC0415 - as ServerlessTraining.checkpoints

        return AsyncTrainingJobs(self)
