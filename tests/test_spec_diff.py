"""make spec-diff: every fixture pair under tests/spec_fixtures gives its expected classification."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import spec_diff

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((Path(__file__).parent / "spec_fixtures").glob("*.json"))
# The fixtures' patches are written against this frozen copy, not the vendored openapi.json: a new
# upstream spec must not change what a fixture means (or break the pointers it patches).
BASE = Path(__file__).parent / "spec_base" / "openapi.json"
SPEC = json.loads(BASE.read_text())


def _pointer(doc: Any, pointer: str) -> tuple[Any, str]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    for part in parts[:-1]:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc, parts[-1]


def apply_patch(doc: Any, patch: list[list[Any]]) -> Any:
    """A small JSON Patch (add, remove, replace, move) over JSON pointers."""
    doc = copy.deepcopy(doc)
    for step in patch:
        op, path, rest = step[0], step[1], step[2:]
        if op == "move":
            source, key = _pointer(doc, path)
            value = source.pop(key) if isinstance(source, dict) else source.pop(int(key))
            op, path, rest = "add", rest[0], [value]
        parent, key = _pointer(doc, path)
        if op == "remove":
            del parent[int(key) if isinstance(parent, list) else key]
        elif isinstance(parent, list):
            parent.append(rest[0]) if key == "-" else parent.insert(
                int(key), rest[0]
            ) if op == "add" else parent.__setitem__(int(key), rest[0])
        else:
            if op == "replace":
                assert key in parent, f"replace of a missing {path}"
            parent[key] = rest[0]
    return doc


def _pair(tmp_path: Path, fixture: Path) -> tuple[dict[str, Any], Path]:
    case = json.loads(fixture.read_text())
    new = tmp_path / "new.json"
    new.write_text(json.dumps(apply_patch(SPEC, case["patch"]), indent=2))
    return case, new


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_pair(fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case, new = _pair(tmp_path, fixture)
    code = spec_diff.main([str(BASE), str(new), "--no-engine", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == case["exit"], json.dumps(report["changes"], indent=1)
    found = [(c["kind"], c["breaking"], c["source"]) for c in report["changes"]]
    for expected in case["expect"]:
        assert (expected["kind"], expected["breaking"], expected.get("source", "rules")) in found, found
    if not case["expect"]:
        assert report["changes"] == []


def test_noop_says_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assert spec_diff.main([str(BASE), str(BASE), "--no-engine"]) == 0
    out = capsys.readouterr().out
    assert "no changes" in out and "nothing breaks" in out


def test_added_get_endpoint_is_listed_as_added_in_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, new = _pair(tmp_path, Path(__file__).parent / "spec_fixtures" / "add_get_endpoint.json")
    assert spec_diff.main([str(BASE), str(new), "--no-engine"]) == 0
    out = capsys.readouterr().out
    assert "new method client.models.list_base_models() -> list[str] (GET /v1/preview/base-models)" in out


def test_operation_id_rename_shows_the_public_method_it_removes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, new = _pair(tmp_path, Path(__file__).parent / "spec_fixtures" / "operation_id_renamed.json")
    assert spec_diff.main([str(BASE), str(new), "--no-engine"]) == 1
    out = capsys.readouterr().out
    assert "BREAKING - list: removed (was client.checkpoints.list(model_id, *, after=None" in out
    assert "new method client.models.list_checkpoints(model_id" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"swagger": "2.0"}', "not an OpenAPI 3 document"),
        (None, "cannot read"),
    ],
)
def test_parse_errors_exit_2_with_a_clear_message(
    content: str | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content)
    assert spec_diff.main([str(BASE), str(bad), "--no-engine"]) == 2
    assert message in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert spec_diff.main([]) == 2
    assert "usage" in capsys.readouterr().err
    assert spec_diff.main(["a", "b", "--format", "xml"]) == 2


def test_a_spec_the_generator_cannot_build_is_breaking(tmp_path: Path) -> None:
    broken = apply_patch(
        SPEC,
        [
            [
                "replace",
                "/components/schemas/CheckpointResponse/properties/metrics",
                {"$ref": "#/components/schemas/Nope"},
            ]
        ],
    )
    new = tmp_path / "new.json"
    new.write_text(json.dumps(broken))
    changes = spec_diff.surface_changes(BASE, new)
    assert [c.kind for c in changes] == ["generation-failed"] and changes[0].breaking


def test_the_optic_engine_agrees_on_a_removed_operation(tmp_path: Path) -> None:
    assert spec_diff.OPTIC.exists(), "optic is missing: `make tools` installs it (make test does)"
    _, new = _pair(tmp_path, Path(__file__).parent / "spec_fixtures" / "remove_operation.json")
    verdict = spec_diff.optic_verdict(BASE, new)
    assert verdict["ran"] and verdict["breaking"]
    assert any("GET /v1/system-check" in line for line in verdict["output"])
    assert spec_diff.optic_verdict(ROOT / "openapi.json", ROOT / "openapi.json")["breaking"] is False


def test_the_policy_table_in_the_docs_is_the_fixtures() -> None:
    """One row per fixture, with the fixture's description and verdict, and no row without one."""
    page = (ROOT / "docs" / "maintainers" / "spec-changes.md").read_text()
    table = page[page.index("<!-- policy:start -->") : page.index("<!-- policy:end -->")]
    rows = {}
    for line in table.splitlines()[3:]:
        change, verdict, _, fixture = (cell.strip() for cell in line.strip("|").split(" | "))
        rows[fixture.strip("`")] = (change, verdict)
    expected = {}
    for fixture in FIXTURES:
        case = json.loads(fixture.read_text())
        if case["patch"]:
            expected[fixture.stem] = (case["description"], "**breaking**" if case["exit"] else "non-breaking")
    assert rows == expected
