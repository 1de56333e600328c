"""The fake's chaos: seeded random faults, acted out in-process and on a real socket, met by the SDK
as the documented errors (or, for a trickle, not at all)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import httpx
import pytest
from serverless_training import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
    ServerlessTraining,
)
from serverless_training.testing import Chaos, FakeAPI
from serverless_training.testing._chaos import KINDS

STEPS = {step: {"reward": step / 100} for step in range(1, 60)}  # a body of a few KB
READ_TIMEOUT = 0.3
STALL = 1.0  # longer than the read timeout


@contextmanager
def _in_process(fake: FakeAPI) -> Iterator[ServerlessTraining]:
    with fake.client(max_retries=0, timeout=httpx.Timeout(5, read=READ_TIMEOUT)) as client:
        yield client


@contextmanager
def _served(fake: FakeAPI) -> Iterator[ServerlessTraining]:
    with (
        fake.serve() as server,
        ServerlessTraining(
            api_key=fake.api_key,
            base_url=server.base_url,
            max_retries=0,
            timeout=httpx.Timeout(5, read=READ_TIMEOUT),
        ) as client,
    ):
        yield client


WAYS = pytest.mark.parametrize("way", [_in_process, _served], ids=["in-process", "served"])
Way = Callable[[FakeAPI], "contextmanager[ServerlessTraining]"]

OUTCOMES: dict[str, type[Exception] | None] = {
    "rate_limit": RateLimitError,
    "server_error": InternalServerError,
    "stall_before_headers": APITimeoutError,
    "stall_mid_body": APITimeoutError,
    "reset_before_headers": APIConnectionError,
    "reset_mid_body": APIConnectionError,
    "trickle": None,
}


def test_every_kind_has_an_outcome_here() -> None:
    assert set(OUTCOMES) == set(KINDS)


@WAYS
@pytest.mark.parametrize("kind", KINDS)
def test_each_fault_reaches_the_sdk_as_its_documented_error(way: Way, kind: str) -> None:
    fake = FakeAPI()
    model_id = fake.add_model(checkpoints=STEPS)
    fake.faults.chaos = Chaos(rate=1.0, kinds=(kind,), stall=STALL, trickle_pause=0.001)
    expected = OUTCOMES[kind]
    with way(fake) as client:
        if expected is None:
            assert [c.step for c in client.checkpoints.list(model_id)] == list(STEPS)
            return
        with pytest.raises(expected) as info:
            list(client.checkpoints.list(model_id))
    error = info.value
    if expected is APIConnectionError:
        assert not isinstance(error, APITimeoutError)
    if isinstance(error, RateLimitError):
        assert error.retry_after == pytest.approx(0.1)
    if isinstance(error, InternalServerError):
        assert error.status_code in (502, 503) and "<html>" in str(error.body)


@WAYS
def test_a_create_whose_answer_is_lost_was_carried_out_and_the_error_says_it_may_have_been(way: Way) -> None:
    fake = FakeAPI()
    model_id = fake.add_model()
    fake.faults.chaos = Chaos(rate=1.0, kinds=("reset_before_headers",))
    with way(fake) as client, pytest.raises(APIConnectionError) as info:
        client.training_jobs.create_rl(model_id, trajectory_groups=[{"trajectories": [{"reward": 1.0}]}])
    assert info.value.may_have_taken_effect
    assert [op for op, _ in fake.requests].count("create_rl_training_job") == 1
    fake.faults.chaos = None
    with way(fake) as client:
        assert client.training_jobs.get(
            _only_job(fake)
        ).id  # the job exists: the answer was lost, not the work


def _only_job(fake: FakeAPI) -> str:
    jobs = fake._state.jobs
    (job_id,) = jobs
    return str(job_id)


def test_the_same_seed_gives_the_same_faults_in_the_same_order() -> None:
    def run(seed: int) -> list[str | None]:
        fake = FakeAPI()
        fake.faults.chaos = chaos = Chaos(rate=0.5, seed=seed, kinds=("rate_limit", "server_error"))
        with fake.client(max_retries=0) as client:
            for _ in range(40):
                with suppress(APIStatusError):
                    client.health()
        return chaos.drawn

    first, again, other = run(7), run(7), run(8)
    assert first == again and first != other
    assert 0 < sum(fault is not None for fault in first) < 40


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"rate": 1.5}, "rate"),
        ({"rate": -0.1}, "rate"),
        ({"rate": 0.1, "kinds": ("rate_limit", "meteor")}, "kinds"),
        ({"rate": 0.1, "kinds": ()}, "kinds"),
        ({"rate": 0.1, "stall": -1}, "stall"),
        ({"rate": 0.1, "stall": float("inf")}, "stall"),
    ],
)
def test_chaos_refuses_what_it_cannot_do(options: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Chaos(**options)  # type: ignore[arg-type]


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "serverless_training.testing", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_server_command_serves_chaos_for_a_seed() -> None:
    proc = _serve("--chaos", "1", "--seed", "3", "--chaos-kinds", "rate_limit")
    try:
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline())
        with (
            ServerlessTraining(api_key=ready["api_key"], base_url=ready["base_url"], max_retries=0) as client,
            pytest.raises(RateLimitError),
        ):
            client.health()
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # waits, and closes its pipes


def test_the_server_command_refuses_a_bad_chaos_setting() -> None:
    proc = _serve("--chaos", "2")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and "rate" in err
