"""Answers for operations the fake has no stateful model of: the smallest body the spec allows.

A newly adopted operation then works offline at once (an empty list, an object with its required
fields), deterministically, and stays spec-valid: the tests hold every reply to the spec.
"""

from __future__ import annotations

from typing import Any

from .._spec import packaged_spec

__all__ = ["example", "spec_example_reply"]

_FORMATS = {
    "uuid": "00000000-0000-4000-8000-000000000000",
    "date-time": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "uri": "https://example.invalid/",
}


def _resolve(schema: Any, components: dict[str, Any]) -> Any:
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def example(schema: Any, components: dict[str, Any], depth: int = 0, *, filled: bool = False) -> Any:
    """The smallest value ``schema`` accepts: its default or first enum value, else an empty
    list, an object of its required fields, zero, false or an empty (or format-shaped) string.
    ``filled``: lists get one item and strings a character (arguments a caller would give)."""
    schema = _resolve(schema, components)
    if not isinstance(schema, dict) or depth > 32:
        return None
    for given in ("default", "const"):
        if given in schema:
            return schema[given]
    if schema.get("enum"):
        return schema["enum"][0]
    options = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf")
    if options:
        usable = [o for o in options if _resolve(o, components).get("type") != "null"] or options
        return example(usable[0], components, depth + 1, filled=filled)
    return _of_type(schema, components, depth, filled)


def _of_type(schema: dict[str, Any], components: dict[str, Any], depth: int, filled: bool) -> Any:
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "array":
        count = max(schema.get("minItems", 0), 1 if filled else 0)
        return [example(schema.get("items", {}), components, depth + 1, filled=filled) for _ in range(count)]
    if kind == "string":
        length = max(schema.get("minLength", 0), 1 if filled else 0)
        return _FORMATS.get(schema.get("format", ""), "x" * length)
    scalars = {"integer": schema.get("minimum", 0), "number": schema.get("minimum", 0), "boolean": False}
    if kind in scalars or kind == "null":
        return scalars.get(kind)
    properties = schema.get("properties", {})
    return {
        name: example(properties.get(name, {}), components, depth + 1, filled=filled)
        for name in schema.get("required", [])
    }


def spec_example_reply(operation_id: str) -> tuple[int, Any]:
    """(status, body) of the operation's first declared success, with the smallest body it allows."""
    spec = packaged_spec()
    components = spec.get("components", {}).get("schemas", {})
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or operation.get("operationId") != operation_id:
                continue
            for status, response in sorted(operation.get("responses", {}).items()):
                if status.startswith("2") and status.isdigit():
                    schema = response.get("content", {}).get("application/json", {}).get("schema")
                    return int(status), example(schema, components) if schema else {}
    return 501, {"detail": f"the fake has no answer for {operation_id}"}
