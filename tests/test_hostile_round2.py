"""Hostile servers and careless environments, round 2: a bounded error path, no item handed out
twice, wait()'s deadline over every request, errors that cross process boundaries, credentials
refused at construction, and a CLI that prints server strings as they are.

The numbers refer to the items of the round-2 list; each test fails when its rule is removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import pickle
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from cases import JOB_ID, MODEL_ID
from conftest import API_KEY, Call
from contract import ContractServer, Reply, Seen
from fakes import EVENTS, LIST_CHECKPOINTS, CheckpointStore, EventFeed, checkpoint, event, page_reply
from serverless_training import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APIStreamError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    InvalidParameterError,
    NotFoundError,
    PaginationError,
    ServerlessTraining,
    ServerlessTrainingError,
    TrainingJobFailedError,
    TrainingJobTimeoutError,
    UnprocessableEntityError,
)
from serverless_training._errors import ResponseTooLargeError, UnsupportedEncodingError
from serverless_training._logging import redact, redact_json

GET_JOB = "get_training_job_v1_preview_training_jobs__training_job_id__get"
RawServer = Callable[[Callable[[socket.socket], None]], str]


# --- 1-3. an error path that is linear-time and bounded for any body ----------------------------


@pytest.mark.timeout(20)  # the backtracking expression took longer than that for 2,000 spaces
def test_redaction_is_linear_in_a_body_built_to_make_it_backtrack() -> None:
    for text in (
        "Authorization:" + " " * 100_000,
        "Bearer" + " " * 100_000 + "!",
        "Authorization: " * 20_000,
    ):
        assert redact(text) == text
    assert redact("Authorization:" + " " * 5_000 + "Bearer abcdefgh").endswith("Bearer <redacted>")


@pytest.mark.timeout(20)
def test_a_401_whose_body_is_spaces_after_authorization_answers_at_once(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    body = ("Authorization:" + " " * 20_000).encode()
    contract.on(GET_JOB, Reply(401, body, off_spec=True))
    with pytest.raises(AuthenticationError):
        client.training_jobs.get(JOB_ID)


def test_a_deeply_nested_error_body_is_no_recursion_error(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    deep: Any = f"Bearer {API_KEY}"
    for _ in range(10_000):
        deep = [deep]
    copy = redact_json(deep)  # iterative: any depth
    for _ in range(10_000):
        (copy,) = copy
    assert copy == "Bearer <redacted>"
    nested: Any = f"Bearer {API_KEY}"
    for _ in range(700):  # as a server sent it (4 KB)
        nested = [nested]
    contract.on(GET_JOB, Reply(401, {"detail": nested}, off_spec=True))
    with pytest.raises(AuthenticationError) as info:
        client.training_jobs.get(JOB_ID)
    assert API_KEY not in str(info.value) and "Bearer <redacted>" in repr(info.value.body)


def test_error_messages_are_bounded_and_the_body_is_whole(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    items = [
        {"loc": ["body", "steps", i], "msg": "not an integer", "type": "int_type"} for i in range(20_000)
    ]
    contract.on(GET_JOB, Reply(422, {"detail": items}))
    with pytest.raises(UnprocessableEntityError) as info:
        client.training_jobs.get(JOB_ID)
    assert len(str(info.value)) < 1_000 and "19990 more" in str(info.value)
    assert len(info.value.errors) == 20_000 and len(info.value.body["detail"]) == 20_000


# --- 4. no item handed out twice ----------------------------------------------------------------


class InclusiveAfter:
    """A server with an off-by-one: the page after cursor X starts with X again."""

    def __init__(self, contract: ContractServer, operation: str, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.deletes: list[Seen] = []
        contract.on(operation, self.page)

    def page(self, seen: Seen) -> Reply:
        limit = int(seen.params.get("limit", 20))
        ids = [item["id"] for item in self.items]
        start = ids.index(seen.params["after"]) if "after" in seen.params else 0  # inclusive
        return page_reply(self.items[start : start + limit], has_more=start + limit < len(self.items))


def _all(listing: Any) -> Any:
    if hasattr(listing, "__aiter__"):

        async def items() -> list[Any]:
            return [item async for item in listing]

        return items()
    return list(listing)


def test_a_listing_never_hands_out_an_item_twice(contract: ContractServer, both: Call) -> None:
    InclusiveAfter(contract, LIST_CHECKPOINTS, [checkpoint(step) for step in range(250)])
    handed_out: list[int] = []

    def collect(client: Any) -> Any:
        listing = client.checkpoints.list(MODEL_ID, limit=100)
        if hasattr(listing, "__aiter__"):

            async def items() -> None:
                async for c in listing:
                    handed_out.append(c.step)

            return items()
        for c in listing:
            handed_out.append(c.step)
        return None

    with pytest.raises(PaginationError, match="again"):
        both(collect)
    assert handed_out == list(range(100))  # the first page, then the refusal: nothing twice


def test_wait_hands_each_event_to_on_event_once(contract: ContractServer, both: Call) -> None:
    events = [event(i, "gradient_step", step=i) for i in range(150)] + [event(150, "training_ended")]
    InclusiveAfter(contract, EVENTS, events)
    seen: list[str] = []
    with pytest.raises(PaginationError, match="again"):
        both(
            lambda c: c.training_jobs.wait(
                JOB_ID, poll_interval=0.001, on_event=lambda e: seen.append(str(e.id))
            )
        )
    assert len(seen) == len(set(seen)) == 100


def test_prune_deletes_nothing_when_the_listing_repeats_items(contract: ContractServer, both: Call) -> None:
    server = InclusiveAfter(contract, LIST_CHECKPOINTS, [checkpoint(step) for step in range(250)])
    contract.on(
        "delete_model_checkpoints_v1_preview_models__model_id__checkpoints_delete", server.deletes.append
    )
    with pytest.raises(PaginationError):
        both(lambda c: c.checkpoints.prune(MODEL_ID, keep_latest=3))
    assert server.deletes == []


def test_repeated_steps_are_refused_before_anything_is_deleted(contract: ContractServer, both: Call) -> None:
    rows = [checkpoint(step) for step in range(5)]
    rows.append({**checkpoint(4), "id": "0f0f0f0f-0000-4000-8000-000000000000"})  # step 4 twice
    store = CheckpointStore(contract, rows)
    with pytest.raises(PaginationError, match="step 4"):
        both(lambda c: c.checkpoints.prune(MODEL_ID, keep_latest=1))
    assert store.deleted_calls == []


# --- 5. wait()'s deadline bounds every request ---------------------------------------------------


def _stall(conn: socket.socket) -> None:
    time.sleep(5)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_stalled_poll_ends_at_the_waits_deadline(raw_server: RawServer, flavour: str) -> None:
    import anyio
    from serverless_training import AsyncServerlessTraining

    url = raw_server(_stall)
    started = time.monotonic()
    with pytest.raises(TrainingJobTimeoutError):
        if flavour == "sync":
            with ServerlessTraining(api_key=API_KEY, base_url=url, timeout=3) as client:
                client.training_jobs.wait(JOB_ID, timeout=0.5)
        else:

            async def main() -> None:
                async with AsyncServerlessTraining(api_key=API_KEY, base_url=url, timeout=3) as client:
                    await client.training_jobs.wait(JOB_ID, timeout=0.5)

            anyio.run(main)
    assert time.monotonic() - started < 1.5


def test_a_timeout_shorter_than_the_poll_interval_is_kept(contract: ContractServer, both: Call) -> None:
    EventFeed(contract, [[event(0, "training_started")]])
    started = time.monotonic()
    with pytest.raises(TrainingJobTimeoutError):
        both(lambda c: c.training_jobs.wait(JOB_ID, timeout=0.3, poll_interval=5))
    assert time.monotonic() - started < 1.5


# --- 9. errors that survive pickling --------------------------------------------------------------


def _errors() -> list[ServerlessTrainingError]:
    request = httpx.Request("GET", "https://api.example.invalid/v1/preview/training-jobs/x")
    response = httpx.Response(401, json={"detail": "no"}, request=request)
    page_body = httpx.Response(200, text="{", request=request)
    return [
        AuthenticationError(response, body={"detail": "no"}),
        APIStatusError(httpx.Response(418, text="teapot", request=request)),
        APIConnectionError(request=request, cause=httpx.ConnectError("refused")),
        APITimeoutError(request=request),
        APIResponseValidationError(page_body, "the body is not JSON"),
        ResponseTooLargeError(request, 10),
        UnsupportedEncodingError(request, "br"),
        InvalidParameterError("limit", "must be from 1 to 100"),
        PaginationError("cursors cycle", cursor="abc"),
        ConfigurationError("no key"),
        TrainingJobFailedError(JOB_ID, "CUDA out of memory", {"type": "training_failed"}),
        TrainingJobTimeoutError(JOB_ID, 0.5, events_seen=3, last_event_id="e3"),
        APIStreamError(page_body, {"message": "out of memory", "code": 500}, event=2),
        NotFoundError(httpx.Response(404, json={"detail": "job x not found"}, request=request)),
    ]


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_every_error_round_trips_through_pickle(error: ServerlessTrainingError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    for name in ("status_code", "parameter", "cursor", "job_id", "message", "limit", "encoding", "code"):
        assert getattr(copy, name, None) == getattr(error, name, None)


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_every_error_has_a_message(error: ServerlessTrainingError) -> None:
    assert isinstance(error.message, str) and error.message


def test_an_error_raised_in_a_worker_process_reaches_the_parent_as_itself() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_raise_in_worker)
        with pytest.raises(TrainingJobFailedError, match="CUDA") as info:
            future.result(timeout=60)
    assert info.value.job_id == JOB_ID


def _raise_in_worker() -> None:
    raise TrainingJobFailedError(JOB_ID, "CUDA out of memory", None)


# --- 10-11. credentials that would leak are refused at construction ------------------------------


def test_a_base_url_with_credentials_is_refused_without_naming_them() -> None:
    with pytest.raises(ConfigurationError, match="user name or password") as info:
        ServerlessTraining(api_key=API_KEY, base_url="https://alice:hunter2-secret@api.example.invalid")
    assert "hunter2" not in str(info.value) and "alice" not in str(info.value)


@pytest.mark.parametrize(
    "key", ["first-half-1234\nsecond-half-5678", "with space-123456789", "tab\tkey-12345678"]
)
def test_a_key_with_whitespace_or_control_characters_is_refused_naming_no_part_of_it(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigurationError, match="whitespace or control characters") as info:
        ServerlessTraining(api_key=key)
    monkeypatch.setenv("WANDB_API_KEY", key)
    with pytest.raises(ConfigurationError, match="WANDB_API_KEY") as from_env:
        ServerlessTraining()
    for text in (str(info.value), str(from_env.value)):
        assert all(part not in text for part in key.split()), text


FIRST, SLOW, PARENT = (str(uuid.UUID(int=n)) for n in (1, 2, 3))


# --- 6. a stray second answer is never taken for the next request's --------------------------------


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


# --- 7-8. connections that belong to another process or event loop are not reused ---------------


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


# --- 12. proxies decided per host ------------------------------------------------------------------


def test_a_host_no_proxy_exempts_keeps_the_whole_attempt_deadline(
    raw_server: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless_processing(conn: socket.socket) -> None:
        stop = time.monotonic() + 10
        while time.monotonic() < stop:
            conn.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
            time.sleep(0.05)

    url = raw_server(endless_processing)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # the usual corporate case: HTTPS only
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ServerlessTraining(api_key=API_KEY, base_url=url, timeout=0.5, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.training_jobs.get(JOB_ID)
        assert time.monotonic() - started < 1.5


def test_https_proxy_alone_routes_https_hosts_only() -> None:
    from serverless_training._transport import proxied

    with pytest.MonkeyPatch.context() as env:
        env.setenv("HTTPS_PROXY", "http://proxy.example.invalid:3128")
        env.setenv("NO_PROXY", "internal.example.invalid")
        assert proxied("https://api.training.wandb.ai")
        assert not proxied("http://127.0.0.1:8000")  # no HTTP_PROXY
        assert not proxied("https://internal.example.invalid")


# --- 16. rules that held, now with a test that misses them ------------------------------------------


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


def test_the_default_timeout_gives_each_attempt_its_largest_phase() -> None:
    from serverless_training import DEFAULT_TIMEOUT
    from serverless_training._transport import attempt_budget

    assert attempt_budget(DEFAULT_TIMEOUT) == 120.0  # Timeout(120, connect=10): read bounds the attempt
    assert attempt_budget(httpx.Timeout(5, read=None)) is None


def test_max_items_holds_when_the_server_ignores_limit(contract: ContractServer, both: Call) -> None:
    rows = [checkpoint(step) for step in range(50)]

    def everything(seen: Seen) -> Reply:
        return page_reply(rows, has_more=True)

    contract.on(LIST_CHECKPOINTS, everything)
    got = both(lambda c: _all(c.checkpoints.list(MODEL_ID, max_items=7)))
    assert [c.step for c in got] == list(range(7))


@pytest.mark.timeout(15)  # broken, the check leaves a loop that never ends: fail, do not hang
def test_an_empty_page_that_repeats_its_cursor_with_has_more_is_refused(
    contract: ContractServer, both: Call
) -> None:
    first = [checkpoint(0)]

    def pages(seen: Seen) -> Reply:
        if "after" not in seen.params:
            return Reply(
                body={"data": first, "first_id": first[0]["id"], "last_id": first[0]["id"], "has_more": True}
            )
        return Reply(body={"data": [], "first_id": "", "last_id": seen.params["after"], "has_more": True})

    contract.on(LIST_CHECKPOINTS, pages)
    with pytest.raises(PaginationError):
        both(lambda c: _all(c.checkpoints.list(MODEL_ID)))


@pytest.mark.parametrize(("size", "fits"), [(1000, True), (1001, False)])
def test_the_size_cap_is_exact(size: int, fits: bool, raw_server: RawServer) -> None:
    body = b'{"status": "' + b"x" * (size - 14) + b'"}'
    assert len(body) == size

    def answer(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (size, body)
        )

    with ServerlessTraining(
        api_key=API_KEY, base_url=raw_server(answer), max_response_bytes=1000, max_retries=0
    ) as client:
        if fits:
            assert client.health()["status"] == "x" * (size - 14)
        else:
            with pytest.raises(ResponseTooLargeError):
                client.health()


# --- 13. the response on an error is the one httpx produced ---------------------------------------


def test_the_response_on_an_error_is_the_one_event_hooks_saw(contract: ContractServer) -> None:
    contract.on(GET_JOB, Reply(404, {"detail": "Not Found"}, off_spec=True))
    hooked: list[httpx.Response] = []
    with (
        httpx.Client(event_hooks={"response": [hooked.append]}) as http,
        ServerlessTraining(api_key=API_KEY, base_url=contract.url, http_client=http) as client,
        pytest.raises(APIStatusError) as info,
    ):
        client.training_jobs.get(JOB_ID)
    assert info.value.response is hooked[0]
    assert info.value.response.elapsed.total_seconds() >= 0 and info.value.response.json() == {
        "detail": "Not Found"
    }


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
