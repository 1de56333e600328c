"""httpx transports answered by a ``FakeAPI`` in-process: no socket, same bytes on the wire.

Latency and chaos act out as they would on a socket, bounded by the request's read timeout: a wait
longer than it ends in ``httpx.ReadTimeout`` once the timeout has passed, a reset in
``httpx.ReadError``, a trickled body arrives in pieces.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING

import anyio
import httpx

from ._chaos import Reset, Step

if TYPE_CHECKING:
    from ._reply import FakeReply, Responder

__all__ = ["AsyncFakeTransport", "FakeTransport"]


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


def _play(steps: Sequence[Step], request: httpx.Request) -> Iterator[bytes | float]:
    """Chaos steps as this request meets them: bytes to hand over, seconds to sleep (a wait longer
    than the read timeout lasts that long, then raises ``ReadTimeout``), a reset raised as
    ``ReadError``. The sync and async flavours only do the sleeping."""
    for step in steps:
        if isinstance(step, bytes):
            yield step
        elif isinstance(step, Reset):
            raise _reset(request)
        else:
            waited, times_out = _wait(step, request)
            yield waited
            if times_out:
                raise _timed_out(request)


def _waits(steps: Sequence[float | Reset], request: httpx.Request) -> Iterator[float]:
    """The seconds to sleep before an answer's headers (which carry no bytes)."""
    for item in _play(steps, request):
        assert not isinstance(item, bytes)
        yield item


class _Body(httpx.SyncByteStream):
    def __init__(self, steps: Sequence[Step], request: httpx.Request) -> None:
        self._steps, self._request = steps, request

    def __iter__(self) -> Iterator[bytes]:
        for item in _play(self._steps, self._request):
            if isinstance(item, bytes):
                yield item
            else:
                time.sleep(item)


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, steps: Sequence[Step], request: httpx.Request) -> None:
        self._steps, self._request = steps, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for item in _play(self._steps, self._request):
            if isinstance(item, bytes):
                yield item
            else:
                await anyio.sleep(item)


def _response(reply: FakeReply, delivered: httpx.SyncByteStream | httpx.AsyncByteStream) -> httpx.Response:
    """The reply as httpx hands it back: whole (with its length), or body delivered as chaos says."""
    if reply.delivery in (None, "stall_before_headers"):
        return httpx.Response(reply.status, headers=dict(reply.headers), content=reply.body)
    return httpx.Response(reply.status, headers=dict(reply.headers), stream=delivered)


class FakeTransport(httpx.BaseTransport):
    """Sync: waits sleep, and end in ``httpx.ReadTimeout`` past the read timeout."""

    def __init__(self, fake: Responder) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        for seconds in _waits([self.fake.faults.latency], request):  # before it reaches the fake
            time.sleep(seconds)
        reply = self.fake.handle(request.method, str(request.url), request.headers, body)
        for seconds in _waits(reply.before_headers(), request):
            time.sleep(seconds)
        return _response(reply, _Body(reply.body_steps(), request))


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Async: waits are ``anyio.sleep``, so the caller's own deadlines cancel them."""

    def __init__(self, fake: Responder) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        for seconds in _waits([self.fake.faults.latency], request):
            await anyio.sleep(seconds)
        reply = self.fake.handle(request.method, str(request.url), request.headers, body)
        for seconds in _waits(reply.before_headers(), request):
            await anyio.sleep(seconds)
        return _response(reply, _AsyncBody(reply.body_steps(), request))
