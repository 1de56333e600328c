"""The serverless-training command line, run against the in-process fake."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from conftest import API_KEY
from PIL import Image
from rich.console import Console
from serverless_training import APIConnectionError
from serverless_training.cli import (
    EXIT_API,
    EXIT_BROKEN_PIPE,
    EXIT_JOB_FAILED,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    _commands,
    _follow,
    _plot,
    _render,
)
from serverless_training.cli._commands import Session, cli
from serverless_training.testing import FakeAPI, ManualClock

CHECKPOINTS = {step: {"reward": step / 10, "loss": 1 / step} for step in range(1, 8)}
CHECKPOINTS[8] = {"loss": 0.1}  # one checkpoint that does not report reward


@pytest.fixture
def fake() -> FakeAPI:
    return FakeAPI()


@pytest.fixture
def model_id(fake: FakeAPI) -> str:
    return fake.add_model(checkpoints=CHECKPOINTS)


def run(fake: FakeAPI, *args: str, input: str | None = None, **options: Any) -> Result:
    """The command line with its client wired to ``fake`` in-process (no socket)."""
    session = Session(make_client=lambda s: fake.client(timeout=s.timeout, **options))
    return CliRunner().invoke(cli, list(args), obj=session, input=input, catch_exceptions=False)


def rl_job(fake: FakeAPI, model_id: str, reward: float = 0.5) -> str:
    with fake.client() as client:
        job = client.training_jobs.create_rl(
            model_id, trajectory_groups=[{"trajectories": [{"reward": reward}]}]
        )
    return str(job.id)


# -- checkpoints list -----------------------------------------------------------------------


def test_list_as_a_table(fake: FakeAPI, model_id: str) -> None:
    result = run(fake, "checkpoints", "list", model_id, "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "8 checkpoint(s)" in result.output and "reward" in result.output and "\x1b[" not in result.output
    assert len(fake.requests) == 3  # every page, 3 at a time


def test_list_as_json_is_one_array_of_id_step_metrics(fake: FakeAPI, model_id: str) -> None:
    result = run(fake, "checkpoints", "list", model_id, "--format", "json", "--limit", "5")
    rows = json.loads(result.output)
    assert [row["step"] for row in rows] == list(range(1, 9))
    assert set(rows[0]) == {"id", "step", "metrics"} and rows[0]["metrics"] == CHECKPOINTS[1]
    uuid.UUID(rows[0]["id"])


def test_list_as_jsonl_csv_and_the_paging_options(fake: FakeAPI, model_id: str) -> None:
    lines = run(
        fake, "checkpoints", "list", model_id, "--format", "jsonl", "--order", "desc", "--max-items", "2"
    )
    assert [json.loads(line)["step"] for line in lines.output.splitlines()] == [8, 7]
    table = list(
        csv.reader(io.StringIO(run(fake, "checkpoints", "list", model_id, "--format", "csv").output))
    )
    assert table[0] == ["id", "step", "loss", "reward"] and len(table) == 9
    assert table[-1][1:] == ["8", "0.1", ""]  # no reward: an empty cell
    first = json.loads(
        run(fake, "checkpoints", "list", model_id, "--format", "json", "--max-items", "1").output
    )
    after = run(fake, "checkpoints", "list", model_id, "--format", "jsonl", "--after", first[0]["id"])
    assert json.loads(after.output.splitlines()[0])["step"] == 2
    empty = run(fake, "checkpoints", "list", fake.add_model(name="empty"), "--format", "json")
    assert json.loads(empty.output) == []


# -- checkpoints plot -------------------------------------------------------------------------


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every figure the plot command saves, to check what it plots, not only the file."""
    saved: list[Any] = []
    original = _plot.save

    def save(fig: Any, path: str) -> None:
        saved.append(fig)
        original(fig, path)

    monkeypatch.setattr(_plot, "save", save)
    return saved


def test_plot_writes_a_png_with_one_point_per_checkpoint(
    fake: FakeAPI, model_id: str, tmp_path: Path, figures: list[Any]
) -> None:
    out = tmp_path / "metrics.png"
    result = run(fake, "checkpoints", "plot", model_id, "-o", str(out), "--size", "800x600")
    assert result.exit_code == 0, result.output
    with Image.open(out) as image:
        image.load()
        assert image.format == "PNG" and image.size == (800, 600)
    [fig] = figures
    panels = {ax.get_ylabel(): ax for ax in fig.axes}
    assert set(panels) == {"loss", "reward"}
    loss_line = panels["loss"].lines[0]
    assert list(loss_line.get_xdata()) == list(range(1, 9))  # every checkpoint reports loss
    assert list(panels["reward"].lines[0].get_xdata()) == list(range(1, 8))
    assert "best checkpoint: step 7 (highest reward: 0.7)" in fig.axes[0].get_title()
    assert fig.axes[-1].get_xlabel() == "training step" and model_id in fig.get_suptitle()


def test_plot_one_metric_as_svg_best_by_the_lowest_loss(
    fake: FakeAPI, model_id: str, tmp_path: Path, figures: list[Any]
) -> None:
    out = tmp_path / "loss.svg"
    result = run(
        fake, "checkpoints", "plot", model_id, "--metric", "loss", "--best-by", "loss", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().lstrip().startswith("<?xml") and "<svg" in out.read_text()
    [fig] = figures
    assert len(fig.axes) == 1 and "step 8 (lowest loss: 0.1)" in fig.axes[0].get_title()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metric", "accuracy"], "no checkpoint reports 'accuracy'"),
        (["--size", "huge"], "WIDTHxHEIGHT"),
        (["-o", "plot.gif"], ".png or .svg"),
    ],
)
def test_plot_refuses_what_it_cannot_draw(
    fake: FakeAPI, model_id: str, tmp_path: Path, args: list[str], message: str
) -> None:
    argv = ["checkpoints", "plot", model_id, *args]
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "x.png")]
    result = run(fake, *argv)
    assert result.exit_code == EXIT_USAGE and message in result.output


def test_plot_without_matplotlib_says_what_to_install(
    fake: FakeAPI, model_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    result = run(fake, "checkpoints", "plot", model_id, "-o", str(tmp_path / "x.png"))
    assert result.exit_code == EXIT_USAGE and "pip install 'serverless-training[plot]'" in result.output
    assert not (tmp_path / "x.png").exists()


def test_best_is_the_minimum_for_loss_like_names() -> None:
    assert _plot.lower_is_better("val/loss", ()) and _plot.lower_is_better("kl_div", ())
    assert not _plot.lower_is_better("reward", ()) and _plot.lower_is_better("reward", ("reward",))
    assert (
        _plot.best_index([3.0, 1.0, 1.0], lower=True) == 1 and _plot.best_index([1.0, 3.0], lower=False) == 1
    )


# -- prune and delete ----------------------------------------------------------------------------


def test_prune_without_yes_deletes_nothing(fake: FakeAPI, model_id: str) -> None:
    result = run(
        fake, "checkpoints", "prune", model_id, "--keep-latest", "2", "--keep-best", "1", "--metric", "reward"
    )
    assert result.exit_code == 0, result.output
    assert "dry run: 6 checkpoint(s) would be deleted; pass --yes" in result.output
    assert fake.checkpoint_steps(model_id) == list(range(1, 9))
    assert not any(op == "delete_model_checkpoints" for op, _ in fake.requests)


def test_prune_with_yes_deletes_the_plan(fake: FakeAPI, model_id: str) -> None:
    result = run(
        fake,
        "checkpoints",
        "prune",
        model_id,
        "--keep-latest",
        "2",
        "--keep-best",
        "1",
        "--metric",
        "loss",
        "--lower-is-better",
        "--yes",
    )
    assert result.exit_code == 0, result.output
    assert "deleted 6 checkpoint(s)" in result.output and fake.checkpoint_steps(model_id) == [7, 8]


def test_prune_as_json_is_the_plan_a_script_reads(fake: FakeAPI, model_id: str) -> None:
    args = ("checkpoints", "prune", model_id, "--keep-latest", "2", "--keep-best", "1", "--metric", "reward")
    planned = run(fake, *args, "--format", "json")
    assert planned.exit_code == 0, planned.output
    plan = json.loads(planned.output)
    assert plan["dry_run"] is True and plan["not_found_steps"] == [] and plan["warnings"] == []
    kept, deleted = [c["step"] for c in plan["kept"]], [c["step"] for c in plan["deleted"]]
    assert sorted(kept + deleted) == list(range(1, 9)) and len(deleted) == 6
    assert {"id", "step", "metrics"} <= plan["kept"][0].keys()
    assert fake.checkpoint_steps(model_id) == list(range(1, 9))  # a dry run
    done = json.loads(run(fake, *args, "--format", "json", "--yes").output)
    assert done["dry_run"] is False and [c["step"] for c in done["deleted"]] == deleted
    assert fake.checkpoint_steps(model_id) == sorted(kept)


def test_prune_refuses_an_unreported_metric(fake: FakeAPI, model_id: str) -> None:
    result = run(
        fake, "checkpoints", "prune", model_id, "--keep-latest", "1", "--keep-best", "1", "--metric", "acc"
    )
    assert result.exit_code == EXIT_USAGE and "no checkpoint reports 'acc'" in result.output
    assert fake.checkpoint_steps(model_id) == list(range(1, 9))


def test_delete_steps_needs_yes_and_a_partial_delete_fails(fake: FakeAPI, model_id: str) -> None:
    refused = run(fake, "checkpoints", "delete", model_id, "--step", "1")  # stdin is not a terminal here
    assert refused.exit_code == EXIT_USAGE and "--yes" in refused.output
    assert fake.checkpoint_steps(model_id) == list(range(1, 9))  # nothing deleted
    result = run(fake, "checkpoints", "delete", model_id, "--step", "1", "--step", "99", "--yes")
    assert result.exit_code == EXIT_API, result.output
    assert "deleted 1 checkpoint(s)" in result.output and "not found: step(s) 99" in result.output
    assert fake.checkpoint_steps(model_id) == list(range(2, 9))


def test_delete_steps_confirms_on_a_terminal(
    fake: FakeAPI, model_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_commands, "stdin_is_terminal", lambda: True)
    declined = run(fake, "checkpoints", "delete", model_id, "--step", "1", input="n\n")
    assert declined.exit_code == 130 and fake.checkpoint_steps(model_id) == list(range(1, 9))
    accepted = run(fake, "checkpoints", "delete", model_id, "--step", "1", input="y\n")
    assert accepted.exit_code == 0 and fake.checkpoint_steps(model_id) == list(range(2, 9))


def test_an_api_error_is_one_line_with_the_apis_detail_and_a_hint(fake: FakeAPI) -> None:
    result = run(fake, "checkpoints", "list", "m" * 300)  # the API's detail names the id: too long a line
    assert result.exit_code == EXIT_API
    (line,) = result.output.strip().splitlines()
    assert len(line) <= _commands.ERROR_LINE, line
    assert line.startswith("error: 404 Not Found: ") and "mmm" in line and "check the model id" in line


@pytest.mark.parametrize("stop", [KeyboardInterrupt(), "connection"])
def test_a_wait_that_stops_says_the_job_keeps_running_and_how_to_follow_it(
    fake: FakeAPI, monkeypatch: pytest.MonkeyPatch, stop: object
) -> None:
    def stopped(*args: Any, **kwargs: Any) -> None:
        if isinstance(stop, BaseException):
            raise stop
        raise APIConnectionError(request=httpx.Request("GET", "https://api.example/v1/x"))

    monkeypatch.setattr(_follow, "wait", stopped)
    result = run(fake, "jobs", "wait", "job-7")
    assert result.exit_code == (130 if isinstance(stop, BaseException) else EXIT_API)
    assert "training job job-7 keeps running" in result.output
    assert "serverless-training jobs wait job-7" in result.output
    assert all(len(line) <= _commands.ERROR_LINE for line in result.output.splitlines())


# -- models ------------------------------------------------------------------------------------


def test_models_create_prints_json_and_delete_asks_first(fake: FakeAPI) -> None:
    created = run(fake, "models", "create", "--project", "p", "--name", "m", "--base-model", "Qwen/Qwen3-8B")
    model = json.loads(created.output)
    assert model["name"] == "m" and model["base_model"] == "Qwen/Qwen3-8B"
    refused = run(fake, "models", "delete", model["id"])  # stdin is not a terminal here
    assert refused.exit_code == EXIT_USAGE and "--yes" in refused.output
    deleted = run(fake, "models", "delete", model["id"], "--yes")
    assert deleted.exit_code == 0 and f"deleted model {model['id']}" in deleted.output


def test_models_delete_confirms_on_a_terminal(
    fake: FakeAPI, model_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_commands, "stdin_is_terminal", lambda: True)
    declined = run(fake, "models", "delete", model_id, input="n\n")
    assert declined.exit_code == 130 and fake.checkpoint_steps(model_id)
    accepted = run(fake, "models", "delete", model_id, input="y\n")
    assert accepted.exit_code == 0 and fake.checkpoint_steps(model_id) == []


# -- jobs -----------------------------------------------------------------------------------------


def test_jobs_get_events_and_wait(fake: FakeAPI, model_id: str) -> None:
    job = rl_job(fake, model_id, reward=0.75)
    assert json.loads(run(fake, "jobs", "get", job).output) == {"id": job}
    events = run(fake, "jobs", "events", job).output.splitlines()
    assert [line.split()[0] for line in events] == ["training_started", "gradient_step", "training_ended"]
    assert "reward=0.75" in events[1]
    records = [
        json.loads(line) for line in run(fake, "jobs", "events", job, "--format", "jsonl").output.splitlines()
    ]
    assert records[1]["type"] == "gradient_step" and records[1]["data"]["metrics"]["reward"] == 0.75
    waited = run(fake, "jobs", "wait", job)
    assert waited.exit_code == 0 and f"job {job} ended at step 9 (3 events) reward=0.75" in waited.output
    followed = run(fake, "jobs", "events", job, "--follow")
    assert followed.exit_code == 0 and followed.output.count("\n") == 3


def test_jobs_wait_exits_1_with_the_failure_on_stderr(fake: FakeAPI, model_id: str) -> None:
    fake.faults.fail_jobs(message="CUDA out of memory")
    job = rl_job(fake, model_id)
    result = run(fake, "jobs", "wait", job)
    assert result.exit_code == EXIT_JOB_FAILED
    assert result.stderr.strip() == f"error: training job {job} failed: CUDA out of memory"
    assert run(fake, "jobs", "events", job, "--follow").exit_code == EXIT_JOB_FAILED


def test_jobs_wait_exits_4_on_timeout() -> None:
    fake = FakeAPI(clock=ManualClock(), job_seconds=60)  # the clock never moves: the job never ends
    job = rl_job(fake, fake.add_model())
    result = run(fake, "jobs", "wait", job, "--timeout", "0.2", "--poll-interval", "0.05")
    assert result.exit_code == EXIT_TIMEOUT and "did not end within 0.2s" in result.stderr


def test_the_live_view_on_a_terminal(fake: FakeAPI, model_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(_follow, "console", lambda: Console(file=screen, force_terminal=True, width=100))
    job = rl_job(fake, model_id, reward=0.25)
    result = run(fake, "jobs", "wait", job)
    assert result.exit_code == 0 and "ended at step 9" in result.output
    drawn = screen.getvalue()
    assert "status" in drawn and "ended" in drawn and "reward=0.25" in drawn


def test_the_job_view_tracks_step_metrics_and_recent_events(fake: FakeAPI, model_id: str) -> None:
    job = rl_job(fake, model_id, reward=0.5)
    view = _follow.JobView(job)
    with fake.client() as client:
        for event in client.training_jobs.events(job):
            view(event)
    assert (view.events, view.step, view.status) == (3, 9, "ended") and view.metrics["reward"] == 0.5
    out = Console(file=io.StringIO(), width=120, record=True)
    out.print(view)
    text = out.export_text()
    assert job in text and "training_ended" in text and "reward=0.5" in text


# -- chat, health, errors --------------------------------------------------------------------


def test_chat_and_health(fake: FakeAPI) -> None:
    assert run(fake, "chat", "p/m", "What is 2+2?").output == "[p/m] You said: What is 2+2?\n"
    assert run(fake, "chat", "p/m", "What is 2+2?", "--no-stream").output == "[p/m] You said: What is 2+2?\n"
    whole = json.loads(run(fake, "chat", "p/m", "What is 2+2?", "--format", "json").output)
    assert whole["choices"][0]["message"]["content"] == "[p/m] You said: What is 2+2?"
    streamed = [request for request in fake.requests if request[0] == "create_chat_completion"]
    assert len(streamed) == 3
    assert run(fake, "chat", "p/m", "hi", "--system", "be brief").exit_code == 0
    assert json.loads(run(fake, "health").output) == {"status": "ok"}
    assert json.loads(run(fake, "health", "--system").output)["database"] is True


def test_api_errors_are_one_line_with_the_next_step(fake: FakeAPI) -> None:
    result = run(fake, "jobs", "get", str(uuid.UUID(int=5)))
    assert result.exit_code == EXIT_API
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "404" in lines[0] and "check the job id" in lines[0]
    unknown_model = run(fake, "checkpoints", "list", str(uuid.UUID(int=6))).stderr
    assert "check the model id" in unknown_model and "checkpoints list" not in unknown_model
    fake.faults.server_errors(times=3, status=503)
    assert "try again" in run(fake, "health", max_retries=0).stderr


def test_debug_shows_the_traceback(fake: FakeAPI) -> None:
    result = run(fake, "--debug", "jobs", "get", str(uuid.UUID(int=5)))
    assert result.exit_code == EXIT_API and "Traceback" in result.stderr


def test_a_wrong_key_is_never_printed(fake: FakeAPI) -> None:
    secret = "wandb-secret-key-1234567890"
    result = run(fake, "health", "--system", api_key=secret)
    assert result.exit_code == 0  # health needs no key
    fake.faults.rate_limit(times=1, retry_after=0)
    result = run(fake, "checkpoints", "list", "m", api_key=secret, max_retries=0)
    assert result.exit_code == EXIT_API and "rate limiting" in result.stderr
    bad = run(fake, "jobs", "get", "j", api_key=secret)
    assert (
        bad.exit_code == EXIT_API and "check the key" in bad.stderr and secret not in bad.output + bad.stderr
    )


def test_usage_errors_exit_2(fake: FakeAPI) -> None:
    assert run(fake, "checkpoints", "list", "m", "--limit", "500").exit_code == EXIT_USAGE
    assert run(fake, "checkpoints", "list").exit_code == EXIT_USAGE
    assert run(fake, "checkpoints", "delete", "m").exit_code == EXIT_USAGE  # no --step


def test_no_api_key_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["health"], obj=Session())
    assert (
        result.exit_code == EXIT_USAGE
        and "pass --api-key" in result.stderr
        and "api_key=" not in result.stderr
    )


PYTHON_NAMES = ("allow_insecure_http", "api_key", "base_url", "keep_best", "keep_latest", "after=")


def test_cli_messages_name_cli_flags_not_python_arguments(fake: FakeAPI) -> None:
    def says(result: Result, *words: str) -> None:
        message = result.stderr
        assert all(word in message for word in words), message
        assert not any(name in message for name in PYTHON_NAMES), message

    insecure = CliRunner().invoke(
        cli, ["--base-url", "http://api.example.invalid", "--api-key", "k", "health"], obj=Session()
    )
    says(insecure, "--allow-insecure-http")
    assert insecure.exit_code == EXIT_USAGE
    model = fake.add_model(checkpoints={1: {"reward": 0.5}, 2: {"reward": 0.6}})
    says(
        run(fake, "checkpoints", "prune", model, "--keep-latest", "1", "--keep-best", "1"),
        "--keep-best",
        "--metric",
    )
    fake.add_model(name="taken", project="p")
    taken = run(fake, "models", "create", "--project", "p", "--name", "taken", "--base-model", "b")
    says(taken, "--return-existing")
    assert taken.exit_code == EXIT_API


def test_jobs_wait_timeout_names_the_command_to_follow_again(fake: FakeAPI) -> None:
    clock = ManualClock()
    slow = FakeAPI(clock=clock, job_seconds=600)
    model = slow.add_model()
    job = rl_job(slow, model)
    result = run(slow, "jobs", "wait", job, "--timeout", "0.2", "--poll-interval", "0.05")
    assert result.exit_code == EXIT_TIMEOUT
    assert f"serverless-training jobs wait {job}" in result.stderr and "after=" not in result.stderr


def test_the_insecure_http_flag_reaches_the_client() -> None:
    session = Session(base_url="http://api.example.invalid", api_key="k", allow_insecure_http=True)
    assert session.client().base_url == "http://api.example.invalid"
    session.close()


def test_checkpoint_ids_are_whole_at_80_columns(fake: FakeAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    metrics = {f"a_long_metric_name_{i}": 0.123456 for i in range(6)}
    model = fake.add_model(checkpoints={step: metrics for step in range(1, 4)})
    result = run(fake, "checkpoints", "list", model)
    with fake.client() as client:
        ids = [str(c.id) for c in client.checkpoints.list(model)]
    assert all(checkpoint_id in result.output for checkpoint_id in ids), result.output
    assert max(len(line) for line in result.output.splitlines() if line.startswith(("│", "┃"))) <= 80
    assert "not shown for width: " in result.output and "a_long_metric_name_5" in result.output


def test_event_lines_carry_no_time_the_api_did_not_give(fake: FakeAPI, model_id: str) -> None:
    job = rl_job(fake, model_id)
    lines = run(fake, "jobs", "events", job).output.splitlines()
    assert lines[0].startswith("training_started") and not any(":" in line.split()[0] for line in lines)


def test_version(fake: FakeAPI) -> None:
    from serverless_training import __version__

    assert run(fake, "--version").output.strip() == f"serverless-training, version {__version__}"


# -- installation and start-up ----------------------------------------------------------------------


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_without_the_cli_extra_it_says_what_to_install() -> None:
    proc = _python(
        "import sys; sys.modules['click'] = None\n"
        "from serverless_training.cli import main\nsys.exit(main(['--help']))"
    )
    assert proc.returncode == EXIT_USAGE
    assert "pip install 'serverless-training[cli]'" in proc.stderr and "Traceback" not in proc.stderr


def test_help_imports_no_plotting_and_no_models() -> None:
    proc = _python(
        "import sys, contextlib, io\nfrom serverless_training.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): code = main(['--help'])\n"
        "heavy = ('matplotlib', 'serverless_training_raw.models')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    assert proc.stdout.strip() == "0 []", proc.stderr


def test_python_dash_m_runs_the_command_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "serverless_training", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("serverless-training, version")


@pytest.fixture
def served(fake: FakeAPI) -> Iterator[str]:
    with fake.serve() as server:
        yield server.base_url


def test_the_console_script_against_a_served_fake(fake: FakeAPI, model_id: str, served: str) -> None:
    script = Path(sys.executable).with_name("serverless-training")
    env = {"WANDB_API_KEY": fake.api_key, "SERVERLESS_TRAINING_BASE_URL": served, "PATH": str(script.parent)}
    proc = subprocess.run(
        [str(script), "checkpoints", "list", model_id, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 8


def test_checkpoint_rows_are_plain_data(fake: FakeAPI, model_id: str) -> None:
    with fake.client() as client:
        first = next(iter(client.checkpoints.list(model_id)))
    row = _render.checkpoint_row(first)
    assert json.loads(json.dumps(row)) == row


def test_the_docs_plot_is_drawn_by_the_command(tmp_path: Path) -> None:
    import docs_plot

    out = tmp_path / "checkpoints.png"
    assert docs_plot.main([str(out)]) == 0
    with Image.open(out) as fresh, Image.open(docs_plot.OUTPUT) as committed:
        assert fresh.size == committed.size == (900, 560)
    root = Path(__file__).resolve().parent.parent
    assert "](../assets/checkpoints.png)" in (root / "docs" / "guides" / "cli.md").read_text(encoding="utf-8")
    # The README is the package index's page too: its image is an absolute link.
    assert "/main/docs/assets/checkpoints.png)" in (root / "README.md").read_text(encoding="utf-8")


def test_server_strings_are_printed_as_they_are_not_as_markup(fake: FakeAPI) -> None:
    """Metric names come from the server: ``reward[val]`` is a name, ``loss[/val]`` no style tag."""
    model = fake.add_model(checkpoints={1: {"reward[val]": 0.5, "reward[train]": 0.25, "loss[/val]": 0.1}})
    result = run(fake, "checkpoints", "list", model)
    assert result.exit_code == 0, result.output
    for name in ("reward[val]", "reward[train]", "loss[/val]"):
        assert name in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_a_reader_that_goes_away_ends_the_command_with_the_broken_pipe_status(
    fake: FakeAPI, served: str, fmt: str
) -> None:
    # More than a pipe holds (64 KiB): the command is still writing when the reader has gone.
    model = fake.add_model(checkpoints={step: {"reward": step / 2000} for step in range(1, 2001)})
    script = Path(sys.executable).with_name("serverless-training")
    env = {"WANDB_API_KEY": fake.api_key, "SERVERLESS_TRAINING_BASE_URL": served, "PATH": str(script.parent)}
    lister = subprocess.Popen(
        [str(script), "checkpoints", "list", model, "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert lister.stdout is not None and lister.stderr is not None
    first = lister.stdout.readline()  # `| head -1`
    assert json.loads(first)["step"] == 1 if fmt == "jsonl" else first.strip()
    lister.stdout.close()
    assert lister.wait(timeout=60) == EXIT_BROKEN_PIPE
    with lister.stderr:
        assert lister.stderr.read() == b""  # quietly


def test_chat_prints_the_answer_as_it_streams(raw_server: Callable[..., str]) -> None:
    """The first words reach stdout while the server still holds the rest back."""
    first_words_seen = threading.Event()

    def event(content: str) -> bytes:
        chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
        chunk["choices"] = [{"index": 0, "delta": {"content": content}, "finish_reason": None}]
        data = b"data: " + json.dumps(chunk).encode() + b"\n\n"
        return b"%x\r\n%s\r\n" % (len(data), data)

    def stream(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        conn.sendall(event("Hello "))
        first_words_seen.wait(10)  # only once the reader has printed them
        done = b"data: [DONE]\n\n"
        conn.sendall(event("world") + b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
        while conn.recv(65536):  # until the client hangs up: a close with unread bytes resets
            pass

    script = Path(sys.executable).with_name("serverless-training")
    env = {
        "WANDB_API_KEY": API_KEY,
        "SERVERLESS_TRAINING_BASE_URL": raw_server(stream),
        "PATH": str(script.parent),
    }
    chat = subprocess.Popen([str(script), "chat", "m", "hi"], stdout=subprocess.PIPE, env=env)
    assert chat.stdout is not None
    with chat.stdout:
        assert chat.stdout.read(6) == b"Hello "
        first_words_seen.set()
        assert chat.stdout.read() == b"world\n"
    assert chat.wait(timeout=30) == 0


def test_the_root_help_fits_80_columns_and_names_every_exit_code() -> None:
    from serverless_training import cli as package

    result = CliRunner().invoke(cli, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 80, result.output
    codes = [package.EXIT_JOB_FAILED, package.EXIT_USAGE, package.EXIT_API, package.EXIT_TIMEOUT]
    for code in (0, *codes, package.EXIT_INTERRUPTED, package.EXIT_BROKEN_PIPE):
        assert f"{code} " in result.output.split("Exit codes:")[1]
