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


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return value if isinstance(value, int | float) else None


class FakeTransport(httpx.BaseTransport):
    """Sync: ``faults.latency`` sleeps, and ends in ``httpx.ReadTimeout`` past the read timeout."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        latency = self.fake.faults.latency
        if latency:
            limit = _read_timeout(request)
            if limit is not None and latency > limit:
                time.sleep(limit)
                raise httpx.ReadTimeout("the fake's latency exceeds the read timeout", request=request)
            time.sleep(latency)
        return _response(self.fake.handle(request.method, str(request.url), request.headers, body))


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Async: ``faults.latency`` is an ``anyio.sleep``, so the caller's own deadlines cancel it."""

    def __init__(self, fake: FakeAPI) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        latency = self.fake.faults.latency
        if latency:
            limit = _read_timeout(request)
            if limit is not None and latency > limit:
                await anyio.sleep(limit)
                raise httpx.ReadTimeout("the fake's latency exceeds the read timeout", request=request)
            await anyio.sleep(latency)
        return _response(self.fake.handle(request.method, str(request.url), request.headers, body))
