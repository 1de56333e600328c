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


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("generated")
    shutil.copytree(ROOT / "generated" / codegen.PACKAGE, copy / codegen.PACKAGE)
    return copy


def test_committed_code_matches_the_spec(committed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codegen.check_drift(ROOT / "openapi.json", CONFIG, committed) == 0
    assert "matches" in capsys.readouterr().out


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


def test_a_deleted_file_is_drift(committed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "generated"
    shutil.copytree(committed, broken)
    (broken / codegen.PACKAGE / "models" / "training_job_response.py").unlink()
    (broken / codegen.PACKAGE / "models" / "stale.py").write_text("class Stale: ...\n")
    assert codegen.check_drift(ROOT / "openapi.json", CONFIG, broken) == 1
    out = capsys.readouterr().out
    assert "would be added:    models/training_job_response.py (TrainingJobResponse)" in out
    assert "would be removed:  models/stale.py (Stale)" in out


def test_generate_is_reproducible_and_a_broken_spec_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    codegen.generate(ROOT / "openapi.json", CONFIG, out)
    assert codegen.compare(ROOT / "generated" / codegen.PACKAGE, out / codegen.PACKAGE) == []
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"openapi": "3.1.0", "paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/nope"}}}}}}'
    )
    assert codegen.main(["generate", "--spec", str(broken), "--output", str(out)]) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".generate-*"))


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
