"""Any additive spec change is judged non-breaking, generates, and works; a breaking one is called so.

Hypothesis draws changes of every additive shape onto the vendored spec, whatever it holds, named
with a token found nowhere in it: a plain GET and POST, a paginated listing of a new class, a new
tag (resource group), a nested new schema, a new optional parameter on an existing operation, a
new response field, a new enum value. For each draw: spec-diff's verdict is non-breaking (every
change, every source), the SDK generates from it, and each new method is called on both clients
against the fake and from the command line. Generated breaking changes (a removed field or
operation, a new required argument, a narrowed request type) must be called breaking. Each
generation costs seconds, so the budgets are small and the draws derandomized: the same examples
on every run.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import normalize_spec
import pytest
import spec_diff
import surface
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_adoption import _copy_repository, _environment, _vendored, public_name, unused_token

ROOT = Path(__file__).resolve().parent.parent
# (public method, keyword arguments, whether it pages, whether the change adds the method).
Call = tuple[str, dict[str, Any], bool, bool]
Shape = Callable[[dict[str, Any], str], list[Call]]
PROPERTIES = settings(
    max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


def _tag(spec: dict[str, Any]) -> str:
    """An existing tag, for operations added to a resource that exists."""
    return str(normalize_spec.iter_operations(spec)[0][2]["tags"][0])


def _json_response(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "200": {"description": "Successful Response", "content": {"application/json": {"schema": schema}}}
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _operation(spec: dict[str, Any], method: str, path: str, name: str, tag: str, **rest: Any) -> str:
    """Add an operation whose operationId the framework would write for ``name``; returns the
    public method it becomes (``<tag>.<name>``, as no naming-table entry names it)."""
    operation_id = name + normalize_spec.framework_suffix(path, method)
    spec["paths"].setdefault(path, {})[method] = {"tags": [tag], "operationId": operation_id, **rest}
    return f"{surface.snake(tag)}.{name}"


def plain_get(spec: dict[str, Any], token: str) -> list[Call]:
    schemas = spec["components"]["schemas"]
    schemas[f"{token}Status"] = {
        "type": "object",
        "properties": {"ok": {"type": "boolean"}},
        "required": ["ok"],
    }
    name = f"get_{token}_status"
    method = _operation(
        spec,
        "get",
        f"/v1/preview/{token}-status",
        name,
        _tag(spec),
        responses=_json_response(_ref(f"{token}Status")),
    )
    return [(method, {}, False, True)]


def plain_post(spec: dict[str, Any], token: str) -> list[Call]:
    schemas = spec["components"]["schemas"]
    schemas[f"{token}NoteRequest"] = {
        "type": "object",
        "properties": {"text": {"type": "string"}, "weight": {"type": "number"}},
        "required": ["text"],
    }
    schemas[f"{token}Note"] = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    method = _operation(
        spec,
        "post",
        f"/v1/preview/{token}-notes",
        f"create_{token}_note",
        _tag(spec),
        requestBody={
            "required": True,
            "content": {"application/json": {"schema": _ref(f"{token}NoteRequest")}},
        },
        responses=_json_response(_ref(f"{token}Note")),
    )
    return [(method, {"text": "a note"}, False, True)]


def paginated_listing(spec: dict[str, Any], token: str) -> list[Call]:
    schemas = spec["components"]["schemas"]
    schemas[f"{token}Eval"] = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "step": {"type": "integer"}, "score": {"type": "number"}},
        "required": ["id", "step", "score"],
    }
    schemas[f"{token}EvalPage"] = {
        "type": "object",
        "properties": {
            "object": {"type": "string", "const": "list", "default": "list"},
            "data": {"type": "array", "items": _ref(f"{token}Eval")},
            "first_id": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "last_id": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "has_more": {"type": "boolean"},
        },
        "required": ["data", "has_more"],
    }
    paging = [
        {"name": "after", "in": "query", "required": False, "schema": {"type": "string"}},
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
        },
    ]
    method = _operation(
        spec,
        "get",
        f"/v1/preview/{token}-evals",
        f"list_{token}_evals",
        _tag(spec),
        parameters=paging,
        responses=_json_response(_ref(f"{token}EvalPage")),
    )
    return [(method, {}, True, True)]


def new_tag(spec: dict[str, Any], token: str) -> list[Call]:
    answer = {"type": "array", "items": {"type": "string"}}
    method = _operation(
        spec,
        "get",
        f"/v1/preview/{token}-things",
        f"list_{token}_things",
        token,
        responses=_json_response(answer),
    )
    return [(method, {}, False, True)]


def nested_schema(spec: dict[str, Any], token: str) -> list[Call]:
    schemas = spec["components"]["schemas"]
    schemas[f"{token}Leaf"] = {
        "type": "object",
        "properties": {"name": {"type": "string"}},
        "required": ["name"],
    }
    schemas[f"{token}Tree"] = {
        "type": "object",
        "properties": {
            "root": _ref(f"{token}Leaf"),
            "leaves": {"type": "array", "items": _ref(f"{token}Leaf")},
        },
        "required": ["root"],
    }
    method = _operation(
        spec,
        "get",
        f"/v1/preview/{token}-tree",
        f"get_{token}_tree",
        _tag(spec),
        responses=_json_response(_ref(f"{token}Tree")),
    )
    return [(method, {}, False, True)]


def optional_parameter(spec: dict[str, Any], token: str) -> list[Call]:
    """An optional query parameter on the first existing GET that needs no arguments."""
    for path, method, op in normalize_spec.iter_operations(spec):
        params = op.get("parameters", [])
        if method == "get" and not any(p.get("required") for p in params) and "{" not in path:
            op["parameters"] = [
                *params,
                {"name": f"{token}_flag", "in": "query", "required": False, "schema": {"type": "boolean"}},
            ]
            return [(public_name(op, path, method), {f"{token}_flag": True}, False, False)]
    return []


def _received_only(spec: dict[str, Any]) -> list[str]:
    sent, received = spec_diff.directions(spec)
    schemas = spec["components"]["schemas"]
    return sorted(name for name in received - sent if schemas[name].get("properties"))


def response_field(spec: dict[str, Any], token: str) -> list[Call]:
    """An optional field on a schema the SDK only receives."""
    name = _received_only(spec)[0]
    spec["components"]["schemas"][name]["properties"][f"{token}_note"] = {"type": "string"}
    return []


def enum_value(spec: dict[str, Any], token: str) -> list[Call]:
    """A value added to the first enum of a schema the SDK only receives."""
    schemas = spec["components"]["schemas"]
    for name in _received_only(spec):
        for prop in schemas[name]["properties"].values():
            for variant in [prop, *prop.get("anyOf", [])]:
                if "enum" in variant:
                    variant["enum"] = [*variant["enum"], token]
                    return []
    return []


ADDITIVE: list[Shape] = [
    plain_get,
    plain_post,
    paginated_listing,
    new_tag,
    nested_schema,
    optional_parameter,
    response_field,
    enum_value,
]


def _additions(shapes: list[Shape]) -> tuple[dict[str, Any], list[Call]]:
    spec = copy.deepcopy(_vendored())
    base = unused_token(spec)
    calls: list[Call] = []
    for index, shape in enumerate(shapes):
        calls += shape(spec, f"{base}{index}")
    return spec, calls


PROBE = """
import asyncio, json, sys
from serverless_training.testing import FakeAPI

calls = json.loads(sys.argv[1])
fake = FakeAPI()

def method(client, dotted):
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target

with fake.client() as client:
    for dotted, arguments, pages, _ in calls:
        result = method(client, dotted)(**arguments)
        if pages:
            list(result)

async def main():
    async with fake.async_client() as client:
        for dotted, arguments, pages, _ in calls:
            result = method(client, dotted)(**arguments)
            if pages:
                [item async for item in result]
            else:
                await result

asyncio.run(main())

# The command line has each new method too: serverless-training <resource> <method> --flags.
from click.testing import CliRunner
from serverless_training.cli._commands import Session, cli

for dotted, arguments, _, new in calls:
    if not new:
        continue
    *resource, name = dotted.split(".")
    argv = (["-".join(resource).replace("_", "-")] if resource else []) + [name.replace("_", "-")]
    for flag, value in arguments.items():
        argv += ["--" + flag.replace("_", "-"), str(value).lower() if isinstance(value, bool) else str(value)]
    result = CliRunner().invoke(cli, argv, obj=Session(make_client=lambda s: fake.client()))
    assert result.exit_code == 0, (argv, result.output)
    json.loads(result.output)
print(json.dumps([operation for operation, _ in fake.requests]))
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_repository(tmp_path_factory.mktemp("properties") / "repo")


@pytest.mark.timeout(900)
@PROPERTIES
@given(shapes=st.lists(st.sampled_from(ADDITIVE), min_size=1, max_size=3, unique=True))
def test_an_additive_change_is_non_breaking_generates_and_works(
    repository: Path, shapes: list[Shape]
) -> None:
    spec, calls = _additions(shapes)
    new = repository.parent / "additive.json"
    new.write_text(json.dumps(spec, indent=2))
    report = spec_diff.diff(ROOT / "openapi.json", new, engine=False)
    breaking = [c for c in report["changes"] if c["breaking"]]
    assert not breaking and report["kind"] == spec_diff.ADDITIVE, breaking
    added = {c["where"] for c in report["changes"] if c["kind"] == "method-added"}
    assert {dotted for dotted, _, _, new_method in calls if new_method} <= added, added

    (repository / "openapi.json").write_bytes(new.read_bytes())
    generate = subprocess.run(
        [sys.executable, "scripts/codegen.py", "generate"],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    env = _environment(
        PYTHONPATH=os.pathsep.join([str(repository / "generated"), str(repository / "wrapper")])
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(calls)],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
    answered = json.loads(probe.stdout)  # each call reached the fake from both clients and the CLI
    assert len(answered) >= 2 * len(calls) + sum(new_method for *_, new_method in calls)


def remove_field(spec: dict[str, Any], pick: int) -> None:
    """A field of a schema the SDK receives."""
    names = _received_only(spec)
    schema = spec["components"]["schemas"][names[pick % len(names)]]
    field = sorted(schema["properties"])[0]
    del schema["properties"][field]
    if field in schema.get("required", []):
        schema["required"].remove(field)


def remove_operation(spec: dict[str, Any], pick: int) -> None:
    operations = normalize_spec.iter_operations(spec)
    path, method, _ = operations[pick % len(operations)]
    del spec["paths"][path][method]
    if not spec["paths"][path]:
        del spec["paths"][path]


def new_required_argument(spec: dict[str, Any], pick: int) -> None:
    operations = normalize_spec.iter_operations(spec)
    _, _, op = operations[pick % len(operations)]
    token = unused_token(spec)
    op["parameters"] = [
        *op.get("parameters", []),
        {"name": f"{token}_must", "in": "query", "required": True, "schema": {"type": "string"}},
    ]


def narrowed_request_type(spec: dict[str, Any], pick: int) -> None:
    """A string field of a schema the SDK sends, now one fixed value."""
    sent, _ = spec_diff.directions(spec)
    schemas = spec["components"]["schemas"]
    fields = [
        (name, field)
        for name in sorted(sent)
        for field, prop in sorted(schemas[name].get("properties", {}).items())
        if prop.get("type") == "string" and "enum" not in prop
    ]
    name, field = fields[pick % len(fields)]
    schemas[name]["properties"][field] = {"type": "integer"}


@pytest.mark.parametrize(
    "shape", [remove_field, remove_operation, new_required_argument, narrowed_request_type]
)
@settings(
    max_examples=2, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)
@given(pick=st.integers(min_value=0, max_value=1000))
def test_a_breaking_change_is_called_breaking(
    tmp_path_factory: pytest.TempPathFactory, shape: Callable[[dict[str, Any], int], None], pick: int
) -> None:
    spec = copy.deepcopy(_vendored())
    shape(spec, pick)
    new = tmp_path_factory.mktemp("breaking") / "openapi.json"
    new.write_text(json.dumps(spec))
    report = spec_diff.diff(ROOT / "openapi.json", new, engine=False)
    assert report["breaking"] and report["kind"] == spec_diff.BREAKING, spec_diff.render(report, details=True)
