"""Chaos: seeded random faults, the way a flaky network, an overloaded service and its edge fail.

``fake.faults.chaos = Chaos(rate=0.1, seed=7)`` gives one request in ten (drawn from ``seed``, so a
run can be repeated) one of these faults:

* ``rate_limit``: 429 with ``Retry-After`` (the request is not carried out);
* ``server_error``: 502 or 503 with an HTML body, as a proxy answers (not carried out);
* ``stall_before_headers``: the request is carried out, and the answer waits ``stall`` seconds;
* ``stall_mid_body``: half the body, a wait of ``stall`` seconds, then the rest;
* ``reset_before_headers``: carried out, then the connection is reset with no answer;
* ``reset_mid_body``: half the body, then the connection is reset;
* ``trickle``: the body in small pieces ``trickle_pause`` seconds apart.

A stall longer than the client's read timeout ends in a timeout; a reset in a connection error.
The faults that come after the request was carried out are the ones a create cannot safely repeat.
"""

from __future__ import annotations

import math
import random
import threading

import attrs

__all__ = ["KINDS", "RESET", "TRICKLE_BYTES", "Chaos", "Reset", "before_headers", "body_steps"]

KINDS = (
    "rate_limit",
    "server_error",
    "stall_before_headers",
    "stall_mid_body",
    "reset_before_headers",
    "reset_mid_body",
    "trickle",
)
# The kinds that end the reply before the request is carried out; the others carry it out first.
REFUSALS = ("rate_limit", "server_error")
TRICKLE_BYTES = 16  # a trickled body arrives this many bytes at a time


class Reset:
    """The step at which the connection is reset."""

    def __repr__(self) -> str:
        return "RESET"


RESET = Reset()
# How a reply reaches the client, in order: bytes to send, seconds to wait, or a reset. Written once
# here; the in-process transports and the socket server only carry the steps out.
Step = bytes | float | Reset


def before_headers(delivery: str | None, pause: float) -> list[float | Reset]:
    """What happens before the answer's headers: a stall, a reset, or nothing."""
    if delivery == "stall_before_headers":
        return [pause]
    if delivery == "reset_before_headers":
        return [RESET]
    return []


def body_steps(delivery: str | None, pause: float, body: bytes) -> list[Step]:
    """How the body arrives: whole, trickled, or cut half way by a stall or a reset."""
    half = len(body) // 2
    if delivery == "trickle":
        steps: list[Step] = []
        for i in range(0, len(body), TRICKLE_BYTES):
            steps += [body[i : i + TRICKLE_BYTES], pause]
        return steps
    if delivery == "reset_mid_body":
        return [body[:half], RESET]
    if delivery == "stall_mid_body":
        return [body[:half], pause, body[half:]]
    return [body]


def _check_rate(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{attribute.name} must be a number from 0 to 1, got {value!r}")


def _check_seconds(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (value >= 0 and math.isfinite(value))
    ):
        raise ValueError(f"{attribute.name} must be a finite number of seconds >= 0, got {value!r}")


def _check_kinds(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    unknown = sorted(set(value) - set(KINDS))
    if not value or unknown:
        raise ValueError(f"kinds must be some of {', '.join(KINDS)}; got {value!r}")


@attrs.define
class Chaos:
    """Seeded random faults for a ``FakeAPI`` (``fake.faults.chaos``), in-process and served alike.
    The same seed and the same order of requests give the same faults."""

    rate: float = attrs.field(validator=_check_rate)
    seed: int = 0
    kinds: tuple[str, ...] = attrs.field(default=KINDS, converter=tuple, validator=_check_kinds)
    stall: float = attrs.field(default=2.0, validator=_check_seconds)
    retry_after: float = attrs.field(default=0.1, validator=_check_seconds)
    trickle_pause: float = attrs.field(default=0.005, validator=_check_seconds)
    drawn: list[str | None] = attrs.field(factory=list, init=False, repr=False)  # every draw, in order
    _rng: random.Random = attrs.field(init=False, repr=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._rng = random.Random(self.seed)  # noqa: S311 - reproducible faults, not secrets

    def draw(self) -> str | None:
        """The fault for the next request, or None."""
        with self._lock:
            fault = (
                self.kinds[self._rng.randrange(len(self.kinds))] if self._rng.random() < self.rate else None
            )
            self.drawn.append(fault)
            return fault

    def gateway_status(self) -> int:
        """502 or 503, drawn from the same seed."""
        with self._lock:
            return self._rng.choice((502, 503))
