"""Regenerate everything that is derived, or check that the committed copy matches its sources.

What is derived, and from what:

* ``generated/serverless_training_raw``: the raw client (models, one endpoint module per operation),
  from openapi.json (normalized into build/) and generator-config.yaml by openapi-python-client;
* ``wrapper/serverless_training/_generated``: the surface people import (resource classes, sync and
  async, and the clients' resource properties), from the same parsed spec and resource-names.yaml,
  with templates/sdk/; and its ``sync_lib/``, the sync twin of each hand-written async
  extension in wrapper/serverless_training/lib/, written by unasync.

``generate``:    build all of it and swap it in; ``check-drift``: build it into a temporary folder
and compare file by file (exit 1 with a summary of added, removed and modified files).

Either command leaves the tree untouched when generation fails, so a broken spec never replaces
working code.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import normalize_spec
import surface

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "serverless_training_raw"
# Our overrides of the generator's templates (each names the original it derives from; see
# scripts/check_templates.py).
TEMPLATES = REPO / "templates"
BIN = Path(sys.executable).parent
NAMES = REPO / "resource-names.yaml"
WRAPPER = REPO / "wrapper" / "serverless_training"
# Hand-written async sources whose sync twins unasync writes into _generated/sync_lib/.
EXTENSIONS = WRAPPER / "lib"
# Where each derived tree lives, relative to the repository.
TARGETS = {
    "raw": Path("generated") / PACKAGE,
    "surface": Path("wrapper") / "serverless_training" / "_generated",
}
# Names unasync turns into their sync counterparts, besides its defaults (async def, await, ...).
UNASYNC_NAMES = {
    "AsyncPaginator": "SyncCursorPage",
    "AsyncAPIClient": "SyncAPIClient",
    "AsyncResource": "SyncResource",
    "anyio": "time",
}


DESCRIPTION = "surface.json"  # written by build_client beside the trees: the public surface as data


def description(built: dict[str, Path]) -> dict[str, object]:
    """The public surface ``build_client`` described beside the trees it returned."""
    data: dict[str, object] = json.loads((built["raw"].parent / DESCRIPTION).read_text(encoding="utf-8"))
    return data


class GenerationError(Exception):
    """The generator or a post-processing step failed."""


def _run(args: list[str], cwd: Path) -> None:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise GenerationError(
            f"{' '.join(args)} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )


def _generator(normalized: Path, config: Path, package: Path) -> tuple[object, object]:
    """openapi-python-client's parsed spec and project, in this process, so the surface is rendered
    from the same parse and with the same template environment as the raw client."""
    from openapi_python_client import Project
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.parser.errors import GeneratorError

    settings = Config.from_sources(
        ConfigFile.load_from_path(config), MetaType.NONE, normalized, "utf-8", True, package
    )
    data = GeneratorData.from_dict(json.loads(normalized.read_text(encoding="utf-8")), config=settings)
    if isinstance(data, GeneratorError):
        raise GenerationError(
            f"openapi-python-client could not read {normalized}: {data.header}: {data.detail}"
        )
    project = Project(openapi=data, config=settings, custom_template_path=TEMPLATES)
    return data, project


def build_client(spec: Path, config: Path, dest: Path, *, strict: bool = True) -> dict[str, Path]:
    """Build every derived tree for ``spec`` under ``dest``; returns them by ``TARGETS`` key.
    ``strict=False`` tolerates resource-names.yaml naming operations the spec no longer has."""
    normalized = dest / "openapi.normalized.json"
    if normalize_spec.main([str(spec), str(normalized)]) != 0:
        raise GenerationError(f"could not normalize {spec}")
    package = dest / PACKAGE
    data, project = _generator(normalized, config, package)
    with redirect_stdout(io.StringIO()) as printed:
        problems = project.build()  # type: ignore[attr-defined]
    if problems:  # warnings included: a dropped schema must not pass silently
        details = "\n".join(f"  {p.header}: {p.detail or ''}" for p in problems)
        raise GenerationError(f"openapi-python-client reported problems:\n{details}\n{printed.getvalue()}")
    (package / "py.typed").write_text("", encoding="utf-8")
    # The wrapper validates requests and responses against the same (normalized) spec.
    shutil.copyfile(normalized, package / "openapi.json")
    surface_dir = dest / "surface"
    try:
        built = surface.build(data, NAMES, strict=strict)  # type: ignore[arg-type]
        surface.render(project.env, built, surface_dir)  # type: ignore[attr-defined]
    except surface.SurfaceError as exc:
        raise GenerationError(f"the public surface: {exc}") from None
    # What users import, as data (spec-diff compares two); beside the trees, never installed.
    description = json.dumps(surface.describe(data, built), indent=1)  # type: ignore[arg-type]
    (dest / DESCRIPTION).write_text(description, encoding="utf-8")
    _unasync(surface_dir / "sync_lib", dest / "unasync")
    for tree in (package, surface_dir):
        _ruff(tree)
    return {"raw": package, "surface": surface_dir}


def _unasync(out: Path, scratch: Path) -> None:
    """The sync twin of each hand-written async extension module (unasync's token rewrite)."""
    import unasync

    sources = sorted(p for p in EXTENSIONS.glob("*.py") if not p.name.startswith("_"))
    out.mkdir(parents=True)
    (out / "__init__.py").write_text(
        '"""Sync twins of wrapper/serverless_training/lib/, by unasync; never edited by hand."""\n',
        encoding="utf-8",
    )
    for source in sources:
        # AsyncCheckpoints -> Checkpoints: the sync classes carry the plain names.
        names = {f"Async{name}": name for name in re.findall(r"\bAsync([A-Z]\w*)", source.read_text("utf-8"))}
        rule = unasync.Rule(
            fromdir="/_async/", todir="/_sync/", additional_replacements={**names, **UNASYNC_NAMES}
        )
        staged = scratch / "_async" / source.name
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staged)
        unasync.unasync_files([str(staged)], [rule])
        text = (scratch / "_sync" / source.name).read_text(encoding="utf-8")
        header = f"# Written by `make generate` from lib/{source.name} (unasync); never edited by hand.\n"
        (out / source.name).write_text(header + text, encoding="utf-8")


def _ruff(tree: Path) -> None:
    ruff = [str(BIN / "ruff")]
    common = ["--isolated", "--no-cache", "--target-version=py310"]
    _run([*ruff, "check", *common, "--fix-only", "--extend-select=I", "--quiet", "."], cwd=tree)
    _run([*ruff, "format", *common, "--quiet", "."], cwd=tree)


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


def staging_dir(root: Path) -> tempfile.TemporaryDirectory[str]:
    """A scratch folder inside ``root``, so ``install`` can move a build in with one rename each."""
    return tempfile.TemporaryDirectory(dir=root, prefix=".generate-")


def install(built: dict[str, Path], root: Path, scratch: Path) -> None:
    """Swap each built tree into place under ``root``; the old ones go to ``scratch``."""
    for key, fresh in built.items():
        target = root / TARGETS[key]
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.replace(target, scratch / f"previous-{key}")
        os.replace(fresh, target)


def generate(spec: Path, config: Path, root: Path) -> None:
    """Regenerate every derived tree under ``root``, replacing them only once all were built."""
    with staging_dir(root) as tmp:
        install(build_client(spec, config, Path(tmp)), root, Path(tmp))


def check_drift(spec: Path, config: Path, root: Path) -> int:
    """Print what regeneration would change under ``root``; 1 when anything would, else 0."""
    with tempfile.TemporaryDirectory(prefix="check-drift-") as tmp:
        built = build_client(spec, config, Path(tmp))
        report = []
        for key, fresh in built.items():
            lines = compare(root / TARGETS[key], fresh)
            if lines:
                report += [f"{TARGETS[key]}:", *lines]
    if report:
        print(f"check-drift: the derived code does not match {spec.name}, {NAMES.name} and the templates:")
        print("\n".join(report))
        print("Run `make generate` and commit the result (never edit derived code by hand).")
        return 1
    print(f"check-drift: {', '.join(str(t) for t in TARGETS.values())} match their sources.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate or check the raw client.")
    parser.add_argument("command", choices=["generate", "check-drift"])
    parser.add_argument("--spec", type=Path, default=REPO / "openapi.json")
    parser.add_argument("--config", type=Path, default=REPO / "generator-config.yaml")
    parser.add_argument("--root", type=Path, default=REPO, help="the repository to write into")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            generate(args.spec, args.config, args.root)
            print(f"generate: wrote {', '.join(str(t) for t in TARGETS.values())}")
            return 0
        return check_drift(args.spec, args.config, args.root)
    except GenerationError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        print(f"{args.command}: nothing under {args.root} was changed.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
