"""Fail when an upstream template one of ours derives from has changed (``make check-templates``).

Every override in templates/ starts with a Jinja comment naming its original:

    {# derived-from: openapi-python-client 0.29.1 templates/model.py.jinja sha256:<hex>
       why: ... #}

The check compares that with the installed generator: its version, and the sha256 of the original
template. A generator upgrade that changes an original is then a reviewed step (port the upstream
change into the override, then update the header) instead of a silent merge of two versions.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from importlib import metadata, resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = "openapi-python-client"
HEADER = re.compile(
    r"\A\{# derived-from: (?P<tool>\S+) (?P<version>\S+) templates/(?P<path>\S+) "
    r"sha256:(?P<sha>[0-9a-f]{64})\n\s+why: \S"
)


def installed_templates() -> Path:
    return Path(str(resources.files("openapi_python_client") / "templates"))


# templates/sdk/ holds our own templates (the public surface), not overrides of the generator's.
OWN = "sdk"


def overrides_in(folder: Path) -> list[Path]:
    """The templates of ``folder`` that replace one of the generator's."""
    return sorted(p for p in folder.rglob("*.jinja") if p.relative_to(folder).parts[0] != OWN)


def problems(overrides: Path, originals: Path, version: str) -> list[str]:
    """One line per override whose header is missing or no longer matches the original."""
    found: list[str] = []
    for override in overrides_in(overrides):
        rel = override.relative_to(overrides).as_posix()
        match = HEADER.match(override.read_text(encoding="utf-8"))
        if match is None or match["tool"] != GENERATOR:
            found.append(
                f"{rel}: no derived-from header naming the {GENERATOR} original, its version, sha256 and why"
            )
            continue
        if match["path"] != rel:
            found.append(f"{rel}: the header names templates/{match['path']}, not templates/{rel}")
            continue
        original = originals / rel
        if not original.is_file():
            found.append(
                f"{rel}: {GENERATOR} {version} has no templates/{rel} any more; remove or rework the override"
            )
            continue
        sha = hashlib.sha256(original.read_bytes()).hexdigest()
        if sha != match["sha"] or version != match["version"]:
            found.append(
                f"{rel}: derives from {GENERATOR} {match['version']} (sha256 {match['sha'][:12]}...), "
                f"but the installed {version} original has sha256 {sha[:12]}...: review the upstream "
                "change, port it into the override, then update its header"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--overrides", type=Path, default=REPO / "templates")
    parser.add_argument("--originals", type=Path, default=None, help="default: the installed generator's")
    parser.add_argument("--version", default=None, help="default: the installed generator's")
    args = parser.parse_args(argv)
    originals = args.originals or installed_templates()
    version = args.version or metadata.version(GENERATOR)
    found = problems(args.overrides, originals, version)
    count = len(overrides_in(args.overrides))
    if found:
        print(f"check-templates: {len(found)} of {count} overrides need review:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in found), file=sys.stderr)
        return 1
    print(f"check-templates: {count} overrides match {GENERATOR} {version}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
