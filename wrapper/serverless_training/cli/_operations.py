"""A command for every operation of the spec, built from the generated endpoint table.

``serverless-training <resource> <method>``: the resource as the client names it, dashed
(``training-jobs``, ``chat-completions``), the method dashed (``list-model-evaluations``); a
method of the client itself is a top-level command (``system-check``). Path parameters are
positional arguments, query parameters and body fields are flags (``--limit 5``, a list by
repeating the flag, anything structured as JSON text), and ``--json``/``--json-file`` give the
body as one JSON object (flags win over its fields). Listings page through everything, or
``--max-items``. The answer is printed as JSON. The hand-written commands (tables, ``wait``,
``prune``, ``plot``, ``chat``) keep their names: a generated command never replaces one. A new
operation reaches the command line the day its spec is adopted, with nothing written here.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from .._generated.client import OPERATIONS, PublicArgument, PublicOperation

__all__ = ["add_operation_commands"]

Client = Callable[[], Any]  # the command's client (the session's ServerlessTraining)

_TYPES: Mapping[str, click.ParamType[Any]] = {
    "str": click.STRING,
    "int": click.INT,
    "float": click.FLOAT,
    "bool": click.BOOL,
    "datetime": click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]),
    "json": click.STRING,  # parsed by the command, so the error names the flag
}


def dashed(name: str) -> str:
    return name.replace("_", "-")


def add_operation_commands(root: click.Group, client: Client) -> None:
    """Add a command for every operation that no hand-written command already answers to; each
    calls its method on ``client()``."""
    for operation in OPERATIONS.values():
        *resource, method = operation.name.split(".")
        group = _group(root, resource) if resource else root
        if group is not None and dashed(method) not in group.commands:
            group.add_command(_command(operation, dashed(method), client))


def _group(root: click.Group, resource: list[str]) -> click.Group | None:
    """The group of ``root`` for a resource, made if missing; None when a hand-written command has
    its name."""
    name = dashed("-".join(resource))
    found = root.commands.get(name)
    if found is None:
        found = click.Group(name, help=f"The operations of client.{'.'.join(resource)}, one command each.")
        root.add_command(found)
    return found if isinstance(found, click.Group) else None


def _command(operation: PublicOperation, name: str, client: Client) -> click.Command:
    params: list[click.Parameter] = []
    for argument in operation.arguments:
        if argument.name in operation.positional:
            params.append(click.Argument([argument.name], type=_TYPES[argument.value]))
        else:
            params.append(_option(argument))
    if any(a.where == "body" for a in operation.arguments) or operation.extra_body:
        params.append(click.Option(["--json", "json_text"], help="The request body as a JSON object."))
        params.append(
            click.Option(
                ["--json-file"],
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="The same, from a file.",
            )
        )
    if operation.paginated:
        params.append(
            click.Option(
                ["--max-items"], type=click.IntRange(min=1), help="Stop after this many items (default: all)."
            )
        )
    return click.Command(
        name,
        params=params,
        callback=lambda **values: _call(operation, values, client),
        help=f"{operation.summary}\n\n{operation.method} {operation.path}: client.{operation.name}().",
        short_help=operation.summary.split("\n", 1)[0][:80],
        no_args_is_help=bool(operation.positional),
    )


def _option(argument: PublicArgument) -> click.Option:
    flag = f"--{dashed(argument.name)}"
    kind = click.Choice(argument.choices) if argument.choices else _TYPES[argument.value]
    notes = [argument.help.rstrip(".")] if argument.help else []
    notes += ["JSON"] if argument.value == "json" else []
    notes += ["repeat for more"] if argument.many else []
    notes += ["required"] if argument.required else []
    return click.Option(
        [flag, argument.name],
        type=kind,
        multiple=argument.many,
        default=None,
        help=_sentence("; ".join(notes)) if notes else None,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _call(operation: PublicOperation, values: dict[str, Any], client: Client) -> None:
    # --json speaks the API's field names; the method takes its own (``type`` -> ``type_``).
    body = {
        operation.parameters.get(name, name): value
        for name, value in _body(values.pop("json_text", None), values.pop("json_file", None)).items()
    }
    max_items = values.pop("max_items", None)
    positional = [values.pop(name) for name in operation.positional]
    arguments = {argument.name: argument for argument in operation.arguments}
    keywords: dict[str, Any] = dict(body)
    for name, value in values.items():
        if value is None or value == ():
            continue
        argument = arguments[name]
        keywords[name] = _json_flag(argument, value) if argument.value == "json" else _plain(value)
    missing = [
        f"--{dashed(a.name)}"
        for a in operation.arguments
        if a.required and a.name not in operation.positional and a.name not in keywords
    ]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (a flag, or a field of --json)")
    unknown = sorted(set(body) - arguments.keys()) if not operation.extra_body else []
    if unknown:
        raise click.UsageError(f"--json has fields this operation does not take: {', '.join(unknown)}")
    if operation.paginated:
        keywords["max_items"] = max_items
    target: Any = client()
    for part in operation.name.split("."):
        target = getattr(target, part)
    result = target(*positional, **keywords)
    if operation.paginated:
        _write_listing(result)
    else:
        click.echo(json.dumps(_jsonable(result), indent=2, default=str))


def _body(text: str | None, file: Path | None) -> dict[str, Any]:
    if text is not None and file is not None:
        raise click.UsageError("give the body with --json or --json-file, not both")
    source, where = (file.read_text(encoding="utf-8"), str(file)) if file is not None else (text, "--json")
    if source is None:
        return {}
    try:
        body = json.loads(source)
    except json.JSONDecodeError as exc:
        raise click.UsageError(
            f"{where} is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(body, dict):
        raise click.UsageError(f"{where} must be a JSON object, not {type(body).__name__}")
    return body


def _json_flag(argument: PublicArgument, value: Any) -> Any:
    values = value if argument.many else (value,)
    try:
        parsed = [json.loads(item) for item in values]
    except json.JSONDecodeError as exc:
        raise click.UsageError(f"--{dashed(argument.name)} is not JSON: {exc.msg}") from None
    return parsed if argument.many else parsed[0]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


def _jsonable(value: Any) -> Any:
    """A generated model as its JSON object (``to_dict``), lists and mappings of them likewise."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    return value


def _write_listing(items: Iterable[Any]) -> None:
    """A JSON array, written as the pages arrive (a long listing shows at once)."""
    count = 0
    click.echo("[", nl=False)
    for item in items:
        click.echo((",\n  " if count else "\n  ") + json.dumps(_jsonable(item), default=str), nl=False)
        count += 1
    click.echo("\n]" if count else "]")
