"""Derive the spec the generator reads from the vendored, verbatim ``openapi.json``.

The vendored file is never edited; this step writes a normalized copy into ``build/`` with:

* operationIds named for what they do: the server framework appends the route's path and
  method (``list_model_checkpoints_v1_preview_models__model_id__checkpoints_get``); that suffix
  is removed and the rest snake-cased (``list_model_checkpoints``), so generated modules,
  functions and inline enum classes read well;
* component schemas whose keys are Python import paths (``openai__types__chat__..._param__Custom``)
  given a unique key and title (``ChatCompletionMessageCustomToolCallParamCustom``): their titles
  collide with other schemas', which makes the generator silently drop them.

Two operations or two schemas that would end up with the same name are an error naming both,
because the generator would otherwise keep one of them without a word.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class NormalizationError(Exception):
    """The spec cannot be normalized into unambiguous names."""


def snake_case(name: str) -> str:
    """``Create_RL_Training_Job`` -> ``create_rl_training_job``; ``getJobEvents`` -> ``get_job_events``."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"[^0-9A-Za-z]+", "_", name)
    return re.sub(r"_+", "_", name).strip("_").lower()


def framework_suffix(path: str, method: str) -> str:
    """The suffix FastAPI's default ``generate_unique_id`` appends to a route name."""
    return re.sub(r"\W", "_", path) + "_" + method.lower()


def operation_name(operation_id: str, path: str, method: str) -> str:
    """Readable snake-case name for one operation."""
    suffix = framework_suffix(path, method)
    if operation_id.endswith(suffix) and len(operation_id) > len(suffix):
        operation_id = operation_id[: -len(suffix)]
    name = snake_case(operation_id)
    if not name:
        raise NormalizationError(f"{method.upper()} {path}: operationId {operation_id!r} has no usable name")
    return name


def schema_name(key: str) -> str:
    """``openai__types__chat__chat_completion_message_custom_tool_call_param__Custom`` ->
    ``ChatCompletionMessageCustomToolCallParamCustom``; clean keys are kept as they are."""
    if "__" not in key:
        return key
    parts = [part for part in key.split("__") if part]
    module, cls = parts[-2:] if len(parts) >= 2 else ("", parts[-1])
    return "".join(word[:1].upper() + word[1:] for word in module.split("_")) + cls


def iter_operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every ``(path, method, operation)`` of the spec, in document order."""
    return [
        (path, method, operation)
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in HTTP_METHODS and isinstance(operation, dict)
    ]


def _rename_operations(spec: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    for path, method, operation in iter_operations(spec):
        where = f"{method.upper()} {path}"
        original = operation.get("operationId") or f"{method}_{path}"
        name = operation_name(original, path, method)
        if name in seen:
            raise NormalizationError(
                f"operations {seen[name]} and {where} (operationId {original!r}) would both be named "
                f"{name!r}; the generator would silently keep only one of them"
            )
        seen[name] = f"{where} (operationId {original!r})"
        operation["operationId"] = name


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            key = ref.removeprefix("#/components/schemas/")
            if key in renames:
                node = {**node, "$ref": "#/components/schemas/" + renames[key]}
        return {k: _rewrite_refs(v, renames) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(v, renames) for v in node]
    return node


def _rename_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    renames = {key: schema_name(key) for key in schemas if schema_name(key) != key}
    clashes = sorted(set(renames.values()) & (set(schemas) - set(renames)))
    if clashes:
        raise NormalizationError(f"renamed schemas would replace existing ones: {', '.join(clashes)}")
    spec = _rewrite_refs(spec, renames)
    renamed: dict[str, Any] = {}
    for key, schema in spec.get("components", {}).get("schemas", {}).items():
        new_key = renames.get(key, key)
        retitled = key in renames and isinstance(schema, dict)
        renamed[new_key] = {**schema, "title": new_key} if retitled else schema
    if renamed:
        spec["components"]["schemas"] = renamed
    titles: dict[str, str] = {}
    for key, schema in renamed.items():
        title = snake_case(schema.get("title", key) if isinstance(schema, dict) else key)
        if title in titles:
            raise NormalizationError(
                f"schemas {titles[title]!r} and {key!r} would both generate the class for title {title!r}"
            )
        titles[title] = key
    return spec


def normalize(spec: dict[str, Any]) -> dict[str, Any]:
    """Return a normalized deep copy of ``spec``; the input is left untouched."""
    result = copy.deepcopy(spec)
    _rename_operations(result)
    return _rename_schemas(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path, help="the vendored OpenAPI document")
    parser.add_argument("output", type=Path, help="where to write the normalized document")
    args = parser.parse_args(argv)
    try:
        spec = json.loads(args.spec.read_text(encoding="utf-8"))
        normalized = normalize(spec)
    except (OSError, json.JSONDecodeError, NormalizationError) as exc:
        print(f"normalize_spec: {args.spec}: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(normalized, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
