"""Regenerate the raw client, or check that the committed one matches the spec.

``generate``:    openapi.json -> build/openapi.normalized.json -> generated/serverless_training_raw
``check-drift``: the same build into a temporary folder, compared with generated/ file by file;
                 exit 1 with a summary of added, removed and modified files, 0 when identical.

Either command leaves generated/ untouched when generation fails, so a broken spec never replaces
working code.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import normalize_spec

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "serverless_training_raw"
# Our overrides of the generator's templates (each names the original it derives from; see
# scripts/check_templates.py).
TEMPLATES = REPO / "templates"
BIN = Path(sys.executable).parent


class GenerationError(Exception):
    """The generator or a post-processing step failed."""


def _run(args: list[str], cwd: Path) -> None:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise GenerationError(
            f"{' '.join(args)} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )


def build_client(spec: Path, config: Path, dest: Path) -> Path:
    """Generate the package for ``spec`` into ``dest``/<package>; returns the package folder."""
    normalized = dest / "openapi.normalized.json"
    if normalize_spec.main([str(spec), str(normalized)]) != 0:
        raise GenerationError(f"could not normalize {spec}")
    package = dest / PACKAGE
    _run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(normalized),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(package),
            "--custom-template-path",
            str(TEMPLATES),
            "--fail-on-warning",
            "--overwrite",
        ],
        cwd=dest,
    )
    ruff = [str(BIN / "ruff")]
    _run(
        [
            *ruff,
            "check",
            "--isolated",
            "--no-cache",
            "--target-version=py310",
            "--fix-only",
            "--extend-select=I",
            "--quiet",
            ".",
        ],
        cwd=package,
    )
    _run([*ruff, "format", "--isolated", "--no-cache", "--target-version=py310", "--quiet", "."], cwd=package)
    (package / "py.typed").write_text("", encoding="utf-8")
    # The wrapper validates responses against the same (normalized) spec the code came from.
    shutil.copyfile(normalized, package / "openapi.json")
    return package


def _files(root: Path) -> dict[str, Path]:
    """The files of a package, without the bytecode caches Python writes beside them."""
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _classes(path: Path) -> list[str]:
    return re.findall(r"^class (\w+)", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


def _describe(rel: str, path: Path) -> str:
    classes = _classes(path)
    return f"{rel} ({', '.join(classes)})" if classes else rel


def compare(committed: Path, fresh: Path, max_diff_lines: int = 40) -> list[str]:
    """Readable lines describing how ``committed`` differs from ``fresh``; empty when identical."""
    old, new = _files(committed) if committed.exists() else {}, _files(fresh)
    report: list[str] = []
    for rel in sorted(new.keys() - old.keys()):
        report.append(f"  would be added:    {_describe(rel, new[rel])}")
    for rel in sorted(old.keys() - new.keys()):
        report.append(f"  would be removed:  {_describe(rel, old[rel])}")
    for rel in sorted(old.keys() & new.keys()):
        before, after = old[rel].read_bytes(), new[rel].read_bytes()
        if before == after:
            continue
        report.append(f"  would be modified: {_describe(rel, new[rel])}")
        diff = list(
            difflib.unified_diff(
                before.decode("utf-8", "replace").splitlines(),
                after.decode("utf-8", "replace").splitlines(),
                f"committed/{rel}",
                f"regenerated/{rel}",
                lineterm="",
                n=1,
            )
        )
        report.extend("      " + line for line in diff[:max_diff_lines])
        if len(diff) > max_diff_lines:
            report.append(f"      ... {len(diff) - max_diff_lines} more diff lines")
    return report


def staging_dir(output: Path) -> tempfile.TemporaryDirectory[str]:
    """A scratch folder beside ``output``, so ``install`` can move a build in with one rename."""
    output.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=output.parent, prefix=".generate-")


def install(fresh: Path, output: Path) -> None:
    """Swap a built package (from ``staging_dir``) into ``output``; the old one goes to its folder."""
    target = output / PACKAGE
    if target.exists():
        os.replace(target, fresh.parent / "previous")
    os.replace(fresh, target)


def generate(spec: Path, config: Path, output: Path) -> None:
    """Regenerate ``output``/<package>, replacing it only once generation has succeeded."""
    with staging_dir(output) as tmp:
        install(build_client(spec, config, Path(tmp)), output)


def check_drift(spec: Path, config: Path, output: Path) -> int:
    """Print what regeneration would change in ``output``; 1 when anything would, else 0."""
    with tempfile.TemporaryDirectory(prefix="check-drift-") as tmp:
        fresh = build_client(spec, config, Path(tmp))
        report = compare(output / PACKAGE, fresh)
    if report:
        print(f"check-drift: {output / PACKAGE} does not match {spec} + {config}:")
        print("\n".join(report))
        print("Run `make generate` and commit the result (never edit generated/ by hand).")
        return 1
    print(f"check-drift: {output / PACKAGE} matches {spec.name} and {config.name}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate or check the raw client.")
    parser.add_argument("command", choices=["generate", "check-drift"])
    parser.add_argument("--spec", type=Path, default=REPO / "openapi.json")
    parser.add_argument("--config", type=Path, default=REPO / "generator-config.yaml")
    parser.add_argument("--output", type=Path, default=REPO / "generated")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            generate(args.spec, args.config, args.output)
            print(f"generate: wrote {args.output / PACKAGE}")
            return 0
        return check_drift(args.spec, args.config, args.output)
    except GenerationError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        print(f"{args.command}: {args.output} was left as it was.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
