"""The public surface, derived from the parsed spec: which resource and method each operation becomes,
its parameters and their types. ``codegen.py`` renders it with ``templates/sdk/``.

Names come from ``resource-names.yaml``; an operation it does not name becomes
``client.<first tag>.<operationId>``. Types come from openapi-python-client's parsed properties, so a
model a parameter takes is the class the raw package generated for it.
"""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import (
    AnyProperty,
    BooleanProperty,
    ConstProperty,
    DateProperty,
    DateTimeProperty,
    EnumProperty,
    FloatProperty,
    IntProperty,
    ListProperty,
    LiteralEnumProperty,
    ModelProperty,
    NoneProperty,
    StringProperty,
    UnionProperty,
    UuidProperty,
)

# A line that docstring tools take for the start of a section ("Returns:", "Args:", ...).
_SECTION = re.compile(
    r"^(\s*(?:Args|Arguments|Parameters|Returns|Return|Raises|Yields|Examples?|Notes?|Attributes)):\s*$"
)
# Keyword arguments every generated method has; a spec parameter of the same name is an error.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")
PAGE_OPTIONS = ("max_items", "prefetch")
EXTRA_BODY = "extra"
STREAM_OPTION = "stream"  # the argument of an operation resource-names.yaml says `streams`


class SurfaceError(Exception):
    """The spec and resource-names.yaml cannot give every operation one unambiguous method."""


def _text(value: Any) -> str:
    return "" if value is None else str(getattr(value, "get_untrusted_value", lambda: value)())


def snake(name: str) -> str:
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"_+", "_", re.sub(r"[^0-9A-Za-z]+", "_", name)).strip("_").lower()


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake(name).split("_"))


def identifier(name: str, where: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise SurfaceError(
            f"{where}: {name!r} is not a usable Python name; give it one in resource-names.yaml"
        )
    return name


@dataclass
class TypeInfo:
    """A public annotation and the model classes it names (imported for type checking only)."""

    annotation: str
    models: set[tuple[str, str]] = field(default_factory=set)  # (module, class)


def annotation(prop: Any) -> TypeInfo:
    """What a method accepts for ``prop``: plain JSON-like values, with models accepted as their class
    or as a mapping, enums as a ``Literal`` of their values, and uuids as ``str | UUID``."""
    if isinstance(prop, UuidProperty):
        return TypeInfo("str | UUID")
    if isinstance(prop, DateTimeProperty):
        return TypeInfo("datetime.datetime")
    if isinstance(prop, DateProperty):
        return TypeInfo("datetime.date")
    simple = {StringProperty: "str", IntProperty: "int", FloatProperty: "float", BooleanProperty: "bool"}
    for kind, text in simple.items():
        if isinstance(prop, kind):
            return TypeInfo(text)
    if isinstance(prop, EnumProperty | LiteralEnumProperty):
        values = ", ".join(repr(v) for v in prop.values.values())
        return TypeInfo(f"Literal[{values}]")
    if isinstance(prop, ConstProperty):
        return TypeInfo(f"Literal[{prop.value.raw_value!r}]")
    if isinstance(prop, NoneProperty):
        return TypeInfo("None")
    if isinstance(prop, ListProperty):
        inner = annotation(prop.inner_property)
        return TypeInfo(f"Sequence[{inner.annotation}]", inner.models)
    if isinstance(prop, ModelProperty):
        if not (prop.required_properties or prop.optional_properties):
            return TypeInfo("Mapping[str, Any]")
        cls = prop.class_info
        return TypeInfo(f"{cls.name} | Mapping[str, Any]", {(cls.module_name, cls.name)})
    if isinstance(prop, UnionProperty):
        parts: list[str] = []
        models: set[tuple[str, str]] = set()
        for inner in prop.inner_properties:
            info = annotation(inner)
            models |= info.models
            for part in info.annotation.split(" | "):
                if part not in parts:
                    parts.append(part)
        if "None" in parts:  # last, as people write it
            parts = [p for p in parts if p != "None"] + ["None"]
        return TypeInfo(" | ".join(parts), models)
    if isinstance(prop, AnyProperty):
        return TypeInfo("Any")
    return TypeInfo("Any")


def return_annotation(prop: Any) -> TypeInfo:
    """The parsed success type, as the raw package's ``parse_success`` returns it."""
    if isinstance(prop, ModelProperty):
        return TypeInfo(prop.class_info.name, {(prop.class_info.module_name, prop.class_info.name)})
    if isinstance(prop, ListProperty):
        inner = return_annotation(prop.inner_property)
        return TypeInfo(f"list[{inner.annotation}]", inner.models)
    simple = {StringProperty: "str", IntProperty: "int", FloatProperty: "float", BooleanProperty: "bool"}
    for kind, text in simple.items():
        if isinstance(prop, kind):
            return TypeInfo(text)
    return TypeInfo("Any")


_SCALARS = {"str": "str", "str | UUID": "str", "int": "int", "float": "float", "bool": "bool"}


def _scalar(annotation: str) -> str:
    """The command-line value of an annotation: a scalar, ``datetime``, or ``json``."""
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if annotation == "datetime.datetime":
        return "datetime"
    values = _literal_values(annotation)
    if values is not None and all(isinstance(value, str) for value in values):
        return "str"
    return "json"


def _literal_values(annotation: str) -> tuple[object, ...] | None:
    """The values a ``Literal[...]`` annotation allows; None for any other annotation."""
    if not (annotation.startswith("Literal[") and annotation.endswith("]")):
        return None
    return tuple(ast.literal_eval(f"({annotation[len('Literal[') : -1]},)"))


@dataclass
class Param:
    name: str  # in the public method
    seam: str  # the keyword build_request takes (or the JSON name, for a body field)
    annotation: str
    required: bool
    where: str  # "path", "query" or "body"
    description: str = ""
    enum: tuple[str, str] | None = None  # (module, class) build_request wants for an enum query value
    default: str | None = None  # the spec's default as a Python literal: shown in the signature, sent
    non_empty: bool = False  # resource-names.yaml: refuse an empty string or list before sending
    wire: str = ""  # the spec's name of the parameter or body field

    @property
    def seam_literal(self) -> str:
        return repr(self.seam)

    @property
    def wire_literal(self) -> str:
        return repr(self.wire)

    @property
    def optional_annotation(self) -> str:
        return self.annotation if self.annotation.endswith("| None") else f"{self.annotation} | None"

    @property
    def cli_value(self) -> str:
        """What a command line takes for it: a scalar it can parse, or JSON for anything else."""
        inner = self.annotation.removesuffix(" | None")
        return _scalar(inner[len("Sequence[") : -1] if self.many else inner)

    @property
    def many(self) -> bool:
        inner = self.annotation.removesuffix(" | None")
        return inner.startswith("Sequence[") and _scalar(inner[len("Sequence[") : -1]) != "json"

    @property
    def choices(self) -> tuple[str, ...]:
        values = _literal_values(self.annotation.removesuffix(" | None"))
        return () if values is None else tuple(str(value) for value in values)

    @property
    def public_annotation(self) -> str:
        """The annotation the method declares: ``| None`` added when an omitted argument is None."""
        return self.annotation if self.required or self.default is not None else self.optional_annotation

    @property
    def public_default(self) -> str | None:
        """The default the method declares (None: the argument is required)."""
        if self.required:
            return None
        return self.default if self.default is not None else "None"

    @property
    def signature(self) -> str:
        """The parameter as the method declares it (after ``self`` or ``*``)."""
        declared = f"{self.name}: {self.public_annotation}"
        return declared if self.public_default is None else f"{declared} = {self.public_default}"


@dataclass
class Operation:
    operation_id: str
    module: str  # serverless_training_raw.api.<tag>.<operation_id>
    resource: tuple[str, ...]  # () for a method of the client itself
    method: str
    http_method: str
    path: str
    summary: str
    description: str
    positional: list[Param]
    keyword: list[Param]
    body_class: str | None
    extra_body: bool
    returns: str
    page_item: str | None  # the item type of a cursor listing
    models: set[tuple[str, str]] = field(default_factory=set)  # (module, class) its annotations name
    streams: str | None = None  # resource-names.yaml: the chunk type (in _streaming) of stream=True
    repeatable_expression: str = ""  # resource-names.yaml: when the operation is safe to repeat

    @property
    def path_literal(self) -> str:
        return repr(self.path)

    @property
    def package(self) -> str:
        return self.module.rsplit(".", 1)[0]

    @property
    def body_params(self) -> list[Param]:
        return [p for p in self.positional + self.keyword if p.where == "body"]

    @property
    def help_text(self) -> str:
        """The spec's summary and description, for a command's help."""
        head = self.summary or self.operation_id.replace("_", " ").capitalize()
        if self.description and self.description.strip() != head.strip():
            return f"{head.rstrip('.')}.\n\n{self.description.strip()}"
        return head

    @property
    def docstring(self) -> str:
        head = self.summary or self.operation_id.replace("_", " ").capitalize()
        lines = [f"{head.rstrip('.')}: ``{self.http_method} {self.path}``."]
        if self.description and self.description.strip() != head.strip():
            # The spec's prose, not sections of this docstring: a line such as "Returns:" would be
            # read by docstring tools as the method's own Returns section (with made-up types).
            prose = [_SECTION.sub(r"\1", line.rstrip()) for line in self.description.strip().splitlines()]
            lines += ["", *prose]
        documented = [p for p in self.positional + self.keyword if p.description]
        if documented:
            lines += ["", "Args:"]
            lines += [f"    {p.name}: {' '.join(p.description.split())}" for p in documented]
        text = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        return text


@dataclass
class Resource:
    path: tuple[str, ...]
    operations: list[Operation] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)
    extension: str | None = None  # module of wrapper/serverless_training/lib/
    extension_methods: list[str] = field(default_factory=list)  # the public methods it adds

    @property
    def class_name(self) -> str:
        return "".join(pascal(part) for part in self.path)

    def walk(self) -> list[Resource]:
        found = [self]
        for child in self.children.values():
            found += child.walk()
        return found

    @property
    def stream_chunks(self) -> set[str]:
        """The chunk types (of ``serverless_training._streaming``) the streams of this group yield."""
        return {op.streams for resource in self.walk() for op in resource.operations if op.streams}

    @property
    def models(self) -> set[tuple[str, str]]:
        """The model classes the annotations of this group and its children name."""
        return {model for resource in self.walk() for op in resource.operations for model in op.models}


@dataclass
class Surface:
    root: Resource
    operations: list[Operation]
    models: set[tuple[str, str]]

    @property
    def resources(self) -> list[Resource]:
        return [r for r in self.root.walk() if r.path]


def _public_methods(source: Path, class_name: str) -> list[str]:
    """The public methods ``class_name`` defines in ``source`` (for the docstrings that list them)."""
    if not source.is_file():
        raise SurfaceError(f"resource-names.yaml extends with {source.name}, which does not exist")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            functions = (ast.FunctionDef, ast.AsyncFunctionDef)
            return [f.name for f in node.body if isinstance(f, functions) and not f.name.startswith("_")]
    raise SurfaceError(f"{source.name} defines no class {class_name}")


def load_names(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SurfaceError(f"{path}: expected a mapping with 'operations' and 'extended'")
    return data


def _is_page(success: Any, query: list[Param]) -> str | None:
    """The item type when the operation is a cursor listing: ``after`` and ``limit`` in the query and
    ``data`` (a list of models) and ``has_more`` in the response."""
    if {"after", "limit"} - {p.seam for p in query} or not isinstance(success, ModelProperty):
        return None
    fields = {
        _text(p.name): p for p in (success.required_properties or []) + (success.optional_properties or [])
    }
    data = fields.get("data")
    if "has_more" not in fields or not isinstance(data, ListProperty):
        return None
    item = data.inner_property
    return item.class_info.name if isinstance(item, ModelProperty) else None


def _page_item_module(success: Any) -> str:
    fields = {
        _text(p.name): p for p in (success.required_properties or []) + (success.optional_properties or [])
    }
    return str(fields["data"].inner_property.class_info.module_name)


def _name_for(
    operation_id: str, tag: str, names: dict[str, Any]
) -> tuple[tuple[str, ...], str, dict[str, Any]]:
    entry = names.get(operation_id)
    options: dict[str, Any] = {}
    if isinstance(entry, dict):
        options = entry
        entry = entry.get("name")
    dotted = entry if isinstance(entry, str) else f"{snake(tag)}.{snake(operation_id)}"
    parts = tuple(identifier(part, f"operation {operation_id}") for part in dotted.split("."))
    return parts[:-1], parts[-1], options


def build(data: GeneratorData, names_file: Path, *, strict: bool = True) -> Surface:
    """Every operation of ``data`` as a method of a resource, named by ``names_file``. ``strict``:
    a name for an operation the spec does not have is an error (spec-diff passes False, to show
    what a renamed operation does to the surface)."""
    config = load_names(names_file)
    names: dict[str, Any] = config.get("operations") or {}
    extended: dict[str, str] = config.get("extended") or {}
    known = {
        endpoint.name
        for collection in data.endpoint_collections_by_tag.values()
        for endpoint in collection.endpoints
    }
    stale = sorted(set(names) - known)
    if stale and strict:
        raise SurfaceError(f"resource-names.yaml names operations the spec does not have: {', '.join(stale)}")
    root = Resource(())
    operations: list[Operation] = []
    models: set[tuple[str, str]] = set()
    seen: dict[tuple[str, ...], str] = {}
    for tag, collection in data.endpoint_collections_by_tag.items():
        for endpoint in collection.endpoints:
            op_id = str(endpoint.name)
            resource_path, method, options = _name_for(op_id, str(tag), names)
            where = (*resource_path, method)
            if where in seen:
                raise SurfaceError(
                    f"operations {seen[where]} and {op_id} would both be client.{'.'.join(where)}"
                )
            seen[where] = op_id
            operation = _OperationBuilder(op_id, options).build(str(tag), endpoint, resource_path, method)
            models.update(operation.models)
            operations.append(operation)
            node = root
            for depth, part in enumerate(resource_path, 1):
                node = node.children.setdefault(part, Resource(resource_path[:depth]))
            node.operations.append(operation)
    for top, module in extended.items():
        if top not in root.children and not strict:
            continue
        if top not in root.children:
            raise SurfaceError(f"resource-names.yaml extends {top!r}, which no operation belongs to")
        resource = root.children[top]
        resource.extension = identifier(module, f"extended {top}")
        source = names_file.parent / "wrapper" / "serverless_training" / "lib" / f"{module}.py"
        resource.extension_methods = _public_methods(source, f"Async{resource.class_name}")
    for op in root.operations:
        if op.streams:
            raise SurfaceError(f"operation {op.operation_id} streams: name it as a method of a resource")
    for name in root.children:
        if any(op.method == name for op in root.operations):
            raise SurfaceError(f"client.{name} would be both a resource and a method")
    return Surface(root=root, operations=operations, models=models)


@dataclass
class _OperationBuilder:
    """One endpoint of the parsed spec as a method, with its options from resource-names.yaml."""

    op_id: str
    options: dict[str, Any]
    models: set[tuple[str, str]] = field(default_factory=set)

    def param(self, prop: Any, where: str) -> Param:
        info = annotation(prop)
        self.models.update(info.models)
        seam = str(prop.python_name) if where != "body" else _text(prop.name)
        rename: dict[str, str] = self.options.get("rename") or {}
        enum = None
        if isinstance(prop, EnumProperty) and where != "body":
            enum = (str(prop.class_info.module_name), str(prop.class_info.name))
            self.models.add(enum)
        default = None
        raw_default = getattr(prop.default, "raw_value", None)
        paging = where == "query" and seam in ("after", "limit")
        if not prop.required and not paging and isinstance(raw_default, str | int | float | bool):
            default = repr(raw_default)
        return Param(
            name=identifier(rename.get(_text(prop.name), str(prop.python_name)), f"operation {self.op_id}"),
            seam=seam,
            annotation=info.annotation,
            required=bool(prop.required),
            where=where,
            description=_text(prop.description),
            enum=enum,
            default=default,
            non_empty=_text(prop.name) in (self.options.get("non_empty") or []),
            wire=_text(prop.name),
        )

    def build(self, tag: str, endpoint: Any, resource_path: tuple[str, ...], method: str) -> Operation:
        streams = self._streams(endpoint)
        positional = [self.param(p, "path") for p in endpoint.path_parameters]
        for path_param in positional:  # ids, as the API returns them (UUIDs) or as text
            if path_param.annotation == "str":
                path_param.annotation = "str | UUID"
        query = [self.param(p, "query") for p in endpoint.query_parameters]
        keyword_only = list(query)
        body_class = None
        extra_body = False
        if endpoint.bodies:
            if len(endpoint.bodies) > 1 or not isinstance(endpoint.bodies[0].prop, ModelProperty):
                raise SurfaceError(f"operation {self.op_id}: only one JSON object body is supported")
            body = endpoint.bodies[0].prop
            body_class = body.class_info.name
            extra_body = bool(body.required_properties or body.optional_properties) and _declares_additional(
                body
            )
            positional_body: list[str] = self.options.get("positional") or []
            for prop in (body.required_properties or []) + (body.optional_properties or []):
                if streams and _text(prop.name) == STREAM_OPTION:
                    continue  # the method's own `stream` argument sends it
                into = positional if _text(prop.name) in positional_body else keyword_only
                into.append(self.param(prop, "body"))
        success = [r for r in endpoint.responses.patterns if 200 <= r.status_code.range[0] <= 299]
        success_prop = success[0].prop if success else None
        page_item = _is_page(success_prop, query)
        if streams and page_item is not None:
            raise SurfaceError(f"operation {self.op_id}: a cursor listing cannot stream")
        self._check_names(positional + keyword_only, page_item is not None, extra_body, bool(streams))
        returns = return_annotation(success_prop) if success_prop is not None else TypeInfo("Any")
        self.models.update(returns.models)
        if page_item is not None:
            self.models.add((_page_item_module(success_prop), page_item))
        return Operation(
            operation_id=self.op_id,
            module=f"serverless_training_raw.api.{tag}.{self.op_id}",
            resource=resource_path,
            method=method,
            http_method=endpoint.method.upper(),
            path=_text(endpoint.path),
            summary=_text(endpoint.summary),
            description=_text(endpoint.description),
            positional=positional,
            keyword=sorted(keyword_only, key=lambda p: not p.required),
            body_class=body_class,
            extra_body=extra_body,
            returns=returns.annotation,
            page_item=page_item,
            models=self.models,
            streams=streams,
            repeatable_expression=self._repeatable(positional + keyword_only),
        )

    def _repeatable(self, params: list[Param]) -> str:
        """The Python condition under which the operation is safe to repeat, from ``repeatable``:
        ``true`` (always), or ``{argument: value}`` (when every named argument has that value)."""
        rule = self.options.get("repeatable")
        if rule is None or rule is False:
            return ""
        if rule is True:
            return "True"
        if not isinstance(rule, dict) or not rule:
            raise SurfaceError(
                f"operation {self.op_id}: `repeatable` is true or a mapping of arguments to values"
            )
        names = {p.wire: p.name for p in params}
        unknown = sorted(set(rule) - names.keys())
        if unknown:
            raise SurfaceError(f"operation {self.op_id}: `repeatable` names unknown arguments {unknown}")
        return " and ".join(
            f"{names[wire]} is {value!r}"
            if isinstance(value, bool) or value is None
            else f"{names[wire]} == {value!r}"
            for wire, value in rule.items()
        )

    def _streams(self, endpoint: Any) -> str | None:
        """The chunk type of an operation resource-names.yaml says ``streams`` (server-sent events
        when the body says ``"stream": true``, which no spec here describes); it needs a JSON body."""
        chunk = self.options.get("streams")
        if chunk is None:
            return None
        if not endpoint.bodies:
            raise SurfaceError(f"operation {self.op_id}: `streams` needs a JSON request body to say stream")
        return identifier(str(chunk), f"operation {self.op_id} streams")

    def _check_names(self, params: list[Param], paginated: bool, extra_body: bool, streams: bool) -> None:
        used = [p.name for p in params]
        reserved = (
            CALL_OPTIONS
            + (PAGE_OPTIONS if paginated else ())
            + ((EXTRA_BODY,) if extra_body else ())
            + ((STREAM_OPTION,) if streams else ())
        )
        clash = sorted({n for n in used if n in reserved} | {n for n in used if used.count(n) > 1})
        if clash:
            raise SurfaceError(
                f"operation {self.op_id}: parameter name(s) {clash} collide; "
                "rename them in resource-names.yaml"
            )


def _declares_additional(body: ModelProperty) -> bool:
    """Whether the body schema says ``additionalProperties: true`` (the generator assumes it when the
    spec is silent; only an explicit yes becomes ``**extra``)."""
    schema = body.data
    return getattr(schema, "additionalProperties", None) is True


def render(env: Any, surface: Surface, dest: Path) -> list[Path]:
    """Write the surface's modules into ``dest`` (the wrapper's ``_generated`` package)."""
    dest.mkdir(parents=True, exist_ok=True)
    written = [dest / "__init__.py"]
    written[0].write_text(
        '"""Written by `make generate` from openapi.json and resource-names.yaml; never edited by hand."""\n',
        encoding="utf-8",
    )
    module = env.get_template("sdk/resource_module.py.jinja")
    for name, top in surface.root.children.items():
        path = dest / f"{name}.py"
        path.write_text(module.render(top=top, models=top.models), encoding="utf-8")
        written.append(path)
    client = env.get_template("sdk/client_module.py.jinja")
    path = dest / "client.py"
    own = {model for op in surface.root.operations for model in op.models}
    path.write_text(
        client.render(root=surface.root, models=own, operations=surface.operations), encoding="utf-8"
    )
    written.append(path)
    return written


# ---------------------------------------------------------------- the surface as data, for spec-diff

CHUNK_STREAM = "Stream"  # what stream=True returns on the sync client (the report shows the sync flavour)


def _code(value: Any) -> str:
    code = getattr(value, "as_unembedded_code", None)
    return code() if code is not None else _text(value)


def _entry(name: str, annotation: str, default: str | None, kind: str) -> dict[str, Any]:
    return {
        "name": name,
        "annotation": annotation,
        "required": default is None,
        "default": default,
        "kind": kind,
    }


def signature_of(op: Operation) -> dict[str, Any]:
    """One method as its sync flavour declares it: parameters in order (``kind`` positional or
    keyword) and the return type. The call options every method has are left out."""
    params = [_entry(p.name, p.annotation, None, "positional") for p in op.positional]
    params += [_entry(p.name, p.public_annotation, p.public_default, "keyword") for p in op.keyword]
    returns = op.returns
    if op.page_item is not None:
        params.append(_entry("max_items", "int | None", "None", "keyword"))
        returns = f"SyncCursorPage[{op.page_item}]"
    if op.streams:
        params.append(_entry(STREAM_OPTION, "bool", "False", "keyword"))
        returns = f"{returns} | {CHUNK_STREAM}[{op.streams}]"
    if op.extra_body:
        params.append({**_entry(EXTRA_BODY, "Any", None, "extra"), "required": False})
    return {
        "params": params,
        "returns": returns,
        "http": f"{op.http_method} {op.path}",
        "summary": op.summary,
    }


def describe(data: GeneratorData, built: Surface) -> dict[str, Any]:
    """What users import, as JSON-able data: every method (``resource.method``, or ``method`` for
    the client's own) with its signature, every model class with its fields, every enum with its
    values. ``scripts/spec_diff.py`` compares two of these."""
    methods = {".".join((*op.resource, op.method)): signature_of(op) for op in built.operations}
    types = {}
    for model in data.models:
        fields = {}
        for prop in (model.required_properties or []) + (model.optional_properties or []):
            fields[str(prop.python_name)] = {
                "annotation": _code(prop.get_type_string()),
                "required": bool(prop.required),
                "wire": _text(prop.name),
            }
        types[str(model.class_info.name)] = {"fields": fields}
    enums = {str(enum.class_info.name): [str(v) for v in enum.values.values()] for enum in data.enums}
    return {"methods": methods, "types": types, "enums": enums}
