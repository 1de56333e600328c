"""``client.training_jobs``, and what no spec can say about it: ``wait`` for a job to end.

The async class here is the only source of this behaviour: `make generate` writes its sync twin
(unasync) into ``_generated/sync_lib/training_jobs.py``. Write code that reads right in both.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import anyio
from serverless_training_raw.api.training_jobs import get_training_job_events
from serverless_training_raw.models.training_job_event_response import TrainingJobEventResponse

from serverless_training._errors import APIError
from serverless_training._generated import training_jobs as generated
from serverless_training._jobs import (
    DEFAULT_OUTAGE_TOLERANCE,
    EventFollower,
    TrainingJobSummary,
)
from serverless_training._params import check_cursor, check_id
from serverless_training._spec import max_page_size
from serverless_training._transport import attempt_budget

__all__ = ["AsyncTrainingJobs", "OnEvent"]

OnEvent = Callable[[TrainingJobEventResponse], object]


class AsyncTrainingJobs(generated.AsyncTrainingJobs):
    """Training jobs: RL (trajectory groups) and SFT (a W&B artifact of training data)."""

    async def wait(
        self,
        job_id: str | UUID,
        *,
        timeout: float | None = None,
        poll_interval: float = 5.0,
        on_event: OnEvent | None = None,
        after: str | None = None,
        outage_tolerance: float = DEFAULT_OUTAGE_TOLERANCE,
    ) -> TrainingJobSummary:
        """Follow the job's events until ``training_ended`` (returns a summary) or
        ``training_failed`` (raises ``TrainingJobFailedError``). Each event reaches ``on_event``
        exactly once. ``timeout`` (seconds) raises ``TrainingJobTimeoutError``; the job keeps running.
        ``after`` resumes from a saved event id. Polls start ``poll_interval`` seconds apart while
        the feed has nothing new; a page that says more events wait is followed at once.

        A poll that fails in a way worth retrying (a timeout, a dropped connection, 429, 5xx), once
        the client's own retries are spent, does not end the wait: it polls on from where it was
        for up to ``outage_tolerance`` seconds of failures in a row (default five minutes), then
        raises that error with ``resume_after`` set to the last event id seen.
        """
        job = check_id("job_id", job_id)
        follower = EventFollower(
            job,
            timeout,
            poll_interval,
            on_event,
            cursor=check_cursor(after),
            outage_tolerance=outage_tolerance,
        )
        default = attempt_budget(self._client.timeout)
        page_size = max_page_size(get_training_job_events.ENDPOINT)  # as few polls as the spec allows
        while True:
            # No poll outlives the wait's deadline: it gets the time left, and no retry after it.
            bounded = follower.start_poll(default)
            try:
                page = await self.events(
                    job,
                    after=follower.cursor,
                    limit=page_size,
                    timeout=bounded,
                    max_retries=None if bounded is None else 0,
                )
            except APIError as exc:
                follower.check_deadline()  # TrainingJobTimeoutError when the wait's deadline passed
                if not self._client._would_retry("GET", exc):
                    raise
                follower.outage(exc)  # raises it once failures have lasted past the tolerance
                await anyio.sleep(follower.next_sleep(failed=True))
                continue
            summary = follower.consume(page)
            if summary is not None:
                return summary
            if page.has_more:
                follower.check_deadline()
            else:
                await anyio.sleep(follower.next_sleep())
