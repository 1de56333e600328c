"""Retries, timeouts and broken responses: typed errors, safe retries, no lost or doubled events."""

from __future__ import annotations

import email.utils
import logging
import socket
import time
from collections.abc import Callable

import pytest
from cases import CASES, JOB_ID, MODEL_ID, TRAJECTORY_GROUP
from conftest import API_KEY, Call, Sleeps
from contract import ContractServer, Reply
from fakes import LIST_CHECKPOINTS, EventFeed, checkpoint, event
from serverless_training import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncServerlessTraining,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidParameterError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerlessTraining,
    UnprocessableEntityError,
)
from serverless_training._retry import parse_retry_after

CREATE_RL = "Create_RL_Training_Job_v1_preview_training_jobs_post"
PAGE = {"data": [checkpoint(1)], "has_more": False}


def test_429_with_retry_after_then_200(
    contract: ContractServer, client: ServerlessTraining, sleeps: Sleeps
) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [Reply(429, {"detail": "slow down"}, {"Retry-After": "7"}, off_spec=True), Reply(body=PAGE)],
    )
    assert [c.step for c in client.checkpoints.list(MODEL_ID)] == [1]
    assert sleeps == [7.0]


def test_retry_after_as_http_date_is_honoured_and_capped(
    contract: ContractServer, make_client: Callable[..., ServerlessTraining], sleeps: Sleeps
) -> None:
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    contract.on(
        LIST_CHECKPOINTS, [Reply(503, b"busy", {"Retry-After": later}, off_spec=True), Reply(body=PAGE)]
    )
    client = make_client(retry=RetryPolicy(max_retry_after=30, sleep=sleeps))
    assert len(client.checkpoints.list(MODEL_ID).data) == 1
    assert sleeps == [30]


def test_retry_after_parsing() -> None:
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("nan") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


def test_503_twice_then_200_backs_off_exponentially(
    contract: ContractServer, client: ServerlessTraining, sleeps: Sleeps
) -> None:
    contract.on(
        LIST_CHECKPOINTS, [Reply(503, b"", off_spec=True), Reply(503, b"", off_spec=True), Reply(body=PAGE)]
    )
    assert len(client.checkpoints.list(MODEL_ID).data) == 1
    assert len(contract.calls(LIST_CHECKPOINTS)) == 3
    assert len(sleeps) == 2 and 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 1.5  # 0.5 * 2**n + jitter


@pytest.mark.parametrize("status", [408, 500, 502, 504])
def test_each_retryable_status_is_retried(
    status: int, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, [Reply(status, b"", off_spec=True), Reply(body=PAGE)])
    assert len(client.checkpoints.list(MODEL_ID).data) == 1


def test_retries_exhausted_raise_the_last_status(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [
            Reply(503, b"down", off_spec=True),
            Reply(503, b"down", off_spec=True),
            Reply(
                502,
                b"<html>bad gateway</html>",
                {"Content-Type": "text/html", "X-Request-Id": "req-9"},
                off_spec=True,
            ),
        ],
    )
    with pytest.raises(InternalServerError) as info:
        client.checkpoints.list(MODEL_ID)
    assert info.value.status_code == 502 and info.value.request_id == "req-9"
    assert info.value.body == "<html>bad gateway</html>"
    assert len(contract.calls(LIST_CHECKPOINTS)) == 3  # 1 + max_retries (2)


def test_max_retries_per_client_and_per_call(
    contract: ContractServer, make_client: Callable[..., ServerlessTraining]
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(500, b"", off_spec=True))
    client = make_client(max_retries=4)
    assert client.max_retries == 4
    with pytest.raises(InternalServerError):
        client.checkpoints.list(MODEL_ID)
    assert len(contract.calls(LIST_CHECKPOINTS)) == 5
    with pytest.raises(InternalServerError):
        client.checkpoints.list(MODEL_ID, max_retries=0)
    assert len(contract.calls(LIST_CHECKPOINTS)) == 6


def test_a_post_that_meets_a_500_is_not_retried(contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(CREATE_RL, [Reply(500, b"oops", off_spec=True), Reply(body={"id": JOB_ID})])
    with pytest.raises(InternalServerError):
        client.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP])
    assert len(contract.calls(CREATE_RL)) == 1


def test_a_post_that_times_out_is_not_retried(contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(CREATE_RL, Reply(body={"id": JOB_ID}, delay=0.5))
    with pytest.raises(APITimeoutError) as info:
        client.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP], timeout=0.1)
    assert len(contract.calls(CREATE_RL)) == 1
    assert info.value.may_have_taken_effect and "may have taken effect" in str(info.value)


def test_a_post_whose_connection_was_refused_is_retried(sleeps: Sleeps) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = ServerlessTraining(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{port}", retry=RetryPolicy(sleep=sleeps)
    )
    with pytest.raises(APIConnectionError) as info:
        client.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP])
    assert not isinstance(info.value, APITimeoutError) and not info.value.may_have_taken_effect
    assert len(sleeps) == 2  # the request never left, so even a POST is safe to repeat
    client.close()


def test_a_response_slower_than_the_timeout(contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body=PAGE, delay=0.5))
    started = time.monotonic()
    with pytest.raises(APITimeoutError) as info:
        client.checkpoints.list(MODEL_ID, timeout=0.1, max_retries=0)
    assert time.monotonic() - started < 0.45
    assert "GET" in str(info.value) and "/checkpoints" in str(info.value)


def test_a_timeout_is_retried_for_a_get(contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(LIST_CHECKPOINTS, [Reply(body=PAGE, delay=0.4), Reply(body=PAGE)])
    assert len(client.checkpoints.list(MODEL_ID, timeout=0.1).data) == 1
    assert len(contract.calls(LIST_CHECKPOINTS)) == 2


def test_connection_dropped_mid_response(raw_server: Callable[..., str], sleeps: Sleeps) -> None:
    calls = []

    def drop(conn: socket.socket) -> None:
        calls.append(1)
        conn.sendall(
            b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"data": ['
        )

    url = raw_server(drop)
    with (
        ServerlessTraining(api_key=API_KEY, base_url=url, retry=RetryPolicy(sleep=sleeps)) as client,
        pytest.raises(APIConnectionError) as info,
    ):
        client.checkpoints.list(MODEL_ID)
    assert len(calls) == 3 and "RemoteProtocolError" in str(info.value)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"data": [{"id": "', "not JSON"),
        (b"", "empty"),
        (b"<html>oops</html>", "not JSON"),
        (b'{"data": [], "has_more": false, "score": NaN}', "not JSON"),  # json.loads takes these
        (b'{"data": [], "has_more": false, "score": 1e400}', "not JSON"),
        (b'{"has_more": false}', "data"),
        (b'{"data": [], "has_more": "no"}', "boolean"),
        (b'{"data": [{"id": "not-a-uuid", "step": 1, "metrics": {}}], "has_more": false}', "uuid"),
    ],
)
def test_bad_2xx_bodies_raise_response_validation_error(
    body: bytes, problem: str, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body=body, off_spec=True))
    with pytest.raises(APIResponseValidationError) as info:
        client.checkpoints.list(MODEL_ID)
    assert problem.lower() in str(info.value).lower()
    assert info.value.body == body.decode() and info.value.status_code == 200


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (429, RateLimitError),
        (500, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_codes_map_to_typed_errors(
    status: int, error: type[APIStatusError], contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(status, {"detail": "nope"}, off_spec=True))
    with pytest.raises(error) as info:
        client.checkpoints.list(MODEL_ID, max_retries=0)
    assert type(info.value) is error and info.value.status_code == status
    assert info.value.body == {"detail": "nope"}


def test_a_422_exposes_the_validation_items(contract: ContractServer, client: ServerlessTraining) -> None:
    detail = [{"loc": ["body", "trajectory_groups", 0], "msg": "field required", "type": "missing"}]
    contract.on(CREATE_RL, Reply(422, {"detail": detail}))
    with pytest.raises(UnprocessableEntityError) as info:
        client.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP])
    (item,) = info.value.errors
    assert (
        item.loc == ("body", "trajectory_groups", 0)
        and item.msg == "field required"
        and item.type == "missing"
    )
    assert "body.trajectory_groups.0: field required (missing)" in str(info.value)


def test_retries_are_logged_without_the_key(
    contract: ContractServer, client: ServerlessTraining, caplog: pytest.LogCaptureFixture
) -> None:
    contract.on(LIST_CHECKPOINTS, [Reply(503, b"", off_spec=True), Reply(body=PAGE)])
    with caplog.at_level(logging.INFO, logger="serverless_training"):
        client.checkpoints.list(MODEL_ID)
    assert "retrying in" in caplog.text and API_KEY not in caplog.text
    (record,) = [r for r in caplog.records if "retrying in" in r.getMessage()]
    # INFO, as openai-python does: a library user sees no retry on stderr without configuring logging.
    assert record.levelno == logging.INFO


def test_waiting_across_faults_neither_duplicates_nor_loses_events(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    batches = [
        [event(0, "training_started")],
        [event(i, "gradient_step", step=i, loss=1 / i) for i in range(1, 6)],
        [event(6, "gradient_step", step=6, loss=0.1), event(7, "training_ended")],
    ]
    faults = {
        2: Reply(503, b"", off_spec=True),
        4: Reply(429, b"", {"Retry-After": "0"}, off_spec=True),
        5: Reply(502, b"<html/>", off_spec=True),
    }
    feed = EventFeed(contract, batches, faults=faults.get)
    seen: list[str] = []
    summary = client.training_jobs.wait(
        JOB_ID, poll_interval=0.001, on_event=lambda e: seen.append(str(e.id))
    )
    assert seen == [event(i, "x")["id"] for i in range(8)]
    assert summary.events_seen == 8 and summary.last_step == 6 and summary.last_metrics == {"loss": 0.1}
    assert feed.polls >= 6


@pytest.mark.anyio
async def test_async_retry_and_typed_errors(
    contract: ContractServer, aclient: AsyncServerlessTraining, sleeps: Sleeps
) -> None:
    contract.on(LIST_CHECKPOINTS, [Reply(429, b"", {"Retry-After": "1"}, off_spec=True), Reply(body=PAGE)])
    page = await aclient.checkpoints.list(MODEL_ID)
    assert len(page.data) == 1 and sleeps == [1.0]
    contract.on(CREATE_RL, Reply(500, b"", off_spec=True))
    with pytest.raises(InternalServerError):
        await aclient.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP])
    assert len(contract.calls(CREATE_RL)) == 1
    contract.on(LIST_CHECKPOINTS, Reply(body=b"{", off_spec=True))
    with pytest.raises(APIResponseValidationError):
        await aclient.checkpoints.list(MODEL_ID)


@pytest.mark.anyio
async def test_async_timeout(contract: ContractServer, aclient: AsyncServerlessTraining) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body=PAGE, delay=0.5))
    with pytest.raises(APITimeoutError):
        await aclient.checkpoints.list(MODEL_ID, timeout=0.1, max_retries=0)


def test_async_connection_refused() -> None:
    import anyio

    async def main() -> None:
        async with AsyncServerlessTraining(
            api_key=API_KEY, base_url="http://127.0.0.1:9", max_retries=0
        ) as client:
            await client.health()

    with pytest.raises(APIConnectionError):
        anyio.run(main)


def test_every_case_call_maps_a_500_to_a_typed_error(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    for case in CASES:
        contract.on(case.operation_id, Reply(500, b"", off_spec=True))
        with pytest.raises(InternalServerError):
            case.call(client)
    assert {s.operation.operation_id for s in contract.seen} == {case.operation_id for case in CASES}


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("max_retries", -1),
        ("max_retries", 2.5),
        ("max_retries", True),
        ("initial_delay", -0.1),
        ("jitter", "1"),
    ],
)
def test_retry_policy_refuses_bad_settings(setting: str, value: object) -> None:
    with pytest.raises(InvalidParameterError, match=setting):
        RetryPolicy(**{setting: value})  # type: ignore[arg-type]


def test_retry_policy_refuses_negative_retries_per_call() -> None:
    with pytest.raises(InvalidParameterError, match="max_retries"):
        RetryPolicy().call("GET", -1, lambda: None)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 418, 422, 501])
def test_with_default_retries_a_4xx_and_a_501_are_sent_exactly_once(
    status: int, contract: ContractServer, client: ServerlessTraining, sleeps: Sleeps
) -> None:
    assert client.max_retries == 2
    contract.on(LIST_CHECKPOINTS, [Reply(status, {"detail": "no"}, off_spec=True), Reply(body=PAGE)])
    with pytest.raises(APIStatusError) as info:
        client.checkpoints.list(MODEL_ID)
    assert info.value.status_code == status
    assert len(contract.calls(LIST_CHECKPOINTS)) == 1 and sleeps == []


@pytest.mark.anyio
async def test_an_async_timeout_says_what_happened(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body=PAGE, delay=0.5))
    with pytest.raises(APITimeoutError) as info:
        await aclient.checkpoints.list(MODEL_ID, timeout=0.1, max_retries=0)
    reason = str(info.value).split("failed to get a response", 1)[1]
    assert reason.strip(" :"), f"nothing after the colon in {info.value}"


# --- what the server's answer says about repeating a request ----------------------------------

CREATE_MODEL = "create_model_v1_preview_models_post"
CHAT = "create_chat_completion_v1_chat_completions_post"
MODEL = {"id": MODEL_ID, "entity": "e", "project": "p", "name": "n", "base_model": "b", "run_id": None}
ANSWER = {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []}


def test_a_429_on_a_post_is_retried_the_server_did_nothing(contract: ContractServer, both: Call) -> None:
    contract.on(
        CREATE_RL,
        [
            Reply(429, {"detail": "slow down"}, {"Retry-After": "1"}, off_spec=True),
            Reply(body={"id": JOB_ID}),
        ],
    )
    job = both(lambda c: c.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP]))
    assert str(job.id) == JOB_ID and len(contract.calls(CREATE_RL)) == 2


@pytest.mark.parametrize("status", [520, 521, 522, 523, 524])
def test_the_edges_5xx_statuses_are_retried_for_a_get(
    status: int, contract: ContractServer, both: Call
) -> None:
    contract.on(
        LIST_CHECKPOINTS, [Reply(status, b"<html>origin timeout</html>", off_spec=True), Reply(body=PAGE)]
    )
    page = both(lambda c: c.checkpoints.list(MODEL_ID))
    assert len(page.data) == 1 and len(contract.calls(LIST_CHECKPOINTS)) == 2


def test_a_post_that_meets_a_5xx_says_it_may_have_taken_effect(contract: ContractServer, both: Call) -> None:
    contract.on(CREATE_RL, [Reply(524, b"<html>timeout</html>", off_spec=True), Reply(body={"id": JOB_ID})])
    with pytest.raises(APIStatusError) as info:
        both(lambda c: c.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP]))
    assert info.value.may_have_taken_effect and "may have taken effect" in str(info.value)
    assert len(contract.calls(CREATE_RL)) == 1


def test_a_post_refused_by_the_server_says_nothing_of_effect(contract: ContractServer, both: Call) -> None:
    contract.on(CREATE_RL, Reply(409, {"detail": "exists"}, off_spec=True))
    with pytest.raises(ConflictError) as info:
        both(lambda c: c.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP]))
    assert not info.value.may_have_taken_effect and "may have taken effect" not in str(info.value)


def test_creating_a_model_with_return_existing_is_retried_like_a_get(
    contract: ContractServer, both: Call
) -> None:
    contract.on(CREATE_MODEL, [Reply(503, b"busy", off_spec=True), Reply(body=MODEL)])
    model = both(lambda c: c.models.create(project="p", name="n", base_model="b", return_existing=True))
    assert str(model.id) == MODEL_ID and len(contract.calls(CREATE_MODEL)) == 2
    contract.on(CREATE_MODEL, [Reply(503, b"busy", off_spec=True), Reply(body=MODEL)])
    with pytest.raises(APIStatusError) as info:
        both(lambda c: c.models.create(project="p", name="n", base_model="b"))
    assert info.value.may_have_taken_effect and len(contract.calls(CREATE_MODEL)) == 3


def test_a_chat_completion_creates_nothing_and_is_retried(contract: ContractServer, both: Call) -> None:
    contract.on(CHAT, [Reply(502, b"bad gateway", off_spec=True), Reply(body=ANSWER)])
    answer = both(
        lambda c: c.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    )
    assert answer["id"] == "c" and len(contract.calls(CHAT)) == 2


# --- wait() outlives outages --------------------------------------------------------------------

OUTAGE_BATCHES = [
    [event(0, "training_started")],
    [event(i, "gradient_step", step=i, loss=1 / i) for i in range(1, 4)],
    [event(4, "training_ended")],
]


def test_wait_polls_on_through_an_outage_and_hands_each_event_over_once(
    contract: ContractServer, both: Call
) -> None:
    # Polls 2-7 fail: two whole polls with their retries (3 attempts each), more than a call's retries.
    faults = {n: Reply(503, b"<html>down</html>", off_spec=True) for n in range(2, 8)}
    EventFeed(contract, [list(b) for b in OUTAGE_BATCHES], faults=faults.get)
    seen: list[str] = []
    summary = both(
        lambda c: c.training_jobs.wait(JOB_ID, poll_interval=0.01, on_event=lambda e: seen.append(str(e.id)))
    )
    assert seen == [event(i, "x")["id"] for i in range(5)] and summary.events_seen == 5


def test_wait_gives_up_past_the_outage_tolerance_saying_where_to_resume(
    contract: ContractServer, both: Call
) -> None:
    faults = {n: Reply(502, b"<html>bad gateway</html>", off_spec=True) for n in range(2, 100)}
    EventFeed(contract, [list(b) for b in OUTAGE_BATCHES], faults=faults.get)
    with pytest.raises(InternalServerError) as info:
        both(lambda c: c.training_jobs.wait(JOB_ID, poll_interval=0.01, outage_tolerance=0.05))
    assert info.value.resume_after == event(0, "x")["id"]


def test_wait_does_not_poll_on_through_an_error_that_is_not_worth_retrying(
    contract: ContractServer, both: Call
) -> None:
    gone = Reply(404, {"detail": "gone"}, off_spec=True)
    EventFeed(contract, [list(b) for b in OUTAGE_BATCHES], faults={2: gone}.get)
    with pytest.raises(NotFoundError):
        both(lambda c: c.training_jobs.wait(JOB_ID, poll_interval=0.01))


@pytest.mark.parametrize("bad", [-1, float("inf"), float("nan")])
def test_the_outage_tolerance_is_a_finite_number_of_seconds(client: ServerlessTraining, bad: float) -> None:
    with pytest.raises(InvalidParameterError, match="outage_tolerance"):
        client.training_jobs.wait(JOB_ID, outage_tolerance=bad)


def test_retry_after_ms_is_honoured_before_retry_after(
    contract: ContractServer, both: Call, sleeps: Sleeps
) -> None:
    hints = {"Retry-After": "9", "retry-after-ms": "250"}
    contract.on(LIST_CHECKPOINTS, [Reply(503, b"busy", hints, off_spec=True), Reply(body=PAGE)])
    assert len(both(lambda c: c.checkpoints.list(MODEL_ID)).data) == 1
    assert sleeps == [0.25]


def test_x_should_retry_is_the_servers_word(contract: ContractServer, both: Call) -> None:
    contract.on(
        CREATE_RL,
        [Reply(500, b"retry me", {"x-should-retry": "true"}, off_spec=True), Reply(body={"id": JOB_ID})],
    )
    job = both(lambda c: c.training_jobs.create_rl(MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP]))
    assert str(job.id) == JOB_ID and len(contract.calls(CREATE_RL)) == 2
    contract.on(
        LIST_CHECKPOINTS,
        [Reply(503, b"do not", {"x-should-retry": "false"}, off_spec=True), Reply(body=PAGE)],
    )
    with pytest.raises(InternalServerError):
        both(lambda c: c.checkpoints.list(MODEL_ID))
    assert len(contract.calls(LIST_CHECKPOINTS)) == 1


def test_each_retry_is_logged_once_with_its_wait_and_the_failure(
    contract: ContractServer, both: Call, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [
            Reply(503, b"busy", {"Retry-After": "2"}, off_spec=True),
            Reply(429, {"detail": f"Bearer {API_KEY}"}, {"Retry-After": "3"}, off_spec=True),
            Reply(body=PAGE),
        ],
    )
    with caplog.at_level(logging.INFO, logger="serverless_training"):
        both(lambda c: c.checkpoints.list(MODEL_ID))
    retries = [r.getMessage() for r in caplog.records if r.name == "serverless_training"]
    assert len(retries) == 2 and sleeps == [2.0, 3.0]
    assert retries[0].startswith("retrying in 2.00s (attempt 1 failed:") and "503" in retries[0]
    assert retries[1].startswith("retrying in 3.00s (attempt 2 failed:") and "429" in retries[1]
    assert API_KEY not in caplog.text
