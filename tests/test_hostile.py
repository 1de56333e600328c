"""Broken and hostile servers: deadlines, undeclared statuses, cursor cycles, size caps, safe prune.

The deadline, cursor-cycle, wait-deadline and size-cap cases run against real sockets on
127.0.0.1 (a bare TCP server or the contract server), sync and async.
"""

from __future__ import annotations

import gzip
import json
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable
from functools import cache
from typing import Any

import anyio
import httpx
import pytest
from cases import JOB_ID, MODEL_ID, TRAJECTORY_GROUP
from conftest import API_KEY, Call, Sleeps
from contract import ContractServer, Reply, Seen
from fakes import EVENTS, LIST_CHECKPOINTS, CheckpointStore, checkpoint, event, new_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serverless_training import (
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncServerlessTraining,
    AuthenticationError,
    InternalServerError,
    InvalidParameterError,
    NotFoundError,
    PaginationError,
    ResponseTooLargeError,
    RetryPolicy,
    ServerlessTraining,
    TrainingJobTimeoutError,
    UnexpectedStatusError,
    UnprocessableEntityError,
)
from serverless_training._errors import status_error_class

GET_JOB = "get_training_job_v1_preview_training_jobs__training_job_id__get"
HEALTH = "health_check_v1_health_get"
RawServer = Callable[[Callable[[socket.socket], None]], str]

# --- 1. a deadline per attempt ------------------------------------------------------------------


def _trickle_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    stop = time.monotonic() + 10
    while time.monotonic() < stop:
        conn.sendall(b" ")
        time.sleep(0.05)


def _endless_processing(conn: socket.socket) -> None:
    stop = time.monotonic() + 10
    while time.monotonic() < stop:
        conn.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
        time.sleep(0.05)


STALLERS = {"trickled body": _trickle_body, "endless 102": _endless_processing}


@pytest.mark.parametrize("staller", STALLERS.values(), ids=STALLERS.keys())
def test_the_timeout_bounds_the_whole_attempt(raw_server: RawServer, staller: Callable[..., None]) -> None:
    with ServerlessTraining(api_key=API_KEY, base_url=raw_server(staller), timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match=r"GET .*/training-jobs/"):
            client.training_jobs.get(JOB_ID, max_retries=0)
        assert time.monotonic() - started < 1.2


@pytest.mark.parametrize("own_transport", [True, False], ids=["its own client", "caller's client"])
@pytest.mark.parametrize("staller", STALLERS.values(), ids=STALLERS.keys())
def test_the_timeout_bounds_the_whole_attempt_async(
    raw_server: RawServer, staller: Callable[..., None], own_transport: bool
) -> None:
    """The attempt is cancelled at its deadline, on the SDK's own client and on a caller's."""

    async def main() -> None:
        http_client = None if own_transport else httpx.AsyncClient()
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url=raw_server(staller), timeout=0.5, http_client=http_client
        ) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match=r"GET .*/training-jobs/"):
                await client.training_jobs.get(JOB_ID, max_retries=0)
            assert time.monotonic() - started < 1.2
        if http_client is not None:
            await http_client.aclose()

    anyio.run(main)


def test_a_connection_the_server_closed_while_idle_is_not_reused_async(raw_server: RawServer) -> None:
    """An idle connection whose server hung up is dropped, not reused for the next request."""
    body = b'{"status": "ok"}'

    def answer_then_hang_up(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )

    async def main() -> None:
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url=raw_server(answer_then_hang_up), max_retries=0
        ) as client:
            assert await client.health() == {"status": "ok"}
            await anyio.sleep(0.1)  # the server has closed its end by now
            assert await client.health() == {"status": "ok"}

    anyio.run(main)


def test_each_retry_gets_its_own_deadline(raw_server: RawServer, sleeps: Sleeps) -> None:
    connections: list[float] = []

    def stall(conn: socket.socket) -> None:
        connections.append(time.monotonic())
        _trickle_body(conn)

    url = raw_server(stall)
    with ServerlessTraining(
        api_key=API_KEY, base_url=url, timeout=0.4, retry=RetryPolicy(sleep=sleeps)
    ) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.training_jobs.get(JOB_ID, max_retries=2)
        assert time.monotonic() - started < 3 * 0.4 + 1.0
    assert len(connections) == 3 and len(sleeps) == 2


def test_a_callers_http_client_gets_the_deadline_between_chunks(raw_server: RawServer) -> None:
    http = httpx.Client(timeout=0.5)  # the caller's transport: deadline checked between body chunks
    client = ServerlessTraining(
        api_key=API_KEY, base_url=raw_server(_trickle_body), http_client=http, timeout=0.5
    )
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.training_jobs.get(JOB_ID, max_retries=0)
    assert time.monotonic() - started < 1.2
    http.close()


def test_a_fast_response_is_not_cut_by_the_deadline(raw_server: RawServer) -> None:
    body = json.dumps({"status": "ok"}).encode()

    def answer(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        )
        conn.sendall(body)

    with ServerlessTraining(api_key=API_KEY, base_url=raw_server(answer), timeout=2) as client:
        assert client.health() == {"status": "ok"}


# --- 2. only declared statuses are results -----------------------------------------------------


@pytest.mark.parametrize("status", [201, 202, 203, 204, 206])
def test_an_undeclared_success_status_is_an_error(
    status: int, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(GET_JOB, Reply(status, {"totally": "unrelated"}, off_spec=True))
    with pytest.raises(UnexpectedStatusError) as info:
        client.training_jobs.get(JOB_ID)
    assert info.value.status_code == status and str(status) in str(info.value)
    assert len(contract.calls(GET_JOB)) == 1  # not retried


@pytest.mark.parametrize("follow", [False, True])
def test_a_redirect_is_never_followed(follow: bool, contract: ContractServer) -> None:
    contract.on(
        GET_JOB, Reply(302, {"moved": True}, {"Location": f"{contract.url}/v1/health"}, off_spec=True)
    )
    contract.on(HEALTH, Reply(body={"status": "ok"}))
    http = httpx.Client(follow_redirects=follow)
    client = ServerlessTraining(api_key=API_KEY, base_url=contract.url, http_client=http)
    with pytest.raises(UnexpectedStatusError, match="302"):
        client.training_jobs.get(JOB_ID)
    assert contract.calls(HEALTH) == [] and len(contract.calls(GET_JOB)) == 1
    http.close()


def test_a_declared_status_with_a_wrong_body_is_a_validation_error(
    contract: ContractServer, client: ServerlessTraining
) -> None:

    contract.on(GET_JOB, Reply(body={"totally": "unrelated"}, off_spec=True))
    with pytest.raises(APIResponseValidationError):
        client.training_jobs.get(JOB_ID)


# --- 3. cursor cycles and repeated pages --------------------------------------------------------


def _cycling_pages(seen: Seen) -> Reply:
    """Cursors go (start) -> id1 -> id3 -> id1 -> ...: the third page repeats the first."""
    after = seen.params.get("after")
    first = {"data": [checkpoint(0), checkpoint(1)], "has_more": True, "last_id": new_id(1)}
    second = {"data": [checkpoint(2), checkpoint(3)], "has_more": True, "last_id": new_id(3)}
    return Reply(body=second if after == new_id(1) else first)


def test_cycling_cursors_stop_before_an_item_repeats(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, _cycling_pages)
    steps: list[int] = []
    with pytest.raises(PaginationError, match="cycle"):  # max_items: a missing guard fails fast
        steps.extend(c.step for c in client.checkpoints.list(MODEL_ID, max_items=50))
    assert steps == [0, 1, 2, 3]
    assert len(contract.calls(LIST_CHECKPOINTS)) == 3


@pytest.mark.anyio
@pytest.mark.parametrize("prefetch", [False, True])
async def test_cycling_cursors_stop_before_an_item_repeats_async(
    prefetch: bool, contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, _cycling_pages)
    steps: list[int] = []
    with pytest.raises(PaginationError, match="cycle"):
        async for c in aclient.checkpoints.list(MODEL_ID, prefetch=prefetch, max_items=50):
            steps.append(c.step)
    assert steps == [0, 1, 2, 3]
    assert len(contract.calls(LIST_CHECKPOINTS)) == 3


def test_walking_a_listing_twice_is_not_a_cycle(contract: ContractServer, client: ServerlessTraining) -> None:
    CheckpointStore(contract, [checkpoint(step) for step in range(5)])
    page = client.checkpoints.list(MODEL_ID, limit=2)
    assert [c.step for c in page] == [0, 1, 2, 3, 4]
    assert [c.step for c in page] == [0, 1, 2, 3, 4]


def _feed_that_ignores_after(seen: Seen) -> Reply:
    return Reply(
        body={"data": [event(0, "training_started"), event(1, "gradient_step", step=1)], "has_more": False}
    )


def test_wait_never_hands_an_event_to_on_event_twice(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(EVENTS, _feed_that_ignores_after)
    seen: list[str] = []

    def on_event(e: Any) -> None:
        seen.append(str(e.id))
        assert len(seen) <= 2, "an event reached on_event twice"

    with pytest.raises(PaginationError, match="again"):
        client.training_jobs.wait(JOB_ID, poll_interval=0.001, on_event=on_event)
    assert seen == [event(0, "x")["id"], event(1, "x")["id"]]


# --- 4. wait() keeps its deadline while the feed says has_more ----------------------------------


class _EndlessFeed:
    """Every poll: one new event after the cursor, and ``has_more``; the job ends only after
    ``polls_to_end`` polls (far beyond the deadline), so a missing deadline check fails fast."""

    def __init__(self, polls_to_end: int = 300) -> None:
        self.polls = 0
        self.polls_to_end = polls_to_end

    def __call__(self, seen: Seen) -> Reply:
        self.polls += 1
        kind = "training_ended" if self.polls >= self.polls_to_end else "gradient_step"
        return Reply(body={"data": [event(self.polls, kind, step=self.polls)], "has_more": True})


def test_wait_keeps_its_deadline_while_the_feed_says_has_more(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    feed = _EndlessFeed()
    contract.on(EVENTS, feed)
    started = time.monotonic()
    with pytest.raises(TrainingJobTimeoutError, match=r"within 0\.5s"):
        client.training_jobs.wait(JOB_ID, timeout=0.5, poll_interval=60)
    assert time.monotonic() - started < 1.5 and feed.polls >= 2


@pytest.mark.anyio
async def test_wait_keeps_its_deadline_while_the_feed_says_has_more_async(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    feed = _EndlessFeed()
    contract.on(EVENTS, feed)
    started = time.monotonic()
    with pytest.raises(TrainingJobTimeoutError):
        await aclient.training_jobs.wait(JOB_ID, timeout=0.5, poll_interval=60)
    assert time.monotonic() - started < 1.5 and feed.polls >= 2


# --- 5. an error path that cannot fail ----------------------------------------------------------


def _mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> ServerlessTraining:
    return ServerlessTraining(
        api_key=API_KEY,
        base_url="https://api.example.test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )


@pytest.mark.parametrize("loc", [None, 3, "body", [None, 1.5, {"x": 1}], {}])
def test_a_422_with_any_loc_is_readable(loc: Any) -> None:
    body = {"detail": [{"loc": loc, "msg": "bad", "type": "value_error"}, "not an item", None]}
    client = _mock_client(lambda request: httpx.Response(422, json=body))
    with pytest.raises(UnprocessableEntityError) as info:
        client.training_jobs.get(JOB_ID)
    (item,) = info.value.errors
    assert item.msg == "bad" and isinstance(item.loc, tuple)
    assert "bad (value_error)" in str(info.value)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
ERROR_STATUSES = st.sampled_from([400, 401, 403, 404, 409, 418, 422, 429, 500, 501, 503])
RAW_BODIES = st.sampled_from([b"", b"not json", b"\xff\xfe\x00", b"{" * 100_000, b"[" * 5000 + b"]" * 5000])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=ERROR_STATUSES, body=JSON | RAW_BODIES)
def test_every_error_body_maps_to_its_typed_error(status: int, body: Any) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    client = _mock_client(lambda request: httpx.Response(status, content=content))
    with pytest.raises(APIStatusError) as info:
        client.training_jobs.get(JOB_ID)
    assert type(info.value) is status_error_class(status) and info.value.status_code == status
    assert len(str(info.value)) < 2_000  # an excerpt, however large the body


def test_a_huge_error_body_is_excerpted() -> None:
    client = _mock_client(lambda request: httpx.Response(500, content=b"x" * 1_000_000))
    with pytest.raises(InternalServerError, match=r"\(1000000 chars\)"):
        client.training_jobs.get(JOB_ID)


def _refusing_client() -> ServerlessTraining:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be sent")

    return _mock_client(handler)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_refused_naming_the_field(value: float) -> None:
    group = {"trajectories": [{"messages_and_choices": [{"role": "user", "content": "hi"}], "reward": value}]}
    with pytest.raises(InvalidParameterError, match="finite") as info:
        _refusing_client().training_jobs.create_rl(MODEL_ID, trajectory_groups=[group])
    assert info.value.parameter == "trajectory_groups.0.trajectories.0.reward"


def test_a_naive_date_time_is_refused_before_sending() -> None:
    trajectory = {"messages_and_choices": [{"role": "user", "content": "hi"}], "reward": 1.0}
    naive = {"trajectories": [{**trajectory, "start_time": "2024-01-01T00:00:00"}]}
    with pytest.raises(InvalidParameterError, match="date-time") as info:
        _refusing_client().training_jobs.create_rl(MODEL_ID, trajectory_groups=[naive])
    assert info.value.parameter == "trajectory_groups[0].trajectories[0].start_time"


def test_an_aware_date_time_is_sent(contract: ContractServer, client: ServerlessTraining) -> None:
    trajectory = TRAJECTORY_GROUP["trajectories"][0]
    aware = {"trajectories": [{**trajectory, "start_time": "2024-01-01T00:00:00+00:00"}]}
    create = "Create_RL_Training_Job_v1_preview_training_jobs_post"
    contract.on(create, Reply(body={"id": JOB_ID}))
    assert str(client.training_jobs.create_rl(MODEL_ID, trajectory_groups=[aware]).id) == JOB_ID
    (sent,) = contract.calls(create)  # and openapi-core accepted the request
    assert sent.json["trajectory_groups"][0]["trajectories"][0]["start_time"].startswith(
        "2024-01-01T00:00:00"
    )


# --- 6. secrets out of errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"detail": f"invalid token in header Authorization: Bearer {API_KEY}"},
        {"detail": [{"loc": ["header", "authorization"], "msg": f"bad key {API_KEY}", "type": "x"}]},
        f"<html>echo: Bearer {API_KEY}</html>",
        {"detail": "Bearer someone-elses-token-1234567890"},
    ],
)
def test_an_echoed_key_never_reaches_the_error(
    body: Any, contract: ContractServer, client: ServerlessTraining
) -> None:
    payload = body.encode() if isinstance(body, str) else body
    contract.on(GET_JOB, Reply(401, payload, off_spec=True))
    with pytest.raises(AuthenticationError) as info:
        client.training_jobs.get(JOB_ID)
    for text in (str(info.value), repr(info.value), json.dumps(info.value.body)):
        assert API_KEY not in text and "someone-elses-token" not in text
        assert "<redacted>" in text


# --- 7. a response size cap ---------------------------------------------------------------------


@cache
def _gzip_bomb(expanded: int = 300 * 1024 * 1024) -> bytes:
    """A gzip body of about 300 KB that expands to ``expanded`` bytes of JSON-ish zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = b"0" * (1024 * 1024)
    parts = [compressor.compress(b'{"status": "')]
    parts.extend(compressor.compress(chunk) for _ in range(expanded // len(chunk)))
    parts.append(compressor.compress(b'"}') + compressor.flush())
    return b"".join(parts)


def _serve_bomb(conn: socket.socket) -> None:
    bomb = _gzip_bomb()
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(bomb)}\r\n\r\n"
    )
    conn.sendall(head.encode() + bomb)


def test_a_gzip_bomb_stops_at_the_cap_with_bounded_memory(raw_server: RawServer) -> None:
    assert len(_gzip_bomb()) < 400_000
    url = raw_server(_serve_bomb)
    with ServerlessTraining(api_key=API_KEY, base_url=url, max_response_bytes=1024 * 1024) as client:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError, match="max_response_bytes=1048576"):
                client.health(max_retries=0)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # the cap plus buffers, not the 300 MB the body expands to


def test_a_gzip_bomb_stops_at_the_default_cap_async(raw_server: RawServer) -> None:
    async def main() -> None:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=raw_server(_serve_bomb)) as client:
            assert client.max_response_bytes == 32 * 1024 * 1024
            with pytest.raises(ResponseTooLargeError):
                await client.health(max_retries=0)

    anyio.run(main)


def test_a_plain_body_over_the_cap_is_refused(raw_server: RawServer) -> None:
    def big(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n")
        conn.sendall(b" " * 3_000_000)

    with (
        ServerlessTraining(api_key=API_KEY, base_url=raw_server(big), max_response_bytes=1_000_000) as client,
        pytest.raises(ResponseTooLargeError),
    ):
        client.health(max_retries=0)


def test_gzip_and_deflate_bodies_within_the_cap_are_decoded(raw_server: RawServer) -> None:
    body = json.dumps({"status": "ok"}).encode()
    encodings = {"gzip": gzip.compress(body), "deflate": zlib.compress(body)}

    for name, encoded in encodings.items():

        def send(conn: socket.socket, name: str = name, encoded: bytes = encoded) -> None:
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: %s\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (name.encode(), len(encoded), encoded)
            )

        with ServerlessTraining(api_key=API_KEY, base_url=raw_server(send)) as client:
            assert client.health() == {"status": "ok"}


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
def test_max_response_bytes_is_checked(value: Any) -> None:
    with pytest.raises(InvalidParameterError, match="max_response_bytes"):
        ServerlessTraining(api_key=API_KEY, max_response_bytes=value)


# --- 8. safe prune ------------------------------------------------------------------------------


def test_prune_refuses_a_metric_no_checkpoint_reports(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    store = CheckpointStore(contract, [checkpoint(step, reward=step / 10) for step in range(6)])
    with pytest.raises(InvalidParameterError, match="'val/reward'") as info:
        client.checkpoints.prune(MODEL_ID, keep_latest=2, keep_best=1, metric="val/reward")
    assert "'reward'" in str(info.value) and info.value.parameter == "metric"
    assert store.deleted_calls == []


def test_prune_says_when_fewer_checkpoints_report_the_metric(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    rows = [checkpoint(0, reward=0.9), *(checkpoint(step) for step in range(1, 6))]
    CheckpointStore(contract, rows)
    result = client.checkpoints.prune(MODEL_ID, keep_latest=1, keep_best=3, metric="reward", dry_run=True)
    assert [c.step for c in result.kept] == [0, 5]
    assert result.warnings == ("only 1 of 6 checkpoints report 'reward'; keep_best=3 kept those 1",)


@pytest.mark.anyio
async def test_prune_refuses_a_metric_no_checkpoint_reports_async(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    store = CheckpointStore(contract, [checkpoint(step) for step in range(3)])
    with pytest.raises(InvalidParameterError, match="'loss'"):
        await aclient.checkpoints.prune(MODEL_ID, keep_best=1, metric="reward")
    assert store.deleted_calls == []


def test_not_found_still_maps_after_the_transport_change(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(GET_JOB, Reply(404, {"detail": "Not Found"}, off_spec=True))
    with pytest.raises(NotFoundError, match="Not Found"):
        client.training_jobs.get(JOB_ID)


def _cycling_back_to_the_resume_cursor(seen: Seen) -> Reply:
    after = seen.params.get("after")
    first = {"data": [checkpoint(0), checkpoint(1)], "has_more": True, "last_id": new_id(1)}
    back = {"data": [checkpoint(2), checkpoint(3)], "has_more": True, "last_id": new_id(99)}
    return Reply(body=back if after == new_id(1) else first)


def test_a_cycle_back_to_the_cursor_a_listing_resumed_from_is_a_cycle(
    contract: ContractServer, both: Call
) -> None:
    """The cursor a listing resumes from is where it began: the page that ends there closes a cycle,
    refused as it arrives (its own items were never seen, but the next page's would all repeat)."""
    contract.on(LIST_CHECKPOINTS, _cycling_back_to_the_resume_cursor)
    steps: list[int] = []

    def walk(client: Any) -> Any:
        listing = client.checkpoints.list(MODEL_ID, after=new_id(99), max_items=50)
        if hasattr(listing, "__aiter__"):

            async def read() -> None:
                async for c in listing:
                    steps.append(c.step)

            return read()
        steps.extend(c.step for c in listing)
        return None

    with pytest.raises(PaginationError, match="cycle"):
        both(walk)
    assert steps == [0, 1]


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
