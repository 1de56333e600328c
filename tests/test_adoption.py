"""Adopting a spec, end to end, in a copy of the repository: `make update-spec` as a maintainer runs it.

A spec that adds an operation, a query parameter and a response field is adopted with nothing
hand-written: afterwards the new method, parameter and field work on both clients and against
``serverless_training.testing``. A spec that removes a field the wrapper uses is refused and
changes nothing; adopted on purpose, it names the hand-written lines to fix.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINTS = "/v1/preview/models/{model_id}/checkpoints"
BASE_MODELS = {
    "get": {
        "tags": ["models"],
        "summary": "List Base Models",
        "description": "The base models a new model can be trained from.",
        "operationId": "list_base_models_v1_preview_base_models_get",
        "responses": {
            "200": {
                "description": "Successful Response",
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "items": {"type": "string"}, "title": "Response"}
                    }
                },
            }
        },
    }
}


def _copy_repository(dest: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file() and not rel.startswith(("tools/", "tests/", "benchmarks/", "docs/")):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the copy but what .gitignore keeps out of the tree (caches, build/)."""
    ignored = {"__pycache__", ".mypy_cache", "build"}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not ignored & set(p.relative_to(root).parts)
    }


def _environment(**extra: str) -> dict[str, str]:
    """This environment, without coverage's hook: the copy's modules are not the ones measured."""
    return {**{k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}, **extra}


def _update_spec(root: Path, spec: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    path = root.parent / "upstream.json"
    path.write_text(json.dumps(spec, indent=2))
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "update_spec.py"), str(path), "--no-tests", *args],
        cwd=root,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _run_in(root: Path, code: str) -> str:
    env = _environment(PYTHONPATH=os.pathsep.join([str(root / "generated"), str(root / "wrapper")]))
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _vendored() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((ROOT / "openapi.json").read_text())
    return spec


def _growing_spec() -> dict[str, Any]:
    spec = copy.deepcopy(_vendored())
    spec["paths"]["/v1/preview/base-models"] = BASE_MODELS
    spec["paths"][CHECKPOINTS]["get"]["parameters"].append(
        {"name": "min_step", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}}
    )
    spec["components"]["schemas"]["CheckpointResponse"]["properties"]["created_at"] = {
        "type": "string",
        "format": "date-time",
        "title": "Created At",
    }
    return spec


# What a server one revision ahead sends, read the same way before and after adoption.
READ_CREATED_AT = """
    import asyncio, datetime, httpx
    from serverless_training import AsyncServerlessTraining, ServerlessTraining

    PAGE = {"object": "list", "has_more": False, "first_id": "", "last_id": "", "data": [{
        "id": "f728b4fa-4248-4e3a-8a5d-2f346baa9bd0", "step": 1, "metrics": {},
        "created_at": "2026-11-27T10:00:00Z"}]}
    seen = []

    def reply(request):
        seen.append(dict(request.url.params))
        return httpx.Response(200, json=PAGE)

    http = httpx.Client(transport=httpx.MockTransport(reply))
    with ServerlessTraining(api_key="k" * 40, http_client=http) as c:
        (sync_value,) = [cp["created_at"] for cp in c.checkpoints.list("m")]

    async def main():
        client = httpx.AsyncClient(transport=httpx.MockTransport(reply))
        async with AsyncServerlessTraining(api_key="k" * 40, http_client=client) as c:
            return [cp["created_at"] async for cp in c.checkpoints.list("m")][0]

    async_value = asyncio.run(main())
    assert sync_value == async_value, (sync_value, async_value)
    print(repr(sync_value))
"""

USE_THE_NEW_SURFACE = """
    import asyncio, datetime
    from serverless_training.testing import FakeAPI

    fake = FakeAPI()
    model_id = fake.add_model(checkpoints={1: {"reward": 0.1}, 2: {"reward": 0.2}, 3: {"reward": 0.3}})
    with fake.client() as client:
        assert client.models.list_base_models() == []
        assert [c.step for c in client.checkpoints.list(model_id, min_step=2)] == [1, 2, 3]

    async def main():
        async with fake.async_client() as client:
            assert await client.models.list_base_models() == []
            assert [c.step async for c in client.checkpoints.list(model_id, min_step=2)] == [1, 2, 3]

    asyncio.run(main())
    operations = [operation for operation, _ in fake.requests]
    assert operations.count("list_base_models") == 2 and operations.count("list_model_checkpoints") == 2
    print("ok")
"""


def test_a_growing_spec_is_adopted_and_usable_with_nothing_written_by_hand(tmp_path: Path) -> None:
    root = _copy_repository(tmp_path / "repo")
    before_adoption = _run_in(root, READ_CREATED_AT)
    snapshot = _snapshot(root)

    proc = _update_spec(root, _growing_spec())

    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "new method   models.Models.list_base_models(" in out
    assert "new method   models.AsyncModels.list_base_models(" in out
    assert "new arguments checkpoints.Checkpoints.list: min_step: int | None = None\n" in out
    assert "new arguments checkpoints.AsyncCheckpoints.list: min_step: int | None = None\n" in out
    assert "new field    checkpoint_response.CheckpointResponse.created_at" in out
    after = _snapshot(root)
    derived = ("openapi.json", "generated/", "wrapper/serverless_training/_generated/")
    changed = {rel for rel in snapshot.keys() | after.keys() if snapshot.get(rel) != after.get(rel)}
    assert changed and all(rel.startswith(derived) for rel in changed), sorted(changed)
    assert (root / "openapi.json").read_bytes() == (tmp_path / "upstream.json").read_bytes()

    assert _run_in(root, USE_THE_NEW_SURFACE).strip() == "ok"
    # A string before the spec declared the field; the typed value after, from both clients.
    assert before_adoption.strip() == "'2026-11-27T10:00:00Z'"
    after_adoption = _run_in(root, READ_CREATED_AT).strip()
    assert after_adoption == "datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)"


def _shrinking_spec() -> dict[str, Any]:
    """``step``, which prune and the CLI read, removed from checkpoints."""
    spec = copy.deepcopy(_vendored())
    schema = spec["components"]["schemas"]["CheckpointResponse"]
    del schema["properties"]["step"]
    schema["required"].remove("step")
    return spec


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return _copy_repository(tmp_path / "repo")


def test_a_breaking_spec_is_refused_and_changes_nothing(repository: Path) -> None:
    snapshot = _snapshot(repository)
    proc = _update_spec(repository, _shrinking_spec())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "verdict: BREAKING" in proc.stdout
    assert "nothing was changed" in proc.stderr and "ALLOW_BREAKING=1" in proc.stderr
    assert _snapshot(repository) == snapshot


def test_a_breaking_spec_adopted_on_purpose_names_the_hand_written_lines_to_fix(repository: Path) -> None:
    proc = _update_spec(repository, _shrinking_spec(), "--allow-breaking")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    errors = [line for line in proc.stderr.splitlines() if ": error:" in line]
    assert errors and all("_generated" not in line and "generated/" not in line for line in errors), errors
    assert any('"step"' in line for line in errors), errors
    assert "git checkout -- ." in proc.stderr
    assert (repository / "openapi.json").read_text() != (ROOT / "openapi.json").read_text()
