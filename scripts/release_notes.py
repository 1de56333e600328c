"""Release notes and the version bump from a spec-diff report, in the terms users read.

``make update-spec`` adds what the adopted spec changed to the CHANGELOG's ``## Unreleased``
section (Added / Changed / Removed) and proposes, in that heading, the version the change implies:

* before 1.0: breaking -> next minor (0.3.2 -> 0.4.0); additive or docs-only -> next patch;
* from 1.0: breaking -> next major; additive -> next minor; docs-only -> next patch.

The released version itself comes from the release tag; this is the maintainer's proposal, and of
several adoptions before a release the largest proposal stands.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import spec_diff

HEADING = re.compile(r"^## Unreleased(?: \(proposed (\d+)\.(\d+)\.(\d+)\))?$", re.MULTILINE)
VERSION = re.compile(r'__version__ = "(\d+)\.(\d+)\.(\d+)"')
ADDED, CHANGED, REMOVED = "Added", "Changed", "Removed"


def current_version(version_file: Path) -> tuple[int, int, int]:
    found = VERSION.search(version_file.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f'{version_file}: no __version__ = "X.Y.Z"')
    major, minor, patch = (int(part) for part in found.groups())
    return major, minor, patch


def proposed(version: tuple[int, int, int], kind: str) -> tuple[int, int, int]:
    """The version a change of ``kind`` (spec_diff's BREAKING, ADDITIVE, DOCS, NONE) implies."""
    major, minor, patch = version
    if kind == spec_diff.NONE:
        return version
    if kind == spec_diff.BREAKING:
        return (major, minor + 1, 0) if major == 0 else (major + 1, 0, 0)
    if kind == spec_diff.ADDITIVE and major > 0:
        return (major, minor + 1, 0)
    return (major, minor, patch + 1)


def bump_name(version: tuple[int, int, int], kind: str) -> str:
    new = proposed(version, kind)
    return (
        "major"
        if new[0] > version[0]
        else "minor"
        if new[1] > version[1]
        else "patch"
        if new != version
        else "none"
    )


def entries(report: dict[str, Any]) -> dict[str, list[str]]:
    """The report's public changes as CHANGELOG lines, by section."""
    sections: dict[str, list[str]] = {ADDED: [], CHANGED: [], REMOVED: []}
    for change in report["changes"]:
        kind, where, detail = change["kind"], change["where"], change["detail"]
        if change["source"] == "rules":
            if change["breaking"]:
                sections[CHANGED].append(f"The API: {where}: {detail}.")
            continue
        if change["source"] != "surface":
            continue
        line = _line(kind, where, detail)
        if kind in ("method-added", "type-added", "field-added", "enum-value-added") or (
            kind == "argument-added" and not change["breaking"]
        ):
            sections[ADDED].append(line)
        elif kind.endswith("-removed"):
            sections[REMOVED].append(line)
        else:
            sections[CHANGED].append(line)
    if report["kind"] == spec_diff.DOCS:
        sections[CHANGED].append("Documentation of the API, from the upstream spec.")
    return sections


def _line(kind: str, where: str, detail: str) -> str:
    if kind == "method-added":
        signature, _, http = detail.removeprefix("new method ").rpartition(" (")
        return f"`{signature}` ({http}"
    if kind == "method-removed":
        return f"`client.{where}` {detail.replace('(was ', '(it was `').removesuffix(')')}`)"
    if kind == "type-added":
        return f"Type `{detail.removeprefix('new type ')}`."
    if kind.startswith(("argument-", "return-")):
        return f"`client.{where}`: {detail}."
    return f"`{where}`: {detail}."  # a field or an enum value


def update_changelog(changelog: Path, version_file: Path, report: dict[str, Any], source: str) -> str:
    """Add the report's entries to ``## Unreleased`` and propose a version there; returns the
    proposed version. ``source`` says where the spec came from (a file, a URL, a digest)."""
    text = changelog.read_text(encoding="utf-8")
    version = current_version(version_file)
    new = proposed(version, report["kind"])
    heading = HEADING.search(text)
    if heading is None:
        raise ValueError(f"{changelog}: no '## Unreleased' heading to add to")
    if heading.group(1) is not None:
        new = max(new, (int(heading.group(1)), int(heading.group(2)), int(heading.group(3))))
    shown = ".".join(str(part) for part in new)
    text = text[: heading.start()] + f"## Unreleased (proposed {shown})" + text[heading.end() :]
    for section, lines in entries(report).items():
        if lines:
            text = _add_to_section(text, section, [f"- {line} (spec {source})" for line in lines])
    changelog.write_text(text, encoding="utf-8")
    return shown


def _add_to_section(text: str, section: str, lines: list[str]) -> str:
    """Insert ``lines`` at the top of ``### section`` of the Unreleased part, creating it if needed."""
    start = HEADING.search(text)
    assert start is not None
    end = text.find("\n## ", start.end())
    end = len(text) if end == -1 else end
    part = text[start.end() : end]
    marker = f"\n### {section}\n"
    if marker in part:
        at = start.end() + part.index(marker) + len(marker)
        return text[:at] + "\n".join(lines) + "\n" + text[at:]
    order = [ADDED, CHANGED, "Deprecated", REMOVED, "Fixed", "Security"]  # Keep a Changelog's
    following = [f"\n### {s}\n" for s in order[order.index(section) + 1 :] if f"\n### {s}\n" in part]
    at = start.end() + (part.index(following[0]) if following else len(part.rstrip("\n")))
    return text[:at] + f"\n### {section}\n" + "\n".join(lines) + "\n" + text[at:]
