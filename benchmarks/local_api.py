"""A local stand-in for the API's checkpoint listing, on 127.0.0.1, for the demo and the benchmark.

It pages exactly as the spec describes (``after`` = id of the last item seen, ``limit`` 1-100,
``order`` asc/desc, ``{object, data, first_id, last_id, has_more}``), keeps connections alive and
caches each encoded page, so it is never the bottleneck of what it serves.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

CHECKPOINTS_PREFIX = "/v1/preview/models/"


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


class LocalAPI:
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
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> LocalAPI:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

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

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # otherwise keep-alive stalls ~40 ms per response

            def do_GET(self) -> None:
                started = time.perf_counter()
                try:
                    self._get()
                finally:
                    api.requests += 1
                    api.handler_seconds += time.perf_counter() - started
                if api.latency:
                    time.sleep(api.latency)

            def _get(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                if url.path == "/v1/health":
                    stats = {"status": "ok", "requests": api.requests, "handler_seconds": api.handler_seconds}
                    self._send(200, json.dumps(stats).encode())
                elif url.path.startswith(CHECKPOINTS_PREFIX) and url.path.endswith("/checkpoints"):
                    model = unquote(url.path[len(CHECKPOINTS_PREFIX) : -len("/checkpoints")])
                    limit, order = int(query.get("limit", 20)), query.get("order", "asc")
                    if not 1 <= limit <= 100 or order not in ("asc", "desc"):
                        self._send(
                            422,
                            b'{"detail": [{"loc": ["query"], "msg": "bad paging", "type": "value_error"}]}',
                        )
                        return
                    self._send(*api.page(model, query.get("after"), limit, order))
                else:
                    self._send(404, b'{"detail": "Not Found"}')

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
