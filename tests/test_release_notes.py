"""Release notes and the proposed version from a spec-diff report (scripts/release_notes.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import release_notes
import spec_diff

CHANGELOG = """# Changelog

Intro.

## Unreleased

### Added
- Something from before.

### Fixed
- A fix.

## 0.1.0

### Added
- The first release.
"""


@pytest.mark.parametrize(
    ("version", "kind", "expected"),
    [
        ((0, 3, 2), spec_diff.BREAKING, (0, 4, 0)),
        ((0, 3, 2), spec_diff.ADDITIVE, (0, 3, 3)),
        ((0, 3, 2), spec_diff.DOCS, (0, 3, 3)),
        ((0, 3, 2), spec_diff.NONE, (0, 3, 2)),
        ((1, 4, 2), spec_diff.BREAKING, (2, 0, 0)),
        ((1, 4, 2), spec_diff.ADDITIVE, (1, 5, 0)),
        ((1, 4, 2), spec_diff.DOCS, (1, 4, 3)),
    ],
)
def test_the_version_a_change_implies(
    version: tuple[int, int, int], kind: str, expected: tuple[int, int, int]
) -> None:
    assert release_notes.proposed(version, kind) == expected


def _report(kind: str, *changes: tuple[str, str, str, bool, str]) -> dict[str, Any]:
    return {
        "kind": kind,
        "changes": [
            {"kind": k, "where": w, "detail": d, "breaking": b, "source": s} for k, w, d, b, s in changes
        ],
    }


NEW_METHOD = (
    "method-added",
    "models.list_zq_things",
    "new method client.models.list_zq_things(model_id) -> list[str] (GET /v1/zq)",
    False,
    "surface",
)
REMOVED_FIELD = ("field-removed", "CheckpointResponse.step", "field removed", True, "surface")


def _write(tmp_path: Path, version: str = "0.1.0") -> tuple[Path, Path]:
    changelog, version_file = tmp_path / "CHANGELOG.md", tmp_path / "_version.py"
    changelog.write_text(CHANGELOG)
    version_file.write_text(f'__version__ = "{version}"\n')
    return changelog, version_file


def test_an_additive_change_is_added_and_proposes_a_patch_release(tmp_path: Path) -> None:
    changelog, version_file = _write(tmp_path)
    shown = release_notes.update_changelog(
        changelog, version_file, _report(spec_diff.ADDITIVE, NEW_METHOD), "abc123"
    )
    text = changelog.read_text()
    assert shown == "0.1.1" and "## Unreleased (proposed 0.1.1)\n" in text
    added = text[text.index("### Added") : text.index("### Fixed")]
    assert "- `client.models.list_zq_things(model_id) -> list[str]` (GET /v1/zq) (spec abc123)\n" in added
    assert added.index("list_zq_things") < added.index("Something from before")
    assert text.endswith("- The first release.\n")  # released sections untouched


def test_a_breaking_change_gets_a_removed_section_before_fixed_and_the_larger_proposal_stands(
    tmp_path: Path,
) -> None:
    changelog, version_file = _write(tmp_path)
    release_notes.update_changelog(changelog, version_file, _report(spec_diff.BREAKING, REMOVED_FIELD), "d1")
    release_notes.update_changelog(changelog, version_file, _report(spec_diff.ADDITIVE, NEW_METHOD), "d2")
    text = changelog.read_text()
    assert "## Unreleased (proposed 0.2.0)\n" in text  # the breaking proposal, not the later patch
    unreleased = text[: text.index("## 0.1.0")]
    assert unreleased.index("### Added") < unreleased.index("### Removed") < unreleased.index("### Fixed")
    assert "- `CheckpointResponse.step`: field removed. (spec d1)" in unreleased


def test_a_docs_only_change_says_so(tmp_path: Path) -> None:
    changelog, version_file = _write(tmp_path, "1.2.3")
    assert release_notes.update_changelog(changelog, version_file, _report(spec_diff.DOCS), "d3") == "1.2.4"
    assert (
        "### Changed\n- Documentation of the API, from the upstream spec. (spec d3)" in changelog.read_text()
    )


def test_a_changelog_without_an_unreleased_section_is_refused_unchanged(tmp_path: Path) -> None:
    changelog, version_file = _write(tmp_path)
    changelog.write_text("# Changelog\n\n## 0.1.0\n")
    with pytest.raises(ValueError, match="Unreleased"):
        release_notes.update_changelog(changelog, version_file, _report(spec_diff.ADDITIVE, NEW_METHOD), "x")
    assert changelog.read_text() == "# Changelog\n\n## 0.1.0\n"
