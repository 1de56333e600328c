"""Adopt a new upstream spec: report, refuse what breaks users, replace openapi.json verbatim,
regenerate, type-check the hand-written code against it, write the release notes, run what CI runs.

``make update-spec SPEC=path-or-url [ALLOW_BREAKING=1]``. A URL is downloaded only here, when a
person runs it. The order matters:

1. spec-diff reports the change in the terms of the public surface. A change it calls BREAKING for
   code that uses this SDK is refused, and nothing is changed, unless the maintainer says so
   (``--allow-breaking``).
2. Everything derived is built from the new spec before anything is touched; a spec the generator
   cannot build changes nothing.
3. openapi.json and the derived trees are swapped in, and mypy checks the wrapper, its CLI and fake,
   and examples/ against them. When that fails, the hand-written lines that no longer type-check
   are named; a change spec-diff called safe is then undone, while one adopted with
   ``--allow-breaking`` is left in place to fix (with the command that undoes it).
4. CHANGELOG.md gains the change (Added / Changed / Removed) under ``## Unreleased``, whose heading
   proposes the version it implies (scripts/release_notes.py); build/spec-report.md holds the report
   and the proposal for the drift pull request's body.
5. ``make test`` runs on the adopted tree, as the pull request's CI will, and the result is named:
   green, or red with the targets and tests that failed.

Exit status: 0 adopted (or nothing to adopt) and ``make test`` is green; 1 refused, type check or
``make test`` failed; 2 the spec could not be read or built.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import codegen
import release_notes
import spec_diff

REPO = Path(__file__).resolve().parent.parent
VENDORED = REPO / "openapi.json"
CONFIG = REPO / "generator-config.yaml"
BIN = Path(sys.executable).parent
CHANGELOG = REPO / "CHANGELOG.md"
VERSION_FILE = REPO / "wrapper" / "serverless_training" / "_version.py"
PULL_REQUEST_BODY = REPO / "build" / "spec-report.md"
UNDO = "git checkout -- . && git clean -fd generated wrapper/serverless_training/_generated"


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


# What `make typecheck` runs: mypy over the packages (pyproject's settings: the wrapper, its CLI and
# fake, the raw client), then over examples/ and the README's Python blocks.
TYPECHECKS = ([str(BIN / "mypy")], [sys.executable, str(REPO / "scripts" / "doc_examples.py"), "typecheck"])
DERIVED = tuple(str(tree) + "/" for tree in codegen.TARGETS.values())


def typecheck() -> list[str]:
    """mypy's complaints about hand-written code (the wrapper, its CLI and fake, examples/, the
    README's code), or [].
    Derived files are left out: their errors repeat their source's (an async extension's twin)."""
    problems: list[str] = []
    for args in TYPECHECKS:
        proc = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            found = [line for line in proc.stdout.splitlines() if ": error:" in line]
            problems += [line for line in found if not line.startswith(DERIVED) and line not in problems]
            if not found:  # mypy failed without naming a line (a crash, a bad config): show all of it
                problems += proc.stdout.splitlines() + proc.stderr.splitlines()
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Adopt a new upstream openapi.json.")
    parser.add_argument("spec", help="a path or an https URL")
    parser.add_argument(
        "--allow-breaking", action="store_true", help="adopt a change spec-diff calls BREAKING"
    )
    parser.add_argument(
        "--no-tests", action="store_true", help="stop after the type check and the release notes"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.spec:
        print("update-spec: usage: make update-spec SPEC=path-or-url [ALLOW_BREAKING=1]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="update-spec-") as tmp:
        try:
            new = fetch(args.spec, Path(tmp))
            report = spec_diff.diff(VENDORED, new)
        except (OSError, spec_diff.SpecError) as exc:
            print(f"update-spec: {exc}; nothing was changed.", file=sys.stderr)
            return 2
        except Exception as exc:  # a download failure has many types; all mean "not adopted"
            print(f"update-spec: cannot fetch {args.spec}: {exc}; nothing was changed.", file=sys.stderr)
            return 2
        print(spec_diff.render(report))
        if report["kind"] == spec_diff.NONE:
            print("update-spec: nothing changed.")
            return 0
        if report["breaking"] and not args.allow_breaking:
            print(
                "update-spec: spec-diff calls this change BREAKING for code that uses this SDK (above); "
                "nothing was changed. Adopt it on purpose with "
                f"`make update-spec SPEC={args.spec} ALLOW_BREAKING=1`, then fix what the type check names.",
                file=sys.stderr,
            )
            return 1
        # Build before touching anything; the same build is what gets installed.
        with codegen.staging_dir(REPO) as staging:
            try:
                built = codegen.build_client(new, CONFIG, Path(staging))
            except codegen.GenerationError as exc:
                print(f"update-spec: the generator cannot build the new spec:\n{exc}", file=sys.stderr)
                print("update-spec: nothing was changed.", file=sys.stderr)
                return 2
            previous_spec = Path(staging) / "previous-openapi.json"
            shutil.copyfile(VENDORED, previous_spec)
            staged = VENDORED.with_name(".openapi.json.new")
            staged.write_bytes(new.read_bytes())
            os.replace(staged, VENDORED)
            codegen.install(built, REPO, Path(staging))
            problems = typecheck()
            if problems and not args.allow_breaking:
                _restore(previous_spec, Path(staging))
        if problems:
            print(
                "update-spec: the hand-written code no longer type-checks against the new spec:",
                file=sys.stderr,
            )
            print("\n".join(f"  {line}" for line in problems), file=sys.stderr)
            if args.allow_breaking:
                print(
                    f"update-spec: the new spec is adopted; fix those lines, or undo with `{UNDO}`.",
                    file=sys.stderr,
                )
            else:
                print(
                    "update-spec: openapi.json and the generated code were put back as they were.",
                    file=sys.stderr,
                )
            return 1
    print("update-spec: openapi.json replaced, generated code regenerated, the type check passes.")
    digest = hashlib.sha256(VENDORED.read_bytes()).hexdigest()[:12]
    version = release_notes.update_changelog(CHANGELOG, VERSION_FILE, report, digest)
    bump = release_notes.bump_name(release_notes.current_version(VERSION_FILE), report["kind"])
    print(f"update-spec: CHANGELOG.md updated under '## Unreleased (proposed {version})' ({bump} release).")
    PULL_REQUEST_BODY.parent.mkdir(exist_ok=True)
    PULL_REQUEST_BODY.write_text(
        f"Proposed version: **{version}** ({bump}).\n\n{spec_diff.render_markdown(report)}\n",
        encoding="utf-8",
    )
    if args.no_tests:
        return 0
    return run_checks()


# A target's failure as GNU make reports it, and a failed test as pytest's summary names it.
_MAKE_FAILED = re.compile(r"^make(?:\[\d+\])?: \*\*\* \[[^\]]*: ([\w-]+)\] Error \d+", re.MULTILINE)
_TEST_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


def run_checks() -> int:
    """``make test`` on the adopted tree (what the drift pull request's CI runs), named green or red."""
    print("update-spec: running `make test` on the adopted tree, as the pull request's CI will.")
    make = shutil.which("make")
    if make is None:
        print("update-spec: `make` is not on PATH; run `make test` yourself.", file=sys.stderr)
        return 1
    proc = subprocess.run(
        [make, "--no-print-directory", "test"], cwd=REPO, capture_output=True, text=True, check=False
    )
    output = proc.stdout + proc.stderr
    if proc.returncode == 0:
        print("update-spec: make test is green.")
        return 0
    print(output[-4000:], file=sys.stderr)
    targets = sorted(set(_MAKE_FAILED.findall(output)))
    tests = _TEST_FAILED.findall(output)
    print(
        "update-spec: make test is RED: "
        + (f"target(s) {', '.join(targets)} failed" if targets else f"exit {proc.returncode}")
        + (f"; tests: {', '.join(tests)}" if tests else ""),
        file=sys.stderr,
    )
    return 1


def _restore(previous_spec: Path, staging: Path) -> None:
    """Put back the vendored spec and the derived trees that ``codegen.install`` moved aside."""
    os.replace(previous_spec, VENDORED)
    for key, tree in codegen.TARGETS.items():
        previous = staging / f"previous-{key}"
        if previous.exists():
            shutil.rmtree(REPO / tree)
            os.replace(previous, REPO / tree)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
