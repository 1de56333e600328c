"""The build step that gives the generator readable, unambiguous names."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import normalize_spec
import pytest
import yaml
from contract import SPEC
from normalize_spec import NormalizationError, normalize, operation_name

NAMES = Path(__file__).resolve().parent.parent / "resource-names.yaml"
# A schema key in the shape a framework writes for a class of another package (``module__Class``),
# with a title that collides with a schema this test adds: names no spec here uses.
FOREIGN = "zz_vendor__types__zz_message_part__ZzPart"
FOREIGN_CLEAN = normalize_spec.schema_name(FOREIGN)


def _with_colliding_titles() -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    schemas = spec["components"]["schemas"]
    assert FOREIGN not in schemas and FOREIGN_CLEAN not in schemas and "ZzPart" not in schemas
    schemas["ZzPart"] = {"type": "object", "title": "ZzPart"}
    schemas[FOREIGN] = {"type": "object", "title": "ZzPart", "properties": {"x": {"type": "string"}}}
    schemas["ZzHolder"] = {
        "type": "object",
        "properties": {"part": {"$ref": f"#/components/schemas/{FOREIGN}"}},
    }
    return spec


def _names(spec: dict[str, Any]) -> list[str]:
    return [op["operationId"] for _, _, op in normalize_spec.iter_operations(spec)]


def test_operation_names_are_what_they_do() -> None:
    """Whatever the spec holds: each operation is named by ``operation_name`` of its own operationId
    and route, the names are unique identifiers, and the naming table names only operations the
    spec has (after normalization)."""
    normalized = normalize(SPEC)
    names = _names(normalized)
    expected = [
        operation_name(op.get("operationId") or f"{method}_{path}", path, method)
        for path, method, op in normalize_spec.iter_operations(SPEC)
    ]
    assert names == expected
    assert len(set(names)) == len(names) and all(name.isidentifier() for name in names)
    table = yaml.safe_load(NAMES.read_text(encoding="utf-8"))["operations"]
    assert set(table) <= set(names), sorted(set(table) - set(names))


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
    out = normalize(_with_colliding_titles())
    schemas = out["components"]["schemas"]
    assert not [k for k in schemas if "__" in k]
    assert FOREIGN_CLEAN == "ZzMessagePartZzPart" and schemas[FOREIGN_CLEAN]["title"] == FOREIGN_CLEAN
    text = json.dumps(out)
    assert FOREIGN not in text
    assert schemas["ZzHolder"]["properties"]["part"] == {"$ref": f"#/components/schemas/{FOREIGN_CLEAN}"}
    titles = [s.get("title", k) for k, s in schemas.items()]
    assert len(titles) == len(set(titles))


def test_two_routes_with_one_name_fail_naming_both() -> None:
    spec = copy.deepcopy(SPEC)
    path, method, operation = normalize_spec.iter_operations(spec)[0]
    name = operation_name(operation["operationId"], path, method)
    twin = path + "/"  # a second route to the same handler, as frameworks allow
    twin_id = name + normalize_spec.framework_suffix(twin, method)
    spec["paths"][twin] = {method: {**operation, "operationId": twin_id}}
    with pytest.raises(NormalizationError) as info:
        normalize(spec)
    message = str(info.value)
    assert f"{method.upper()} {path} " in message and f"{method.upper()} {twin} " in message
    assert repr(name) in message


def test_two_schemas_with_one_title_fail_naming_both() -> None:
    spec = copy.deepcopy(SPEC)
    taken = next(iter(spec["components"]["schemas"]))
    title = spec["components"]["schemas"][taken].get("title", taken)
    spec["components"]["schemas"]["ZzOther"] = {"type": "object", "title": title}
    with pytest.raises(NormalizationError, match=f"'{taken}' and 'ZzOther'"):
        normalize(spec)


def test_a_rename_onto_an_existing_schema_fails() -> None:
    spec = _with_colliding_titles()
    spec["components"]["schemas"][FOREIGN_CLEAN] = {"type": "object"}
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
