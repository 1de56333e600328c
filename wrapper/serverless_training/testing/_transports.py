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


def _pieces(reply: FakeReply) -> tuple[bytes, bytes]:
    half = len(reply.body) // 2
    return reply.body[:half], reply.body[half:]


class _Body(httpx.SyncByteStream):
    def __init__(self, reply: FakeReply, request: httpx.Request) -> None:
        self._reply, self._request = reply, request

    def __iter__(self) -> Iterator[bytes]:
        reply, first, rest = self._reply, *_pieces(self._reply)
        if reply.delivery == "trickle":
            for i in range(0, len(reply.body), TRICKLE_BYTES):
                yield reply.body[i : i + TRICKLE_BYTES]
                time.sleep(reply.pause)
            return
        if reply.delivery in ("stall_mid_body", "reset_mid_body"):
            yield first
            if reply.delivery == "reset_mid_body":
                raise _reset(self._request)
            waited, times_out = _wait(reply.pause, self._request)
            time.sleep(waited)
            if times_out:
                raise _timed_out(self._request)
            yield rest
            return
        yield reply.body


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, reply: FakeReply, request: httpx.Request) -> None:
        self._reply, self._request = reply, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        reply, first, rest = self._reply, *_pieces(self._reply)
        if reply.delivery == "trickle":
            for i in range(0, len(reply.body), TRICKLE_BYTES):
                yield reply.body[i : i + TRICKLE_BYTES]
                await anyio.sleep(reply.pause)
            return
        if reply.delivery in ("stall_mid_body", "reset_mid_body"):
            yield first
            if reply.delivery == "reset_mid_body":
                raise _reset(self._request)
            waited, times_out = _wait(reply.pause, self._request)
            await anyio.sleep(waited)
            if times_out:
                raise _timed_out(self._request)
            yield rest
            return
        yield reply.body


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
        body = request.read()
        self._wait(self.fake.faults.latency, request)  # before the request reaches the service
        reply = self.fake.handle(request.method, str(request.url), request.headers, body)
        if reply.delivery == "stall_before_headers":
            self._wait(reply.pause, request)  # carried out, and the answer is late
        if reply.delivery == "reset_before_headers":
            raise _reset(request)
        return _response(reply, _Body(reply, request))

    @staticmethod
    def _wait(seconds: float, request: httpx.Request) -> None:
        waited, times_out = _wait(seconds, request)
        if waited:
            time.sleep(waited)
        if times_out:
            raise _timed_out(request)


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Async: waits are ``anyio.sleep``, so the caller's own deadlines cancel them."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        await self._wait(self.fake.faults.latency, request)
        reply = self.fake.handle(request.method, str(request.url), request.headers, body)
        if reply.delivery == "stall_before_headers":
            await self._wait(reply.pause, request)
        if reply.delivery == "reset_before_headers":
            raise _reset(request)
        return _response(reply, _AsyncBody(reply, request))

    @staticmethod
    async def _wait(seconds: float, request: httpx.Request) -> None:
        waited, times_out = _wait(seconds, request)
        if waited:
            await anyio.sleep(waited)
        if times_out:
            raise _timed_out(request)
