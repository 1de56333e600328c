"""``FakeServer``: a ``FakeAPI`` behind a real HTTP/1.1 socket, for code that is not the SDK."""

from __future__ import annotations

import io
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._reply import FakeReply, Responder

from ._chaos import Reset

__all__ = ["FakeServer"]


class _Discard(io.BufferedIOBase):
    """Where a reset connection's output goes."""

    def write(self, data: object) -> int:
        return len(data) if isinstance(data, bytes | bytearray) else 0


class FakeServer:
    """``with fake.serve() as server: server.base_url`` - serves from a daemon thread until exit."""

    def __init__(self, fake: Responder, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self._httpd = _Server((host, port), _handler(fake))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}"

    def start(self) -> Self:
        """Serve from a background thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def shutdown(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.shutdown()


class _Server(ThreadingHTTPServer):
    # The listen backlog: many clients connecting at once (64 jobs followed in parallel) are all
    # queued and answered; with the default of 5, some waited for seconds or were never answered.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (or a connection chaos reset) is not the server's error to print."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def _handler(fake: Responder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # otherwise each kept-alive response waits for delayed ACKs

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if fake.faults.latency:
                time.sleep(fake.faults.latency)
            reply = fake.handle(self.command, self.path, dict(self.headers.items()), body)
            for step in reply.before_headers():
                if isinstance(step, Reset):
                    self._reset()
                    return
                time.sleep(step)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":  # a HEAD answer has the headers of the body it does not send
                self._deliver(reply)

        def _deliver(self, reply: FakeReply) -> None:
            """The body, whole or as a chaos fault delivers it."""
            for step in reply.body_steps():
                if isinstance(step, Reset):
                    self._reset()
                    return
                if isinstance(step, bytes):
                    self.wfile.write(step)
                    self.wfile.flush()
                else:
                    time.sleep(step)

        def _reset(self) -> None:
            """Drop the connection with a TCP reset, as a crashed proxy does."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.wfile = _Discard()  # http.server flushes after the handler; nothing is left to send
            self.connection.close()

        def __getattr__(self, name: str) -> Any:
            # Every method token (TRACE, QUERY, ...) reaches the fake, which answers one undeclared
            # on a known path with 405 and an Allow header; http.server alone looks for a do_<METHOD>
            # and answers an HTML 501 without one.
            if name.startswith("do_"):
                return self._answer
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the fake is quiet; its callers log what they need

    return Handler
