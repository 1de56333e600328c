"""``client.training_jobs``: start RL and SFT jobs, read their events, wait for them to end."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx
from serverless_training_raw.api.training_jobs import (
    create_rl_training_job,
    create_sft_training_job,
    get_training_job,
    get_training_job_events,
)
from serverless_training_raw.models.create_sft_training_job import CreateSFTTrainingJob
from serverless_training_raw.models.create_sft_training_job_experimental_config_type_0 import (
    CreateSFTTrainingJobExperimentalConfigType0,
)
from serverless_training_raw.models.create_training_job import CreateTrainingJob
from serverless_training_raw.models.experimental_training_config import ExperimentalTrainingConfig
from serverless_training_raw.models.paginated_response_training_job_event_response import (
    PaginatedResponseTrainingJobEventResponse,
)
from serverless_training_raw.models.sft_training_config import SFTTrainingConfig
from serverless_training_raw.models.training_job_event_response import TrainingJobEventResponse
from serverless_training_raw.models.training_job_response import TrainingJobResponse
from serverless_training_raw.models.trajectory_group import TrajectoryGroup
from serverless_training_raw.types import UNSET, RequestSpec

from .._errors import InvalidParameterError
from .._jobs import EVENTS_PAGE_SIZE, EventFollower, TrainingJobSummary
from .._pagination import AsyncPaginator, SyncCursorPage
from .._params import check_cursor, check_id, check_uuid, to_model, to_models
from ._base import AsyncResource, SyncResource
from ._paging import PageRequest

__all__ = ["AsyncTrainingJobs", "TrainingJobs"]

Timeout = float | httpx.Timeout | None
OnEvent = Callable[[TrainingJobEventResponse], object]
EVENTS = get_training_job_events.ENDPOINT


def _rl_request(
    model_id: str,
    trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]],
    experimental_config: ExperimentalTrainingConfig | Mapping[str, Any] | None,
) -> RequestSpec:
    groups = to_models("trajectory_groups", trajectory_groups, TrajectoryGroup, TrajectoryGroup.from_dict)
    if not groups:
        raise InvalidParameterError("trajectory_groups", "is empty; a training job needs at least one group")
    config = (
        UNSET
        if experimental_config is None
        else to_model(
            "experimental_config",
            experimental_config,
            ExperimentalTrainingConfig,
            ExperimentalTrainingConfig.from_dict,
        )
    )
    body = CreateTrainingJob(
        model_id=check_uuid("model_id", model_id), trajectory_groups=groups, experimental_config=config
    )
    return create_rl_training_job.build_request(body=body)


def _sft_request(
    model_id: str,
    training_data_url: str,
    config: SFTTrainingConfig | Mapping[str, Any] | None,
    experimental_config: Mapping[str, Any] | None,
) -> RequestSpec:
    body = CreateSFTTrainingJob(
        model_id=check_uuid("model_id", model_id),
        training_data_url=check_id("training_data_url", training_data_url),
        config=UNSET
        if config is None
        else to_model("config", config, SFTTrainingConfig, SFTTrainingConfig.from_dict),
        experimental_config=UNSET
        if experimental_config is None
        else to_model(
            "experimental_config",
            experimental_config,
            CreateSFTTrainingJobExperimentalConfigType0,
            CreateSFTTrainingJobExperimentalConfigType0.from_dict,
        ),
    )
    return create_sft_training_job.build_request(body=body)


def _events_request(job_id: str, paging: PageRequest) -> Callable[[str | None, int | None], RequestSpec]:
    """The request of each page of a job's events, by cursor and items still wanted."""

    def request(cursor: str | None, remaining: int | None) -> RequestSpec:
        query = paging.query(cursor, remaining)
        return get_training_job_events.build_request(job_id, after=query.after, limit=query.limit)

    return request


# wait() reads the feed in full pages, from the follower's cursor.
_WAIT_REQUEST = PageRequest(limit=EVENTS_PAGE_SIZE, after=None, max_items=None)


class TrainingJobs(SyncResource):
    """Training jobs: RL (trajectory groups) and SFT (a W&B artifact of training data)."""

    def create_rl(
        self,
        model_id: str,
        *,
        trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]],
        experimental_config: ExperimentalTrainingConfig | Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> TrainingJobResponse:
        """Start an RL training step on ``trajectory_groups``. Never retried after it was sent."""
        return self._client._request(
            create_rl_training_job.ENDPOINT,
            _rl_request(model_id, trajectory_groups, experimental_config),
            timeout=timeout,
            max_retries=max_retries,
        )

    def create_sft(
        self,
        model_id: str,
        *,
        training_data_url: str,
        config: SFTTrainingConfig | Mapping[str, Any] | None = None,
        experimental_config: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> TrainingJobResponse:
        """Start supervised fine-tuning on a W&B artifact (``wandb-artifact:///entity/project/name:v0``)."""
        return self._client._request(
            create_sft_training_job.ENDPOINT,
            _sft_request(model_id, training_data_url, config, experimental_config),
            timeout=timeout,
            max_retries=max_retries,
        )

    def get(
        self, job_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> TrainingJobResponse:
        """One training job."""
        return self._client._request(
            get_training_job.ENDPOINT,
            get_training_job.build_request(check_id("job_id", job_id)),
            timeout=timeout,
            max_retries=max_retries,
        )

    def events(
        self,
        job_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        max_items: int | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> SyncCursorPage[TrainingJobEventResponse]:
        """The job's events in order, as a page you can iterate across all pages."""
        paging = PageRequest(limit=limit, after=after, max_items=max_items)
        request = _events_request(check_id("job_id", job_id), paging)

        def fetch(cursor: str | None, remaining: int | None) -> PaginatedResponseTrainingJobEventResponse:
            return self._client._request(
                EVENTS, request(cursor, remaining), timeout=timeout, max_retries=max_retries
            )

        return paging.first_page(fetch)

    def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float = 5.0,
        on_event: OnEvent | None = None,
        after: str | None = None,
    ) -> TrainingJobSummary:
        """Follow the job's events until ``training_ended`` (returns a summary) or
        ``training_failed`` (raises ``TrainingJobFailedError``). Each event reaches ``on_event``
        exactly once. ``timeout`` (seconds) raises ``TrainingJobTimeoutError``; the job keeps running.
        """
        job = check_id("job_id", job_id)
        follower = EventFollower(job, timeout, poll_interval, on_event, cursor=check_cursor(after))
        request = _events_request(job, _WAIT_REQUEST)
        while True:
            page = self._client._request(EVENTS, request(follower.cursor, None))
            summary = follower.consume(page)
            if summary is not None:
                return summary
            if page.has_more:
                follower.check_deadline()
            else:
                time.sleep(follower.next_sleep())


class AsyncTrainingJobs(AsyncResource):
    """Async twin of ``TrainingJobs``."""

    async def create_rl(
        self,
        model_id: str,
        *,
        trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]],
        experimental_config: ExperimentalTrainingConfig | Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> TrainingJobResponse:
        """Start an RL training step on ``trajectory_groups``. Never retried after it was sent."""
        return await self._client._request(
            create_rl_training_job.ENDPOINT,
            _rl_request(model_id, trajectory_groups, experimental_config),
            timeout=timeout,
            max_retries=max_retries,
        )

    async def create_sft(
        self,
        model_id: str,
        *,
        training_data_url: str,
        config: SFTTrainingConfig | Mapping[str, Any] | None = None,
        experimental_config: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> TrainingJobResponse:
        """Start supervised fine-tuning on a W&B artifact (``wandb-artifact:///entity/project/name:v0``)."""
        return await self._client._request(
            create_sft_training_job.ENDPOINT,
            _sft_request(model_id, training_data_url, config, experimental_config),
            timeout=timeout,
            max_retries=max_retries,
        )

    async def get(
        self, job_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> TrainingJobResponse:
        """One training job."""
        return await self._client._request(
            get_training_job.ENDPOINT,
            get_training_job.build_request(check_id("job_id", job_id)),
            timeout=timeout,
            max_retries=max_retries,
        )

    def events(
        self,
        job_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        max_items: int | None = None,
        prefetch: bool = False,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> AsyncPaginator[TrainingJobEventResponse]:
        """``await`` for the first page of events, or ``async for`` over all of them."""
        paging = PageRequest(limit=limit, after=after, max_items=max_items)
        request = _events_request(check_id("job_id", job_id), paging)

        async def fetch(
            cursor: str | None, remaining: int | None
        ) -> PaginatedResponseTrainingJobEventResponse:
            return await self._client._request(
                EVENTS, request(cursor, remaining), timeout=timeout, max_retries=max_retries
            )

        return paging.paginator(fetch, prefetch=prefetch)

    async def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float = 5.0,
        on_event: OnEvent | None = None,
        after: str | None = None,
    ) -> TrainingJobSummary:
        """Async twin of ``TrainingJobs.wait``."""
        job = check_id("job_id", job_id)
        follower = EventFollower(job, timeout, poll_interval, on_event, cursor=check_cursor(after))
        request = _events_request(job, _WAIT_REQUEST)
        while True:
            page = await self._client._request(EVENTS, request(follower.cursor, None))
            summary = follower.consume(page)
            if summary is not None:
                return summary
            if page.has_more:
                follower.check_deadline()
            else:
                import anyio  # noqa: PLC0415

                await anyio.sleep(follower.next_sleep())
