"""Fault switches: how a test makes the fake misbehave the way real servers and proxies do."""

from __future__ import annotations

import threading
from collections.abc import Mapping

import attrs

from ._chaos import Chaos

__all__ = ["Faults", "InjectedReply"]


@attrs.frozen
class InjectedReply:
    """A reply given instead of the operation's own."""

    status: int
    body: Mapping[str, object]
    headers: Mapping[str, str] = attrs.field(factory=dict)


@attrs.define
class _Queued:
    reply: InjectedReply
    operation: str | None
    left: int


@attrs.define
class Faults:
    """Switches on a ``FakeAPI``; each ``operation`` is a normalized operationId such as
    ``"list_model_checkpoints"`` (None: any operation).

    >>> fake.faults.rate_limit(times=2, retry_after=0.1)   # the next two calls get 429
    >>> fake.faults.server_errors(times=3, status=503)     # then three 503s
    >>> fake.faults.latency = 0.05                         # seconds before every reply
    >>> fake.faults.lying_has_more = True                  # last pages claim more follow
    >>> fake.faults.fail_jobs(message="CUDA out of memory")  # the next job fails
    >>> fake.faults.chaos = Chaos(rate=0.1, seed=7)        # seeded random faults from now on
    """

    latency: float = 0.0
    lying_has_more: bool = False
    chaos: Chaos | None = None
    _queue: list[_Queued] = attrs.field(factory=list, alias="_queue")
    _job_failures: list[str] = attrs.field(factory=list, alias="_job_failures")
    _lock: threading.Lock = attrs.field(factory=threading.Lock, alias="_lock")

    def rate_limit(self, times: int = 1, *, retry_after: float = 1.0, operation: str | None = None) -> None:
        """The next ``times`` matching calls get ``429`` with ``Retry-After: retry_after``."""
        reply = InjectedReply(
            429, {"detail": "Rate limit exceeded"}, {"Retry-After": format(retry_after, "g")}
        )
        self._push(reply, operation, times)

    def server_errors(self, times: int = 1, *, status: int = 503, operation: str | None = None) -> None:
        """The next ``times`` matching calls get ``status`` (a 5xx), as an overloaded service does."""
        if not 500 <= status <= 599:
            raise ValueError(f"status must be a 5xx, got {status}")
        self._push(InjectedReply(status, {"detail": "Service temporarily unavailable"}), operation, times)

    def fail_jobs(self, times: int = 1, *, message: str = "CUDA out of memory") -> None:
        """The next ``times`` training jobs end with ``training_failed`` and ``{"error": message}``
        after ``training_started``, and add no checkpoint."""
        _check_times(times)
        with self._lock:
            self._job_failures.extend([message] * times)

    def next_job_failure(self) -> str | None:
        """The failure message for the job being created, if one is queued (used by ``FakeAPI``)."""
        with self._lock:
            return self._job_failures.pop(0) if self._job_failures else None

    def clear(self) -> None:
        """Every switch off."""
        with self._lock:
            self._queue.clear()
            self._job_failures.clear()
        self.latency = 0.0
        self.lying_has_more = False
        self.chaos = None

    def take(self, operation: str) -> InjectedReply | None:
        """The injected reply for this call, if one is queued for it (used by ``FakeAPI``)."""
        with self._lock:
            for queued in self._queue:
                if queued.operation in (None, operation):
                    queued.left -= 1
                    if queued.left == 0:
                        self._queue.remove(queued)
                    return queued.reply
        return None

    def _push(self, reply: InjectedReply, operation: str | None, times: int) -> None:
        _check_times(times)
        with self._lock:
            self._queue.append(_Queued(reply, operation, times))


def _check_times(times: int) -> None:
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise ValueError(f"times must be an integer >= 1, got {times!r}")
