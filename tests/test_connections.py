"""Connections at rollout concurrency: calls on one client run side by side (no default cap), a
finished stream gives its connection back to the pool, and the pools' one-pass assignment keeps
httpcore's rules (limits, no reuse of a connection the server closed).

The server is the benchmark's OpenAI-compatible one (benchmarks/chat_api.py): it counts the
connections it accepted and the completions it had in flight at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import httpcore
import httpx
import pytest
from cases import JOB_ID
from chat_api import ChatAPI, completion
from conftest import API_KEY
from contract import ContractServer, Reply
from serverless_training import (
    APIConnectionError,
    APIStatusError,
    AsyncServerlessTraining,
    ServerlessTraining,
)
from serverless_training._constants import DRAIN_SECONDS
from serverless_training._pool import (
    DeadlineTransport,
    PooledAsyncTransport,
    _AsyncConnectionPool,
    _ConnectionPool,
    _OnePassAssignment,
)

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


GET_JOB = "get_training_job_v1_preview_training_jobs__training_job_id__get"
RawServer = Callable[[Callable[[socket.socket], None]], str]


FIRST, SLOW, PARENT = (str(uuid.UUID(int=n)) for n in (1, 2, 3))


# --- a stray second answer is never taken for the next request's --------------------------------


def _answer_twice_on_the_first_connection() -> Callable[[socket.socket], None]:
    """The first connection's request gets job FIRST twice, in one write (the second unasked);
    a later connection's request gets job PARENT (raw_server has read it: the test asks for it)."""
    connections = iter(range(1_000))

    def behaviour(conn: socket.socket) -> None:
        job = FIRST if next(connections) == 0 else PARENT
        body = b'{"id": "%s"}' % job.encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
        conn.sendall((head % len(body) + body) * (2 if job == FIRST else 1))
        _answer_with_the_job_id(conn)

    return behaviour


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_stray_second_answer_is_not_taken_for_the_next_request(raw_server: RawServer, flavour: str) -> None:
    import anyio
    from serverless_training import AsyncServerlessTraining

    url = raw_server(_answer_twice_on_the_first_connection())
    if flavour == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=url, max_retries=0) as client:
            ids = [str(client.training_jobs.get(job).id) for job in (FIRST, PARENT)]
    else:

        async def main() -> list[str]:
            async with AsyncServerlessTraining(api_key=API_KEY, base_url=url, max_retries=0) as client:
                return [str((await client.training_jobs.get(job)).id) for job in (FIRST, PARENT)]

        ids = anyio.run(main)
    assert ids == [FIRST, PARENT]  # was [FIRST, FIRST]: job A's body answered the request for B


# --- connections that belong to another process or event loop are not reused ---------------


def _answer_with_the_job_id(conn: socket.socket) -> None:
    """Answers each request on the connection with the id in its path; job ``SLOW`` after 0.5 s."""
    buffered = b""
    while True:
        while b"\r\n\r\n" not in buffered:
            chunk = conn.recv(65536)
            if not chunk:
                return
            buffered += chunk
        head, buffered = buffered.split(b"\r\n\r\n", 1)
        job = head.split(b" ", 2)[1].rsplit(b"/", 1)[-1]
        if job == SLOW.encode():
            time.sleep(0.5)
        body = b'{"id": "%s"}' % job
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )


def _replay_first(conn: socket.socket) -> None:
    """``_answer_with_the_job_id``, after answering the request conftest's raw_server has read."""
    body = b'{"id": "%s"}' % FIRST.encode()
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(body), body)
    )
    _answer_with_the_job_id(conn)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_does_not_share_the_parents_pooled_connection(raw_server: RawServer) -> None:
    url = raw_server(_replay_first)
    with ServerlessTraining(api_key=API_KEY, base_url=url, timeout=0.2, max_retries=0) as client:
        assert str(client.training_jobs.get(FIRST).id) == FIRST  # pooled now
        pid = os.fork()
        if pid == 0:  # the child abandons a request (its answer comes after its timeout)
            with contextlib.suppress(BaseException):
                client.training_jobs.get(SLOW)
            os._exit(0)
        os.waitpid(pid, 0)
        time.sleep(0.5)  # the answer to the child's request has arrived by now, on some socket
        assert str(client.training_jobs.get(PARENT).id) == PARENT


# A connection of a loop that has closed cannot be closed cleanly (its transport needs that loop):
# it is dropped, and Python says so with a ResourceWarning (off by default) when it is collected.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_async_client_used_from_two_event_loops_in_turn(raw_server: RawServer) -> None:
    import asyncio

    from serverless_training import AsyncServerlessTraining

    client = AsyncServerlessTraining(api_key=API_KEY, base_url=raw_server(_replay_first), max_retries=0)
    assert str(asyncio.run(client.training_jobs.get(FIRST)).id) == FIRST  # a kept-alive connection
    # was: RuntimeError: Event loop is closed (the pooled connection belonged to the first loop)
    assert str(asyncio.run(client.training_jobs.get(FIRST)).id) == FIRST
    asyncio.run(client.close())
    gc.collect()  # the dropped connections go here, under this test's warning filter, not later


def test_a_failed_request_gives_its_concurrency_slot_back(contract: ContractServer) -> None:
    import anyio
    from serverless_training import AsyncServerlessTraining

    contract.on(GET_JOB, Reply(500, {"detail": "boom"}, off_spec=True))

    async def main() -> None:
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url=contract.url, max_concurrent_requests=1, max_retries=0
        ) as client:
            with anyio.fail_after(10):  # a slot kept by a failure would leave the second waiting
                for _ in range(3):
                    with pytest.raises(APIStatusError):
                        await client.training_jobs.get(JOB_ID)

    anyio.run(main)


def test_a_request_that_fails_before_an_answer_gives_its_slot_back() -> None:
    """A failure inside the slot (no answer at all), not only a status read after it."""
    import anyio
    from serverless_training import AsyncServerlessTraining

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"

    async def main() -> None:
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url=url, max_concurrent_requests=1, max_retries=0
        ) as client:
            with anyio.fail_after(10):
                for _ in range(3):
                    with pytest.raises(APIConnectionError):
                        await client.training_jobs.get(JOB_ID)

    anyio.run(main)


def test_a_capped_client_used_from_a_second_event_loop_gets_slots_of_that_loop(
    contract: ContractServer,
) -> None:
    """A loop that is dropped with a request in flight (a notebook's interrupted cell) never gives
    that request's slot back; the next loop must not wait for it."""
    from serverless_training import AsyncServerlessTraining

    contract.on(GET_JOB, Reply(body={"id": JOB_ID}, delay=2.0))
    client = AsyncServerlessTraining(api_key=API_KEY, base_url=contract.url, max_concurrent_requests=1)
    first = asyncio.new_event_loop()
    stuck = first.create_task(client.training_jobs.get(JOB_ID))
    first.run_until_complete(asyncio.sleep(0.3))  # the request holds the only slot, in flight
    assert not stuck.done()
    first.close()  # dropped, not cancelled: its slot is never released

    contract.on(GET_JOB, Reply(body={"id": JOB_ID}))
    job = asyncio.run(asyncio.wait_for(client.training_jobs.get(JOB_ID), 5))
    assert str(job.id) == JOB_ID
    asyncio.run(client.close())
