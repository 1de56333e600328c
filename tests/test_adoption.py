"""Adopting a spec, end to end, in a copy of the repository: `make update-spec` as a maintainer runs it.

A spec that adds an operation, a query parameter and a response field is adopted with nothing
hand-written: afterwards the new method, parameter and field work on both clients and against
``serverless_training.testing``. A spec that removes a field the wrapper uses is refused and
changes nothing; adopted on purpose, it names the hand-written lines to fix.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import normalize_spec
import pytest
import surface
import yaml

ROOT = Path(__file__).resolve().parent.parent


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


def unused_token(spec: dict[str, Any]) -> str:
    """A short name found nowhere in ``spec``: what this test adds cannot collide with what upstream
    adds (deterministic, so a failure repeats)."""
    text = json.dumps(spec)
    for n in itertools.count():
        token = "zq" + hashlib.sha256(f"{text}{n}".encode()).hexdigest()[:6]
        if token not in text:
            return token
    raise AssertionError("unreachable")


def first_listing(spec: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
    """The first cursor listing of ``spec`` (a GET with ``after`` and ``limit`` answering ``data``
    and ``has_more``): its path, its operation and the schema of its items."""
    schemas = spec["components"]["schemas"]
    for path, method, op in normalize_spec.iter_operations(spec):
        names = {p.get("name") for p in op.get("parameters", [])}
        ref = op["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
        page = schemas.get(ref.get("$ref", "").rsplit("/", 1)[-1], {})
        items = page.get("properties", {}).get("data", {}).get("items", {})
        if method == "get" and {"after", "limit"} <= names and "has_more" in page.get("properties", {}):
            return path, op, items["$ref"].rsplit("/", 1)[-1]
    raise AssertionError("the spec has no cursor listing")


def public_name(operation: dict[str, Any], path: str, method: str) -> str:
    """``resource.method`` of an operation, as resource-names.yaml (or its tag) names it."""
    name = normalize_spec.operation_name(operation["operationId"], path, method)
    entry = yaml.safe_load((ROOT / "resource-names.yaml").read_text())["operations"].get(name)
    entry = entry.get("name") if isinstance(entry, dict) else entry
    return str(entry or f"{surface.snake(operation['tags'][0])}.{name}")


def _growing_spec(token: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The vendored spec plus a new operation in a new tag, an optional query parameter on its
    first listing and an optional date-time field on that listing's items, all named with
    ``token``; and the names the test calls them by."""
    spec = copy.deepcopy(_vendored())
    path, listing, item = first_listing(spec)
    names = {
        "resource": token,
        "operation": f"list_{token}_names",
        "listing": public_name(listing, path, "get"),
        "parameter": f"{token}_min",
        "item": item,
        "field": f"{token}_at",
    }
    spec["paths"][f"/v1/preview/{token}-names"] = {
        "get": {
            "tags": [token],
            "summary": "List Names",
            "description": "Names a new model can be given.",
            "operationId": f"{names['operation']}_v1_preview_{token}_names_get",
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
    listing["parameters"].append(
        {
            "name": names["parameter"],
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0},
        }
    )
    spec["components"]["schemas"][item]["properties"][names["field"]] = {
        "type": "string",
        "format": "date-time",
        "title": "When",
    }
    return spec, names


# What a server one revision ahead sends, read the same way before and after adoption: a page of
# the first listing with one item that has the new field.
READ_NEW_FIELD = """
    import asyncio, httpx
    from serverless_training import AsyncServerlessTraining, ServerlessTraining
    from serverless_training.testing import FakeAPI

    fake = FakeAPI()
    model_id = fake.add_model(checkpoints={{1: {{"reward": 0.1}}}})
    with fake.client() as client:
        (item,) = list(client.{listing}(model_id))
    ROW = {{**item.to_dict(), "{field}": "2026-11-27T10:00:00Z"}}
    PAGE = {{"object": "list", "has_more": False, "first_id": "", "last_id": "", "data": [ROW]}}

    def reply(request):
        return httpx.Response(200, json=PAGE)

    http = httpx.Client(transport=httpx.MockTransport(reply))
    with ServerlessTraining(api_key="k" * 40, http_client=http) as c:
        (sync_value,) = [row["{field}"] for row in c.{listing}("m")]

    async def main():
        client = httpx.AsyncClient(transport=httpx.MockTransport(reply))
        async with AsyncServerlessTraining(api_key="k" * 40, http_client=client) as c:
            return [row["{field}"] async for row in c.{listing}("m")][0]

    async_value = asyncio.run(main())
    assert sync_value == async_value, (sync_value, async_value)
    print(repr(sync_value))
"""

USE_THE_NEW_SURFACE = """
    import asyncio
    from serverless_training.testing import FakeAPI

    fake = FakeAPI()
    model_id = fake.add_model(checkpoints={{step: {{"reward": step / 10}} for step in (1, 2, 3)}})
    with fake.client() as client:
        assert client.{resource}.{operation}() == []
        assert len(list(client.{listing}(model_id, {parameter}=2))) == 3

    async def main():
        async with fake.async_client() as client:
            assert await client.{resource}.{operation}() == []
            assert len([c async for c in client.{listing}(model_id, {parameter}=2)]) == 3

    asyncio.run(main())
    operations = [operation for operation, _ in fake.requests]
    assert operations.count("{operation}") == 2, operations
    print("ok")
"""


def test_a_growing_spec_is_adopted_and_usable_with_nothing_written_by_hand(tmp_path: Path) -> None:
    root = _copy_repository(tmp_path / "repo")
    spec, names = _growing_spec(unused_token(_vendored()))
    before_adoption = _run_in(root, READ_NEW_FIELD.format(**names))
    snapshot = _snapshot(root)

    proc = _update_spec(root, spec)

    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    report = out[: out.index("verdict:")]
    assert "nothing breaks" in report.splitlines()[0]
    assert f"+ new method client.{names['resource']}.{names['operation']}() -> list[str]" in report
    assert f"new optional argument `{names['parameter']}: int | None` = None" in report
    assert f"+ {names['item']}.{names['field']}: new field {names['field']}: " in report
    assert len(report.splitlines()) < 15, report
    after = _snapshot(root)
    derived = ("openapi.json", "generated/", "wrapper/serverless_training/_generated/", "CHANGELOG.md")
    changed = {rel for rel in snapshot.keys() | after.keys() if snapshot.get(rel) != after.get(rel)}
    assert changed and all(rel.startswith(derived) for rel in changed), sorted(changed)
    assert (root / "openapi.json").read_bytes() == (tmp_path / "upstream.json").read_bytes()
    changelog = (root / "CHANGELOG.md").read_text()
    start = changelog.index("## Unreleased")
    unreleased = changelog[start : changelog.index("\n## ", start + 1)]
    added = unreleased[unreleased.index("### Added") : unreleased.index("### Changed")]
    assert f"`client.{names['resource']}.{names['operation']}() -> list[str]`" in added
    assert unreleased.startswith("## Unreleased (proposed ")

    assert _run_in(root, USE_THE_NEW_SURFACE.format(**names)).strip() == "ok"
    # A string before the spec declared the field; the typed value after, from both clients.
    assert before_adoption.strip() == "'2026-11-27T10:00:00Z'"
    after_adoption = _run_in(root, READ_NEW_FIELD.format(**names)).strip()
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


def test_a_safe_spec_that_fails_the_type_check_is_put_back(repository: Path) -> None:
    """Hand-written code that no longer type-checks (here a module broken on purpose) makes
    update-spec put the spec and the generated trees back as they were, even for a change it
    called safe."""
    broken = repository / "wrapper" / "serverless_training" / "_zq_broken.py"
    broken.write_text('count: int = "not a number"\n')
    snapshot = _snapshot(repository)
    spec, _ = _growing_spec(unused_token(_vendored()))
    proc = _update_spec(repository, spec)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "_zq_broken.py" in proc.stderr and "put back as they were" in proc.stderr
    assert _snapshot(repository) == snapshot
