"""The build step that gives the generator readable, unambiguous names."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import normalize_spec
import pytest
from contract import SPEC
from normalize_spec import NormalizationError, normalize, operation_name


def _names(spec: dict[str, Any]) -> list[str]:
    return [op["operationId"] for _, _, op in normalize_spec.iter_operations(spec)]


def test_operation_names_are_what_they_do() -> None:
    assert sorted(_names(normalize(SPEC))) == sorted(
        [
            "create_chat_completion",
            "create_model",
            "list_model_checkpoints",
            "delete_model_checkpoints",
            "delete_model",
            "log",
            "create_rl_training_job",
            "create_sft_training_job",
            "get_training_job",
            "get_training_job_events",
            "health_check",
            "system_check",
        ]
    )


@pytest.mark.parametrize(
    ("operation_id", "path", "method", "expected"),
    [
        (
            "list_model_checkpoints_v1_preview_models__model_id__checkpoints_get",
            "/v1/preview/models/{model_id}/checkpoints",
            "get",
            "list_model_checkpoints",
        ),
        (
            "Create_RL_Training_Job_v1_preview_training_jobs_post",
            "/v1/preview/training-jobs",
            "post",
            "create_rl_training_job",
        ),
        ("getJobEvents", "/v1/jobs/{id}/events", "get", "get_job_events"),
        ("health_check_v1_health_get", "/v1/other", "get", "health_check_v1_health_get"),
    ],
)
def test_operation_name(operation_id: str, path: str, method: str, expected: str) -> None:
    assert operation_name(operation_id, path, method) == expected


def test_the_input_is_not_modified() -> None:
    before = copy.deepcopy(SPEC)
    normalize(SPEC)
    assert before == SPEC


def test_colliding_schemas_get_unique_names_and_refs_follow() -> None:
    out = normalize(SPEC)
    schemas = out["components"]["schemas"]
    assert not [k for k in schemas if "__" in k]
    assert (
        schemas["ChatCompletionMessageCustomToolCallParamCustom"]["title"]
        == "ChatCompletionMessageCustomToolCallParamCustom"
    )
    text = json.dumps(out)
    assert "openai__types" not in text
    assert '"#/components/schemas/ChatCompletionAssistantMessageParamFunctionCall"' in text
    titles = [s.get("title", k) for k, s in schemas.items()]
    assert len(titles) == len(set(titles))


def test_two_routes_with_one_name_fail_naming_both() -> None:
    spec = copy.deepcopy(SPEC)
    spec["paths"]["/v1/chat/completions/"] = {
        "post": {
            **spec["paths"]["/v1/chat/completions"]["post"],
            "operationId": "create_chat_completion_v1_chat_completions__post",
        }
    }
    with pytest.raises(NormalizationError) as info:
        normalize(spec)
    message = str(info.value)
    assert "POST /v1/chat/completions " in message and "POST /v1/chat/completions/ " in message
    assert "create_chat_completion" in message


def test_two_schemas_with_one_title_fail_naming_both() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Other"] = {"type": "object", "title": "CheckpointResponse"}
    with pytest.raises(NormalizationError, match="'CheckpointResponse' and 'Other'"):
        normalize(spec)


def test_a_rename_onto_an_existing_schema_fails() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["ChatCompletionMessageCustomToolCallParamCustom"] = {"type": "object"}
    with pytest.raises(NormalizationError, match="replace existing"):
        normalize(spec)


def test_cli_writes_output_and_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "build" / "n.json"
    assert normalize_spec.main([str(Path(__file__).parent.parent / "openapi.json"), str(out)]) == 0
    assert json.loads(out.read_text())["paths"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    missing = tmp_path / "missing.json"
    assert normalize_spec.main([str(broken), str(missing)]) == 2
    assert not missing.exists() and "broken.json" in capsys.readouterr().err
