"""Every operation of the spec from the command line: ``serverless-training <resource> <method>``,
built from the generated endpoint table, called against the fake. Nothing here names an operation:
a new one is tested the day its spec is adopted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from contract import SPEC
from serverless_training._generated.client import OPERATIONS, PublicArgument, PublicOperation
from serverless_training.cli import EXIT_USAGE
from serverless_training.cli._commands import Session, cli
from serverless_training.cli._operations import dashed
from serverless_training.testing import FakeAPI
from serverless_training.testing._examples import example
from test_operations import argument_schemas

COMPONENTS = SPEC["components"]["schemas"]


def _path(operation: PublicOperation) -> list[str]:
    *resource, method = operation.name.split(".")
    return ([dashed("-".join(resource))] if resource else []) + [dashed(method)]


def _command(operation: PublicOperation) -> click.Command:
    command: click.Command = cli
    for part in _path(operation):
        assert isinstance(command, click.Group), f"{part} of {operation.name} is under a command"
        command = command.commands[part]
    return command


def _generated(operation: PublicOperation) -> bool:
    """Whether the command is the generated one (a hand-written command may answer instead)."""
    return _command(operation).callback.__module__ == "serverless_training.cli._operations"  # type: ignore[union-attr]


def run(fake: FakeAPI, *args: str) -> Result:
    session = Session(make_client=lambda s: fake.client())
    return CliRunner().invoke(cli, list(args), obj=session, catch_exceptions=False)


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=list(OPERATIONS))
def test_every_operation_has_a_command_with_help(operation: PublicOperation) -> None:
    result = CliRunner().invoke(cli, [*_path(operation), "--help"])
    assert result.exit_code == 0, result.output
    if _generated(operation):
        assert operation.path in result.output and f"client.{operation.name}()" in result.output
        for argument in operation.arguments:
            shown = (
                argument.name.upper()
                if argument.name in operation.positional
                else f"--{dashed(argument.name)}"
            )
            assert shown in result.output


def _text(argument: PublicArgument, value: Any) -> list[str]:
    if argument.value == "json":
        return [json.dumps(value)]
    if argument.many:
        return [json.dumps(item) if not isinstance(item, str) else item for item in value]
    return [str(value).lower() if isinstance(value, bool) else str(value)]


def _argv(operation: PublicOperation, ids: dict[str, str]) -> list[str]:
    """A valid command line: every required argument with a value its schema allows; a path
    parameter naming a model or a job gets one the fake holds."""
    schemas = argument_schemas(operation)
    positional, flags = [], []
    for argument in operation.arguments:
        schema, required = schemas[argument.name]
        if argument.name in operation.positional:
            known = next((value for word, value in ids.items() if word in argument.name), None)
            positional.append(known or str(example(schema, COMPONENTS, filled=True)))
        elif required:
            for text in _text(argument, example(schema, COMPONENTS, filled=True)):
                flags += [f"--{dashed(argument.name)}", text]
    return [*_path(operation), *positional, *flags]


@pytest.fixture
def seeded() -> tuple[FakeAPI, dict[str, str]]:
    fake = FakeAPI()
    model_id = fake.add_model(checkpoints={1: {"reward": 0.1}, 2: {"reward": 0.2}})
    with fake.client() as client:
        job = client.training_jobs.create_rl(
            model_id, trajectory_groups=[{"trajectories": [{"reward": 1.0}]}]
        )
    return fake, {"model": model_id, "job": str(job.id)}


GENERATED = [op for op in OPERATIONS.values() if _generated(op)]


@pytest.mark.parametrize("operation", GENERATED, ids=[op.name for op in GENERATED])
def test_every_generated_command_calls_its_method_and_prints_json(
    seeded: tuple[FakeAPI, dict[str, str]], operation: PublicOperation
) -> None:
    fake, ids = seeded
    before = len(fake.requests)
    result = run(fake, *_argv(operation, ids))
    assert result.exit_code == 0, result.output
    json.loads(result.output)
    called = fake.requests[before:]
    assert called and all(
        name == next(iter(k for k, v in OPERATIONS.items() if v is operation)) for name, _ in called
    )


def test_a_hand_written_command_keeps_its_name() -> None:
    hand_written = [op for op in OPERATIONS.values() if not _generated(op)]
    assert hand_written, "the richer hand-written commands answer for some operations"
    for operation in hand_written:
        assert _command(operation).callback.__module__ == "serverless_training.cli._commands"  # type: ignore[union-attr]


PAGED = next((op for op in GENERATED if op.paginated), None)


@pytest.mark.skipif(PAGED is None, reason="no generated command pages")
def test_a_generated_listing_pages_and_honours_max_items(seeded: tuple[FakeAPI, dict[str, str]]) -> None:
    fake, ids = seeded
    assert PAGED is not None
    everything = json.loads(run(fake, *_argv(PAGED, ids)).output)
    limited = run(fake, *_argv(PAGED, ids), "--max-items", "1")
    assert limited.exit_code == 0 and json.loads(limited.output) == everything[:1]


WITH_BODY = next(
    (op for op in GENERATED if any(a.where == "body" and a.required for a in op.arguments)), None
)


@pytest.mark.skipif(WITH_BODY is None, reason="no generated command takes a body")
def test_a_body_from_json_or_a_file_and_what_is_missing_or_unknown_is_a_usage_error(
    seeded: tuple[FakeAPI, dict[str, str]], tmp_path: Path
) -> None:
    fake, ids = seeded
    assert WITH_BODY is not None
    argv = _argv(WITH_BODY, ids)
    flags = {argv[i][2:].replace("-", "_"): argv[i + 1] for i in range(len(argv)) if argv[i].startswith("--")}
    body = {name: json.loads(value) if _is_json(WITH_BODY, name) else value for name, value in flags.items()}
    bare = [part for part in argv if not part.startswith("--") and part not in flags.values()]
    assert run(fake, *bare, "--json", json.dumps(body)).exit_code == 0
    file = tmp_path / "body.json"
    file.write_text(json.dumps(body))
    assert run(fake, *bare, "--json-file", str(file)).exit_code == 0

    missing = run(fake, *bare)
    assert missing.exit_code == EXIT_USAGE and "missing --" in missing.output
    if not WITH_BODY.extra_body:
        unknown = run(fake, *bare, "--json", json.dumps({**body, "zq_not_a_field": 1}))
        assert unknown.exit_code == EXIT_USAGE and "zq_not_a_field" in unknown.output
    not_json = run(fake, *bare, "--json", "{oops")
    assert not_json.exit_code == EXIT_USAGE and "--json is not JSON" in not_json.output


def _is_json(operation: PublicOperation, name: str) -> bool:
    return next(a for a in operation.arguments if a.name == name).value == "json"


def test_an_api_error_from_a_generated_command_has_the_usual_exit_code_and_line() -> None:
    operation = next(op for op in GENERATED if op.positional)
    result = run(
        FakeAPI(),
        *_path(operation),
        *["zq-no-such-id"] * len(operation.positional),
        *_required_flags(operation),
    )
    assert (
        result.exit_code == 3 and result.output.startswith("error: ") and len(result.output.splitlines()) == 1
    )


def _required_flags(operation: PublicOperation) -> list[str]:
    return [part for part in _argv(operation, {})[len(_path(operation)) + len(operation.positional) :]]
