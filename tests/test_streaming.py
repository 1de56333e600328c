"""Streamed chat completions (``stream=True``): the fake streams as OpenAI-compatible servers do,
this SDK and OpenAI's own client read the same text from it, and a raw socket server that streams,
stalls, trickles, reports an error or sends a malformed event gets the typed error, on both clients.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import API_KEY
from serverless_training import (
    APIConnectionError,
    APIResponseValidationError,
    APIStreamError,
    APITimeoutError,
    AsyncServerlessTraining,
    AuthenticationError,
    InternalServerError,
    ResponseTooLargeError,
    ServerlessTraining,
)
from serverless_training.testing import FakeAPI
from serverless_training.types import ChatCompletionChunk

RawServer = Callable[[Callable[[socket.socket], None]], str]
MESSAGES = [{"role": "user", "content": "Write a   haiku\nabout gradients"}]
FLAVOURS = pytest.mark.parametrize("flavour", ["sync", "async"])


def _text(chunks: list[ChatCompletionChunk]) -> str:
    return "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)


def _stream(
    flavour: str, base_url: str, *, api_key: str = API_KEY, stop_after: int | None = None, **options: Any
) -> list[ChatCompletionChunk]:
    """The chunks of one streamed completion, read by the sync or the async client."""
    client_options = {
        key: options.pop(key) for key in ("timeout", "max_retries", "max_response_bytes") if key in options
    }
    if flavour == "sync":
        with (
            ServerlessTraining(api_key=api_key, base_url=base_url, **client_options) as client,
            client.chat.completions.create(model="m", messages=MESSAGES, stream=True, **options) as stream,
        ):
            return [chunk for _, chunk in zip(range(stop_after or 10**9), stream, strict=False)]

    async def main() -> list[ChatCompletionChunk]:
        async with AsyncServerlessTraining(api_key=api_key, base_url=base_url, **client_options) as client:
            stream = await client.chat.completions.create(
                model="m", messages=MESSAGES, stream=True, **options
            )
            async with stream:
                chunks = []
                async for chunk in stream:
                    chunks.append(chunk)
                    if stop_after is not None and len(chunks) == stop_after:
                        break
                return chunks

    return asyncio.run(main())


# --- the fake streams, and OpenAI's client agrees with this SDK --------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeAPI, str]]:
    fake = FakeAPI()
    with fake.serve() as server:
        yield fake, server.base_url


@FLAVOURS
def test_streamed_and_whole_completions_from_the_fake_have_the_same_text(
    served: tuple[FakeAPI, str], flavour: str
) -> None:
    fake, url = served
    with ServerlessTraining(api_key=fake.api_key, base_url=url) as client:
        whole = client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message
    chunks = _stream(flavour, url, api_key=fake.api_key)
    assert whole is not None and _text(chunks) == whole.content
    assert len(chunks) > 3  # word by word, not one piece
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(chunk.usage is None for chunk in chunks)  # not asked for


@FLAVOURS
def test_include_usage_adds_a_last_chunk_of_usage(served: tuple[FakeAPI, str], flavour: str) -> None:
    fake, url = served
    chunks = _stream(flavour, url, api_key=fake.api_key, stream_options={"include_usage": True})
    assert chunks[-1].choices == () and chunks[-1].usage is not None
    assert (
        chunks[-1].usage.total_tokens == chunks[-1].usage.prompt_tokens + chunks[-1].usage.completion_tokens
    )


def test_openais_client_reads_the_same_text_from_the_fake(served: tuple[FakeAPI, str]) -> None:
    import openai

    fake, url = served
    ours = _text(_stream("sync", url, api_key=fake.api_key))
    with openai.OpenAI(base_url=f"{url}/v1", api_key=fake.api_key, max_retries=0) as theirs:
        whole = theirs.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
        streamed = theirs.chat.completions.create(model="m", messages=MESSAGES, stream=True)  # type: ignore[arg-type]
        text = "".join(chunk.choices[0].delta.content or "" for chunk in streamed if chunk.choices)
    assert whole.choices[0].message.content == text == ours

    async def main() -> str:
        async with openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=fake.api_key, max_retries=0) as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)  # type: ignore[arg-type]
            return "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])

    assert asyncio.run(main()) == ours


def test_the_in_process_fake_streams_too() -> None:
    fake = FakeAPI()
    with fake.client() as client:
        whole = client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message
        with client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream:
            assert whole is not None and _text(list(stream)) == whole.content


# --- raw servers: what a stream can do wrong ----------------------------------------------------

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"


def _chunk(content: str, n: int = 0) -> bytes:
    import json

    payload = {"id": f"c{n}", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    payload["choices"] = [{"index": 0, "delta": {"content": content}, "finish_reason": None}]
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _http_chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _drain(conn: socket.socket) -> None:
    """Read until the client hangs up: closing with unread bytes would reset the connection, and
    a reset can discard what the client has not read yet."""
    while conn.recv(65536):
        pass


def _serve_events(
    *events: bytes, then: Callable[[socket.socket], None] | None = None
) -> Callable[[socket.socket], None]:
    def behaviour(conn: socket.socket) -> None:
        conn.sendall(HEAD + b"".join(_http_chunk(event) for event in events))
        if then is not None:
            then(conn)
        else:
            conn.sendall(b"0\r\n\r\n")
            _drain(conn)

    return behaviour


@FLAVOURS
def test_events_split_anywhere_and_any_line_ending_are_read_whole(
    raw_server: RawServer, flavour: str
) -> None:
    body = (
        _chunk("Hel", 1).replace(b"\n", b"\r\n")
        + b": keep-alive\r"
        + b"\r"
        + _chunk("lo", 2)
        + b"data: [DONE]\n\n"
    )

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(HEAD)
        for i in range(0, len(body), 7):  # pieces that cut lines, CRLFs and the JSON anywhere
            conn.sendall(_http_chunk(body[i : i + 7]))
            time.sleep(0.001)
        conn.sendall(b"0\r\n\r\n")
        _drain(conn)

    assert _text(_stream(flavour, raw_server(behaviour))) == "Hello"


@FLAVOURS
def test_a_stall_mid_stream_ends_within_the_read_timeout(raw_server: RawServer, flavour: str) -> None:
    url = raw_server(_serve_events(_chunk("one"), then=lambda conn: time.sleep(5)))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        _stream(flavour, url, timeout=httpx.Timeout(10, read=0.5))
    assert time.monotonic() - started < 2


@FLAVOURS
def test_a_server_trickling_bytes_without_finishing_an_event_times_out(
    raw_server: RawServer, flavour: str
) -> None:
    def trickle(conn: socket.socket) -> None:
        for byte in b'data: {"id": "never finished' * 10:
            conn.sendall(_http_chunk(bytes([byte])))
            time.sleep(0.1)  # a byte well inside every read timeout

    url = raw_server(_serve_events(_chunk("one"), then=trickle))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        _stream(flavour, url, timeout=httpx.Timeout(10, read=0.5))
    assert time.monotonic() - started < 1.5


@FLAVOURS
def test_a_stream_that_keeps_sending_events_outlives_the_whole_attempt_timeout(
    raw_server: RawServer, flavour: str
) -> None:
    def slow(conn: socket.socket) -> None:
        for n in range(8):
            time.sleep(0.2)
            conn.sendall(_http_chunk(_chunk("x", n)))
        conn.sendall(_http_chunk(b"data: [DONE]\n\n") + b"0\r\n\r\n")
        _drain(conn)

    # 1.6 s of events against an attempt budget of 1 s: the budget covers the headers only.
    chunks = _stream(flavour, raw_server(_serve_events(then=slow)), timeout=httpx.Timeout(1, read=0.5))
    assert _text(chunks) == "x" * 8


@FLAVOURS
def test_an_error_event_is_a_typed_error(raw_server: RawServer, flavour: str) -> None:
    error = (
        b'data: {"error": {"message": "the model ran out of memory", "type": "server_error", "code": 500}}'
    )
    error += b"\n\n"
    with pytest.raises(APIStreamError, match="ran out of memory") as caught:
        _stream(flavour, raw_server(_serve_events(_chunk("one"), error)))
    assert caught.value.code == 500 and caught.value.type == "server_error" and caught.value.event == 2


@FLAVOURS
def test_a_malformed_event_is_a_validation_error_naming_it(raw_server: RawServer, flavour: str) -> None:
    with pytest.raises(APIResponseValidationError, match="event 2 is not JSON") as caught:
        _stream(flavour, raw_server(_serve_events(_chunk("one"), b"data: {not json\n\n")))
    assert caught.value.body == "{not json"
    wrong_shape = b'data: {"id": "c", "created": 1, "model": "m", "choices": [{"index": "zero"}]}\n\n'
    with pytest.raises(APIResponseValidationError, match=r"event 1 is not a ChatCompletionChunk.*choices"):
        _stream(flavour, raw_server(_serve_events(wrong_shape)))


@FLAVOURS
def test_a_stream_cut_mid_event_is_an_error(raw_server: RawServer, flavour: str) -> None:
    cut = _serve_events(_chunk("one"), b'data: {"id": "half', then=lambda conn: conn.sendall(b"0\r\n\r\n"))
    with pytest.raises(APIResponseValidationError, match="middle of an event"):
        _stream(flavour, raw_server(cut))


@FLAVOURS
def test_the_size_cap_applies_per_event_not_per_stream(raw_server: RawServer, flavour: str) -> None:
    many = [_chunk("y" * 300, n) for n in range(40)]  # 40 events of ~400 bytes: 16 KB in all
    chunks = _stream(flavour, raw_server(_serve_events(*many)), max_response_bytes=2_000)
    assert len(chunks) == 40
    with pytest.raises(ResponseTooLargeError):
        _stream(flavour, raw_server(_serve_events(_chunk("z" * 5_000))), max_response_bytes=2_000)


@FLAVOURS
def test_a_stream_is_never_retried_once_it_has_begun(raw_server: RawServer, flavour: str) -> None:
    requests = []

    def drop(conn: socket.socket) -> None:
        requests.append(1)
        conn.sendall(HEAD + _http_chunk(_chunk("one")))
        conn.shutdown(socket.SHUT_RDWR)  # gone mid-body

    with pytest.raises(APIConnectionError):
        _stream(flavour, raw_server(drop), max_retries=3)
    assert requests == [1]


@FLAVOURS
def test_an_error_status_before_the_stream_is_the_usual_typed_error(
    raw_server: RawServer, flavour: str
) -> None:
    body = b'{"detail": "Invalid API key"}'
    head = b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(
        body
    )
    with pytest.raises(AuthenticationError, match="Invalid API key"):
        _stream(flavour, raw_server(lambda conn: conn.sendall(head + body)))


@FLAVOURS
def test_a_json_answer_to_a_stream_request_is_named(raw_server: RawServer, flavour: str) -> None:
    body = b'{"choices": []}'
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    with pytest.raises(APIResponseValidationError, match="not text/event-stream"):
        _stream(flavour, raw_server(lambda conn: conn.sendall(head + body)))


@FLAVOURS
def test_breaking_out_of_a_stream_closes_its_connection(raw_server: RawServer, flavour: str) -> None:
    closed = threading.Event()

    def endless(conn: socket.socket) -> None:
        conn.sendall(HEAD)
        conn.settimeout(0.05)
        for n in range(200):  # 10 s of events unless the client hangs up
            try:
                conn.sendall(_http_chunk(_chunk("w", n)))
                if conn.recv(1) == b"":
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        closed.set()

    started = time.monotonic()
    assert len(_stream(flavour, raw_server(endless), stop_after=2)) == 2
    assert closed.wait(3) and time.monotonic() - started < 3  # the server saw the connection close


@pytest.mark.timeout(20)  # searching the whole pending line on every feed took minutes for this
def test_reading_one_endless_line_is_linear_in_its_size() -> None:
    from serverless_training._streaming import EventReader

    request = httpx.Request("POST", "https://api.example.invalid/v1/chat/completions")
    response = httpx.Response(200, headers={"content-type": "text/event-stream"}, request=request)
    reader = EventReader(response, ChatCompletionChunk, between_events=None, max_bytes=32 * 1024 * 1024)
    piece = b"x" * 1024
    reader.feed(b"data: ")
    for _ in range(16 * 1024):  # 16 MB in 1 KB reads, no line ending
        assert reader.feed(piece) == []
    with pytest.raises(ResponseTooLargeError):
        for _ in range(17 * 1024):
            reader.feed(piece)


@FLAVOURS
def test_fields_a_newer_server_adds_to_a_chunk_are_readable(raw_server: RawServer, flavour: str) -> None:
    event = b'data: {"id": "c", "created": 1, "model": "m", "obfuscation": "x1",'
    event += b' "choices": [{"index": 0, "delta": {"content": "hi"}}]}\n\n'
    (chunk,) = _stream(flavour, raw_server(_serve_events(event)))
    assert chunk["obfuscation"] == "x1" and chunk["id"] == chunk.id == "c"
    assert chunk.raw["choices"][0]["delta"] == {"content": "hi"}
    with pytest.raises(KeyError):
        chunk["absent"]


# --- server-sent events as the standard reads them -------------------------------------------


def _in_pieces(body: bytes, size: int) -> Callable[[socket.socket], None]:
    """Send ``body`` in HTTP chunks of ``size`` bytes (cutting lines and line endings anywhere)."""

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(HEAD)
        for i in range(0, len(body), size):
            conn.sendall(_http_chunk(body[i : i + size]))
            time.sleep(0.001)
        conn.sendall(b"0\r\n\r\n")
        _drain(conn)

    return behaviour


@FLAVOURS
@pytest.mark.parametrize("size", [1, 3, 1000])
def test_a_stream_whose_lines_end_in_cr_alone_is_read_whole(
    raw_server: RawServer, flavour: str, size: int
) -> None:
    body = (_chunk("Hel", 1) + _chunk("lo", 2) + b"data: [DONE]\n\n").replace(b"\n", b"\r")
    assert _text(_stream(flavour, raw_server(_in_pieces(body, size)))) == "Hello"


@FLAVOURS
def test_an_event_ended_by_cr_cr_is_delivered_without_waiting_for_more_bytes(
    raw_server: RawServer, flavour: str
) -> None:
    def behaviour(conn: socket.socket) -> None:
        conn.sendall(HEAD + _http_chunk(_chunk("now", 1).replace(b"\n", b"\r")))
        time.sleep(2.0)  # the next bytes come two seconds later
        conn.sendall(_http_chunk(b"data: [DONE]\r\r") + b"0\r\n\r\n")
        _drain(conn)

    started = time.monotonic()
    chunks = _stream(flavour, raw_server(behaviour), stop_after=1)
    assert _text(chunks) == "now" and time.monotonic() - started < 1.5


@FLAVOURS
@pytest.mark.parametrize("size", [1, 2, 1000])
def test_a_leading_byte_order_mark_is_not_part_of_the_first_field(
    raw_server: RawServer, flavour: str, size: int
) -> None:
    body = "\ufeff".encode() + _chunk("first", 1) + _chunk(" second", 2) + b"data: [DONE]\n\n"
    assert _text(_stream(flavour, raw_server(_in_pieces(body, size)))) == "first second"


@FLAVOURS
def test_events_of_another_type_are_skipped_and_an_error_event_still_raises(
    raw_server: RawServer, flavour: str
) -> None:
    ping = b'event: ping\ndata: {"type": "ping"}\n\n'
    named = b"event: message\n" + _chunk(" there", 2)
    body = _chunk("hi", 1) + ping + named + b"id: 7\nretry: 100\n" + _chunk("!", 3) + b"data: [DONE]\n\n"
    assert _text(_stream(flavour, raw_server(_in_pieces(body, 1000)))) == "hi there!"
    error = b'event: error\ndata: {"message": "overloaded"}\n\n'
    with pytest.raises(APIStreamError, match="overloaded"):
        _stream(flavour, raw_server(_in_pieces(_chunk("hi", 1) + error, 1000)))


@FLAVOURS
@pytest.mark.parametrize("size", [1, 1000])  # 1: every CRLF split between its CR and its LF
def test_crlf_is_one_line_ending_so_data_lines_join_into_one_event(
    raw_server: RawServer, flavour: str, size: int
) -> None:
    whole = _chunk("joined", 1).removeprefix(b"data: ").removesuffix(b"\n\n")
    middle = whole.index(b'"choices"')
    body = b"data: " + whole[:middle] + b"\r\ndata: " + whole[middle:] + b"\r\n\r\n" + b"data: [DONE]\r\n\r\n"
    assert _text(_stream(flavour, raw_server(_in_pieces(body, size)))) == "joined"


# --- rules of a stream that each have a test of their own -------------------------------------


@FLAVOURS
def test_done_ends_the_stream_and_nothing_after_it_is_read_as_a_chunk(
    raw_server: RawServer, flavour: str
) -> None:
    body = _chunk("kept", 1) + b"data: [DONE]\n\n" + _chunk(" dropped", 2) + b"data: not json\n\n"
    assert _text(_stream(flavour, raw_server(_in_pieces(body, 1000)))) == "kept"


@FLAVOURS
def test_a_stream_cut_right_after_a_whole_data_line_is_an_error(raw_server: RawServer, flavour: str) -> None:
    body = _chunk("one", 1) + _chunk("two", 2).removesuffix(b"\n")  # its blank line never comes
    with pytest.raises(APIResponseValidationError, match="middle of an event"):
        _stream(flavour, raw_server(_in_pieces(body, 1000)))


@FLAVOURS
def test_a_stream_request_asks_for_an_event_stream(flavour: str) -> None:
    accepted: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        accepted.append(request.headers.get("accept", ""))
        body = _chunk("hi", 1) + b"data: [DONE]\n\n"
        return httpx.Response(200, headers={"Content-Type": "text/event-stream"}, content=body)

    if flavour == "sync":
        http = httpx.Client(transport=httpx.MockTransport(answer))
        with (
            http,
            ServerlessTraining(api_key=API_KEY, http_client=http) as client,
            client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream,
        ):
            assert _text(list(stream)) == "hi"
    else:

        async def main() -> None:
            http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
            async with AsyncServerlessTraining(api_key=API_KEY, http_client=http) as client, http:
                stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
                async with stream:
                    assert _text([chunk async for chunk in stream]) == "hi"

        asyncio.run(main())
    assert accepted == ["text/event-stream"]


@FLAVOURS
def test_a_gzip_encoded_stream_is_decoded(raw_server: RawServer, flavour: str) -> None:
    import gzip

    packed = gzip.compress(_chunk("squeezed", 1) + b"data: [DONE]\n\n")
    head = HEAD.replace(b"\r\n\r\n", b"\r\nContent-Encoding: gzip\r\n\r\n")

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(head + b"".join(_http_chunk(packed[i : i + 9]) for i in range(0, len(packed), 9)))
        conn.sendall(b"0\r\n\r\n")
        _drain(conn)

    assert _text(_stream(flavour, raw_server(behaviour))) == "squeezed"


@FLAVOURS
def test_the_response_is_closed_when_the_stream_ends_or_is_closed(
    raw_server: RawServer, flavour: str
) -> None:
    url = raw_server(_in_pieces(_chunk("a", 1) + _chunk("b", 2) + b"data: [DONE]\n\n", 1000))
    later = raw_server(_in_pieces(_chunk("a", 1) + _chunk("b", 2) + b"data: [DONE]\n\n", 1000))
    if flavour == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=url) as client:
            stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            assert len(list(stream)) == 2 and stream.response.is_closed  # ended: closed without a with
        with ServerlessTraining(api_key=API_KEY, base_url=later) as client:
            stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            for _ in stream:
                break  # leaving the loop closes the iteration, and with it the response
            assert stream.response.is_closed
        return

    async def main() -> None:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=url) as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            assert len([chunk async for chunk in stream]) == 2 and stream.response.is_closed
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=later) as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            await anext(aiter(stream))
            await stream.aclose()
            assert stream.response.is_closed

    asyncio.run(main())


def test_the_per_event_deadline_holds_on_a_callers_own_client_too(raw_server: RawServer) -> None:
    """A caller's httpx client has no socket deadline of the SDK's: the event reader's own check
    is what ends a stream that trickles bytes without ever finishing an event."""

    def trickle(conn: socket.socket) -> None:
        for byte in b'data: {"id": "never finished' * 10:
            conn.sendall(_http_chunk(bytes([byte])))
            time.sleep(0.1)

    url = raw_server(_serve_events(_chunk("one"), then=trickle))
    started = time.monotonic()
    with (
        httpx.Client() as http,
        ServerlessTraining(
            api_key=API_KEY, base_url=url, http_client=http, timeout=httpx.Timeout(10, read=0.5)
        ) as client,
        pytest.raises(APITimeoutError),
        client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream,
    ):
        list(stream)
    assert time.monotonic() - started < 1.5


@FLAVOURS
def test_an_error_status_labelled_as_an_event_stream_is_still_the_typed_error(
    raw_server: RawServer, flavour: str
) -> None:
    body = b'data: {"detail": "overloaded"}\n\n'
    head = (
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/event-stream\r\nContent-Length: %d\r\n\r\n"
    )
    with pytest.raises(InternalServerError, match="503"):
        _stream(flavour, raw_server(lambda conn: conn.sendall(head % len(body) + body)), max_retries=0)


@FLAVOURS
def test_next_reads_one_chunk_at_a_time_and_close_ends_the_stream(
    raw_server: RawServer, flavour: str
) -> None:
    url = raw_server(_in_pieces(_chunk("a", 1) + _chunk("b", 2) + b"data: [DONE]\n\n", 1000))
    if flavour == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=url) as client:
            stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            assert _text([next(stream), next(stream)]) == "ab"
            with pytest.raises(StopIteration):
                next(stream)
        return

    async def main() -> None:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=url) as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
            assert _text([await anext(stream)]) == "a"
            await stream.close()  # openai's name; aclose() is the same
            assert stream.response.is_closed

    asyncio.run(main())
