"""A local OpenAI-compatible chat completion server for the benchmark, plain HTTP or TLS.

``POST /v1/chat/completions`` answers after ``delay`` seconds (the model's time to first token),
whole (``application/json``) or, when the body says ``"stream": true``, as server-sent events:
``chunks`` events ``pace`` seconds apart, then ``data: [DONE]``, in chunked transfer encoding as
vLLM's FastAPI server sends them. ``GET /stats`` (and the attributes of the same names) report the
connections it accepted, the requests it answered and the most completions it had in flight at
once, so a benchmark or a test can count what a client opened and how many calls overlapped. One asyncio loop,
as in local_api.py: with hundreds of concurrent connections a thread per connection would make the
server the bottleneck.
"""

from __future__ import annotations

import asyncio
import json
import ssl

from local_api import LoopServer

COMPLETION_ID = "chatcmpl-bench"
WORDS = ["The", " answer", " is", " four", ",", " because", " two", " plus", " two", " is", " four", "."]


def word(index: int) -> str:
    """Token ``index`` of the answer: the same text whole or streamed."""
    return WORDS[index % len(WORDS)]


def completion(model: str, count: int) -> bytes:
    """A whole chat completion of ``count`` tokens, in OpenAI's shape, as vLLM answers one."""
    text = "".join(word(index) for index in range(count))
    return json.dumps(
        {
            "id": COMPLETION_ID,
            "object": "chat.completion",
            "created": 1_733_000_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": count, "total_tokens": 12 + count},
        }
    ).encode()


def chunk_event(model: str, index: int, count: int) -> bytes:
    """Event ``index`` of ``count``: a word of the answer; the last one carries ``finish_reason``."""
    last = index == count - 1
    delta = {"content": word(index), **({"role": "assistant"} if index == 0 else {})}
    payload = {
        "id": COMPLETION_ID,
        "object": "chat.completion.chunk",
        "created": 1_733_000_000,
        "model": model,
        "choices": [
            {"index": 0, "delta": delta, "finish_reason": "stop" if last else None, "logprobs": None}
        ],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _chunked(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


class ChatAPI(LoopServer):
    """``with ChatAPI(delay=0.5, chunks=16) as api: api.url`` (``ssl_context`` for HTTPS)."""

    def __init__(
        self,
        *,
        delay: float = 0.0,
        chunks: int = 16,
        pace: float = 0.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.delay = delay
        self.chunks = chunks
        self.pace = pace
        self.connections = 0
        self.requests = 0
        self.in_flight = 0
        self.peak_in_flight = 0
        super().__init__(ssl_context=ssl_context, backlog=2048)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """HTTP/1.1 keep-alive: one request after another on the connection."""
        self.connections += 1
        self._writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *header_lines = head.split(b"\r\n")
                method, target = request_line.split(b" ")[:2]
                headers = {}
                for line in header_lines:
                    name, _, value = line.partition(b":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
                self.requests += 1
                if method == b"GET" and target == b"/stats":
                    stats = json.dumps(
                        {
                            "connections": self.connections,
                            "requests": self.requests,
                            "peak_in_flight": self.peak_in_flight,
                        }
                    ).encode()
                    writer.write(self._head(b"application/json", len(stats)) + stats)
                elif method == b"POST" and target == b"/v1/chat/completions":
                    await self._complete(json.loads(body), writer)
                else:
                    writer.write(self._head(b"application/json", 2, status=b"404 Not Found") + b"{}")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _complete(self, request: dict[str, object], writer: asyncio.StreamWriter) -> None:
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            await self._answer(request, writer)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: dict[str, object], writer: asyncio.StreamWriter) -> None:
        model = str(request.get("model", ""))
        if self.delay:
            await asyncio.sleep(self.delay)
        if not request.get("stream"):
            body = completion(model, self.chunks)
            writer.write(self._head(b"application/json", len(body)) + body)
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            b"Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n"
        )
        for index in range(self.chunks):
            writer.write(_chunked(chunk_event(model, index, self.chunks)))
            await writer.drain()
            if self.pace:
                await asyncio.sleep(self.pace)
        # [DONE] and the end of the chunked body in separate writes, as a server that flushes each
        # event does: the client sees [DONE] before the body's last bytes.
        writer.write(_chunked(b"data: [DONE]\n\n"))
        await writer.drain()
        writer.write(b"0\r\n\r\n")

    @staticmethod
    def _head(content_type: bytes, length: int, *, status: bytes = b"200 OK") -> bytes:
        return b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
            status,
            content_type,
            length,
        )
