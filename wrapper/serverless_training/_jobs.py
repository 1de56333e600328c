"""Following a training job's event feed until it ends: the rules, shared by sync and async."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from serverless_training_raw.types import id_text

from ._errors import APIError, InvalidParameterError, TrainingJobFailedError, TrainingJobTimeoutError
from ._pagination import CursorLog, next_cursor, repeated_ids

if TYPE_CHECKING:
    from serverless_training_raw.models.training_job_event_response import TrainingJobEventResponse

    from ._pagination import _RawPage

    _EventPage = _RawPage[TrainingJobEventResponse]

__all__ = [
    "DEFAULT_OUTAGE_TOLERANCE",
    "EventFollower",
    "TrainingJobSummary",
    "gradient_step",
]

# How long wait() polls on through failures in a row before it gives up: longer than a deploy or
# an edge's bad minutes, shorter than anyone would wait without being told.
DEFAULT_OUTAGE_TOLERANCE = 300.0


@attrs.frozen
class TrainingJobSummary:
    """How a training job ended: events seen, the last gradient step and its metrics."""

    job_id: str
    events_seen: int
    last_event_id: str | None
    last_step: int | None
    last_metrics: Mapping[str, float]


def _numeric_metrics(data: Mapping[str, Any]) -> dict[str, float]:
    nested = data.get("metrics")
    source = nested if isinstance(nested, Mapping) else data
    return {
        k: v
        for k, v in source.items()
        if isinstance(v, int | float) and not isinstance(v, bool) and k != "step"
    }


def gradient_step(data: Mapping[str, Any]) -> tuple[int | None, dict[str, float]]:
    """What a ``gradient_step`` event reports: its step (None when absent or not an integer) and
    its numeric metrics (from ``data["metrics"]``, else from ``data`` itself)."""
    step = data.get("step")
    return (step if isinstance(step, int) and not isinstance(step, bool) else None), _numeric_metrics(data)


def _failure_message(data: Mapping[str, Any]) -> str:
    for key in ("error", "message", "reason", "detail"):
        value = data.get(key)
        if value:
            return str(value)
    return "the server gave no reason"


@attrs.define
class EventFollower:
    """Consumes events in order, each once, and knows when the job is over."""

    job_id: str
    timeout: float | None
    poll_interval: float
    on_event: Callable[[TrainingJobEventResponse], object] | None
    cursor: str | None = None
    events_seen: int = 0
    last_step: int | None = None
    last_metrics: dict[str, float] = attrs.field(factory=dict)
    started: float = attrs.field(factory=time.monotonic)
    pages: int = 0  # how far the cursor has moved: the position of the next page in the feed
    log: CursorLog = attrs.field(factory=CursorLog)
    last_ids: frozenset[str] = frozenset()  # of the last page with events: none may come again
    outage_tolerance: float = DEFAULT_OUTAGE_TOLERANCE
    outage_started: float | None = None  # when the polls began to fail, None while they succeed
    poll_started: float | None = None  # when the latest poll was sent

    def __attrs_post_init__(self) -> None:
        if not (self.outage_tolerance >= 0 and math.isfinite(self.outage_tolerance)):
            raise InvalidParameterError(
                "outage_tolerance", f"must be a finite number of seconds >= 0, got {self.outage_tolerance!r}"
            )
        if not (self.poll_interval > 0 and math.isfinite(self.poll_interval)):
            raise InvalidParameterError(
                "poll_interval", f"must be a positive number of seconds, got {self.poll_interval!r}"
            )
        if self.timeout is not None and not self.timeout >= 0:
            raise InvalidParameterError("timeout", f"must be None or >= 0 seconds, got {self.timeout!r}")

    def observe(self, event: TrainingJobEventResponse) -> TrainingJobSummary | None:
        """Record one event; the summary once the job has ended, else None."""
        self.events_seen += 1
        self.cursor = id_text(event.id)
        data: Mapping[str, Any] = event.data
        kind = str(event.type)  # also a type this SDK does not know yet: handed on, then skipped
        if self.on_event is not None:
            self.on_event(event)
        if kind == "gradient_step":
            step, self.last_metrics = gradient_step(data)
            if step is not None:
                self.last_step = step
        elif kind == "training_failed":
            raise TrainingJobFailedError(self.job_id, _failure_message(data), event)
        elif kind == "training_ended":
            return TrainingJobSummary(
                job_id=self.job_id,
                events_seen=self.events_seen,
                last_event_id=self.cursor,
                last_step=self.last_step,
                last_metrics=dict(self.last_metrics),
            )
        return None

    def consume(self, page: _EventPage) -> TrainingJobSummary | None:
        """Feed one page of events in order; the summary once the job has ended, else None.

        Raises ``PaginationError``, before any of its events reaches ``on_event``, when the page
        ends where the feed already was (a page served again, cursors that cycle), or when the
        server says more events are waiting but the feed would not move past this page's cursor.
        """
        self.outage_started = None
        previous = self.cursor
        self.log.arrived(page, self.pages, previous)
        if page.data:
            self.last_ids = repeated_ids(page, self.last_ids)
            self.pages += 1
        for event in page.data:
            summary = self.observe(event)
            if summary is not None:
                return summary
        if page.has_more:
            next_cursor(page, previous)
        return None

    def outage(self, error: APIError) -> None:
        """A poll failed in a way worth retrying: go on, unless failures have lasted past the
        tolerance; then raise ``error``, which says where to resume (``resume_after``)."""
        now = time.monotonic()
        if self.outage_started is None:
            self.outage_started = now
        if now - self.outage_started >= self.outage_tolerance:
            error.resume_after = self.cursor
            raise error

    def check_deadline(self) -> float | None:
        """Seconds left before ``timeout`` (None: no timeout); raises once it has passed.

        Called after every page, so a feed that always says ``has_more`` cannot outrun it.
        """
        if self.timeout is None:
            return None
        left = self.timeout - (time.monotonic() - self.started)
        if left <= 0:
            raise TrainingJobTimeoutError(
                self.job_id, self.timeout, events_seen=self.events_seen, last_event_id=self.cursor
            )
        return left

    def start_poll(self, default: float | None) -> float | None:
        """A poll starts now. Its timeout: the time left before ``timeout`` when that is shorter than
        the client's ``default`` attempt (so no poll outlives the deadline), else None (the client's)."""
        left = self.check_deadline()
        self.poll_started = time.monotonic()
        return None if left is None or (default is not None and left >= default) else left

    def next_sleep(self, *, failed: bool = False) -> float:
        """Seconds to sleep before the next poll: polls start ``poll_interval`` apart, so the time a
        poll takes does not add to every event's delay; after a failed poll, a whole interval, so
        a struggling server is not polled faster. Raises when the deadline has passed."""
        left = self.check_deadline()
        wait = self.poll_interval
        if not failed and self.poll_started is not None:
            wait = max(0.0, wait - (time.monotonic() - self.poll_started))
        return wait if left is None else min(wait, left)
