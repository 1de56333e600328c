"""Regeneration is reproducible and drift (modified, added or removed files) is caught."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import codegen
import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "generator-config.yaml"


def _copy_derived(root: Path) -> Path:
    for tree in codegen.TARGETS.values():
        shutil.copytree(ROOT / tree, root / tree, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root holding copies of every derived tree, as committed."""
    return _copy_derived(tmp_path_factory.mktemp("root"))


RAW = codegen.TARGETS["raw"]
SURFACE = codegen.TARGETS["surface"]


def test_committed_code_matches_the_spec(committed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codegen.check_drift(ROOT / "openapi.json", CONFIG, committed) == 0
    assert "match their sources" in capsys.readouterr().out


def test_a_new_optional_property_is_drift_that_names_the_model(
    committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    spec["components"]["schemas"]["CheckpointResponse"]["properties"]["created_at"] = {"type": "string"}
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(spec))
    assert codegen.check_drift(changed, CONFIG, committed) == 1
    out = capsys.readouterr().out
    assert "would be modified: models/checkpoint_response.py (CheckpointResponse)" in out
    assert "created_at" in out


def test_a_new_query_parameter_is_drift_in_the_public_surface(
    committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The resource method people call is derived too: a spec change that would not reach it fails."""
    spec = json.loads((ROOT / "openapi.json").read_text())
    listing = spec["paths"]["/v1/preview/models/{model_id}/checkpoints"]["get"]
    listing["parameters"].append(
        {"name": "min_step", "in": "query", "required": False, "schema": {"type": "integer"}}
    )
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(spec))
    assert codegen.check_drift(changed, CONFIG, committed) == 1
    out = capsys.readouterr().out
    assert f"{SURFACE}:" in out and "would be modified: checkpoints.py (Checkpoints, " in out
    assert "min_step: int | None = None" in out


def test_an_edited_extension_is_drift_until_its_sync_twin_is_regenerated(
    committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_derived(tmp_path)
    twin = root / SURFACE / "sync_lib" / "checkpoints.py"
    twin.write_text(twin.read_text().replace("plan.doomed and not dry_run", "plan.doomed"))
    assert codegen.check_drift(ROOT / "openapi.json", CONFIG, root) == 1
    assert "would be modified: sync_lib/checkpoints.py (Checkpoints)" in capsys.readouterr().out


def test_a_deleted_file_is_drift(committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = _copy_derived(tmp_path)
    (broken / RAW / "models" / "training_job_response.py").unlink()
    (broken / RAW / "models" / "stale.py").write_text("class Stale: ...\n")
    assert codegen.check_drift(ROOT / "openapi.json", CONFIG, broken) == 1
    out = capsys.readouterr().out
    assert "would be added:    models/training_job_response.py (TrainingJobResponse)" in out
    assert "would be removed:  models/stale.py (Stale)" in out


def test_generate_is_reproducible_and_a_broken_spec_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "root"
    out.mkdir()
    codegen.generate(ROOT / "openapi.json", CONFIG, out)
    for tree in codegen.TARGETS.values():
        assert codegen.compare(ROOT / tree, out / tree) == []
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"openapi": "3.1.0", "paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/nope"}}}}}}'
    )
    assert codegen.main(["generate", "--spec", str(broken), "--root", str(out)]) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".generate-*"))


def test_compare_reports_nothing_for_identical_trees(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.py").write_text("x = 1\n")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    (tmp_path / "a" / "__pycache__").mkdir()  # importing the committed package writes these
    (tmp_path / "a" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\xa7\r\r\n")
    assert codegen.compare(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "b" / "x.py").write_text("\n".join(f"x = {i}" for i in range(100)))
    report = codegen.compare(tmp_path / "a", tmp_path / "b", max_diff_lines=5)
    assert report[0] == "  would be modified: x.py" and "more diff lines" in report[-1]


def test_generated_names_are_readable() -> None:
    package = ROOT / "generated" / codegen.PACKAGE
    bad = []
    for path in package.rglob("*.py"):
        module = path.relative_to(package).as_posix()
        if "v1_preview" in module or ("__" in path.stem and path.stem != "__init__"):
            bad.append(module)
        for name in re.findall(r"^(?:def|class|    def) (\w+)", path.read_text(), flags=re.MULTILINE):
            dunder = name.startswith("__") and name.endswith("__")
            if "v1_preview" in name.lower() or "V1Preview" in name or ("__" in name and not dunder):
                bad.append(f"{module}: {name}")
    assert not bad, bad


@pytest.mark.parametrize(
    ("name", "snake"),
    [("getJobEvents", "get_job_events"), ("listV2Models", "list_v2_models"), ("HTTPCheck", "httpcheck")],
)
def test_the_naming_table_splits_camel_case(name: str, snake: str) -> None:
    import surface

    assert surface.snake(name) == snake


def test_a_naming_table_that_names_an_operation_the_spec_lacks_is_refused(tmp_path: Path) -> None:
    import normalize_spec
    import surface
    import yaml

    names = yaml.safe_load(codegen.NAMES.read_text())
    names["operations"]["zq_no_such_operation"] = "models.zq_gone"
    table = tmp_path / "resource-names.yaml"
    table.write_text(yaml.safe_dump(names))
    (tmp_path / "wrapper").symlink_to(ROOT / "wrapper")  # the extensions it names, as in the repository
    normalized = tmp_path / "openapi.json"
    normalize_spec.main([str(ROOT / "openapi.json"), str(normalized)])
    data, _ = codegen._generator(normalized, ROOT / "generator-config.yaml", tmp_path / "raw")
    with pytest.raises(surface.SurfaceError, match="zq_no_such_operation"):
        surface.build(data, table)  # type: ignore[arg-type]
    surface.build(data, table, strict=False)  # spec-diff's reading: a renamed operation is shown, not refused
