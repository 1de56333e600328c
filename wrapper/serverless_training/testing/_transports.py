"""httpx transports answered by a ``FakeAPI`` in-process: no socket, same bytes on the wire."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import anyio
import httpx

if TYPE_CHECKING:
    from ._app import FakeAPI, FakeReply

__all__ = ["AsyncFakeTransport", "FakeTransport"]


def _response(reply: FakeReply) -> httpx.Response:
    return httpx.Response(reply.status, headers=dict(reply.headers), content=reply.body)


def _delay(fake: FakeAPI, request: httpx.Request) -> tuple[float, bool]:
    """Seconds ``faults.latency`` holds this request, and whether that ends in a read timeout
    (the latency exceeds the request's read timeout, so the wait stops there)."""
    latency = fake.faults.latency
    timeout = request.extensions.get("timeout", {})
    limit = timeout.get("read") if isinstance(timeout, dict) else None
    if latency and isinstance(limit, int | float) and latency > limit:
        return limit, True
    return latency, False


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the fake's latency exceeds the read timeout", request=request)


class FakeTransport(httpx.BaseTransport):
    """Sync: ``faults.latency`` sleeps, and ends in ``httpx.ReadTimeout`` past the read timeout."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        delay, times_out = _delay(self.fake, request)
        if delay:
            time.sleep(delay)
        if times_out:
            raise _timed_out(request)
        return _response(self.fake.handle(request.method, str(request.url), request.headers, body))


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Async: ``faults.latency`` is an ``anyio.sleep``, so the caller's own deadlines cancel it."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        delay, times_out = _delay(self.fake, request)
        if delay:
            await anyio.sleep(delay)
        if times_out:
            raise _timed_out(request)
        return _response(self.fake.handle(request.method, str(request.url), request.headers, body))
