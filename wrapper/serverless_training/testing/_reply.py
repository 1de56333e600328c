"""What the fake answers, and what answers: the seam between ``FakeAPI`` and the ways in
(in-process transports, the socket server), so neither side imports the other's module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import attrs

from ._chaos import Reset, Step, before_headers, body_steps
from ._faults import Faults

__all__ = ["FakeReply", "Responder"]


@attrs.frozen
class FakeReply:
    """One response of the fake: status, headers and the encoded JSON body; ``delivery`` is how a
    chaos fault delivers it (``stall_mid_body``, ``reset_before_headers``, ...; None: whole, at
    once), ``pause`` the seconds that fault waits."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    delivery: str | None = None
    pause: float = 0.0

    def before_headers(self) -> list[float | Reset]:
        """What happens before the headers are sent: seconds to wait, or a reset."""
        return before_headers(self.delivery, self.pause)

    def body_steps(self) -> list[Step]:
        """How the body is sent: bytes, seconds to wait between them, or a reset."""
        return body_steps(self.delivery, self.pause, self.body)


class Responder(Protocol):
    """What the transports and the server need of a fake: its faults, and an answer per request."""

    @property
    def faults(self) -> Faults: ...

    def handle(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> FakeReply:
        """Answer one request; ``url`` may be absolute or a path with its query, still encoded."""
        ...
