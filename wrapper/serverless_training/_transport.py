"""One attempt on the wire: a deadline for the whole attempt and a cap on the decoded body.

httpx's timeouts bound each read separately, so a server that trickles a byte before every read
deadline (or repeats ``102 Processing``) keeps a request open for ever. Here an attempt gets one
deadline: the clients' own sync transport (``_pool.DeadlineTransport``) ends every socket read and
write at it, any other sync transport (a caller's, or httpx's when the environment names a proxy) is
checked between body chunks, and an async attempt is cancelled at it. The body is read as raw bytes
and decoded here with a bound, so a small gzip bomb cannot grow past ``max_response_bytes`` in
memory.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
import urllib.request
import zlib
from collections.abc import Iterator

import anyio
import attrs
import httpx

from ._constants import EVENT_STREAM
from ._errors import APIConnectionError, APITimeoutError, ResponseTooLargeError, UnsupportedEncodingError

__all__ = [
    "AttemptLimits",
    "Inflater",
    "asend",
    "attempt_budget",
    "current_deadline",
    "deadline_scope",
    "is_event_stream",
    "proxied",
    "send",
]

# The deadline (time.monotonic()) of the attempt running in this thread or task, if any.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("attempt_deadline", default=None)


def current_deadline() -> float | None:
    """The deadline (``time.monotonic()``) of the attempt running in this thread or task, if any."""
    return _DEADLINE.get()


@contextlib.contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Socket reads and writes of ``DeadlineTransport`` in this block end by ``deadline``
    (``time.monotonic()``)."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def proxied(url: str) -> bool:
    """Whether the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, less NO_PROXY) sends requests
    to ``url`` through a proxy. httpx routes through one only with its own transport, so the sync
    client then uses httpx's transport; for a host reached directly it keeps ``DeadlineTransport``."""
    target = httpx.URL(url)
    proxies = urllib.request.getproxies()
    if not (proxies.get(target.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(target.host)


def attempt_budget(timeout: httpx.Timeout) -> float | None:
    """Seconds one attempt may take: the largest configured phase, None when any phase is unbounded."""
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(phase is None for phase in phases):
        return None
    return max(phase for phase in phases if phase is not None)


class Inflater:
    """zlib decompression that never produces more than it is allowed to."""

    @classmethod
    def for_encoding(cls, content_encoding: str) -> Inflater | None:
        """The decoder of a ``Content-Encoding`` header's value; None for identity (or unknown)."""
        wbits = _WBITS.get(content_encoding.strip().lower())
        return None if wbits is None else cls(wbits)

    def __init__(self, wbits: int) -> None:
        """Decompress the zlib format ``wbits`` names (gzip or zlib)."""
        self._wbits = wbits
        self._zlib = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes | None:
        """Decompressed bytes, or None when they would exceed ``room``."""
        try:
            out = self._zlib.decompress(data, room + 1)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise
            # "deflate" is sometimes sent raw, without the zlib header (as httpx also allows).
            self._wbits = -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(self._wbits)
            out = self._zlib.decompress(data, room + 1)
        self._started = True
        return None if len(out) > room else out

    def flush(self) -> bytes:
        return self._zlib.flush()


_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


@attrs.frozen
class AttemptLimits:
    """How long one attempt may take and how large its decoded body may grow."""

    budget: float | None
    max_bytes: int

    def deadline(self) -> float | None:
        """The monotonic time at which an attempt starting now must have ended."""
        return None if self.budget is None else time.monotonic() + self.budget


class BodyReader:
    """Collects a response body chunk by chunk, decoding it, within a size cap and a deadline."""

    __slots__ = ("_body", "_deadline", "_inflater", "_limits", "_response")

    def __init__(self, response: httpx.Response, limits: AttemptLimits, deadline: float | None) -> None:
        self._response = response
        self._limits = limits
        self._deadline = deadline
        self._body = bytearray()
        # A transport that hands back a response already read (httpx.MockTransport) has decoded it.
        encoding = "identity" if response.is_stream_consumed else response.headers.get("content-encoding", "")
        encoding = encoding.strip().lower() or "identity"
        if encoding not in ("identity", "", *_WBITS):
            raise UnsupportedEncodingError(response.request, encoding)
        self._inflater = Inflater.for_encoding(encoding)

    def feed(self, chunk: bytes) -> None:
        """Add one raw chunk from the wire."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise APITimeoutError(request=self._response.request, cause=DeadlineExceeded(self._limits.budget))
        room = self._limits.max_bytes - len(self._body)
        data = chunk if self._inflater is None else self._decode(chunk, room)
        if data is None or len(data) > room:
            raise ResponseTooLargeError(self._response.request, self._limits.max_bytes)
        self._body += data

    def _decode(self, chunk: bytes, room: int) -> bytes | None:
        assert self._inflater is not None
        try:
            return self._inflater.feed(chunk, room)
        except zlib.error as exc:
            raise APIConnectionError(request=self._response.request, cause=exc) from None

    def response(self) -> httpx.Response:
        """The response with its decoded body, complete and already read."""
        if self._inflater is not None:
            tail = self._inflater.flush()
            if len(self._body) + len(tail) > self._limits.max_bytes:
                raise ResponseTooLargeError(self._response.request, self._limits.max_bytes)
            self._body += tail
        # The response httpx produced (the one event hooks saw, with .elapsed since it was closed),
        # given the decoded body through httpx's public stream interface and read as httpx reads.
        response = self._response
        if self._inflater is not None:
            del response.headers["content-encoding"]  # the body it holds now is decoded
        response.stream = httpx.ByteStream(bytes(self._body))
        response.is_stream_consumed = response.is_closed = False
        response.read()
        return response


class DeadlineExceeded(Exception):
    """The cause of an ``APITimeoutError`` raised by the attempt's own deadline."""

    def __init__(self, budget: float | None) -> None:
        super().__init__(f"the attempt did not finish within its {budget:g}s deadline")


def connection_error(request: httpx.Request, exc: Exception) -> APIConnectionError:
    """The typed error for an attempt that got no (complete) response."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return APITimeoutError(request=request, cause=exc)
    return APIConnectionError(request=request, cause=exc)


def is_event_stream(response: httpx.Response) -> bool:
    """Whether the response's body is server-sent events."""
    content_type: str = response.headers.get("content-type", "")
    return content_type.lower().startswith(EVENT_STREAM)


def _opens_a_stream(response: httpx.Response) -> bool:
    """A success answered as server-sent events: its body is the caller's to read, event by event."""
    return response.is_success and is_event_stream(response)


def send(
    http: httpx.Client,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    *,
    stream: bool = False,
) -> httpx.Response:
    """Send ``request`` and read its whole body within ``limits`` (sync). ``stream``: an event
    stream is returned as soon as its headers arrive, its body unread (anything else is read)."""
    deadline = limits.deadline()
    try:
        with deadline_scope(deadline):
            response = http.send(request, auth=auth, stream=True, follow_redirects=False)
            if stream and _opens_a_stream(response):
                return response
            try:
                reader = BodyReader(response, limits, deadline)
                for chunk in (response.content,) if response.is_stream_consumed else response.iter_raw():
                    reader.feed(chunk)
            finally:
                response.close()
            return reader.response()
    except httpx.TransportError as exc:
        raise connection_error(request, exc) from exc


async def asend(
    http: httpx.AsyncClient,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    *,
    stream: bool = False,
) -> httpx.Response:
    """Send ``request`` and read its whole body within ``limits`` (async): the attempt is cancelled
    at its deadline, wherever it is waiting. ``stream`` as for ``send``."""
    deadline = limits.deadline()
    try:
        if deadline is None:
            return await _read_whole(http, request, auth, limits, deadline, stream=stream)
        with anyio.fail_after(max(0.0, deadline - time.monotonic())):
            return await _read_whole(http, request, auth, limits, deadline, stream=stream)
    except TimeoutError:
        raise APITimeoutError(request=request, cause=DeadlineExceeded(limits.budget)) from None
    except httpx.TransportError as exc:
        raise connection_error(request, exc) from exc


async def _read_whole(
    http: httpx.AsyncClient,
    request: httpx.Request,
    auth: httpx.Auth,
    limits: AttemptLimits,
    deadline: float | None,
    *,
    stream: bool,
) -> httpx.Response:
    response = await http.send(request, auth=auth, stream=True, follow_redirects=False)
    if stream and _opens_a_stream(response):
        return response
    try:
        reader = BodyReader(response, limits, deadline)
        if response.is_stream_consumed:
            reader.feed(response.content)
        else:
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
    finally:
        await response.aclose()
    return reader.response()
