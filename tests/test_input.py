"""Bad input is refused before any request; ids reach exactly the intended encoded path."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from cases import JOB_ID, MODEL_ID, TRAJECTORY_GROUP
from contract import ContractServer, Reply, decoded_path_segment
from fakes import LIST_CHECKPOINTS
from serverless_training import InvalidParameterError, NotFoundError, ServerlessTraining

GET_JOB = "get_training_job_v1_preview_training_jobs__training_job_id__get"
DELETE_MODEL = "delete_model_v1_preview_models__model_id__delete"


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda c: c.checkpoints.list(MODEL_ID, order="up"), "order"),
        (lambda c: c.checkpoints.list(MODEL_ID, order=None), "order"),
        (lambda c: c.checkpoints.list(MODEL_ID, limit=0), "limit"),
        (lambda c: c.checkpoints.list(MODEL_ID, limit=101), "limit"),
        (lambda c: c.checkpoints.list(MODEL_ID, max_items=0), "max_items"),
        (lambda c: c.checkpoints.list(MODEL_ID, after=""), "after"),
        (lambda c: c.checkpoints.list(""), "model_id"),
        (lambda c: c.checkpoints.list("   "), "model_id"),
        (lambda c: c.checkpoints.list(".."), "model_id"),
        (lambda c: c.checkpoints.list(42), "model_id"),
        (lambda c: c.checkpoints.delete(MODEL_ID, steps=[1, "2"]), "steps"),
        (lambda c: c.checkpoints.delete(MODEL_ID, steps=[True]), "steps"),
        (lambda c: c.checkpoints.delete(MODEL_ID, steps="1,2"), "steps"),
        (lambda c: c.checkpoints.delete(MODEL_ID, steps=3), "steps"),
        (lambda c: c.checkpoints.delete(MODEL_ID, steps=[]), "steps"),
        (lambda c: c.models.delete(""), "model_id"),
        (lambda c: c.models.create(project="", name="n", base_model="b"), "project"),
        (lambda c: c.models.log(MODEL_ID, split="val", trajectory_groups={"a": 1}), "trajectory_groups"),
        (lambda c: c.models.log(MODEL_ID, split="val", trajectory_groups=[{}]), "trajectory_groups[0]"),
        (lambda c: c.models.log(MODEL_ID, split="val", trajectory_groups=[3]), "trajectory_groups[0]"),
        (lambda c: c.training_jobs.get(""), "job_id"),
        (lambda c: c.training_jobs.events("", limit=5), "job_id"),
        (lambda c: c.training_jobs.create_rl("not-a-uuid", trajectory_groups=[TRAJECTORY_GROUP]), "model_id"),
        (lambda c: c.training_jobs.create_rl(MODEL_ID, trajectory_groups=[]), "trajectory_groups"),
        (
            lambda c: c.training_jobs.create_rl(
                MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP], experimental_config={"learning_rate": "fast"}
            ),
            "learning_rate",
        ),
        (
            lambda c: c.training_jobs.create_rl(
                MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP], experimental_config=[1]
            ),
            "experimental_config",
        ),
        (lambda c: c.training_jobs.create_sft(MODEL_ID, training_data_url=""), "training_data_url"),
        (lambda c: c.training_jobs.wait(JOB_ID, poll_interval=0), "poll_interval"),
        (lambda c: c.training_jobs.wait(JOB_ID, timeout=-1), "timeout"),
        (lambda c: c.chat.completions.create(model="m", messages="hi"), "messages"),
        (lambda c: c.chat.completions.create(model="m", messages=["hi"]), "messages[0]"),
        (lambda c: c.chat.completions.create(model="", messages=[]), "model"),
        (lambda c: c.checkpoints.prune(MODEL_ID, keep_latest=-1), "keep_latest"),
        (lambda c: c.checkpoints.prune(MODEL_ID, keep_best=1), "metric"),
    ],
)
def test_bad_input_is_refused_before_any_request(
    call: Any, parameter: str, contract: ContractServer, client: ServerlessTraining
) -> None:
    with pytest.raises(InvalidParameterError) as info:
        call(client)
    assert isinstance(info.value, ValueError)
    assert parameter in str(info.value)
    assert contract.seen == []


@pytest.mark.parametrize(
    "model_id",
    [
        "a/../b",
        "../etc/passwd",
        "%2F",
        "a?x=1",
        "a#frag",
        "with space",
        "ünïcödé-模型",
        "a/b",
        "...",
        "a+b&c=d",
    ],
)
def test_ids_reach_exactly_the_intended_path(
    model_id: str, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [], "has_more": False}))
    client.checkpoints.list(model_id, limit=5)
    (seen,) = contract.calls(LIST_CHECKPOINTS)
    assert seen.raw_path.startswith("/v1/preview/models/") and seen.raw_path.endswith("/checkpoints")
    assert seen.raw_path.count("/") == 5
    assert decoded_path_segment(seen, 4) == model_id
    assert seen.params == {"limit": "5", "order": "asc"}


def test_job_ids_are_encoded_too(contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(GET_JOB, Reply(body={"id": JOB_ID}))
    client.training_jobs.get("job/1?x#y")
    (seen,) = contract.calls(GET_JOB)
    assert seen.raw_path == "/v1/preview/training-jobs/job%2F1%3Fx%23y"


def test_a_trailing_slash_on_the_base_url_is_harmless(contract: ContractServer, make_client: Any) -> None:
    client = make_client(base_url=contract.url + "/")
    contract.on(
        DELETE_MODEL, Reply(body={"model_id": MODEL_ID, "deleted_checkpoints": 0, "deleted_run": False})
    )
    client.models.delete(MODEL_ID)
    assert contract.calls(DELETE_MODEL)[0].raw_path == f"/v1/preview/models/{MODEL_ID}"


@pytest.mark.parametrize("job_id", ["job/with/slashes", " padded ", "a%2Fb", "ünï"])
def test_ids_reach_the_server_exactly_as_given(
    job_id: str, contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(
        "get_training_job_v1_preview_training_jobs__training_job_id__get",
        Reply(404, {"detail": "Not Found"}, off_spec=True),
    )
    with pytest.raises(NotFoundError):
        client.training_jobs.get(job_id)
    (seen,) = contract.seen
    assert decoded_path_segment(seen, 4) == job_id


@pytest.mark.parametrize("timeout", [-1, 0, float("nan"), float("inf"), "10", httpx.Timeout(5, read=-2)])
def test_bad_timeouts_are_refused_when_the_client_is_built(timeout: Any) -> None:
    with pytest.raises(InvalidParameterError, match="timeout"):
        ServerlessTraining(api_key="wandb-key-0123456789", timeout=timeout)


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (
            lambda c: c.models.log(MODEL_ID, split="val", trajectory_groups=[{"trajectories": {1, 2}}]),
            "trajectory_groups[0].trajectories",
        ),
        (lambda c: c.chat.completions.create(model="m", messages=[{"role": "user"}], seed=object()), "seed"),
    ],
)
def test_a_value_json_cannot_hold_is_refused_naming_where_it_is(
    call: Any, where: str, contract: ContractServer, client: ServerlessTraining
) -> None:
    with pytest.raises(InvalidParameterError, match="must be JSON data") as info:
        call(client)
    assert str(info.value).startswith(where) and contract.seen == []
