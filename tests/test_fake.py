"""serverless_training.testing: the stateful fake, held to the spec on every exchange."""

from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import Sleeps
from contract import OPERATIONS, SPEC, ContractServer, Reply, Seen, judge_exchange
from serverless_training import (
    APITimeoutError,
    AsyncServerlessTraining,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    RateLimitError,
    RetryPolicy,
    ServerlessTraining,
    TrainingJobFailedError,
)
from serverless_training._generated.client import OPERATIONS as PUBLIC_OPERATIONS
from serverless_training.testing import FAKE_BASE_URL, FakeAPI, FakeReply, ManualClock

BASE_MODEL = "OpenPipe/Qwen3-14B-Instruct"


class JudgedFake(FakeAPI):
    """The fake with every exchange judged against openapi.json by openapi-core."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.violations: list[str] = []
        self.exchanges = 0

    def handle(self, method: str, url: str, headers: Any, body: bytes) -> FakeReply:
        reply = super().handle(method, url, headers, body)
        self.exchanges += 1
        self.violations += judge_exchange(
            method, url, dict(headers.items()), body, reply.status, dict(reply.headers), reply.body
        )
        return reply


@pytest.fixture
def make_fake() -> Iterator[Callable[..., JudgedFake]]:
    fakes: list[JudgedFake] = []

    def make(**kwargs: Any) -> JudgedFake:
        fakes.append(JudgedFake(**kwargs))
        return fakes[-1]

    yield make
    for fake in fakes:
        assert not fake.violations, "\n".join(fake.violations)


@pytest.fixture
def fake(make_fake: Callable[..., JudgedFake]) -> JudgedFake:
    return make_fake()


@pytest.fixture
def client(fake: JudgedFake, retry_policy: RetryPolicy) -> Iterator[ServerlessTraining]:
    with fake.client(retry=retry_policy) as client:
        yield client


def raw(fake: FakeAPI) -> httpx.Client:
    """Plain httpx on the fake's transport, for requests the SDK would refuse to send."""
    return httpx.Client(transport=fake.transport(), base_url=FAKE_BASE_URL)


def auth(fake: FakeAPI) -> dict[str, str]:
    return {"Authorization": f"Bearer {fake.api_key}"}


def groups(*rewards: float) -> list[dict[str, Any]]:
    return [{"trajectories": [{"reward": r} for r in rewards]}]


# -- every operation ------------------------------------------------------------------------


def test_health_and_system_check_need_no_key(fake: JudgedFake) -> None:
    with raw(fake) as http:
        assert http.get("/v1/health").json() == {"status": "ok"}
        check = http.get("/v1/system-check").json()
    assert check["api"] is True and check["gpu_queue"]["success"] is True


def test_models_create_returns_the_specs_fields_with_a_uuid(client: ServerlessTraining) -> None:
    model = client.models.create(project="p", name="m", base_model=BASE_MODEL, entity="team")
    assert isinstance(model.id, uuid.UUID) and model.id.version == 4
    assert (model.entity, model.project, model.name, model.base_model) == ("team", "p", "m", BASE_MODEL)
    again = client.models.create(
        project="p", name="m", base_model=BASE_MODEL, entity="team", return_existing=True
    )
    assert again.id == model.id
    with pytest.raises(ConflictError, match="return_existing"):
        client.models.create(project="p", name="m", base_model=BASE_MODEL, entity="team")


def test_deleting_a_model_takes_its_checkpoints_and_jobs(
    fake: JudgedFake, client: ServerlessTraining
) -> None:
    model_id = fake.add_model(checkpoints={1: {"loss": 1.0}, 2: {"loss": 0.5}})
    job = client.training_jobs.create_rl(model_id, trajectory_groups=groups(1.0))
    result = client.models.delete(model_id)
    assert str(result.model_id) == model_id and result.deleted_checkpoints == 3 and result.deleted_run
    with pytest.raises(NotFoundError):
        list(client.checkpoints.list(model_id))
    with pytest.raises(NotFoundError):
        client.training_jobs.get(str(job.id))
    with pytest.raises(NotFoundError):
        client.models.delete(model_id)


def test_log_is_recorded_and_answered(fake: JudgedFake, client: ServerlessTraining) -> None:
    model_id = fake.add_model()
    answer = client.models.log(model_id, split="val", trajectory_groups=groups(0.5, 0.25))
    assert answer["split"] == "val"
    assert fake.logged(model_id)[0]["trajectory_groups"][0]["trajectories"][1]["reward"] == 0.25


def test_checkpoints_delete_reports_missing_steps(fake: JudgedFake, client: ServerlessTraining) -> None:
    model_id = fake.add_model(checkpoints={s: {"loss": 1 / s} for s in range(1, 6)})
    result = client.checkpoints.delete(model_id, steps=[2, 4, 9])
    assert (result.deleted_count, result.not_found_steps) == (2, [9])
    assert fake.checkpoint_steps(model_id) == [1, 3, 5]


def test_an_rl_job_unfolds_and_adds_a_checkpoint_from_its_rewards(
    fake: JudgedFake, client: ServerlessTraining
) -> None:
    model_id = fake.add_model(checkpoints={3: {"reward": 0.1}})
    job = client.training_jobs.create_rl(model_id, trajectory_groups=groups(1.0, 0.5, 0.0))
    assert client.training_jobs.get(str(job.id)).id == job.id
    seen: list[str] = []
    summary = client.training_jobs.wait(str(job.id), on_event=lambda e: seen.append(str(e.type)))
    assert seen == ["training_started", "gradient_step", "training_ended"]
    assert summary.last_step == 4 and summary.last_metrics["reward"] == pytest.approx(0.5)
    assert summary.last_metrics["reward_std_dev"] == pytest.approx(math.sqrt(1 / 6))
    [latest] = client.checkpoints.list(model_id, order="desc", max_items=1)
    assert latest.step == 4 and latest.metrics["reward"] == pytest.approx(0.5)


def test_an_sft_job_accepts_what_the_spec_accepts(fake: JudgedFake) -> None:
    model_id = fake.add_model()
    body = {
        "model_id": model_id,
        "training_data_url": "wandb-artifact:///e/p/data:v0",
        "config": {"batch_size": 8},
    }
    with raw(fake) as http:
        job = http.post("/v1/preview/sft-training-jobs", json=body, headers=auth(fake))
        assert job.status_code == 200, job.text
        events = http.get(f"/v1/preview/training-jobs/{job.json()['id']}/events", headers=auth(fake)).json()
    assert [e["type"] for e in events["data"]] == ["training_started", "gradient_step", "training_ended"]
    assert fake.checkpoint_steps(model_id) == [1]


def test_an_sft_job_on_missing_data_fails_with_a_message(
    fake: JudgedFake, client: ServerlessTraining
) -> None:
    model_id = fake.add_model()
    job = client.training_jobs.create_sft(model_id, training_data_url="s3://nowhere/data.jsonl")
    with pytest.raises(TrainingJobFailedError, match="training data not found"):
        client.training_jobs.wait(str(job.id))
    assert fake.checkpoint_steps(model_id) == []


def test_chat_answers_deterministically_in_the_specs_shape(client: ServerlessTraining) -> None:
    messages = [{"role": "user", "content": "What is 2+2?"}]
    first = client.chat.completions.create(model="p/m", messages=messages)
    second = client.chat.completions.create(model="p/m", messages=messages)
    assert first.choices[0].message.content == "[p/m] You said: What is 2+2?"
    assert first.to_dict() == second.to_dict()


# -- errors as the service gives them --------------------------------------------------------


def test_no_key_or_a_wrong_key_is_401(fake: JudgedFake) -> None:
    with raw(fake) as http:
        missing = http.post("/v1/preview/models", json={"project": "p", "name": "m", "base_model": "b"})
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    with fake.client(api_key="not-the-fake-key-123") as client, pytest.raises(AuthenticationError):
        client.models.create(project="p", name="m", base_model="b")


def test_unknown_ids_are_404(fake: JudgedFake, client: ServerlessTraining) -> None:
    unknown = str(uuid.UUID(int=7))
    with pytest.raises(NotFoundError, match="model"):
        client.checkpoints.delete(unknown, steps=[1])
    with pytest.raises(NotFoundError, match="training job"):
        list(client.training_jobs.events(unknown))
    with pytest.raises(NotFoundError):
        client.training_jobs.create_rl(unknown, trajectory_groups=groups(1.0))


@pytest.mark.parametrize(
    ("method", "path", "payload", "loc"),
    [
        ("GET", "/v1/preview/models/{m}/checkpoints?limit=500", None, ["query", "limit"]),
        ("GET", "/v1/preview/models/{m}/checkpoints?limit=ten", None, ["query", "limit"]),
        ("GET", "/v1/preview/models/{m}/checkpoints?order=sideways", None, ["query", "order"]),
        ("GET", "/v1/preview/models/{m}/checkpoints?after=nope", None, ["query", "after"]),
        ("POST", "/v1/preview/training-jobs", {"trajectory_groups": []}, ["body"]),
        ("POST", "/v1/preview/models", {"project": "p", "name": 3, "base_model": "b"}, ["body", "name"]),
        ("DELETE", "/v1/preview/models/{m}/checkpoints", {"steps": ["one"]}, ["body", "steps", 0]),
    ],
)
def test_requests_the_spec_refuses_are_422_with_fastapi_detail(
    fake: JudgedFake, method: str, path: str, payload: Any, loc: list[Any]
) -> None:
    model_id = fake.add_model(checkpoints={1: {"loss": 1.0}})
    with raw(fake) as http:
        reply = http.request(method, path.format(m=model_id), json=payload, headers=auth(fake))
    assert reply.status_code == 422, reply.text
    [item] = reply.json()["detail"][:1]
    assert item["loc"] == loc and item["msg"] and item["type"]


def test_unknown_routes_and_methods(fake: JudgedFake) -> None:
    with raw(fake) as http:
        assert http.get("/v1/nowhere").status_code == 404
        assert http.put("/v1/preview/models").status_code == 405


# -- pagination --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 10_001])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_listing_pages_exactly(make_fake: Callable[..., JudgedFake], size: int, order: str) -> None:
    fake = make_fake()
    model_id = fake.add_model(checkpoints={s: {"loss": 1.0} for s in range(size)})
    with fake.client() as client:
        steps = [c.step for c in client.checkpoints.list(model_id, limit=100, order=order)]
    expected = list(range(size))
    assert steps == (expected if order == "asc" else expected[::-1])
    assert len(fake.requests) == max(1, math.ceil(size / 100))


def test_a_page_after_a_cursor_starts_after_it(fake: JudgedFake, client: ServerlessTraining) -> None:
    model_id = fake.add_model(checkpoints={s: {"loss": 1.0} for s in range(10)})
    first = client.checkpoints.list(model_id, limit=3)
    assert [c.step for c in first.data] == [0, 1, 2] and first.has_more
    assert first.next_cursor is not None
    resumed = client.checkpoints.list(model_id, limit=3, after=first.next_cursor)
    assert [c.step for c in resumed.data] == [3, 4, 5]


# -- the clock and job failure -------------------------------------------------------------


def test_a_manual_clock_paces_a_job(make_fake: Callable[..., JudgedFake]) -> None:
    clock = ManualClock()
    fake = make_fake(clock=clock, job_seconds=10)
    model_id = fake.add_model()
    with fake.client() as client:
        job = str(client.training_jobs.create_rl(model_id, trajectory_groups=groups(1.0)).id)

        def kinds() -> list[str]:
            return [str(e.type) for e in client.training_jobs.events(job)]

        assert kinds() == ["training_started"]
        clock.advance(5)
        assert kinds() == ["training_started", "gradient_step"]
        assert fake.checkpoint_steps(model_id) == []
        clock.advance(5)
        assert kinds()[-1] == "training_ended"
    assert fake.checkpoint_steps(model_id) == [1]


def test_injected_job_failure_ends_with_training_failed(fake: JudgedFake, client: ServerlessTraining) -> None:
    model_id = fake.add_model()
    fake.faults.fail_jobs(message="CUDA out of memory")
    failing = client.training_jobs.create_rl(model_id, trajectory_groups=groups(1.0))
    with pytest.raises(TrainingJobFailedError, match="CUDA out of memory"):
        client.training_jobs.wait(str(failing.id))
    working = client.training_jobs.create_rl(model_id, trajectory_groups=groups(1.0))
    assert client.training_jobs.wait(str(working.id)).last_step == 2
    assert fake.checkpoint_steps(model_id) == [2]


# -- fault switches ---------------------------------------------------------------------------


def test_rate_limiting_sends_retry_after(
    fake: JudgedFake, client: ServerlessTraining, sleeps: Sleeps
) -> None:
    model_id = fake.add_model(checkpoints={1: {"loss": 1.0}})
    fake.faults.rate_limit(times=2, retry_after=0.25, operation="list_model_checkpoints")
    assert [c.step for c in client.checkpoints.list(model_id)] == [1]
    assert sleeps == [0.25, 0.25]
    fake.faults.rate_limit(times=3, retry_after=0.5)
    with pytest.raises(RateLimitError) as caught:
        client.health()
    assert caught.value.retry_after == 0.5


def test_a_burst_of_5xx_is_retried_then_surfaces(fake: JudgedFake, client: ServerlessTraining) -> None:
    fake.faults.server_errors(times=2, status=502)
    assert client.health() == {"status": "ok"}
    fake.faults.server_errors(times=3, status=503)
    with pytest.raises(InternalServerError) as caught:
        client.health()
    assert caught.value.status_code == 503


def test_faults_scoped_to_another_operation_leave_this_one_alone(
    fake: JudgedFake, client: ServerlessTraining
) -> None:
    fake.faults.server_errors(times=1, operation="create_model")
    assert client.health() == {"status": "ok"}
    with pytest.raises(InternalServerError):
        client.models.create(project="p", name="m", base_model="b")  # POST: not retried


def test_latency_beyond_the_timeout_is_a_timeout(fake: JudgedFake) -> None:
    fake.faults.latency = 0.2
    with fake.client(max_retries=0, timeout=0.05) as client, pytest.raises(APITimeoutError):
        client.health()
    with fake.client(timeout=1.0) as client:
        assert client.health() == {"status": "ok"}


@pytest.mark.anyio
async def test_latency_beyond_the_timeout_is_a_timeout_async(fake: JudgedFake) -> None:
    fake.faults.latency = 0.2
    async with fake.async_client(max_retries=0, timeout=0.05) as client:
        with pytest.raises(APITimeoutError):
            await client.health()


def test_a_lying_has_more_is_caught(fake: JudgedFake, client: ServerlessTraining) -> None:
    model_id = fake.add_model(checkpoints={s: {"loss": 1.0} for s in range(3)})
    fake.faults.lying_has_more = True
    with pytest.raises(PaginationError):
        list(client.checkpoints.list(model_id, limit=2))
    fake.faults.clear()
    assert len(list(client.checkpoints.list(model_id, limit=2))) == 3


@pytest.mark.parametrize("times", [0, -1, True, 1.5])
def test_fault_switches_refuse_nonsense(fake: JudgedFake, times: Any) -> None:
    with pytest.raises(ValueError, match="times"):
        fake.faults.rate_limit(times=times)
    with pytest.raises(ValueError, match="5xx"):
        fake.faults.server_errors(status=404)


def test_the_clock_and_pace_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="forward"):
        ManualClock().advance(-1)
    with pytest.raises(ValueError, match="job_seconds"):
        FakeAPI(job_seconds=math.nan)


# -- the async client, in-process ---------------------------------------------------------


@pytest.mark.anyio
async def test_the_async_client_runs_a_job_in_process(fake: JudgedFake) -> None:
    model_id = fake.add_model()
    async with fake.async_client() as client:
        job = await client.training_jobs.create_rl(model_id, trajectory_groups=groups(0.5))
        summary = await client.training_jobs.wait(str(job.id))
        steps = [c.step async for c in client.checkpoints.list(model_id)]
    assert summary.last_metrics["reward"] == 0.5 and steps == [1]
    assert isinstance(client, AsyncServerlessTraining)


# -- the README's flow: over a socket behind a validating proxy, and in-process ----------------


def readme_flow(client: ServerlessTraining) -> dict[str, Any]:
    """Every step the README shows, on any client; returns what a test checks."""
    assert client.health() is not None
    model = client.models.create(project="readme", name="agent-7", base_model=BASE_MODEL)
    model_id = str(model.id)
    summaries = []
    for round_ in range(3):
        job = client.training_jobs.create_rl(model_id, trajectory_groups=groups(0.2 * round_, 0.5))
        summaries.append(client.training_jobs.wait(str(job.id), poll_interval=0.05, timeout=30))
        assert client.training_jobs.get(str(job.id)).id == job.id
        assert [str(e.type) for e in client.training_jobs.events(str(job.id))][-1] == "training_ended"
    client.models.log(model_id, split="val", trajectory_groups=groups(0.9))
    ascending = [c.step for c in client.checkpoints.list(model_id, limit=2)]
    descending = [c.step for c in client.checkpoints.list(model_id, order="desc")]
    deleted = client.checkpoints.delete(model_id, steps=[1])
    plan = client.checkpoints.prune(model_id, keep_latest=1, keep_best=0, dry_run=True)
    sft = client.training_jobs.create_sft(model_id, training_data_url="wandb-artifact:///e/p/data:v0")
    sft_summary = client.training_jobs.wait(str(sft.id), poll_interval=0.05, timeout=30)
    answer = client.chat.completions.create(
        model="readme/agent-7", messages=[{"role": "user", "content": "hi"}]
    )
    with pytest.raises(NotFoundError):
        client.training_jobs.get(str(uuid.UUID(int=99)))
    client.models.delete(model_id)
    with pytest.raises(NotFoundError):
        list(client.checkpoints.list(model_id))
    return {
        "steps": [s.last_step for s in summaries],
        "ascending": ascending,
        "descending": descending,
        "deleted": deleted.deleted_count,
        "would_delete": [c.step for c in plan.deleted],
        "sft_step": sft_summary.last_step,
        "answer": answer.choices[0].message.content,
    }


EXPECTED_FLOW = {
    "steps": [1, 2, 3],
    "ascending": [1, 2, 3],
    "descending": [3, 2, 1],
    "deleted": 1,
    "would_delete": [2],
    "sft_step": 4,
    "answer": "[readme/agent-7] You said: hi",
}


@pytest.fixture
def served_fake() -> Iterator[dict[str, str]]:
    """``python -m serverless_training.testing --demo`` in a subprocess, stopped by the test."""
    with subprocess.Popen(
        [sys.executable, "-m", "serverless_training.testing", "--demo", "--job-seconds", "0.2"],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            yield json.loads(process.stdout.readline())
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0


def test_the_readme_flow_against_the_served_fake_behind_a_validating_proxy(
    served_fake: dict[str, str], contract: ContractServer
) -> None:
    assert served_fake["base_url"].startswith("http://127.0.0.1:")
    upstream = httpx.Client(base_url=served_fake["base_url"])
    violations: list[str] = []

    def forward(seen: Seen) -> Reply:
        headers = {k: v for k, v in seen.headers.items() if k.lower() in ("authorization", "content-type")}
        url = seen.raw_path + (f"?{httpx.QueryParams(seen.query)}" if seen.query else "")
        answer = upstream.request(seen.method, url, headers=headers, content=seen.body)
        op = seen.operation
        declared = str(answer.status_code) in SPEC["paths"][op.template][op.method.lower()]["responses"]
        if not declared:  # statuses the spec cannot declare (404, 409): still the service's shape
            violations.extend(
                judge_exchange(seen.method, url, headers, seen.body, answer.status_code, {}, answer.content)
            )
        return Reply(answer.status_code, answer.content, off_spec=not declared)

    for operation in {op.operation_id for op in OPERATIONS}:
        contract.on(operation, forward)
    with ServerlessTraining(api_key=served_fake["api_key"], base_url=contract.url) as client:
        assert readme_flow(client) == EXPECTED_FLOW
        demo = list(client.checkpoints.list(served_fake["demo_model_id"], limit=100))
        events = [str(e.type) for e in client.training_jobs.events(served_fake["demo_job_id"])]
    upstream.close()
    assert not violations
    assert (
        len(demo) == 301  # 300 seeded, and the checkpoint of the finished demo job
        and demo[-1].metrics["reward"] > demo[0].metrics["reward"]
    )
    assert events == ["training_started", "gradient_step", "training_ended"]


def test_the_readme_flow_in_process_opens_no_socket(
    fake: JudgedFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_sockets(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the in-process fake opened a socket")

    monkeypatch.setattr(socket, "socket", no_sockets)
    monkeypatch.setattr(socket, "create_connection", no_sockets)
    with fake.client() as client:
        assert readme_flow(client) == EXPECTED_FLOW
    assert fake.exchanges > 20


# -- the async client's cap on requests in flight --------------------------------------------


class CountingTransport(httpx.AsyncBaseTransport):
    """The fake's async transport, counting how many requests are inside it at once."""

    def __init__(self, fake: FakeAPI) -> None:
        self.inner = fake.async_transport()
        self.now = self.peak = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.now += 1
        self.peak = max(self.peak, self.now)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.now -= 1


@pytest.mark.anyio
@pytest.mark.parametrize("cap", [1, 3])
async def test_the_async_client_caps_requests_in_flight(fake: JudgedFake, cap: int) -> None:
    import anyio

    fake.faults.latency = 0.02
    model_id = fake.add_model(checkpoints={s: {"loss": 1.0} for s in range(5)})
    transport = CountingTransport(fake)
    http = httpx.AsyncClient(transport=transport)
    async with AsyncServerlessTraining(
        api_key=fake.api_key, base_url=FAKE_BASE_URL, http_client=http, max_concurrent_requests=cap
    ) as client:
        assert client.max_concurrent_requests == cap
        results: list[int] = []

        async def listing() -> None:
            results.append(len([c async for c in client.checkpoints.list(model_id, limit=2)]))

        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(listing)
    await http.aclose()
    assert results == [5] * 8 and transport.peak == cap


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "8"])
def test_the_cap_must_be_a_positive_integer(bad: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_concurrent_requests"):
        AsyncServerlessTraining(api_key="k-123456789", max_concurrent_requests=bad)


def test_the_fake_transports_end_latency_past_the_read_timeout_in_a_read_timeout(fake: JudgedFake) -> None:
    fake.faults.latency = 0.3
    with httpx.Client(transport=fake.transport(), timeout=0.05) as http, pytest.raises(httpx.ReadTimeout):
        http.get(f"{FAKE_BASE_URL}/v1/health")
    with httpx.Client(transport=fake.transport(), timeout=1.0) as http:
        assert http.get(f"{FAKE_BASE_URL}/v1/health").status_code == 200


@pytest.mark.anyio
async def test_the_async_fake_transport_ends_latency_in_a_read_timeout(fake: JudgedFake) -> None:
    fake.faults.latency = 0.3
    async with httpx.AsyncClient(transport=fake.async_transport(), timeout=0.05) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get(f"{FAKE_BASE_URL}/v1/health")


# -- operations the fake has no model of ----------------------------------------------------------


@pytest.mark.parametrize("operation_id", sorted(PUBLIC_OPERATIONS))
def test_every_operation_has_a_spec_valid_answer_without_a_model(operation_id: str) -> None:
    """What a newly adopted operation gets until the fake models it: the smallest body its spec
    allows, deterministic and accepted by the spec's own response validator."""
    from serverless_training._spec import response_validator
    from serverless_training.testing._examples import spec_example_reply

    status, body = spec_example_reply(operation_id)
    assert 200 <= status < 300 and spec_example_reply(operation_id) == (status, body)
    validator = response_validator(operation_id, status)
    assert validator is None or validator.is_valid(body), body


def test_an_unknown_operation_gets_no_invented_answer() -> None:
    from serverless_training.testing._examples import spec_example_reply

    assert spec_example_reply("no_such_operation")[0] == 501


def test_the_smallest_value_of_each_schema_kind() -> None:
    from serverless_training.testing._examples import example

    components = {
        "Ref": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "minimum": 3}}}
    }
    cases = [
        ({"$ref": "#/components/schemas/Ref"}, {"n": 3}),
        ({"anyOf": [{"type": "null"}, {"type": "boolean"}]}, False),
        ({"type": ["null", "number"]}, 0),
        ({"type": "null"}, None),
        ({"const": "x"}, "x"),
        ({"type": "string", "format": "date-time"}, "1970-01-01T00:00:00Z"),
        ({"type": "array", "items": {"type": "string"}, "minItems": 2}, ["", ""]),
    ]
    for schema, expected in cases:
        assert example(schema, components) == expected, schema
    assert example({"type": "array", "items": {"type": "string"}}, components, filled=True) == ["x"]


# -- the fake as a server: many clients, odd methods, hostile bodies, a stable demo ---------------


def test_an_undeclared_method_on_a_known_path_gets_405_with_allow() -> None:
    fake = FakeAPI()
    model_id = fake.add_model()
    with fake.serve() as server:
        for method in ("PUT", "TRACE", "OPTIONS", "HEAD", "QUERY"):
            response = httpx.request(method, f"{server.base_url}/v1/preview/models/{model_id}/checkpoints")
            assert response.status_code == 405, method
            assert response.headers["Allow"] == "DELETE, GET", method
        assert httpx.request("TRACE", f"{server.base_url}/v1/nowhere").status_code == 404


def test_a_deeply_nested_body_is_a_422_not_a_dropped_connection() -> None:
    fake = FakeAPI()
    body = "[" * 100_000 + "]" * 100_000
    with fake.serve() as server:
        response = httpx.post(
            f"{server.base_url}/v1/preview/models",
            content=body,
            headers={"Authorization": f"Bearer {fake.api_key}", "Content-Type": "application/json"},
        )
    assert response.status_code == 422 and "nested too deeply" in response.text


def test_64_clients_connecting_at_once_are_all_answered() -> None:
    import concurrent.futures

    fake = FakeAPI()
    with fake.serve() as server:

        def health(_: int) -> float:
            started = time.monotonic()
            host, port = httpx.URL(server.base_url).host, httpx.URL(server.base_url).port
            with socket.create_connection((host, port), timeout=10) as conn:
                conn.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                assert conn.recv(1024).startswith(b"HTTP/1.1 200")
            return time.monotonic() - started

        with concurrent.futures.ThreadPoolExecutor(64) as pool:
            waits = list(pool.map(health, range(64)))
    assert len(waits) == 64 and max(waits) < 1  # a listen backlog of 5 left some waiting for seconds


def test_the_demo_is_finished_when_seeded() -> None:
    fake = FakeAPI(job_seconds=2.0)
    model_id, _ = fake.seed_demo()
    assert fake.checkpoint_steps(model_id) == list(range(1, 302))  # 300 seeded, the job's step too


def test_the_fake_refuses_a_key_sent_with_another_scheme(fake: JudgedFake) -> None:
    with httpx.Client(transport=fake.transport(), base_url=FAKE_BASE_URL) as http:
        basic = http.get("/v1/preview/training-jobs/x", headers={"Authorization": f"Basic {fake.api_key}"})
        bearer = http.get("/v1/preview/training-jobs/x", headers={"Authorization": f"Bearer {fake.api_key}"})
    assert basic.status_code == 401 and bearer.status_code == 404


def test_the_fakes_streams_end_with_done() -> None:
    fake = FakeAPI()  # not judged: no spec describes an event stream
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    key = {"Authorization": f"Bearer {fake.api_key}"}
    with httpx.Client(transport=fake.transport(), base_url=FAKE_BASE_URL) as http:
        answer = http.post("/v1/chat/completions", json=body, headers=key)
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.content.endswith(b"data: [DONE]\n\n")


def test_the_server_command_prints_the_exports_that_point_the_sdk_at_it() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "serverless_training.testing", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            ready = json.loads(process.stdout.readline())
            exports = dict(item.split("=", 1) for item in process.stderr.readline().split()[1:])
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert exports == {
        "WANDB_API_KEY": ready["api_key"],
        "SERVERLESS_TRAINING_BASE_URL": ready["base_url"],
        "MODEL_ID": ready["demo_model_id"],
        "JOB_ID": ready["demo_job_id"],
    }
