"""Following a training job: a live view on a terminal, one plain line per event when piped."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import click
from rich.console import Group, RenderableType
from rich.live import Live
from rich.table import Table

from .._jobs import gradient_step
from ._render import console

if TYPE_CHECKING:
    from .._client import ServerlessTraining
    from ..types import TrainingJobEventResponse, TrainingJobSummary

__all__ = ["EventPrinter", "JobView", "wait"]

RECENT_EVENTS = 6


def _metrics(data: Mapping[str, Any]) -> dict[str, Any]:
    nested = data.get("metrics")
    return dict(nested) if isinstance(nested, Mapping) else {}


def _numbers(values: Mapping[str, Any]) -> str:
    return " ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items())


def event_line(event: TrainingJobEventResponse) -> str:
    """``gradient_step     step=3 reward=0.5 loss=0.12``: one event for people. Events carry no
    time of their own, so none is shown (the time it was read is not when it happened); a time
    the server puts in ``data`` is shown with the rest."""
    data = dict(event.data)
    fields = {k: v for k, v in data.items() if k != "metrics"}
    text = _numbers({**fields, **_metrics(data)})
    return f"{event.type!s:<17} {text}".rstrip()


@attrs.define
class EventPrinter:
    """Prints each event once: ``text`` for people, ``jsonl`` (id, type, data) for scripts."""

    fmt: str

    def __call__(self, event: TrainingJobEventResponse) -> None:
        if self.fmt == "jsonl":
            record = {"id": str(event.id), "type": str(event.type), "data": dict(event.data)}
            click.echo(json.dumps(record, ensure_ascii=False, default=str))
        else:
            click.echo(event_line(event))


@attrs.define
class JobView:
    """What the live view shows; ``rich`` renders it again on every refresh (elapsed time moves)."""

    job_id: str
    started: float = attrs.field(factory=time.monotonic)
    events: int = 0
    step: int | None = None
    metrics: dict[str, Any] = attrs.field(factory=dict)
    recent: list[str] = attrs.field(factory=list)
    status: str = "waiting for events"

    def __call__(self, event: TrainingJobEventResponse) -> None:
        self.events += 1
        data = dict(event.data)
        kind = str(event.type)
        if kind == "gradient_step":  # read as the summary of wait() reads it
            step, metrics = gradient_step(data)
            self.step = self.step if step is None else step
            self.metrics = metrics or self.metrics
        self.status = {"training_ended": "ended", "training_failed": "failed"}.get(kind, "running")
        self.recent = [*self.recent, event_line(event)][-RECENT_EVENTS:]

    def __rich__(self) -> RenderableType:

        elapsed = time.monotonic() - self.started
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("job", self.job_id)
        table.add_row("status", self.status)
        table.add_row("elapsed", f"{elapsed:,.0f}s")
        table.add_row("events", str(self.events))
        table.add_row("step", "-" if self.step is None else str(self.step))
        table.add_row("metrics", _numbers(self.metrics) or "-")
        return Group(table, *self.recent)


def wait(client: ServerlessTraining, job_id: str, *, timeout: float | None, poll_interval: float) -> None:
    """Follow ``job_id`` to its end; the summary on stdout. Failures and timeouts raise."""
    out = console()
    summary: TrainingJobSummary
    if out.is_terminal:
        view = JobView(job_id)
        with Live(view, console=out, refresh_per_second=4, transient=False):
            summary = client.training_jobs.wait(
                job_id, timeout=timeout, poll_interval=poll_interval, on_event=view
            )
    else:
        summary = client.training_jobs.wait(
            job_id, timeout=timeout, poll_interval=poll_interval, on_event=EventPrinter("text")
        )
    step = "no gradient step" if summary.last_step is None else f"step {summary.last_step}"
    metrics = _numbers(summary.last_metrics)
    events = f"{summary.events_seen} event{'' if summary.events_seen == 1 else 's'}"
    click.echo(f"job {summary.job_id} ended at {step} ({events}) {metrics}".rstrip())
