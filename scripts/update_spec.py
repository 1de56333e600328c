"""Adopt a new upstream spec: report, replace openapi.json verbatim, regenerate, run the tests.

``make update-spec SPEC=path-or-url``. A URL is downloaded only here, when a person runs it.
Nothing is replaced unless the new document parses and the generator builds it, so a broken
spec never replaces the vendored one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import codegen
import spec_diff

REPO = Path(__file__).resolve().parent.parent
VENDORED = REPO / "openapi.json"
GENERATED = REPO / "generated"


def fetch(source: str, into: Path) -> Path:
    """Copy or download ``source`` into ``into`` byte for byte."""
    target = into / "openapi.json"
    if source.startswith(("https://", "http://")):
        import httpx

        response = httpx.get(source, follow_redirects=True, timeout=60)
        response.raise_for_status()
        target.write_bytes(response.content)
    else:
        target.write_bytes(Path(source).read_bytes())
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0]:
        print("update-spec: usage: make update-spec SPEC=path-or-url", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="update-spec-") as tmp:
        try:
            new = fetch(argv[0], Path(tmp))
            report = spec_diff.diff(VENDORED, new)
        except (OSError, spec_diff.SpecError) as exc:
            print(f"update-spec: {exc}; openapi.json was left as it was.", file=sys.stderr)
            return 2
        except Exception as exc:  # a download failure has many types; all mean "not adopted"
            print(
                f"update-spec: cannot fetch {argv[0]}: {exc}; openapi.json was left as it was.",
                file=sys.stderr,
            )
            return 2
        print(spec_diff.render(report))
        if not report["changes"]:
            print("update-spec: nothing changed.")
            return 0
        # Build before touching anything; the same build is what gets installed.
        with codegen.staging_dir(GENERATED) as staging:
            try:
                fresh = codegen.build_client(new, REPO / "generator-config.yaml", Path(staging))
            except codegen.GenerationError as exc:
                print(f"update-spec: the generator cannot build the new spec:\n{exc}", file=sys.stderr)
                print("update-spec: openapi.json was left as it was.", file=sys.stderr)
                return 2
            staged = VENDORED.with_name(".openapi.json.new")
            staged.write_bytes(new.read_bytes())
            os.replace(staged, VENDORED)
            codegen.install(fresh, GENERATED)
    print("update-spec: openapi.json replaced and generated/ regenerated; running the tests.")
    print(
        "update-spec: a new operation fails the coverage gate until it is wrapped (wrapper/) "
        "and has a case in tests/cases.py."
    )
    return subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=REPO, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
