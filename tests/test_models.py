"""The generated layer as users meet it: a typed seam, forward-compatible responses, models that
read like the API, and templates that cannot drift from the generator unnoticed."""

from __future__ import annotations

import ast
import collections.abc
import inspect
import re
import shutil
import types
import typing
import uuid
from pathlib import Path
from typing import Any

import check_templates
import httpx
import pytest
from cases import JOB_ID
from contract import ContractServer, Reply, Seen
from fakes import EVENTS, checkpoint, event, paginate
from serverless_training import (
    APIResponseValidationError,
    AsyncServerlessTraining,
    InvalidParameterError,
    ServerlessTraining,
)
from serverless_training import types as public_types
from serverless_training.testing import FakeAPI

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = ROOT / "wrapper" / "serverless_training"
MODELS = ROOT / "generated" / "serverless_training_raw" / "models"
OVERRIDES = len(check_templates.overrides_in(ROOT / "templates"))


# -- the seam ------------------------------------------------------------------------------


def test_the_wrapper_uses_only_the_public_seam_of_the_generated_code() -> None:
    offenders = []
    for path in WRAPPER.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"_get_kwargs",
            r"_parse_response",
            r"serverless_training_raw\.\w+\._",
            r"\bimport_module\(",
        ):
            if re.search(pattern, text) and path.name != "__init__.py":
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
        # httpx objects' private attributes: `<name>._<attr>` where <name> is not self/cls/a module of ours
        for match in re.finditer(r"\b(?!self\b|cls\b)([a-z]\w*)\._(?!_)(\w+)", text):
            if match.group(1) in {"exc", "response", "request", "error", "client", "http"}:
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not offenders, offenders


def test_generated_parsing_does_no_import_per_item() -> None:
    """Imports inside from_dict/to_dict run once per item (the old generator did this)."""
    offenders = []
    for path in MODELS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        offenders.append(f"{path.name}:{node.name}")
    assert not offenders, offenders


# -- forward-compatible responses -----------------------------------------------------------


def _unknown_event_feed(contract: ContractServer) -> None:
    events = [
        event(0, "training_started"),
        event(1, "checkpoint_saved", step=1, path="s3://bucket/ckpt-1"),
        event(2, "gradient_step", step=1, metrics={"reward": 0.5}),
        event(3, "training_ended"),
    ]

    def reply(seen: Seen) -> Reply:
        page = paginate(events, seen, order_param=False)
        return Reply(page.status, page.body, off_spec=True)  # a server one revision ahead

    contract.on(EVENTS, reply)


def test_wait_hands_an_unknown_event_type_on_and_keeps_following(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    _unknown_event_feed(contract)
    seen: list[Any] = []
    summary = client.training_jobs.wait(JOB_ID, poll_interval=0.001, on_event=seen.append)
    assert [str(e.type) for e in seen] == [
        "training_started",
        "checkpoint_saved",
        "gradient_step",
        "training_ended",
    ]
    unknown = seen[1]
    assert unknown.type == "checkpoint_saved" and unknown.type.value == "checkpoint_saved"
    assert not unknown.type.is_known and seen[0].type.is_known
    assert unknown.data["path"] == "s3://bucket/ckpt-1"
    assert summary.last_step == 1 and summary.events_seen == 4


@pytest.mark.anyio
async def test_async_events_keep_an_unknown_event_type(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    _unknown_event_feed(contract)
    kinds = [e.type async for e in aclient.training_jobs.events(JOB_ID)]
    assert "checkpoint_saved" in kinds


def test_other_response_violations_stay_errors(contract: ContractServer, client: ServerlessTraining) -> None:
    bad = {**event(0, "gradient_step"), "id": None}
    contract.on(EVENTS, Reply(body={"object": "list", "data": [bad], "has_more": False}, off_spec=True))
    with pytest.raises(APIResponseValidationError, match="data/0/id"):
        list(client.training_jobs.events(JOB_ID))


def test_request_enums_stay_strict(client: ServerlessTraining) -> None:
    with pytest.raises(InvalidParameterError, match="loss_fn"):
        client.training_jobs.create_rl(
            str(uuid.uuid4()),
            trajectory_groups=[{"trajectories": [{"reward": 1.0}]}],
            experimental_config={"loss_fn": "not-a-loss"},
        )
    with pytest.raises(InvalidParameterError, match="order"):
        client.checkpoints.list("m", order="sideways")  # type: ignore[arg-type]


def test_new_optional_response_fields_stay_readable(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    row = {**checkpoint(1, reward=0.5), "created_at": "2026-11-26T00:00:00Z"}
    contract.on(
        "list_model_checkpoints_v1_preview_models__model_id__checkpoints_get",
        Reply(
            body={
                "object": "list",
                "data": [row],
                "first_id": row["id"],
                "last_id": row["id"],
                "has_more": False,
            }
        ),
    )
    [got] = client.checkpoints.list("m")
    assert got["created_at"] == "2026-11-26T00:00:00Z" and "created_at" in got


def test_every_field_reads_by_its_json_name_declared_or_not() -> None:
    """``model["name"]`` is the same whether this SDK's spec declares the field or not, so code
    written against a newer server keeps working when a later spec declares it."""
    from serverless_training.types import CheckpointResponse, TrainingJobEventResponse

    row = {**checkpoint(3, reward=0.5), "note": "late"}
    parsed = CheckpointResponse.from_dict(row)
    assert parsed["step"] == parsed.step == 3 and parsed["id"] == parsed.id
    assert parsed["metrics"]["reward"] == 0.5 and parsed["note"] == "late"
    assert "step" in parsed and "note" in parsed and "missing" not in parsed
    with pytest.raises(KeyError):
        parsed["missing"]
    event = TrainingJobEventResponse.from_dict({"id": row["id"], "type": "gradient_step", "data": {}})
    assert event["type"] == event.type_ == "gradient_step"  # a field named after a builtin too


# -- models that read like the API ---------------------------------------------------------


def test_metrics_are_a_read_only_mapping() -> None:
    fake = FakeAPI()
    model_id = fake.add_model(checkpoints={1: {"reward": 0.5, "loss": 0.25}})
    with fake.client() as client:
        [got] = client.checkpoints.list(model_id)
    metrics = got.metrics
    assert isinstance(metrics, collections.abc.Mapping)
    assert metrics["reward"] == 0.5 and metrics.get("missing") is None and "loss" in metrics
    assert len(metrics) == 2 and dict(metrics) == {"reward": 0.5, "loss": 0.25}
    assert sorted(metrics.items()) == [("loss", 0.25), ("reward", 0.5)] and metrics == {
        "reward": 0.5,
        "loss": 0.25,
    }
    with pytest.raises(TypeError):
        metrics["reward"] = 1.0  # type: ignore[index]
    assert repr(metrics) == "CheckpointResponseMetrics({'reward': 0.5, 'loss': 0.25})"


def test_sft_config_takes_an_integer_batch_size_and_z_times_parse() -> None:
    fake = FakeAPI()
    model_id = fake.add_model()
    with fake.client() as client:
        job = client.training_jobs.create_sft(
            model_id, training_data_url="wandb-artifact:///e/p/d:v0", config={"batch_size": 8}
        )
        assert client.training_jobs.wait(str(job.id)).last_step == 1
        trajectory = {"reward": 1.0, "start_time": "2026-11-26T10:00:00.5Z"}
        client.training_jobs.create_rl(model_id, trajectory_groups=[{"trajectories": [trajectory]}])


def _public_methods() -> list[tuple[str, Any]]:
    client = ServerlessTraining(api_key="k", base_url="http://127.0.0.1:9")
    aclient = AsyncServerlessTraining(api_key="k", base_url="http://127.0.0.1:9")
    owners: list[tuple[str, Any]] = [("ServerlessTraining", client), ("AsyncServerlessTraining", aclient)]
    for owner_name, owner in list(owners):
        for name in ("models", "checkpoints", "training_jobs", "chat"):
            owners.append((f"{owner_name}.{name}", getattr(owner, name)))
        owners.append((f"{owner_name}.chat.completions", owner.chat.completions))
    methods = []
    for owner_name, owner in owners:
        dunders = ("__init__", "__enter__", "__aenter__") if owner in (client, aclient) else ()
        for name, member in inspect.getmembers(type(owner), inspect.isfunction):
            if not name.startswith("_") or name in dunders:
                methods.append((f"{owner_name}.{name}", member))
    return methods


def test_type_hints_resolve_and_name_public_types() -> None:
    # uuid: ids are accepted as the API returns them (uuid.UUID) or as text.
    allowed_modules = (
        "builtins",
        "typing",
        "collections.abc",
        "httpx",
        "types",
        "uuid",
        "serverless_training.",
    )
    public = {getattr(public_types, name) for name in public_types.__all__}
    problems = []
    for name, method in _public_methods():
        hints = typing.get_type_hints(method)  # raises NameError when a name only exists for type checkers
        for hint in hints.values():
            for leaf in _leaves(hint):
                module = getattr(leaf, "__module__", "builtins")
                if module.startswith("serverless_training_raw") and leaf not in public:
                    problems.append(f"{name}: {leaf} is not in serverless_training.types")
                elif not module.startswith(allowed_modules) and not module.startswith(
                    "serverless_training_raw"
                ):
                    problems.append(f"{name}: {leaf} from {module}")
    assert not problems, problems
    assert (
        typing.get_type_hints(ServerlessTraining(api_key="k").checkpoints.list)["order"]
        == typing.Literal["asc", "desc"]
    )


def _leaves(hint: Any) -> list[Any]:
    args = typing.get_args(hint)
    if not args:
        return [] if hint in (None, type(None)) or isinstance(hint, str | int | float | bool) else [hint]
    origin = typing.get_origin(hint)
    found = [] if origin in (typing.Union, types.UnionType, typing.Literal) else [origin]
    return found + [leaf for arg in args for leaf in _leaves(arg)]


# -- templates ----------------------------------------------------------------------------------


@pytest.fixture
def originals(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(check_templates.installed_templates(), copy)
    return copy


def _check(originals: Path, capsys: pytest.CaptureFixture[str], version: str = "0.29.1") -> tuple[int, str]:
    code = check_templates.main(["--originals", str(originals), "--version", version])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_check_templates_passes_on_the_pinned_generator(
    originals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(originals, capsys)
    assert code == 0 and f"{OVERRIDES} overrides match" in out


def test_check_templates_names_a_changed_original(
    originals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = originals / "model.py.jinja"
    model.write_text(model.read_text() + "\n{# upstream changed #}\n")
    code, out = _check(originals, capsys)
    assert code == 1 and "model.py.jinja: derives from openapi-python-client 0.29.1" in out
    assert "endpoint_module.py.jinja" not in out


def test_check_templates_fails_on_another_generator_version(
    originals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(originals, capsys, version="0.30.0")
    assert code == 1 and out.count("installed 0.30.0 original") == OVERRIDES


def test_check_templates_wants_a_header_and_an_original(
    originals: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "templates", overrides)
    (overrides / "str_enum.py.jinja").write_text("from enum import Enum\n")
    (originals / "types.py.jinja").unlink()
    code = check_templates.main(
        ["--overrides", str(overrides), "--originals", str(originals), "--version", "0.29.1"]
    )
    err = capsys.readouterr().err
    assert code == 1 and "str_enum.py.jinja: no derived-from header" in err
    assert "types.py.jinja: openapi-python-client 0.29.1 has no templates/types.py.jinja" in err


def test_httpx_is_the_transport_of_the_seam() -> None:
    from serverless_training_raw.api.models import list_model_checkpoints

    request = list_model_checkpoints.build_request("a/b c", limit=5)
    built = httpx.Request(**{**request.httpx_kwargs(), "url": "https://x" + request.url})
    assert built.url.raw_path == b"/v1/preview/models/a%2Fb%20c/checkpoints?limit=5&order=asc"
    assert list_model_checkpoints.ENDPOINT.success_statuses == frozenset({200})


# -- lazily parsed ids --------------------------------------------------------------------------


def test_ids_behave_as_uuids() -> None:
    import copy
    import pickle

    from serverless_training_raw.types import parse_uuid

    text = "E3E70682-C209-4CAC-A29F-6FBED82C07CD"
    lazy, eager = parse_uuid(text), uuid.UUID(text)
    assert isinstance(lazy, uuid.UUID) and lazy == eager and eager == lazy and hash(lazy) == hash(eager)
    assert str(lazy) == str(eager) and repr(lazy) == repr(eager) and lazy.hex == eager.hex
    assert lazy.version == 4 and sorted([parse_uuid(str(uuid.UUID(int=2))), lazy])[0] == uuid.UUID(int=2)
    assert {lazy: 1}[eager] == 1 and pickle.loads(pickle.dumps(lazy)) == eager == copy.copy(lazy)
    assert parse_uuid("{" + text + "}") == eager  # other spellings are parsed at once
    broken = parse_uuid("zzzzzzzz-c209-4cac-a29f-6fbed82c07cd")
    with pytest.raises(ValueError):
        str(broken)  # the raw package defers the hex check to first use ...


def test_a_malformed_id_in_a_response_is_caught_before_parsing(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    row = {**checkpoint(1), "id": "zzzzzzzz-c209-4cac-a29f-6fbed82c07cd"}  # ... the wrapper checks it first
    contract.on(
        "list_model_checkpoints_v1_preview_models__model_id__checkpoints_get",
        Reply(body={"object": "list", "data": [row], "has_more": False}, off_spec=True),
    )
    with pytest.raises(APIResponseValidationError, match="data/0/id"):
        list(client.checkpoints.list("m"))


def test_a_first_request_loads_only_the_models_it_uses() -> None:
    """Cold start: a resource group loads its own models on first use, not every model of the spec."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom serverless_training.testing import FakeAPI\n"
        "fake = FakeAPI(); model = fake.add_model(checkpoints={1: {'loss': 1.0}})\n"
        "with fake.client() as client: assert [c.step for c in client.checkpoints.list(model)] == [1]\n"
        "models = [m for m in sys.modules if m.startswith('serverless_training_raw.models.')]\n"
        "print(len(models))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) < 20, out
