"""What changed between two OpenAPI specs, classed by what it breaks for code using this SDK.

Three sources, reported together:

* ``rules``:   structural rules over the two documents (operations, parameters and their bounds,
               schemas, properties, required-ness, type, format, nullability, enum values), judged
               by direction: a change to something the SDK *sends* breaks callers differently from a
               change to something it *receives*. An enum value added to a response breaks
               nothing (the generated enums are open: an unknown value is kept, ``is_known``
               False); a request field becoming required breaks callers; a response field added
               breaks nothing.
* ``surface``: what the code generated from each spec exposes, diffed: the raw client (modules,
               functions and their parameters and defaults, classes and their fields) and the
               resource methods people call (``checkpoints.list`` and its parameters); this is what
               no OpenAPI engine knows: an operationId change renames a function.
* ``optic``:   the npm engine ``@useoptic/optic`` (``optic diff OLD NEW --check``), when installed
               under tools/, as an independent second opinion on the HTTP contract.

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
    kind: str  # e.g. "operation-removed", "property-required"
    where: str  # e.g. "GET /v1/health" or "schema CheckpointResponse.step"
    detail: str
    breaking: bool
    source: str = "rules"


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
        changes.append(
            Change("type-changed", where, f"type {sorted(old_types)} -> {sorted(new_types)}", True)
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
    for bound in ("maximum", "exclusiveMaximum", "maxLength", "maxItems"):
        if old.get(bound) != new.get(bound):
            narrower = new.get(bound) is not None and (old.get(bound) is None or new[bound] < old[bound])
            changes.append(
                Change(
                    "bound-changed", where, f"{bound} {old.get(bound)} -> {new.get(bound)}", sent and narrower
                )
            )
    for bound in ("minimum", "exclusiveMinimum", "minLength", "minItems"):
        if old.get(bound) != new.get(bound):
            narrower = new.get(bound) is not None and (old.get(bound) is None or new[bound] > old[bound])
            changes.append(
                Change(
                    "bound-changed", where, f"{bound} {old.get(bound)} -> {new.get(bound)}", sent and narrower
                )
            )
    if old.get("default") != new.get("default"):
        changes.append(
            Change(
                "default-changed", where, f"default {old.get('default')!r} -> {new.get('default')!r}", sent
            )
        )
    return changes


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


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{method.upper()} {path}": op for path, method, op in normalize_spec.iter_operations(spec)}


def _parameters(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{p.get('in')}:{p.get('name')}": p for p in op.get("parameters", []) if isinstance(p, dict)}


def _operation_changes(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> list[Change]:
    old, new = _operations(old_spec), _operations(new_spec)
    changes = [
        Change("operation-removed", key, f"removed (operationId {old[key].get('operationId')})", True)
        for key in sorted(old.keys() - new.keys())
    ]
    changes += [
        Change("operation-added", key, f"added (operationId {new[key].get('operationId')})", False)
        for key in sorted(new.keys() - old.keys())
    ]
    for key in sorted(old.keys() & new.keys()):
        o, n = old[key], new[key]
        method, path = key.split(" ", 1)
        if o.get("operationId") != n.get("operationId"):
            before = normalize_spec.operation_name(o.get("operationId", ""), path, method)
            after = normalize_spec.operation_name(n.get("operationId", ""), path, method)
            renamed = before != after
            detail = f"operationId {o.get('operationId')} -> {n.get('operationId')}"
            detail += (
                f" (generated function {before} -> {after})" if renamed else " (generated name unchanged)"
            )
            changes.append(Change("operation-id-changed", key, detail, renamed))
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


_LITERAL = re.compile(r"Literal\[([^\]]*)\]")


def _widened(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with more values allowed in its ``Literal[...]``."""
    if _LITERAL.sub("Literal[]", before) != _LITERAL.sub("Literal[]", after):
        return False
    old, new = _LITERAL.findall(before), _LITERAL.findall(after)
    return len(old) == len(new) and all(
        set(o.split(", ")) <= set(n.split(", ")) for o, n in zip(old, new, strict=True)
    )


def _param_breaks(before: str, after: str) -> bool:
    old = {p.split(":")[0]: p for p in split_params(before)}
    new = {p.split(":")[0]: p for p in split_params(after)}
    if any(
        name not in new or (new[name] != old[name] and not _widened(old[name], new[name])) for name in old
    ):
        return True
    return any(" = " not in new[name] for name in new.keys() - old.keys())


def split_params(signature: str) -> list[str]:
    """The parameters of a signature string, split at top-level commas only (not inside ``[...]``)."""
    parts, depth, current = [], 0, ""
    for char in signature:
        depth += char == "["
        depth -= char == "]"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [p for p in [*parts, current.strip()] if p]


_SURFACES: dict[str, dict[str, str]] = {}


def _generated_surface(spec: Path) -> dict[str, str]:
    """The surface of the client generated from ``spec`` (memoized by content: one build per spec)."""
    key = hashlib.sha256(spec.read_bytes()).hexdigest()
    if key not in _SURFACES:
        with tempfile.TemporaryDirectory(prefix="spec-diff-") as tmp:
            built = codegen.build_client(spec, REPO / "generator-config.yaml", Path(tmp), strict=False)
            _SURFACES[key] = {
                **surface(built["raw"]),
                **{
                    f"{kind} serverless_training.{name}": sig
                    for kind_name, sig in surface(built["surface"]).items()
                    for kind, name in [kind_name.split(" ", 1)]
                },
            }
    return _SURFACES[key]


def surface_changes(old_spec: Path, new_spec: Path) -> list[Change]:
    """Build the raw client from both specs and diff what it exposes."""
    surfaces = []
    for spec in (old_spec, new_spec):
        try:
            surfaces.append(_generated_surface(spec))
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
    old, new = surfaces
    changes = []
    for name in sorted(old.keys() - new.keys()):
        changes.append(Change("surface-removed", name, "no longer generated", True, "surface"))
    for name in sorted(new.keys() - old.keys()):
        breaking = name.startswith("field ") and " = " not in new[name] and not new[name].endswith("Unset")
        changes.append(
            Change("surface-added", name, f"new: {new[name]}" if new[name] else "new", breaking, "surface")
        )
    for name in sorted(old.keys() & new.keys()):
        if old[name] != new[name]:
            breaking = _param_breaks(old[name], new[name]) if name.startswith("function ") else True
            changes.append(
                Change("surface-changed", name, f"{old[name]} -> {new[name]}", breaking, "surface")
            )
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


def diff(old: Path, new: Path, *, engine: bool = True, with_surface: bool = True) -> dict[str, Any]:
    """The whole report as a JSON-able dict."""
    old_spec, new_spec = load(old), load(new)
    changes = rule_changes(old_spec, new_spec)
    if with_surface:
        changes += surface_changes(old, new)
    report: dict[str, Any] = {
        "old": str(old),
        "new": str(new),
        "breaking": any(c.breaking for c in changes),
        "changes": [asdict(c) for c in changes],
    }
    if engine:
        verdict = optic_verdict(old, new)
        report["optic"] = verdict
        report["breaking"] = report["breaking"] or bool(verdict.get("breaking"))
    return report


def render(report: dict[str, Any]) -> str:
    """The report for people."""
    lines = [f"spec-diff {report['old']} -> {report['new']}"]
    changes = report["changes"]
    if not changes:
        lines.append("no changes")
    for title, breaking in (("BREAKING for code that uses this SDK", True), ("non-breaking", False)):
        group = [c for c in changes if c["breaking"] is breaking]
        if group:
            lines.append(f"{title} ({len(group)}):")
            lines += [f"  [{c['source']}] {c['kind']}: {c['where']}: {c['detail']}" for c in group]
    optic = report.get("optic")
    if optic is not None:
        if optic["ran"]:
            verdict = "breaking changes found" if optic["breaking"] else "no breaking changes"
            lines.append(f"optic diff --check: {verdict}")
            if optic["breaking"]:
                lines += ["  | " + line for line in optic["output"]]
        else:
            lines.append(f"optic: not run ({optic['reason']})")
    lines.append("verdict: " + ("BREAKING" if report["breaking"] else "nothing breaks"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="What changed between two OpenAPI specs, for this SDK's users."
    )
    parser.add_argument("old", type=Path, nargs="?")
    parser.add_argument("new", type=Path, nargs="?")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--no-engine", action="store_true", help="skip optic")
    parser.add_argument("--no-surface", action="store_true", help="skip the generated-surface diff")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.old is None or args.new is None:
        print("spec-diff: usage: make spec-diff OLD=old.json NEW=new.json [FORMAT=json]", file=sys.stderr)
        return 2
    try:
        report = diff(args.old, args.new, engine=not args.no_engine, with_surface=not args.no_surface)
    except SpecError as exc:
        print(f"spec-diff: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2) if args.format == "json" else render(report))
    return 1 if report["breaking"] else 0


if __name__ == "__main__":
    sys.exit(main())
