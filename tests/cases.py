"""Behaviour cases: what a call sends and how its reply reads, for the operations whose encoding
matters (tool calls in trajectories, ids, defaults). Every operation is also exercised, from the
generated endpoint table, by test_operations.py; a new one needs no case here to be tested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contract import Reply, Seen
from fakes import checkpoint, event, new_id

MODEL_ID = new_id(4242)
JOB_ID = new_id(777)

USER = {"role": "user", "content": "What is 2 + 2?"}
ASSISTANT_TOOL_CALL = {
    "role": "assistant",
    "content": None,
    "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "add", "arguments": '{"a": 2, "b": 2}'}}
    ],
}
TRAJECTORY_GROUP = {"trajectories": [{"messages_and_choices": [USER, ASSISTANT_TOOL_CALL], "reward": 1.0}]}
MODEL = {
    "id": MODEL_ID,
    "entity": "team",
    "project": "proj",
    "name": "agent-7",
    "base_model": "Qwen/Qwen3-14B",
    "run_id": None,
}


@dataclass(frozen=True)
class Case:
    operation_id: str  # as in the vendored openapi.json
    wrapper: str  # the public method, e.g. "checkpoints.list"
    call: Callable[[Any], Any]  # same lambda for the sync and async client
    reply: Reply
    check: Callable[[Any, Seen], None]


def _check_chat(result: Any, seen: Seen) -> None:
    assert seen.json == {"model": "agent-7", "messages": [USER], "temperature": 0.2}
    assert result.choices[0].message.content == "4"


def _check_model(result: Any, seen: Seen) -> None:
    assert seen.json == {
        "project": "proj",
        "name": "agent-7",
        "base_model": "Qwen/Qwen3-14B",
        "return_existing": True,
    }
    assert str(result.id) == MODEL_ID and result.name == "agent-7" and result.run_id is None


def _check_list(result: Any, seen: Seen) -> None:
    assert seen.params == {"limit": "2", "order": "desc"}
    assert [c.step for c in result.data] == [5, 4] and result.has_more is True
    assert result.next_cursor == new_id(4)


def _check_delete_checkpoints(result: Any, seen: Seen) -> None:
    assert seen.method == "DELETE" and seen.json == {"steps": [1, 2]}
    assert result.deleted_count == 1 and result.not_found_steps == [2]


def _check_delete_model(result: Any, seen: Seen) -> None:
    assert seen.method == "DELETE" and str(result.model_id) == MODEL_ID and result.deleted_run is True


def _check_log(result: Any, seen: Seen) -> None:
    assert seen.json == {"split": "val", "trajectory_groups": [TRAJECTORY_GROUP]}
    assert result == {"metrics": {"val/reward": 1.0}}


def _check_rl(result: Any, seen: Seen) -> None:
    body = seen.json
    assert body["model_id"] == MODEL_ID
    assert body["trajectory_groups"] == [TRAJECTORY_GROUP]  # assistant tool calls survive the round trip
    assert body["experimental_config"] == {"learning_rate": 1e-5}
    assert str(result.id) == JOB_ID


def _check_sft(result: Any, seen: Seen) -> None:
    assert seen.json == {
        "model_id": MODEL_ID,
        "training_data_url": "wandb-artifact:///team/proj/data:v1",
        "config": {"batch_size": "auto", "learning_rate": 2e-5},
    }
    assert str(result.id) == JOB_ID


def _check_job(result: Any, seen: Seen) -> None:
    assert seen.raw_path.endswith(JOB_ID) and str(result.id) == JOB_ID


def _check_events(result: Any, seen: Seen) -> None:
    assert seen.params == {"limit": "10"}
    assert [str(e.type) for e in result.data] == ["training_started", "gradient_step"]


def _check_json(expected: Any) -> Callable[[Any, Seen], None]:
    def check(result: Any, seen: Seen) -> None:
        assert result == expected
        assert "Authorization" in seen.headers  # sent, though the server does not require it here

    return check


CASES = [
    Case(
        "create_chat_completion_v1_chat_completions_post",
        "chat.completions.create",
        lambda c: c.chat.completions.create(model="agent-7", messages=[USER], temperature=0.2),
        Reply(body={"choices": [{"message": {"content": "4"}}]}),
        _check_chat,
    ),
    Case(
        "create_model_v1_preview_models_post",
        "models.create",
        lambda c: c.models.create(
            project="proj", name="agent-7", base_model="Qwen/Qwen3-14B", return_existing=True
        ),
        Reply(body=MODEL),
        _check_model,
    ),
    Case(
        "list_model_checkpoints_v1_preview_models__model_id__checkpoints_get",
        "checkpoints.list",
        lambda c: c.checkpoints.list(MODEL_ID, limit=2, order="desc"),
        Reply(
            body={
                "object": "list",
                "data": [checkpoint(5), checkpoint(4)],
                "first_id": new_id(5),
                "last_id": new_id(4),
                "has_more": True,
            }
        ),
        _check_list,
    ),
    Case(
        "delete_model_checkpoints_v1_preview_models__model_id__checkpoints_delete",
        "checkpoints.delete",
        lambda c: c.checkpoints.delete(MODEL_ID, steps=[1, 2]),
        Reply(body={"deleted_count": 1, "not_found_steps": [2]}),
        _check_delete_checkpoints,
    ),
    Case(
        "delete_model_v1_preview_models__model_id__delete",
        "models.delete",
        lambda c: c.models.delete(MODEL_ID),
        Reply(body={"model_id": MODEL_ID, "deleted_checkpoints": 3, "deleted_run": True}),
        _check_delete_model,
    ),
    Case(
        "log_v1_preview_models__model_id__log_post",
        "models.log",
        lambda c: c.models.log(MODEL_ID, split="val", trajectory_groups=[TRAJECTORY_GROUP]),
        Reply(body={"metrics": {"val/reward": 1.0}}),
        _check_log,
    ),
    Case(
        "Create_RL_Training_Job_v1_preview_training_jobs_post",
        "training_jobs.create_rl",
        lambda c: c.training_jobs.create_rl(
            MODEL_ID, trajectory_groups=[TRAJECTORY_GROUP], experimental_config={"learning_rate": 1e-5}
        ),
        Reply(body={"id": JOB_ID}),
        _check_rl,
    ),
    Case(
        "Create_SFT_Training_Job_v1_preview_sft_training_jobs_post",
        "training_jobs.create_sft",
        lambda c: c.training_jobs.create_sft(
            MODEL_ID,
            training_data_url="wandb-artifact:///team/proj/data:v1",
            config={"batch_size": "auto", "learning_rate": 2e-5},
        ),
        Reply(body={"id": JOB_ID}),
        _check_sft,
    ),
    Case(
        "get_training_job_v1_preview_training_jobs__training_job_id__get",
        "training_jobs.get",
        lambda c: c.training_jobs.get(JOB_ID),
        Reply(body={"id": JOB_ID}),
        _check_job,
    ),
    Case(
        "get_training_job_events_v1_preview_training_jobs__training_job_id__events_get",
        "training_jobs.events",
        lambda c: c.training_jobs.events(JOB_ID, limit=10),
        Reply(
            body={
                "object": "list",
                "data": [event(0, "training_started"), event(1, "gradient_step", step=1)],
                "first_id": new_id(1_000_000),
                "last_id": new_id(1_000_001),
                "has_more": False,
            }
        ),
        _check_events,
    ),
    Case(
        "health_check_v1_health_get",
        "health",
        lambda c: c.health(),
        Reply(body={"status": "ok"}),
        _check_json({"status": "ok"}),
    ),
    Case(
        "system_check_v1_system_check_get",
        "system_check",
        lambda c: c.system_check(),
        Reply(body={"api": True, "database": True}),
        _check_json({"api": True, "database": True}),
    ),
]
