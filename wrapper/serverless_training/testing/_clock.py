"""A clock a test moves by hand, so a training job's progress is exact and instant."""

from __future__ import annotations

import math
import threading

__all__ = ["ManualClock"]


class ManualClock:
    """Seconds that pass only when ``advance`` is called. Pass it as ``FakeAPI(clock=...)``."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (>= 0); returns the new time."""
        if not (seconds >= 0 and math.isfinite(seconds)):
            raise ValueError(f"a clock only moves forward by a finite amount, got {seconds!r}")
        with self._lock:
            self._now += seconds
            return self._now

    def __repr__(self) -> str:
        return f"ManualClock(now={self():g})"
