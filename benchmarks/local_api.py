"""A local stand-in for the API's checkpoint listing, on 127.0.0.1, for the benchmark.

It pages exactly as the spec describes (``after`` = id of the last item seen, ``limit`` 1-100,
``order`` asc/desc, ``{object, data, first_id, last_id, has_more}``), keeps connections alive and
caches each encoded page, so it is never the bottleneck of what it serves. It is one asyncio loop
(in a thread of its own), not a thread per connection: with 64 concurrent connections a threaded
server spent its time handing the GIL around, and the client's throughput fell to a fifth.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
import time
import uuid
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from typing_extensions import Self

CHECKPOINTS_PREFIX = "/v1/preview/models/"
JOBS_PREFIX = "/v1/preview/training-jobs/"


def sample_checkpoints(n: int) -> list[dict[str, Any]]:
    """``n`` checkpoints with plausible, deterministic metrics."""
    return [
        {
            "id": str(uuid.UUID(int=step + 1)),
            "step": step,
            "metrics": {
                "loss": round(2.0 / (1 + step * 0.05), 4),
                "reward": round(min(1.0, step / (n or 1)), 4),
            },
        }
        for step in range(n)
    ]


class LoopServer:
    """An asyncio server on 127.0.0.1 in a thread of its own: ``with Server(...) as api: api.url``.
    Subclasses answer each connection in ``_connection`` and keep its writer in ``_writers``."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None, backlog: int = 1024) -> None:
        self._scheme = "https" if ssl_context is not None else "http"
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._connection, "127.0.0.1", 0, backlog=backlog, ssl=ssl_context)
        )
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    @property
    def url(self) -> str:
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"{self._scheme}://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        async def stop() -> None:
            self._server.close()
            for writer in list(self._writers):  # idle keep-alive connections
                writer.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


class LocalAPI(LoopServer):
    """``with LocalAPI({"model-id": checkpoints}) as api: api.url``."""

    def __init__(self, models: dict[str, list[dict[str, Any]]], *, latency: float = 0.0) -> None:
        self.models = models
        self.latency = latency  # seconds added to every response, to stand in for a network
        self.requests = 0
        self.handler_seconds = 0.0
        self._pages: dict[tuple[str, str | None, int, str], bytes] = {}
        self._index = {
            (model, order): {item["id"]: i for i, item in enumerate(items if order == "asc" else items[::-1])}
            for model, items in models.items()
            for order in ("asc", "desc")
        }
        # job id -> its events, each with the monotonic time from which the feed shows it
        self.jobs: dict[str, list[tuple[float, dict[str, Any]]]] = {}
        super().__init__()

    def page(self, model: str, after: str | None, limit: int, order: str) -> tuple[int, bytes]:
        """The encoded page (cached), or an error status and body."""
        key = (model, after, limit, order)
        cached = self._pages.get(key)
        if cached is not None:
            return 200, cached
        items = self.models.get(model)
        if items is None:
            return 404, json.dumps({"detail": f"model {model} not found"}).encode()
        ordered = items if order == "asc" else items[::-1]
        start = 0
        if after is not None:
            position = self._index[(model, order)].get(after)
            if position is None:
                return 404, json.dumps({"detail": f"unknown cursor {after}"}).encode()
            start = position + 1
        data = ordered[start : start + limit]
        body = json.dumps(
            {
                "object": "list",
                "data": data,
                "first_id": data[0]["id"] if data else "",
                "last_id": data[-1]["id"] if data else "",
                "has_more": start + limit < len(ordered),
            }
        ).encode()
        self._pages[key] = body
        return 200, body

    def add_job(self, job_id: str, *, steps: int, start: float, interval: float) -> None:
        """A job whose feed shows ``training_started``, ``steps`` gradient steps and ``training_ended``,
        one every ``interval`` seconds from ``start`` (time.monotonic()); each event's data says when
        it became available."""
        kinds = ["training_started"] + ["gradient_step"] * steps + ["training_ended"]
        events = []
        for i, kind in enumerate(kinds):
            available = start + i * interval
            event_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{job_id}/{i}"))
            data = {"step": i, "loss": 1.0 / (i + 1), "available_at": available}
            events.append((available, {"id": event_id, "type": kind, "data": data}))
        self.jobs[job_id] = events

    def events(self, job_id: str, after: str | None, limit: int) -> tuple[int, bytes]:
        """The job's events after ``after`` that are available now."""
        schedule = self.jobs.get(job_id)
        if schedule is None:
            return 404, json.dumps({"detail": f"training job {job_id} not found"}).encode()
        now = time.monotonic()
        shown = [event for available, event in schedule if available <= now]
        start = 0
        if after is not None:
            ids = [event["id"] for event in shown]
            start = ids.index(after) + 1 if after in ids else len(shown)
        data = shown[start : start + limit]
        body = {
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else "",
            "last_id": data[-1]["id"] if data else "",
            "has_more": start + limit < len(shown),
        }
        return 200, json.dumps(body).encode()

    def answer(self, target: str) -> tuple[int, bytes]:
        """Status and body for a GET of ``target`` (path and query)."""
        url = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path == "/v1/health":
            stats = {"status": "ok", "requests": self.requests, "handler_seconds": self.handler_seconds}
            return 200, json.dumps(stats).encode()
        if url.path.startswith(CHECKPOINTS_PREFIX) and url.path.endswith("/checkpoints"):
            model = unquote(url.path[len(CHECKPOINTS_PREFIX) : -len("/checkpoints")])
            limit, order = int(query.get("limit", 20)), query.get("order", "asc")
            if not 1 <= limit <= 100 or order not in ("asc", "desc"):
                return 422, b'{"detail": [{"loc": ["query"], "msg": "bad paging", "type": "value_error"}]}'
            return self.page(model, query.get("after"), limit, order)
        if url.path.startswith(JOBS_PREFIX) and url.path.endswith("/events"):
            job = unquote(url.path[len(JOBS_PREFIX) : -len("/events")])
            return self.events(job, query.get("after"), int(query.get("limit", 20)))
        return 404, b'{"detail": "Not Found"}'

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """HTTP/1.1 keep-alive: GET requests without bodies, one after another."""
        self._writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                started = time.perf_counter()
                target = head.split(b" ", 2)[1].decode("latin-1")
                status, body = self.answer(target)
                self.requests += 1
                self.handler_seconds += time.perf_counter() - started
                if self.latency:
                    await asyncio.sleep(self.latency)
                reason = {200: b"OK", 404: b"Not Found", 422: b"Unprocessable Entity"}[status]
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % (status, reason, len(body))
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
