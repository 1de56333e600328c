"""Connections at rollout concurrency: calls on one client run side by side (no default cap), a
finished stream gives its connection back to the pool, and the pools' one-pass assignment keeps
httpcore's rules (limits, no reuse of a connection the server closed).

The server is the benchmark's OpenAI-compatible one (benchmarks/chat_api.py): it counts the
connections it accepted and the completions it had in flight at once.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpcore
import httpx
import pytest
from chat_api import ChatAPI, completion
from conftest import API_KEY
from serverless_training import AsyncServerlessTraining, ServerlessTraining
from serverless_training._pool import (
    DeadlineTransport,
    PooledAsyncTransport,
    _AsyncConnectionPool,
    _ConnectionPool,
    _OnePassAssignment,
)
from serverless_training._streaming import DRAIN_SECONDS

MESSAGES = [{"role": "user", "content": "What is 2+2?"}]
CHUNKS = 4
EXPECTED = completion("m", CHUNKS)


def _whole_text() -> str:
    import json

    return str(json.loads(EXPECTED)["choices"][0]["message"]["content"])


@pytest.fixture
def chat_api(request: pytest.FixtureRequest) -> Iterator[ChatAPI]:
    delay = getattr(request, "param", 0.0)
    with ChatAPI(delay=delay, chunks=CHUNKS) as api:
        yield api


@pytest.mark.parametrize("chat_api", [2.0], indirect=True)  # long enough to send all 256 on a busy machine
def test_256_concurrent_completions_on_one_async_client_are_in_flight_together(chat_api: ChatAPI) -> None:
    async def main() -> list[str]:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=chat_api.url) as client:

            async def one() -> str:
                answer = await client.chat.completions.create(model="m", messages=MESSAGES)
                return str(answer.choices[0].message.content)  # type: ignore[index, union-attr]

            return await asyncio.gather(*(one() for _ in range(256)))

    assert asyncio.run(main()) == [_whole_text()] * 256
    assert chat_api.peak_in_flight == 256  # not queued behind a client-wide cap


@pytest.mark.parametrize("chat_api", [0.2], indirect=True)
def test_a_cap_on_requests_in_flight_is_the_callers_choice(chat_api: ChatAPI) -> None:
    async def main() -> None:
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url=chat_api.url, max_concurrent_requests=3
        ) as client:
            await asyncio.gather(
                *(client.chat.completions.create(model="m", messages=MESSAGES) for _ in range(9))
            )

    asyncio.run(main())
    assert chat_api.peak_in_flight == 3


def _stream_text_sync(client: ServerlessTraining) -> str:
    with client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as stream:
        return "".join(chunk.choices[0].delta.content or "" for chunk in stream)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_sequential_streams_share_one_connection(chat_api: ChatAPI, flavour: str) -> None:
    streams = 50
    if flavour == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=chat_api.url) as client:
            texts = [_stream_text_sync(client) for _ in range(streams)]
    else:

        async def main() -> list[str]:
            texts = []
            async with AsyncServerlessTraining(api_key=API_KEY, base_url=chat_api.url) as client:
                for _ in range(streams):
                    async with await client.chat.completions.create(
                        model="m", messages=MESSAGES, stream=True
                    ) as stream:
                        pieces = [chunk.choices[0].delta.content or "" async for chunk in stream]
                        texts.append("".join(pieces))
            return texts

        texts = asyncio.run(main())
    assert texts == [_whole_text()] * streams
    assert chat_api.connections == 1  # each stream read its body to the end after [DONE]


DONE_THEN_STALL = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"13\r\ndata: [DONE]\n\n\r\n"  # [DONE], then the chunked body never ends
)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_body_that_goes_on_after_done_is_left_within_the_drain_bound(
    raw_server: Callable[[Callable[[socket.socket], None]], str], flavour: str
) -> None:
    hung_up = threading.Event()

    def behaviour(conn: socket.socket) -> None:
        conn.sendall(DONE_THEN_STALL)
        conn.settimeout(10)
        while conn.recv(65536):  # what is left of the request; b"" once the client hangs up
            pass
        hung_up.set()  # the client closed the connection it could not reuse

    url = raw_server(behaviour)
    started = time.monotonic()
    if flavour == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=url) as client:
            assert _stream_text_sync(client) == ""
    else:

        async def main() -> None:
            async with AsyncServerlessTraining(api_key=API_KEY, base_url=url) as client:
                stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
                async with stream:
                    assert [chunk async for chunk in stream] == []

        asyncio.run(main())
    assert DRAIN_SECONDS * 0.9 <= time.monotonic() - started < DRAIN_SECONDS + 1.5
    assert hung_up.wait(3)


# --- the pools' one-pass assignment ---------------------------------------------------------------


def test_httpcore_still_has_what_the_one_pass_assignment_overrides_and_reads() -> None:
    for pool_type in (httpcore.ConnectionPool, httpcore.AsyncConnectionPool):
        assert callable(getattr(pool_type, "_assign_requests_to_connections", None))
        pool = pool_type(max_connections=3, max_keepalive_connections=2)
        for name in ("_connections", "_requests", "_max_connections", "_max_keepalive_connections"):
            assert hasattr(pool, name), f"{pool_type.__name__}.{name}"
        assert callable(pool.create_connection)
    for ours in (_ConnectionPool, _AsyncConnectionPool):
        assert ours._assign_requests_to_connections is _OnePassAssignment._assign_requests_to_connections


def test_httpx_transports_still_keep_all_their_state_in_the_pool_the_sdk_replaces() -> None:
    """The SDK's transports are httpx's own (so instrumentation of httpx sees them) with another
    pool: that holds while httpx's transports keep nothing but ``_pool`` and do not override it."""
    for httpx_type, ours in (
        (httpx.HTTPTransport, DeadlineTransport),
        (httpx.AsyncHTTPTransport, PooledAsyncTransport),
    ):
        assert set(vars(httpx_type())) == {"_pool"}, httpx_type
        overridden = {name for name in vars(ours) if not name.startswith("__")}
        assert overridden == set(), f"{ours.__name__} must only replace the pool, not {overridden}"
        assert type(ours()._pool) in (_ConnectionPool, _AsyncConnectionPool)


def test_h11_still_keeps_a_connections_unread_bytes_where_the_stray_answer_check_looks() -> None:
    connection = httpcore.HTTPConnection(httpcore.Origin(b"http", b"127.0.0.1", 80))
    connection._connection = httpcore.HTTP11Connection(connection._origin, stream=None)  # type: ignore[arg-type]
    trailing = connection._connection._h11_state.trailing_data
    assert trailing == (b"", False)


def _request(url: str) -> httpcore.Request:
    body = b'{"model": "m", "messages": []}'
    return httpcore.Request(
        "POST",
        f"{url}/v1/chat/completions",
        headers=[(b"Host", b"127.0.0.1"), (b"Content-Length", str(len(body)).encode())],
        content=body,
    )


@pytest.mark.parametrize("chat_api", [0.2], indirect=True)
def test_the_async_pool_keeps_its_connection_limits(chat_api: ChatAPI) -> None:
    async def main() -> int:
        async with _AsyncConnectionPool(max_connections=2, max_keepalive_connections=1) as pool:

            async def one() -> bytes:
                response = await pool.handle_async_request(_request(chat_api.url))
                try:
                    return await response.aread()
                finally:
                    await response.aclose()

            assert await asyncio.gather(*(one() for _ in range(6))) == [EXPECTED] * 6
            return len(pool.connections)

    assert asyncio.run(main()) == 1  # the surplus idle connection was closed
    assert chat_api.peak_in_flight == 2


@pytest.mark.parametrize("chat_api", [0.2], indirect=True)
def test_the_sync_pool_keeps_its_connection_limits(chat_api: ChatAPI) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with _ConnectionPool(max_connections=2, max_keepalive_connections=1) as pool:

        def one(_: int) -> bytes:
            response = pool.handle_request(_request(chat_api.url))
            try:
                return response.read()
            finally:
                response.close()

        with ThreadPoolExecutor(6) as threads:
            assert list(threads.map(one, range(6))) == [EXPECTED] * 6
        assert len(pool.connections) == 1
    assert chat_api.peak_in_flight == 2


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_connection_the_server_closed_is_not_reused(
    raw_server: Callable[[Callable[[socket.socket], None]], str], flavour: str
) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    url = raw_server(lambda conn: conn.sendall(answer))  # one answer, then the server hangs up
    if flavour == "sync":
        with httpx.Client(transport=_sync_transport(), base_url=url) as http:
            for _ in range(3):
                time.sleep(0.05)  # the close reaches the idle connection
                assert http.get("/").json() == {}
        return

    async def main() -> None:
        from serverless_training import PooledAsyncTransport

        async with httpx.AsyncClient(transport=PooledAsyncTransport(), base_url=url) as http:
            for _ in range(3):
                await asyncio.sleep(0.05)
                assert (await http.get("/")).json() == {}

    asyncio.run(main())


def _sync_transport() -> httpx.BaseTransport:
    from serverless_training import DeadlineTransport

    return DeadlineTransport()
