"""Streamed answers (``stream=True``): server-sent events read as they arrive, one typed chunk each.

OpenAI-compatible servers answer a streamed chat completion as ``text/event-stream``: ``data: {chunk}``
events, an optional ``data: {"error": ...}``, and ``data: [DONE]``. OpenAPI cannot describe that, so
the chunk types here are written by hand, in OpenAI's shape.

Deadlines: the attempt's whole deadline covers the response headers; after that the read timeout
bounds the wait for each whole event (not each socket read), so a server that stalls or trickles
bytes without finishing an event ends in ``APITimeoutError``, while a long stream that keeps
sending events lives as long as it needs. One rule does it, the same for every transport: a stall
ends at the socket read's timeout, and bytes that arrive past an event's deadline without
finishing it end the stream as they arrive (``EventReader.feed``). ``max_response_bytes`` caps
each event, not the stream.
A stream is never retried once its headers have arrived. After ``[DONE]`` the rest of the body
(the end of its chunked framing, usually a few bytes already on their way) is read within
``DRAIN_SECONDS`` and ``DRAIN_BYTES``, so the connection goes back to the pool for the next call
instead of being closed: without it every streamed completion paid a new connection (over TLS, a
handshake). A stream left before ``[DONE]`` closes its connection.

``EventReader`` does the work for both flavours; ``Stream`` and ``AsyncStream`` only move bytes.
"""

from __future__ import annotations

import re
import time
import types
from collections.abc import AsyncIterator, Iterator
from typing import Any, Generic, Protocol, TypeVar

import anyio
import httpx
import msgspec
from typing_extensions import Self

from ._constants import DRAIN_BYTES, DRAIN_SECONDS, EVENT_STREAM
from ._errors import APIResponseValidationError, APIStreamError, APITimeoutError, ResponseTooLargeError
from ._transport import DeadlineExceeded, Inflater, connection_error, deadline_scope, is_event_stream

__all__ = ["AsyncStream", "EventReader", "Stream", "StreamChunk"]


class StreamChunk(Protocol):
    """What a stream yields: a type that builds itself from one event's JSON object."""

    @classmethod
    def from_event(cls, event: dict[str, Any]) -> Self: ...


Chunk = TypeVar("Chunk", bound=StreamChunk)
_DONE = b"[DONE]"
_LINE_END = re.compile(rb"\r\n|\r|\n")  # the three line endings server-sent events allow
_BOM = "\ufeff".encode()  # a stream may begin with one; it is not part of the first field name
_MESSAGE_EVENTS = (b"", b"message", b"error")  # event types that carry chunks (or the error)


class EventReader(Generic[Chunk]):
    """Turns the raw bytes of an event stream into chunks: decoding, splitting events, the per-event
    deadline and size cap, error events, and the ``[DONE]`` that ends it."""

    def __init__(
        self,
        response: httpx.Response,
        chunk_type: type[Chunk],
        *,
        between_events: float | None,
        max_bytes: int,
    ) -> None:
        self._response = response
        self._chunk_type = chunk_type
        self._between_events = between_events
        self._max_bytes = max_bytes
        self._pending = bytearray()  # bytes of a line not yet ended
        self._searched = 0  # how much of _pending is known to hold no line ending
        self._after_cr = False  # the last line ended in CR: an LF first in the next bytes is its end
        self._at_start = True  # nothing read yet: a byte-order mark may come first
        self._data: list[bytes] = []  # the data lines of the event being read
        self._event_type = b""
        self._size = 0
        self._count = 0
        self.done: bool = False  # [DONE] was read
        self.deadline = self._next_deadline()
        self._inflater = Inflater.for_encoding(response.headers.get("content-encoding", ""))
        if not is_event_stream(response):
            response.read()
            answered = response.headers.get("content-type") or "untyped"
            raise APIResponseValidationError(
                response, f"stream=True was asked for, but the body is {answered}, not {EVENT_STREAM}"
            )

    def _next_deadline(self) -> float | None:
        return None if self._between_events is None else time.monotonic() + self._between_events

    def feed(self, raw: bytes) -> list[Chunk]:
        """The chunks the bytes ``raw`` complete (raises on an error event or a malformed one)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.timeout()
        data = raw if self._inflater is None else self._inflater.feed(raw, self._max_bytes)
        if data is None:
            raise ResponseTooLargeError(self._response.request, self._max_bytes)
        self._pending += data
        if self._after_cr and self._pending:
            if self._pending[:1] == b"\n":
                del self._pending[:1]  # the LF of a CRLF split across reads
            self._after_cr = False
        if self._at_start:
            if len(self._pending) < len(_BOM) and _BOM.startswith(self._pending):
                return []  # maybe the start of a byte-order mark
            if self._pending.startswith(_BOM):
                del self._pending[: len(_BOM)]
            self._at_start = False
        chunks: list[Chunk] = []
        start = 0
        # Each byte is searched once, so a server that sends one endless line costs time in
        # proportion to what it sends. A CR ends its line at once (CR alone is a line ending); an
        # LF right after it, now or in the next bytes, is then part of the same ending.
        while not self.done:
            ending = _LINE_END.search(self._pending, max(start, self._searched))
            if ending is None:
                break
            cr_last = ending.group() == b"\r" and ending.end() == len(self._pending)
            chunk = self._line(bytes(self._pending[start : ending.start()]))
            start = ending.end()
            self._after_cr = cr_last
            if chunk is not None:
                chunks.append(chunk)
        del self._pending[:start]
        self._searched = len(self._pending)
        if self._size + len(self._pending) > self._max_bytes:
            raise ResponseTooLargeError(self._response.request, self._max_bytes)
        return chunks

    def finish(self) -> None:
        """The body has ended: a half-written event is an error; a missing ``[DONE]`` is not (the
        HTTP framing already says whether the body is whole)."""
        if not self.done and (self._pending.strip() or self._data):
            raise APIResponseValidationError(
                self._response,
                "the stream ended in the middle of an event",
                body=self._pending.decode(errors="replace"),
            )

    def timeout(self) -> APITimeoutError:
        return APITimeoutError(request=self._response.request, cause=DeadlineExceeded(self._between_events))

    def _line(self, line: bytes) -> Chunk | None:
        if not line:
            return self._dispatch()
        if line.startswith(b":"):
            return None  # a comment (keep-alive)
        name, _, value = line.partition(b":")
        value = value.removeprefix(b" ")
        if name == b"data":
            self._data.append(value)
            self._size += len(value)
            if self._size > self._max_bytes:
                raise ResponseTooLargeError(self._response.request, self._max_bytes)
        elif name == b"event":
            self._event_type = value
        return None  # id, retry and unknown fields mean nothing here

    def _dispatch(self) -> Chunk | None:
        data, event_type = b"\n".join(self._data), self._event_type
        self._data, self._event_type, self._size = [], b"", 0
        if not data:
            return None
        self.deadline = self._next_deadline()
        self._count += 1
        if event_type not in _MESSAGE_EVENTS:
            return None  # another kind of event (a ping): not a message, as the standard says
        if data.strip() == _DONE:
            self.done = True
            return None
        try:
            payload = msgspec.json.decode(data)
        except msgspec.DecodeError:
            raise APIResponseValidationError(
                self._response, f"event {self._count} is not JSON", body=data.decode(errors="replace")
            ) from None
        if isinstance(payload, dict) and ("error" in payload or event_type == b"error"):
            raise APIStreamError(self._response, payload.get("error", payload), event=self._count)
        try:
            return self._chunk_type.from_event(payload)
        except msgspec.ValidationError as exc:
            problem = f"event {self._count} is not a {self._chunk_type.__name__}: {exc}"
            raise APIResponseValidationError(
                self._response, problem, body=data.decode(errors="replace")
            ) from None


class Stream(Generic[Chunk]):
    """The chunks of a streamed answer, as they arrive: ``with client...create(..., stream=True) as
    stream: for chunk in stream: ...``. Leaving the ``with`` block, or breaking out of the loop,
    closes the connection."""

    def __init__(self, response: httpx.Response, reader: EventReader[Chunk]) -> None:
        self.response = response
        self._reader = reader
        self._chunks = self._read()

    def __iter__(self) -> Iterator[Chunk]:
        # A generator of its own, so leaving a loop closes the stream (as it closes this generator).
        yield from self._chunks

    def __next__(self) -> Chunk:
        """The next chunk (``StopIteration`` at the end), as ``next(stream)`` asks."""
        return next(self._chunks)

    def _read(self) -> Iterator[Chunk]:
        reader = self._reader
        # A transport that hands back a response already read (the fake's, httpx.MockTransport).
        raw = iter((self.response.content,)) if self.response.is_stream_consumed else self.response.iter_raw()
        try:
            while not reader.done:
                try:
                    data = next(raw, None)
                except httpx.TransportError as exc:
                    raise connection_error(self.response.request, exc) from exc
                if data is None:
                    reader.finish()
                    return
                yield from reader.feed(data)
            _drain(raw)
        finally:
            self.close()

    def close(self) -> None:
        """Close the connection; chunks not read yet are dropped."""
        self.response.close()

    def __enter__(self) -> Stream[Chunk]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        self.close()


def _drain(raw: Iterator[bytes]) -> None:
    """Read what follows ``[DONE]`` within the drain bounds, so the connection can be reused; past
    them (or on any error) the caller's close drops the connection instead."""
    with deadline_scope(time.monotonic() + DRAIN_SECONDS):
        drained = 0
        try:
            for data in raw:
                drained += len(data)
                if drained > DRAIN_BYTES:
                    return
        except httpx.TransportError:
            return


async def _adrain(raw: AsyncIterator[bytes]) -> None:
    """The async twin of ``_drain``."""
    with anyio.move_on_after(DRAIN_SECONDS):
        drained = 0
        try:
            async for data in raw:
                drained += len(data)
                if drained > DRAIN_BYTES:
                    return
        except httpx.TransportError:
            return


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


class AsyncStream(Generic[Chunk]):
    """The async twin of ``Stream``: ``async with ... as stream: async for chunk in stream``."""

    def __init__(self, response: httpx.Response, reader: EventReader[Chunk]) -> None:
        self.response = response
        self._reader = reader
        self._chunks = self._read()

    async def __aiter__(self) -> AsyncIterator[Chunk]:
        async for chunk in self._chunks:
            yield chunk

    async def __anext__(self) -> Chunk:
        """The next chunk (``StopAsyncIteration`` at the end), as ``await anext(stream)`` asks."""
        return await anext(self._chunks)

    async def _read(self) -> AsyncIterator[Chunk]:
        reader = self._reader
        raw = _once(self.response.content) if self.response.is_stream_consumed else self.response.aiter_raw()
        try:
            while not reader.done:
                try:
                    data = await anext(raw, None)
                except httpx.TransportError as exc:
                    raise connection_error(self.response.request, exc) from exc
                if data is None:
                    reader.finish()
                    return
                for chunk in reader.feed(data):
                    yield chunk
            await _adrain(raw)
        finally:
            await self.aclose()

    async def close(self) -> None:
        """Close the connection; chunks not read yet are dropped (as openai's ``AsyncStream.close``)."""
        await self.response.aclose()

    async def aclose(self) -> None:
        """The same as ``close()``, by the name async iterators use."""
        await self.close()

    async def __aenter__(self) -> AsyncStream[Chunk]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        await self.aclose()
