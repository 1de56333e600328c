"""What a release does, run locally (``make release-check``) and by the release workflow.

``release_check.py tag vX.Y.Z``: fail unless the tag is ``v`` + ``__version__`` (the one version
source, wrapper/serverless_training/_version.py; make update-spec proposes the next one).

``release_check.py``: build the sdist and wheel into dist/, check them (``twine check --strict``,
``check-wheel-contents``), install the wheel alone in a fresh venv and use it (the CLI's version, the
fake served, a listing through the CLI), then upload both to a local ``pypiserver`` on 127.0.0.1 and
install ``serverless-training==VERSION`` from that index into another fresh venv. Nothing is
published; the venvs, the index and its files live in a temporary directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
VERSION_FILE = REPO / "wrapper" / "serverless_training" / "_version.py"
BIN = Path(sys.executable).parent


def version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"release-check: no __version__ in {VERSION_FILE}")
    return match[1]


def check_tag(tag: str) -> int:
    expected = f"v{version()}"
    if tag != expected:
        print(
            f"release-check: the tag {tag!r} is not the package's version {expected!r} ({VERSION_FILE.name})"
        )
        return 1
    print(f"release-check: tag {tag} is the package's version")
    return 0


def run(*command: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a command; its stdout. Its output is shown, and a failure stops the check."""
    print("$", " ".join(map(str, command)), flush=True)
    proc = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, sep="\n")
        raise SystemExit(f"release-check: failed ({proc.returncode}): {command[0]}")
    return proc.stdout


def fresh_venv(where: Path) -> Path:
    """A new venv's python, with no package of its own."""
    run(sys.executable, "-m", "venv", where)
    return where / "bin" / "python"


def build() -> tuple[Path, Path]:
    shutil.rmtree(DIST, ignore_errors=True)
    # --no-isolation: the pinned hatchling of the dev environment, so the build is the same each time.
    run(sys.executable, "-m", "build", "--sdist", "--wheel", "--no-isolation", "--outdir", DIST, REPO)
    (sdist,) = DIST.glob("*.tar.gz")
    (wheel,) = DIST.glob("*.whl")
    run(BIN / "twine", "check", "--strict", sdist, wheel)
    run(BIN / "check-wheel-contents", wheel)
    return sdist, wheel


@contextmanager
def served(
    command: list[str | Path], *, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([str(part) for part in command], env=env, stdout=subprocess.PIPE, text=True)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def use_the_wheel(python: Path, expected: str, scratch: Path) -> None:
    """The installed package on its own: the CLI's version, and a listing against the served fake."""
    cli = python.parent / "serverless-training"
    said = run(cli, "--version").strip()
    if said != f"serverless-training, version {expected}":
        raise SystemExit(f"release-check: the installed CLI says {said!r}")
    with served([python, "-m", "serverless_training.testing", "--demo"]) as fake:
        assert fake.stdout is not None
        ready = json.loads(fake.stdout.readline())
        env = {
            **os.environ,
            "WANDB_API_KEY": ready["api_key"],
            "SERVERLESS_TRAINING_BASE_URL": ready["base_url"],
        }
        rows = json.loads(
            run(cli, "checkpoints", "list", ready["demo_model_id"], "--format", "json", env=env, cwd=scratch)
        )
    if not rows:
        raise SystemExit("release-check: the installed CLI listed no checkpoints of the fake's demo model")
    print(f"release-check: the wheel installed alone lists {len(rows)} checkpoints from the fake")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def through_a_local_index(files: tuple[Path, Path], expected: str, scratch: Path) -> None:
    """Upload to a pypiserver on 127.0.0.1, then install serverless-training==VERSION from it."""
    packages = scratch / "index"
    packages.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command: list[str | Path] = [BIN / "pypi-server", "run", "-i", "127.0.0.1", "-p", str(port)]
    with served([*command, "-a", ".", "-P", ".", "--disable-fallback", packages]):
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/simple/", timeout=1).close()  # noqa: S310 - http://127.0.0.1 only
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("release-check: the local index did not start") from None
                time.sleep(0.2)
        run(BIN / "twine", "upload", "--repository-url", f"{url}/", "-u", "local", "-p", "local", *files)
        python = fresh_venv(scratch / "from-index")
        # The package from the local index only; its dependencies then from the configured one.
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        run(*pip, "--no-deps", "--index-url", f"{url}/simple/", f"serverless-training[cli]=={expected}")
        run(*pip, f"serverless-training[cli]=={expected}")
    said = run(python.parent / "serverless-training", "--version").strip()
    if said != f"serverless-training, version {expected}":
        raise SystemExit(f"release-check: installed from the index, the CLI says {said!r}")
    print(f"release-check: serverless-training=={expected} installed from the local index")


def main(argv: list[str]) -> int:
    if argv[:1] == ["tag"] and len(argv) == 2:
        return check_tag(argv[1])
    if argv:
        print("usage: release_check.py [tag vX.Y.Z]", file=sys.stderr)
        return 2
    expected = version()
    files = build()
    with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
        scratch = Path(tmp)
        python = fresh_venv(scratch / "wheel")
        run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{files[1]}[cli]")
        use_the_wheel(python, expected, scratch)
        through_a_local_index(files, expected, scratch)
    print(f"release-check: {' and '.join(f.name for f in files)} are ready to publish")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
