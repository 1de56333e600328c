"""httpx transports answered by a ``FakeAPI`` in-process: no socket, same bytes on the wire.

Latency and chaos act out as they would on a socket, bounded by the request's read timeout: a wait
longer than it ends in ``httpx.ReadTimeout`` once the timeout has passed, a reset in
``httpx.ReadError``, a trickled body arrives in pieces.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import anyio
import httpx

if TYPE_CHECKING:
    from ._app import FakeAPI, FakeReply

__all__ = ["AsyncFakeTransport", "FakeTransport"]

TRICKLE_BYTES = 16  # a trickled body arrives this many bytes at a time


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    limit = timeout.get("read") if isinstance(timeout, dict) else None
    return limit if isinstance(limit, int | float) else None


def _wait(seconds: float, request: httpx.Request) -> tuple[float, bool]:
    """How long a wait of ``seconds`` lasts for this request, and whether it ends in a read timeout."""
    limit = _read_timeout(request)
    if seconds and limit is not None and seconds > limit:
        return limit, True
    return seconds, False


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the fake waited longer than the read timeout", request=request)


def _reset(request: httpx.Request) -> httpx.ReadError:
    return httpx.ReadError("[Errno 104] Connection reset by peer (the fake's chaos)", request=request)


# What the body of a reply does, in order: bytes to deliver, seconds to wait, an error to raise.
# The plan is made once; the sync and async streams only carry it out.
Step = bytes | float | httpx.TransportError
Wait = float | httpx.TransportError  # before the headers there are no bytes to deliver


def _body_steps(reply: FakeReply, request: httpx.Request) -> list[Step]:
    """How the body arrives: whole, trickled, or cut by a stall or a reset half way."""
    body, half = reply.body, len(reply.body) // 2
    if reply.delivery == "trickle":
        steps: list[Step] = []
        for i in range(0, len(body), TRICKLE_BYTES):
            steps += [body[i : i + TRICKLE_BYTES], reply.pause]
        return steps
    if reply.delivery == "reset_mid_body":
        return [body[:half], _reset(request)]
    if reply.delivery == "stall_mid_body":
        waited, times_out = _wait(reply.pause, request)
        return [body[:half], waited, _timed_out(request) if times_out else body[half:]]
    return [body]


class _Body(httpx.SyncByteStream):
    def __init__(self, steps: list[Step]) -> None:
        self._steps = steps

    def __iter__(self) -> Iterator[bytes]:
        for step in self._steps:
            if isinstance(step, bytes):
                yield step
            elif isinstance(step, float | int):
                time.sleep(step)
            else:
                raise step


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, steps: list[Step]) -> None:
        self._steps = steps

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for step in self._steps:
            if isinstance(step, bytes):
                yield step
            elif isinstance(step, float | int):
                await anyio.sleep(step)
            else:
                raise step


def _before_headers(
    fake: FakeAPI, request: httpx.Request, body: bytes
) -> tuple[list[Wait], FakeReply | None]:
    """The waits before the answer's headers (the fake's latency, before the request reaches it; a
    chaos stall, after it was carried out), each ending in a timeout past the read timeout, or a
    reset; and the answer (None when the request timed out before reaching the fake)."""
    waited, times_out = _wait(fake.faults.latency, request)
    if times_out:
        return [waited, _timed_out(request)], None
    reply = fake.handle(request.method, str(request.url), request.headers, body)
    steps: list[Wait] = [waited]
    if reply.delivery == "stall_before_headers":
        waited, times_out = _wait(reply.pause, request)
        steps += [waited, *([_timed_out(request)] if times_out else [])]
    if reply.delivery == "reset_before_headers":
        steps.append(_reset(request))
    return steps, reply


def _response(reply: FakeReply, delivered: httpx.SyncByteStream | httpx.AsyncByteStream) -> httpx.Response:
    """The reply as httpx hands it back: whole (with its length), or body delivered as chaos says."""
    if reply.delivery in (None, "stall_before_headers"):
        return httpx.Response(reply.status, headers=dict(reply.headers), content=reply.body)
    return httpx.Response(reply.status, headers=dict(reply.headers), stream=delivered)


class FakeTransport(httpx.BaseTransport):
    """Sync: waits sleep, and end in ``httpx.ReadTimeout`` past the read timeout."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        steps, reply = _before_headers(self.fake, request, request.read())
        for step in steps:
            if isinstance(step, httpx.TransportError):
                raise step
            time.sleep(step)
        assert reply is not None  # a plan without an answer ends in an error
        return _response(reply, _Body(_body_steps(reply, request)))


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Async: waits are ``anyio.sleep``, so the caller's own deadlines cancel them."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        steps, reply = _before_headers(self.fake, request, await request.aread())
        for step in steps:
            if isinstance(step, httpx.TransportError):
                raise step
            await anyio.sleep(step)
        assert reply is not None  # a plan without an answer ends in an error
        return _response(reply, _AsyncBody(_body_steps(reply, request)))
