"""What changed between two OpenAPI specs, judged by what code written against this SDK can observe.

A change is BREAKING only when code that worked with the SDK generated from the old spec can fail
with the new one: a method, argument, model field or enum value it may use is removed or renamed,
an argument becomes required, a request type narrows, a response type changes. New methods, new
classes (whatever their required fields), new optional arguments, new response fields and enum
values, widened request types and documentation are not. The policy, row by row, is in
docs/maintainers/spec-changes.md; each row has a fixture in tests/spec_fixtures/.

Three sources, reported together:

* ``surface``: the public surface generated from each spec (scripts/surface.py ``describe``: every
               ``client.<resource>.<method>`` with its Python signature, every model class with its
               fields, every enum with its values), compared name by name and argument by argument;
* ``rules``:   the HTTP contract, read from the two documents and judged by direction: a field the
               SDK sends becoming required breaks callers, one it receives being added does not;
* ``raw``:     what changed inside the raw package (endpoint modules, ``to_dict``/``from_dict``):
               never a verdict, one summary line (``--details`` lists it).

The npm engine ``@useoptic/optic`` (``optic diff OLD NEW --check``, installed under tools/) gives a
second opinion on the HTTP contract; it is shown, not obeyed: its enum rule, for one, calls a value
added to a response breaking, which the SDK's open enums are built to absorb.

Exit status: 0 nothing breaks, 1 something breaks, 2 usage or parse error.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import codegen
import normalize_spec

REPO = Path(__file__).resolve().parent.parent
OPTIC = REPO / "tools" / "node_modules" / ".bin" / "optic"


class SpecError(Exception):
    """A spec file that cannot be read as an OpenAPI document."""


@dataclass(frozen=True)
class Change:
    kind: str  # e.g. "operation-removed", "method-added"
    where: str  # e.g. "GET /v1/health", "schema CheckpointResponse.step", "checkpoints.list"
    detail: str
    breaking: bool
    source: str = "rules"  # "rules", "surface" or "raw"


def load(path: Path) -> dict[str, Any]:
    """Read and sanity-check one spec."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SpecError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise SpecError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(spec, dict) or not str(spec.get("openapi", "")).startswith("3.") or "paths" not in spec:
        raise SpecError(f"{path}: not an OpenAPI 3 document (needs 'openapi: 3.x' and 'paths')")
    return spec


# ---------------------------------------------------------------- rules over the documents


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec.get("components", {}).get("schemas", {}) or {}


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(spec: dict[str, Any], roots: list[Any]) -> set[str]:
    seen: set[str] = set()
    stack = [name for root in roots for name in _refs(root)]
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(_refs(_schemas(spec).get(name, {})))
    return seen


def directions(spec: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(schemas the client sends, schemas it receives), following $refs."""
    sent, received = [], []
    for _, _, op in normalize_spec.iter_operations(spec):
        sent.append(op.get("requestBody", {}))
        sent.append(op.get("parameters", []))
        received.append(op.get("responses", {}))
    return _closure(spec, sent), _closure(spec, received)


def _variants(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in schema.get("anyOf", schema.get("oneOf", [schema])) if isinstance(s, dict)]


def _types(schema: dict[str, Any]) -> set[str]:
    out = set()
    for variant in _variants(schema):
        kind = variant.get("type")
        if isinstance(kind, list):
            out.update(kind)
        elif kind:
            out.add(kind)
        elif "$ref" in variant:
            out.add("ref:" + variant["$ref"].rsplit("/", 1)[1])
    return out


def _nullable(schema: dict[str, Any]) -> bool:
    return "null" in _types(schema) or bool(schema.get("nullable"))


def _formats(schema: dict[str, Any]) -> set[str]:
    return {v["format"] for v in _variants(schema) if "format" in v}


def _enum(schema: dict[str, Any]) -> set[Any] | None:
    values = [v["enum"] for v in _variants(schema) if "enum" in v]
    return {json.dumps(x) for vals in values for x in vals} if values else None


def _compare_value_schema(
    where: str, old: dict[str, Any], new: dict[str, Any], sent: bool, received: bool
) -> list[Change]:
    """Type, format, nullability and enum changes of one property or parameter schema."""
    changes = []
    old_types, new_types = _types(old) - {"null"}, _types(new) - {"null"}
    if old_types != new_types:
        # A request may accept more than before (callers' values still fit); a response may not
        # change at all (readers were written for the old type).
        widened = old_types < new_types
        changes.append(
            Change(
                "type-changed",
                where,
                f"type {sorted(old_types)} -> {sorted(new_types)}" + (" (widened)" if widened else ""),
                received or not widened,
            )
        )
    if _formats(old) != _formats(new):
        changes.append(
            Change(
                "format-changed", where, f"format {sorted(_formats(old))} -> {sorted(_formats(new))}", True
            )
        )
    if _nullable(old) != _nullable(new):
        became = "nullable" if _nullable(new) else "non-nullable"
        # A response that may now be null breaks readers; a request that may no longer be null breaks senders.
        changes.append(
            Change(
                "nullability-changed",
                where,
                f"became {became}",
                (received and _nullable(new)) or (sent and not _nullable(new)),
            )
        )
    old_enum, new_enum = _enum(old), _enum(new)
    if old_enum is not None and new_enum is not None:
        for value in sorted(new_enum - old_enum):
            changes.append(
                Change(
                    "enum-value-added",
                    where,
                    f"enum value {value} added (kept by the open generated enums, is_known False)"
                    if received
                    else f"enum value {value} added",
                    False,
                )
            )
        for value in sorted(old_enum - new_enum):
            changes.append(Change("enum-value-removed", where, f"enum value {value} removed", sent))
    for bound, lower in [(b, False) for b in UPPER_BOUNDS] + [(b, True) for b in LOWER_BOUNDS]:
        before, after = _bound(old, bound), _bound(new, bound)
        if before != after:
            narrower = after is not None and (before is None or (after > before if lower else after < before))
            changes.append(Change("bound-changed", where, f"{bound} {before} -> {after}", sent and narrower))
    if old.get("default") != new.get("default"):
        # A default given where there was none changes nothing for a caller who passes the value,
        # and the method's argument was optional already; a changed one does change what is sent.
        given = old.get("default") is None
        changes.append(
            Change(
                "default-changed",
                where,
                f"default {old.get('default')!r} -> {new.get('default')!r}",
                sent and not given,
            )
        )
    return changes


UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems")


def _bound(schema: dict[str, Any], name: str) -> Any:
    """A bound at the schema's top level or inside one of its variants (``anyOf [number, null]``)."""
    if name in schema:
        return schema[name]
    return next((variant[name] for variant in _variants(schema) if name in variant), None)


def _fingerprint(schema: Any) -> str:
    if isinstance(schema, dict):
        schema = {k: v for k, v in schema.items() if k not in ("title", "description")}
    return json.dumps(schema, sort_keys=True)


def _schema_changes(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> list[Change]:
    old, new = _schemas(old_spec), _schemas(new_spec)
    sent_old, recv_old = directions(old_spec)
    sent_new, recv_new = directions(new_spec)
    changes = []
    removed, added = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    renamed = {}
    for name in removed:
        match = [
            a for a in added if a not in renamed.values() and _fingerprint(new[a]) == _fingerprint(old[name])
        ]
        if match:
            renamed[name] = match[0]
            changes.append(
                Change(
                    "schema-renamed",
                    f"schema {name}",
                    f"renamed to {match[0]} (the generated class is renamed)",
                    True,
                )
            )
    for name in removed:
        if name not in renamed:
            changes.append(
                Change("schema-removed", f"schema {name}", "removed (its generated class disappears)", True)
            )
    for name in added:
        if name not in renamed.values():
            changes.append(Change("schema-added", f"schema {name}", "added", False))
    for name in sorted(old.keys() & new.keys()):
        sent, received = name in (sent_old | sent_new), name in (recv_old | recv_new)
        o, n = old[name], new[name]
        if not isinstance(o, dict) or not isinstance(n, dict):
            continue
        o_props, n_props = o.get("properties", {}) or {}, n.get("properties", {}) or {}
        o_req, n_req = set(o.get("required", [])), set(n.get("required", []))
        for prop in sorted(n_props.keys() - o_props.keys()):
            required = prop in n_req
            changes.append(
                Change(
                    "property-added",
                    f"schema {name}.{prop}",
                    "required property added" if required else "optional property added",
                    sent and required,
                )
            )
        for prop in sorted(o_props.keys() - n_props.keys()):
            changes.append(Change("property-removed", f"schema {name}.{prop}", "property removed", True))
        for prop in sorted(o_props.keys() & n_props.keys()):
            where = f"schema {name}.{prop}"
            if (prop in o_req) != (prop in n_req):
                now_required = prop in n_req
                breaks = (sent and now_required) or (received and not now_required)
                detail = "became required" if now_required else "became optional"
                changes.append(Change("required-changed", where, detail, breaks))
            changes.extend(_compare_value_schema(where, o_props[prop], n_props[prop], sent, received))
        if "properties" not in o and "properties" not in n:
            changes.extend(_compare_value_schema(f"schema {name}", o, n, sent, received))
    return changes


_PATH_PARAMETER = re.compile(r"\{[^}]*\}")


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Operations by method and path, path parameters written ``{}``: renaming one is not a new
    operation (what the method's argument is called is the surface's business)."""
    return {
        f"{method.upper()} {_PATH_PARAMETER.sub('{}', path)}": {**op, "x-path": path}
        for path, method, op in normalize_spec.iter_operations(spec)
    }


def _parameters(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Query, header and cookie parameters by name; path parameters by position in the path."""
    found = {}
    order = re.findall(r"\{([^}]*)\}", op["x-path"])
    for p in op.get("parameters", []):
        if not isinstance(p, dict):
            continue
        name = p.get("name")
        key = (
            f"path:#{order.index(name)}"
            if p.get("in") == "path" and name in order
            else f"{p.get('in')}:{name}"
        )
        found[key] = p
    return found


def _shown(key: str, operations: dict[str, dict[str, Any]]) -> str:
    return f"{key.split(' ', 1)[0]} {operations[key]['x-path']}"


def _operation_changes(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> list[Change]:
    old, new = _operations(old_spec), _operations(new_spec)
    changes = [
        Change(
            "operation-removed",
            _shown(key, old),
            f"removed (operationId {old[key].get('operationId')})",
            True,
        )
        for key in sorted(old.keys() - new.keys())
    ]
    changes += [
        Change(
            "operation-added", _shown(key, new), f"added (operationId {new[key].get('operationId')})", False
        )
        for key in sorted(new.keys() - old.keys())
    ]
    for matched in sorted(old.keys() & new.keys()):
        o, n = old[matched], new[matched]
        method, path = matched.split(" ", 1)[0], n["x-path"]
        key = f"{method} {path}"
        if o.get("operationId") != n.get("operationId"):
            before = normalize_spec.operation_name(o.get("operationId", ""), o["x-path"], method)
            after = normalize_spec.operation_name(n.get("operationId", ""), path, method)
            renamed = before != after
            detail = f"operationId {o.get('operationId')} -> {n.get('operationId')}"
            detail += (
                f" (raw function {before} -> {after}; the surface judges the public method)"
                if renamed
                else " (generated name unchanged)"
            )
            changes.append(Change("operation-id-changed", key, detail, False))
        o_params, n_params = _parameters(o), _parameters(n)
        for name in sorted(n_params.keys() - o_params.keys()):
            required = bool(n_params[name].get("required"))
            changes.append(
                Change(
                    "parameter-added",
                    f"{key} {name}",
                    "required parameter added" if required else "optional parameter added",
                    required,
                )
            )
        for name in sorted(o_params.keys() - n_params.keys()):
            changes.append(Change("parameter-removed", f"{key} {name}", "parameter removed", True))
        for name in sorted(o_params.keys() & n_params.keys()):
            op_, np_ = o_params[name], n_params[name]
            if op_.get("name") != np_.get("name"):
                changes.append(
                    Change(
                        "path-parameter-renamed",
                        f"{key} {name}",
                        f"path parameter {op_.get('name')} -> {np_.get('name')} "
                        "(the method's argument is judged by the surface)",
                        False,
                    )
                )
            if bool(op_.get("required")) != bool(np_.get("required")):
                now = bool(np_.get("required"))
                changes.append(
                    Change(
                        "parameter-required-changed",
                        f"{key} {name}",
                        "became required" if now else "became optional",
                        now,
                    )
                )
            changes.extend(
                _compare_value_schema(
                    f"{key} {name}", op_.get("schema", {}), np_.get("schema", {}), True, False
                )
            )
        o_body, n_body = o.get("requestBody"), n.get("requestBody")
        if bool(o_body) != bool(n_body) or (
            o_body and n_body and bool(o_body.get("required")) != bool(n_body.get("required"))
        ):
            changes.append(
                Change(
                    "request-body-changed",
                    key,
                    f"request body {'added' if n_body else 'removed'} or required-ness changed",
                    True,
                )
            )
        o_codes, n_codes = set(o.get("responses", {})), set(n.get("responses", {}))
        for code in sorted(o_codes - n_codes):
            changes.append(Change("response-removed", key, f"response {code} removed", code.startswith("2")))
        for code in sorted(n_codes - o_codes):
            changes.append(Change("response-added", key, f"response {code} added", False))
        for code in sorted(o_codes & n_codes):
            o_schema = o["responses"][code].get("content", {}).get("application/json", {}).get("schema", {})
            n_schema = n["responses"][code].get("content", {}).get("application/json", {}).get("schema", {})
            if _fingerprint(o_schema) != _fingerprint(n_schema):
                changes.append(
                    Change(
                        "response-schema-changed",
                        f"{key} {code}",
                        f"response schema {_types(o_schema) or 'any'} -> {_types(n_schema) or 'any'}",
                        True,
                    )
                )
        if o.get("security") != n.get("security"):
            changes.append(
                Change(
                    "security-changed",
                    key,
                    f"security {o.get('security')} -> {n.get('security')}",
                    bool(n.get("security")),
                )
            )
    return changes


def rule_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The structural rules."""
    return _operation_changes(old, new) + _schema_changes(old, new)


# ---------------------------------------------------------------- the generated client's surface


def _annotation(node: ast.expr | None) -> str:
    return ast.unparse(node) if node is not None else ""


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    args = node.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    params = [
        f"{a.arg}: {_annotation(a.annotation)}" + (f" = {ast.unparse(d)}" if d is not None else "")
        for a, d in zip(args.args, defaults, strict=True)
        if a.arg != "self"
    ]
    params += [
        f"*{a.arg}: {_annotation(a.annotation)}" + (f" = {ast.unparse(d)}" if d is not None else "")
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    return ", ".join(params)


def surface(package: Path) -> dict[str, str]:
    """Public names of a generated package -> a signature string (module/function/class/field)."""
    out: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).with_suffix("").as_posix().replace("/", ".")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out[f"module {module}"] = ""
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                out[f"function {module}.{node.name}"] = _signature(node)
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                out[f"class {module}.{node.name}"] = ""
                for item in node.body:
                    public = not item.name.startswith("_") if hasattr(item, "name") else False
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and public:
                        # Resource methods (checkpoints.list); the models' to_dict/from_dict too.
                        out[f"function {module}.{node.name}.{item.name}"] = _signature(item)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        default = f" = {ast.unparse(item.value)}" if item.value is not None else ""
                        out[f"field {module}.{node.name}.{item.target.id}"] = (
                            _annotation(item.annotation) + default
                        )
                    elif (
                        isinstance(item, ast.Assign)
                        and len(item.targets) == 1
                        and isinstance(item.targets[0], ast.Name)
                    ):
                        out[f"member {module}.{node.name}.{item.targets[0].id}"] = ast.unparse(item.value)
    return out


def split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets (``Literal['a', 'b'] | None`` at ``|``)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "["
        depth -= char == "]"
        if char == separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [p for p in [*parts, current.strip()] if p]


def _accepted(annotation: str) -> set[str]:
    """What an argument annotation accepts, one member per union part and ``Literal`` value."""
    members: set[str] = set()
    for part in split_top(annotation, "|"):
        if part.startswith("Literal[") and part.endswith("]"):
            members |= {f"Literal[{value}]" for value in split_top(part[len("Literal[") : -1], ",")}
        else:
            members.add(part)
    return members


def widened(before: str, after: str) -> bool:
    """Whether an argument typed ``after`` accepts everything one typed ``before`` did."""
    return _accepted(before) <= _accepted(after)


def _params(signature: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in signature["params"]}


def python_signature(name: str, signature: dict[str, Any]) -> str:
    """``name(model_id, *, after=None, limit=None) -> SyncCursorPage[CheckpointResponse]``: the
    method as a reader calls it (types of the arguments are in the details)."""
    shown, star = [], False
    for p in signature["params"]:
        if p["kind"] == "extra":
            shown.append(f"**{p['name']}")
            continue
        if p["kind"] == "keyword" and not star:
            shown.append("*")
            star = True
        shown.append(p["name"] if p["default"] is None else f"{p['name']}={p['default']}")
    return f"{name}({', '.join(shown)}) -> {signature['returns']}"


def _argument_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """One method's arguments and return type, compared one by one."""
    changes = []
    before, after = _params(old), _params(new)
    for arg in [a for a in before if a not in after]:
        changes.append(Change("argument-removed", name, f"argument `{arg}` removed", True, "surface"))
    for arg in [a for a in after if a not in before]:
        p = after[arg]
        required = p["required"]
        shown = f"`{arg}: {p['annotation']}`" + ("" if required else f" = {p['default']}")
        detail = f"new {'required' if required else 'optional'} argument {shown}"
        changes.append(Change("argument-added", name, detail, required, "surface"))
    old_positional = [a for a, p in before.items() if p["kind"] == "positional"]
    new_positional = [a for a, p in after.items() if p["kind"] == "positional"]
    kept = [a for a in old_positional if a in after]
    if [a for a in new_positional if a in kept] != kept or any(
        after[a]["kind"] != "positional" for a in kept
    ):
        detail = f"positional arguments ({', '.join(old_positional)}) -> ({', '.join(new_positional)})"
        changes.append(Change("argument-moved", name, detail, True, "surface"))
    for arg in [a for a in before if a in after]:
        o, n = before[arg], after[arg]
        if o["required"] != n["required"]:
            detail = f"argument `{arg}` became {'required' if n['required'] else 'optional'}"
            changes.append(Change("argument-required-changed", name, detail, n["required"], "surface"))
        if o["annotation"] != n["annotation"]:
            wider = widened(o["annotation"], n["annotation"])
            detail = f"argument `{arg}`: {o['annotation']} -> {n['annotation']}" + (
                " (widened)" if wider else ""
            )
            changes.append(Change("argument-type-changed", name, detail, not wider, "surface"))
        if o["default"] != n["default"] and not o["required"] and not n["required"]:
            given = o["default"] == "None"
            detail = f"argument `{arg}` default {o['default']} -> {n['default']}"
            changes.append(Change("argument-default-changed", name, detail, not given, "surface"))
    if old["returns"] != new["returns"]:
        detail = f"returns {old['returns']} -> {new['returns']}"
        changes.append(Change("return-type-changed", name, detail, True, "surface"))
    return changes


def public_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The public surfaces of two specs (``surface.describe``), compared as a reader of the SDK
    would: methods, their arguments and return types; model classes and fields; enum values."""
    changes = []
    om, nm = old["methods"], new["methods"]
    for name in sorted(om.keys() - nm.keys()):
        changes.append(
            Change(
                "method-removed",
                name,
                f"removed (was client.{python_signature(name, om[name])})",
                True,
                "surface",
            )
        )
    for name in sorted(nm.keys() - om.keys()):
        detail = f"new method client.{python_signature(name, nm[name])} ({nm[name]['http']})"
        changes.append(Change("method-added", name, detail, False, "surface"))
    for name in sorted(om.keys() & nm.keys()):
        changes += _argument_changes(name, om[name], nm[name])
    ot, nt = old["types"], new["types"]
    for name in sorted(ot.keys() - nt.keys()):
        changes.append(Change("type-removed", name, "model class removed", True, "surface"))
    for name in sorted(nt.keys() - ot.keys()):
        fields = ", ".join(f"{f}: {v['annotation']}" for f, v in nt[name]["fields"].items())
        changes.append(Change("type-added", name, f"new type {name}({fields})", False, "surface"))
    for name in sorted(ot.keys() & nt.keys()):
        of, nf = ot[name]["fields"], nt[name]["fields"]
        for field in sorted(nf.keys() - of.keys()):
            detail = f"new field {field}: {nf[field]['annotation']}"
            changes.append(Change("field-added", f"{name}.{field}", detail, False, "surface"))
        for field in sorted(of.keys() - nf.keys()):
            changes.append(Change("field-removed", f"{name}.{field}", "field removed", True, "surface"))
        for field in sorted(of.keys() & nf.keys()):
            if of[field]["annotation"] != nf[field]["annotation"]:
                # What a changed field breaks depends on its direction: the HTTP rules judge it.
                detail = f"{of[field]['annotation']} -> {nf[field]['annotation']}"
                changes.append(Change("field-changed", f"{name}.{field}", detail, False, "surface"))
    oe, ne = old["enums"], new["enums"]
    for name in sorted(oe.keys() & ne.keys()):
        for value in [v for v in ne[name] if v not in oe[name]]:
            changes.append(Change("enum-value-added", name, f"new value {value!r}", False, "surface"))
        for value in [v for v in oe[name] if v not in ne[name]]:
            changes.append(Change("enum-value-removed", name, f"value {value!r} removed", True, "surface"))
    return changes


_BUILT: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}


def _built(spec: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The public surface and the raw package's names of the client generated from ``spec``
    (memoized by content: one build per spec)."""
    key = hashlib.sha256(spec.read_bytes()).hexdigest()
    if key not in _BUILT:
        with tempfile.TemporaryDirectory(prefix="spec-diff-") as tmp:
            built = codegen.build_client(spec, REPO / "generator-config.yaml", Path(tmp), strict=False)
            _BUILT[key] = (codegen.description(built), surface(built["raw"]))
    return _BUILT[key]


def surface_changes(old_spec: Path, new_spec: Path) -> list[Change]:
    """Build the client from both specs; diff the public surface, and list (never as a verdict)
    what changed only inside the raw package."""
    builds = []
    for spec in (old_spec, new_spec):
        try:
            builds.append(_built(spec))
        except codegen.GenerationError as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "unknown error"
            return [
                Change(
                    "generation-failed",
                    str(spec),
                    f"the generator cannot build this spec: {reason}",
                    True,
                    "surface",
                )
            ]
    (old_public, old_raw), (new_public, new_raw) = builds
    changes = public_changes(old_public, new_public)
    for name in sorted(old_raw.keys() - new_raw.keys()):
        changes.append(Change("raw-removed", name, "no longer generated", False, "raw"))
    for name in sorted(new_raw.keys() - old_raw.keys()):
        changes.append(
            Change("raw-added", name, f"new: {new_raw[name]}" if new_raw[name] else "new", False, "raw")
        )
    for name in sorted(old_raw.keys() & new_raw.keys()):
        if old_raw[name] != new_raw[name]:
            changes.append(Change("raw-changed", name, f"{old_raw[name]} -> {new_raw[name]}", False, "raw"))
    return changes


# ---------------------------------------------------------------- the engine


def optic_verdict(old: Path, new: Path) -> dict[str, Any]:
    """Run ``optic diff OLD NEW --check``; {"ran": False} when optic is not installed."""
    if not OPTIC.exists():
        return {"ran": False, "reason": f"{OPTIC} not installed (make tools)"}
    with tempfile.TemporaryDirectory(prefix="optic-") as tmp:
        # optic reads files relative to a git-free folder; copies keep the inputs untouched.
        a, b = Path(tmp) / "old.json", Path(tmp) / "new.json"
        shutil.copyfile(old, a)
        shutil.copyfile(new, b)
        env = {**os.environ, "HOME": tmp, "CI": "true", "OPTIC_TELEMETRY": "false"}
        command = [str(OPTIC), "diff", str(a), str(b), "--check"]
        proc = subprocess.run(
            command, cwd=tmp, capture_output=True, text=True, timeout=300, check=False, env=env
        )
    lines = [line.rstrip() for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return {"ran": True, "breaking": proc.returncode != 0, "exit": proc.returncode, "output": lines[-40:]}


# ---------------------------------------------------------------- report

# What a change means for the next release: breaking, additive (something new to use), docs (the
# documents differ, nothing a caller uses does), or none.
BREAKING, ADDITIVE, DOCS, NONE = "breaking", "additive", "docs", "none"


def diff(old: Path, new: Path, *, engine: bool = True, with_surface: bool = True) -> dict[str, Any]:
    """The whole report as a JSON-able dict."""
    old_spec, new_spec = load(old), load(new)
    changes = rule_changes(old_spec, new_spec)
    if with_surface:
        changes += surface_changes(old, new)
    breaking = any(c.breaking for c in changes)
    judged = [c for c in changes if c.source != "raw"]
    kind = BREAKING if breaking else ADDITIVE if judged else DOCS if old_spec != new_spec else NONE
    report: dict[str, Any] = {
        "old": str(old),
        "new": str(new),
        "breaking": breaking,
        "kind": kind,
        "changes": [asdict(c) for c in changes],
    }
    if engine:
        report["optic"] = optic_verdict(old, new)
    return report


def _public(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in report["changes"] if c["source"] == "surface"]


SUMMARY = {
    BREAKING: "BREAKING for code that uses this SDK",
    ADDITIVE: "nothing breaks; the SDK gains what is listed",
    DOCS: "nothing breaks; only documentation changed",
    NONE: "no changes",
}


def _sections(report: dict[str, Any]) -> list[tuple[str, list[tuple[bool, str]]]]:
    """(heading, [(breaking, line)]) in the terms of the public surface: methods by resource,
    then types and enums; then the HTTP contract's own findings that no public line shows."""
    by_resource: dict[str, list[tuple[bool, str]]] = {}
    types: list[tuple[bool, str]] = []
    for c in _public(report):
        if c["kind"].startswith(("method-", "argument-", "return-")):
            resource, _, method = c["where"].rpartition(".")
            heading = f"client.{resource}" if resource else "client"
            line = c["detail"] if c["kind"] == "method-added" else f"{method}: {c['detail']}"
            by_resource.setdefault(heading, []).append((c["breaking"], line))
        elif c["kind"] == "generation-failed":
            types.append((True, c["detail"]))
        else:
            line = c["detail"] if c["kind"] == "type-added" else f"{c['where']}: {c['detail']}"
            types.append((c["breaking"], line))
    sections = sorted(by_resource.items())
    if types:
        sections.append(("types", types))
    # The HTTP rules' breaking findings always show (the surface may not see them: an enum value
    # or a bound); their non-breaking ones are counted, listed with --details.
    contract = [
        (True, f"{c['where']}: {c['detail']}")
        for c in report["changes"]
        if c["source"] == "rules" and c["breaking"]
    ]
    if contract:
        sections.append(("HTTP contract", contract))
    return sections


def _counts(report: dict[str, Any]) -> str:
    rules = [c for c in report["changes"] if c["source"] == "rules"]
    raw = [c for c in report["changes"] if c["source"] == "raw"]
    return (
        f"{len(rules)} change(s) to the HTTP contract, {len(raw)} inside serverless_training_raw "
        "(endpoint modules, to_dict/from_dict); --details lists them"
    )


def _optic_line(report: dict[str, Any]) -> str | None:
    optic = report.get("optic")
    if optic is None:
        return None
    if not optic["ran"]:
        return f"optic: not run ({optic['reason']})"
    if optic["breaking"] == report["breaking"]:
        return f"optic agrees: {'breaking changes' if optic['breaking'] else 'no breaking changes'}"
    return "optic disagrees (a second opinion, not the verdict): " + (
        "it calls this change breaking; see --details" if optic["breaking"] else "it finds nothing breaking"
    )


def _details(report: dict[str, Any]) -> list[str]:
    lines = [f"  [{c['source']}] {c['kind']}: {c['where']}: {c['detail']}" for c in report["changes"]]
    optic = report.get("optic")
    if optic and optic.get("ran") and optic.get("breaking"):
        lines += ["  optic | " + line for line in optic["output"]]
    return lines


def render(report: dict[str, Any], *, details: bool = False) -> str:
    """The report for people, in the terms of what they import."""
    lines = [f"spec-diff {report['old']} -> {report['new']}: {SUMMARY[report['kind']]}"]
    for heading, entries in _sections(report):
        lines.append(heading)
        lines += [
            f"  {'BREAKING ' if breaking else ''}{'-' if breaking else '+'} {text}"
            for breaking, text in entries
        ]
    if report["changes"]:
        lines.append(_counts(report))
    optic = _optic_line(report)
    if optic:
        lines.append(optic)
    if details:
        lines.append("details:")
        lines += _details(report)
    lines.append("verdict: " + ("BREAKING" if report["breaking"] else "nothing breaks"))
    return "\n".join(lines)


def render_markdown(report: dict[str, Any]) -> str:
    """The report as a pull request's body."""
    lines = [f"**{SUMMARY[report['kind']]}**", ""]
    for heading, entries in _sections(report):
        lines.append(f"#### `{heading}`" if heading.startswith("client") else f"#### {heading.capitalize()}")
        lines += [f"- {'**BREAKING** ' if breaking else ''}`{text}`" for breaking, text in entries]
        lines.append("")
    if report["changes"]:
        lines.append(_counts(report).replace("; --details lists them", "."))
    optic = _optic_line(report)
    if optic:
        lines.append(f"\n{optic}")
    if report["changes"]:
        lines += [
            "",
            "<details><summary>Every change</summary>",
            "",
            "```",
            *_details(report),
            "```",
            "</details>",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="What changed between two OpenAPI specs, for this SDK's users."
    )
    parser.add_argument("old", type=Path, nargs="?")
    parser.add_argument("new", type=Path, nargs="?")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    parser.add_argument("--details", action="store_true", help="also list every change, raw package included")
    parser.add_argument("--no-engine", action="store_true", help="skip optic")
    parser.add_argument("--no-surface", action="store_true", help="skip the generated-surface diff")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.old is None or args.new is None:
        print(
            "spec-diff: usage: make spec-diff OLD=old.json NEW=new.json [FORMAT=json|markdown]",
            file=sys.stderr,
        )
        return 2
    try:
        report = diff(args.old, args.new, engine=not args.no_engine, with_surface=not args.no_surface)
    except SpecError as exc:
        print(f"spec-diff: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report, indent=2))
    elif args.format == "markdown":
        print(render_markdown(report))
    else:
        print(render(report, details=args.details))
    return 1 if report["breaking"] else 0


if __name__ == "__main__":
    sys.exit(main())
