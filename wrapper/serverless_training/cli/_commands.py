"""The commands: each builds one client from the global options and prints for people or scripts.

matplotlib (the ``[plot]`` extra) is imported by the one command that plots.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

import attrs
import click

from .. import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    InvalidParameterError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerlessTrainingError,
    TrainingJobFailedError,
    TrainingJobTimeoutError,
    __version__,
)
from .._chat import ChatCompletion
from .._client import ServerlessTraining
from .._errors import validation_items
from .._params import ORDERS, Order
from . import (
    EXIT_API,
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_JOB_FAILED,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    _follow,
    _plot,
    _render,
)
from ._operations import add_operation_commands

__all__ = ["Session", "cli", "run"]

FORMATS = ("table", "json", "jsonl", "csv")


@attrs.define
class Session:
    """The global options; ``client()`` builds the one client a command uses.

    ``make_client`` replaces how the client is built (tests wire it to ``FakeAPI``).
    """

    base_url: str | None = None
    api_key: str | None = None
    timeout: float | None = None
    allow_insecure_http: bool = False
    debug: bool = False
    make_client: Callable[[Session], ServerlessTraining] | None = None
    _client: ServerlessTraining | None = attrs.field(default=None, alias="_client")

    def client(self) -> ServerlessTraining:
        if self._client is None:
            if self.make_client is not None:
                self._client = self.make_client(self)
            else:
                self._client = ServerlessTraining(
                    api_key=self.api_key,
                    base_url=self.base_url,
                    timeout=self.timeout,
                    allow_insecure_http=self.allow_insecure_http,
                )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


Hint = tuple[Callable[[ServerlessTrainingError, str], bool], str]
_HINTS: tuple[Hint, ...] = (  # (applies to the error and its request path, the hint), first match wins
    (
        lambda exc, _: isinstance(exc, AuthenticationError | PermissionDeniedError),
        "check the key: --api-key, $WANDB_API_KEY or ~/.netrc (wandb login)",
    ),
    (
        lambda exc, path: isinstance(exc, NotFoundError) and "/training-jobs/" in path,
        "check the job id (the `id` a job was created with)",
    ),
    (
        lambda exc, _: isinstance(exc, NotFoundError),
        "check the model id (the `id` that `serverless-training models create` prints)",
    ),
    (
        lambda exc, path: isinstance(exc, ConflictError) and path.endswith("/models"),
        "a model of that name exists; add --return-existing to use it",
    ),
    (lambda exc, _: isinstance(exc, RateLimitError), "the service is rate limiting; try again later"),
    (
        lambda exc, _: isinstance(exc, APITimeoutError),
        "the server did not answer in time; raise --timeout or try again",
    ),
    (lambda exc, _: isinstance(exc, APIConnectionError), "check --base-url and your network"),
    (
        lambda exc, _: isinstance(exc, APIStatusError) and exc.status_code >= 500,
        "the service failed; try again, and report it if it persists",
    ),
)


def _hint(exc: ServerlessTrainingError) -> str:
    """The next step for the person at the terminal, in the command line's own words."""
    request = exc.request if isinstance(exc, APIStatusError | APIConnectionError) else None
    path = request.url.path if request is not None else ""
    return next(
        (hint for applies, hint in _HINTS if applies(exc, path)), "run again with --debug for the details"
    )


# The SDK's words for what the command line calls by its flags (its messages name Python arguments).
_FLAGS = {
    "allow_insecure_http=True": "--allow-insecure-http",
    "api_key=...": "--api-key",
    "api_key": "--api-key",
    "base_url": "--base-url",
    "timeout": "--timeout",
    "keep_latest": "--keep-latest",
    "keep_best": "--keep-best",
    "max_items": "--max-items",
    "poll_interval": "--poll-interval",
}
_PYTHON_WORDS = re.compile(
    "|".join(re.escape(word) + r"\b" if word[-1].isalnum() else re.escape(word) for word in _FLAGS)
)


def in_cli_words(message: str) -> str:
    """``message`` with the Python argument names it mentions replaced by the command's flags."""
    return _PYTHON_WORDS.sub(lambda match: _FLAGS[match.group(0)], message)


class APIAnswerError(click.ClickException):
    """The API answered, but not with something this command can show."""

    exit_code = EXIT_API


ERROR_LINE = 120  # an error is one line of at most this many characters, "error: " included


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _api_detail(body: Any) -> str:
    """The API's own words in an error body: FastAPI's ``detail`` (text, or the first of its
    validation items), else the body as compact JSON."""
    items = validation_items(body)
    if items:
        where = ".".join(str(part) for part in items[0].loc if part != "body")
        detail: Any = f"{where}: {items[0].msg}" if where else items[0].msg
    else:
        detail = body.get("detail", body) if isinstance(body, dict) else body
    text = detail if isinstance(detail, str) else json.dumps(detail, separators=(",", ":"), default=str)
    return " ".join(text.split())


def error_line(exc: ServerlessTrainingError) -> str:
    """``exc`` as one line: what failed, the API's detail cut to fit, and the next step."""
    hint = f" ({_hint(exc)})"
    if isinstance(exc, APIStatusError):
        what = f"{exc.status_code} {exc.response.reason_phrase}"
        detail = _api_detail(exc.body)
        head = f"{what}: {detail}" if detail else what
    else:
        head = " ".join(exc.message.split())
    room = ERROR_LINE - len("error: ") - len(hint)
    if len(head) > room:
        head = head[: room - 3].rstrip() + "..."
    return head + hint


def follow_again(job_id: str) -> str:
    """What to say when the command stops following a job that has not ended."""
    return f"training job {job_id} keeps running; follow it again: serverless-training jobs wait {job_id}"


class _Main(click.Group):
    """Turns every SDK error into one line on stderr and its documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        session: Session = ctx.ensure_object(Session)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except (KeyboardInterrupt, click.Abort):
            _fail("interrupted", EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`| head -1`): end quietly with the status shell tools give
            # (click would say 1, "the training job failed"); stdout goes to /dev/null so Python
            # does not complain again when it flushes at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except ServerlessTrainingError as exc:
            if session.debug:
                traceback.print_exc()
            if isinstance(exc, TrainingJobFailedError):
                _fail(f"training job {exc.job_id} failed: {exc.message}", EXIT_JOB_FAILED)
            if isinstance(exc, TrainingJobTimeoutError):
                again = f"`serverless-training jobs wait {exc.job_id}` follows it again"
                seen = f"{exc.events_seen} event{'' if exc.events_seen == 1 else 's'} seen"
                _fail(
                    f"training job {exc.job_id} did not end within {exc.timeout:g}s ({seen}); "
                    f"it keeps running: {again}",
                    EXIT_TIMEOUT,
                )
            if isinstance(exc, InvalidParameterError | ConfigurationError):
                _fail(in_cli_words(str(exc)), EXIT_USAGE)
            _fail(error_line(exc), EXIT_API)
        finally:
            session.close()


EPILOG = """\b
Exit codes: 0 success; 1 the training job failed; 2 usage (bad option,
no API key, missing extra); 3 the API or network failed; 4 jobs wait
--timeout passed; 130 interrupted; 141 the output's reader went away.
"""


@click.group(
    cls=_Main,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--base-url", envvar="SERVERLESS_TRAINING_BASE_URL", help="API root (default: production).")
@click.option("--api-key", help="API key (default: $WANDB_API_KEY, then ~/.netrc).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Seconds per request attempt.")
@click.option(
    "--allow-insecure-http", is_flag=True, help="Allow a plain http:// --base-url that is not this machine."
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(__version__, prog_name="serverless-training")
@click.pass_context
def cli(  # noqa: PLR0917 - one argument per global option, as click passes them
    ctx: click.Context,
    base_url: str | None,
    api_key: str | None,
    timeout: float | None,
    allow_insecure_http: bool,
    debug: bool,
) -> None:
    """Check on training jobs, pick and prune checkpoints, plot metrics: the W&B Serverless Training API."""
    session = ctx.ensure_object(Session)
    session.base_url, session.api_key, session.timeout, session.debug = base_url, api_key, timeout, debug
    session.allow_insecure_http = allow_insecure_http
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


def stdin_is_terminal() -> bool:
    """Whether a person can answer a prompt."""
    return sys.stdin.isatty()


def _session() -> Session:
    session: Session = click.get_current_context().find_object(Session)  # type: ignore[assignment]
    return session


# -- checkpoints ----------------------------------------------------------------------------


@cli.group()
def checkpoints() -> None:
    """List, plot, prune and delete a model's checkpoints."""


@checkpoints.command("list")
@click.argument("model_id")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Page size (default: the largest the API allows).",
)
@click.option("--order", type=click.Choice(ORDERS), default="asc", show_default=True)
@click.option("--after", help="Resume after this checkpoint id.")
@click.option("--max-items", type=click.IntRange(min=1), help="Stop after this many.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def checkpoints_list(
    *, model_id: str, limit: int | None, order: Order, after: str | None, max_items: int | None, fmt: str
) -> None:
    """Every checkpoint of MODEL_ID, page by page. json is one array of {id, step, metrics}; jsonl one
    object per line (both streamed); csv has id, step and one column per metric."""
    pages = (
        _session()
        .client()
        .checkpoints.list(model_id, limit=limit, order=order, after=after, max_items=max_items)
    )
    rows = (_render.checkpoint_row(c) for c in pages)
    if fmt == "json":
        _render.write_json_array(rows)
    elif fmt == "jsonl":
        _render.write_jsonl(rows)
    elif fmt == "csv":
        _render.write_csv(list(rows))
    else:
        _render.print_checkpoints(list(rows), title=f"Checkpoints of model {model_id}")


@checkpoints.command("plot")
@click.argument("model_id")
@click.option("--metric", "metrics", multiple=True, help="A metric to plot (repeat; default: all reported).")
@click.option(
    "--best-by", help="The metric that picks the best checkpoint (default: reward, else the first)."
)
@click.option(
    "--lower-is-better", "lower", multiple=True, help="This metric is best at its minimum (repeat)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    required=True,
    help="FILE.png or FILE.svg",
)
@click.option("--size", default="1000x700", show_default=True, help="Image size in pixels, WIDTHxHEIGHT.")
def checkpoints_plot(
    *,
    model_id: str,
    metrics: tuple[str, ...],
    best_by: str | None,
    lower: tuple[str, ...],
    output: str,
    size: str,
) -> None:
    """Plot metrics over training steps, one panel per metric, with the best checkpoint marked.

    Metrics named like a loss or an error are best at their minimum, others at their maximum.
    """
    width, height = _plot.parse_size(size)
    _plot.check_output(output)
    rows = [_render.checkpoint_row(c) for c in _session().client().checkpoints.list(model_id)]
    figure = _plot.figure(
        rows,
        title=f"Checkpoints of model {model_id}",
        metrics=metrics,
        best_by=best_by,
        lower=lower,
        width=width,
        height=height,
    )
    _plot.save(figure, output)
    click.echo(f"wrote {output} ({len(rows)} checkpoints)", err=True)


@checkpoints.command("prune")
@click.argument("model_id")
@click.option("--keep-latest", type=click.IntRange(min=0), required=True, help="Keep the newest N.")
@click.option(
    "--keep-best", type=click.IntRange(min=0), default=0, show_default=True, help="Also keep the best N."
)
@click.option("--metric", help="The metric --keep-best ranks by.")
@click.option("--lower-is-better", is_flag=True, help="Rank --metric ascending (a loss).")
@click.option("--yes", is_flag=True, help="Delete. Without it this is a dry run.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def checkpoints_prune(
    *,
    model_id: str,
    keep_latest: int,
    keep_best: int,
    metric: str | None,
    lower_is_better: bool,
    yes: bool,
    fmt: str,
) -> None:
    """Show which checkpoints would be kept and deleted; delete them only with --yes. json is one
    object: dry_run, kept and deleted ({id, step, metrics} each), not_found_steps, warnings."""
    if keep_best and not metric:
        raise click.UsageError("--keep-best needs --metric, the metric to rank checkpoints by")
    result = (
        _session()
        .client()
        .checkpoints.prune(
            model_id,
            keep_latest=keep_latest,
            keep_best=keep_best,
            metric=metric,
            higher_is_better=not lower_is_better,
            dry_run=not yes,
        )
    )
    if fmt == "json":
        _render.write_json(_render.prune_summary(result))
    else:
        _render.print_prune(result)


@checkpoints.command("delete")
@click.argument("model_id")
@click.option("--step", "steps", type=int, multiple=True, required=True, help="A step to delete (repeat).")
@click.option("--yes", is_flag=True, help="Delete without asking (needed when not on a terminal).")
def checkpoints_delete(model_id: str, steps: tuple[int, ...], yes: bool) -> None:
    """Delete MODEL_ID's checkpoints at these steps. Exit 3 when a step was not found."""
    listed = ", ".join(map(str, steps))
    confirm_deletion(f"delete the checkpoints of model {model_id} at step(s) {listed}", yes=yes)
    result = _session().client().checkpoints.delete(model_id, steps=list(steps))
    click.echo(f"deleted {result.deleted_count} checkpoint(s)")
    if result.not_found_steps:
        _fail(f"not found: step(s) {', '.join(map(str, result.not_found_steps))}", EXIT_API)


def confirm_deletion(what: str, *, yes: bool) -> None:
    """Go on to ``what`` ("delete ...") only with --yes, or when the person at a terminal says so."""
    if yes:
        return
    if not stdin_is_terminal():
        raise click.UsageError(
            f"refusing to {what} without --yes (stdin is not a terminal); nothing was deleted"
        )
    click.confirm(f"{what[0].upper()}{what[1:]}?", abort=True)


# -- models ---------------------------------------------------------------------------------


@cli.group()
def models() -> None:
    """Create and delete trainable models."""


@models.command("create")
@click.option("--project", required=True, help="W&B project.")
@click.option("--name", required=True, help="Model name, unique in the project.")
@click.option("--base-model", required=True, help="Base model, e.g. OpenPipe/Qwen3-14B-Instruct.")
@click.option("--entity", help="W&B team or user (default: the key's).")
@click.option("--return-existing", is_flag=True, help="Return the model of that name if it exists.")
def models_create(
    project: str, name: str, base_model: str, entity: str | None, return_existing: bool
) -> None:
    """Create a model; prints it as JSON."""
    model = (
        _session()
        .client()
        .models.create(
            project=project, name=name, base_model=base_model, entity=entity, return_existing=return_existing
        )
    )
    _render.write_json(model.to_dict())


@models.command("delete")
@click.argument("model_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def models_delete(model_id: str, yes: bool) -> None:
    """Delete a model with all its checkpoints."""
    confirm_deletion(f"delete model {model_id} and all its checkpoints", yes=yes)
    result = _session().client().models.delete(model_id)
    click.echo(f"deleted model {result.model_id} ({result.deleted_checkpoints} checkpoints)")


# -- training jobs ----------------------------------------------------------------------------


@cli.group()
def jobs() -> None:
    """Follow training jobs."""


@jobs.command("get")
@click.argument("job_id")
def jobs_get(job_id: str) -> None:
    """One training job, as JSON."""
    _render.write_json(_session().client().training_jobs.get(job_id).to_dict())


@jobs.command("events")
@click.argument("job_id")
@click.option("--follow", is_flag=True, help="Keep following until the job ends (exit 0) or fails (exit 1).")
@click.option("--poll-interval", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def jobs_events(job_id: str, follow: bool, poll_interval: float, fmt: str) -> None:
    """The job's events so far, one per line."""
    client = _session().client()
    printer = _follow.EventPrinter(fmt)
    if follow:
        with _following(job_id):
            client.training_jobs.wait(job_id, poll_interval=poll_interval, on_event=printer)
    else:
        for event in client.training_jobs.events(job_id):
            printer(event)


@jobs.command("wait")
@click.argument("job_id")
@click.option(
    "--timeout", "wait_timeout", type=click.FloatRange(min=0), help="Give up after S seconds (exit 4)."
)
@click.option("--poll-interval", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True)
def jobs_wait(job_id: str, wait_timeout: float | None, poll_interval: float) -> None:
    """Follow a job until it ends: a live view on a terminal, plain lines when piped.

    Exit 0 when it ended, 1 when it failed (its message on stderr), 4 on --timeout.
    """
    with _following(job_id):
        _follow.wait(_session().client(), job_id, timeout=wait_timeout, poll_interval=poll_interval)


@contextlib.contextmanager
def _following(job_id: str) -> Iterator[None]:
    """Ctrl-C, or the API lost on the way, ends the command, not the job: say so, and how to go on."""
    try:
        yield
    except KeyboardInterrupt:
        _fail(f"interrupted; {follow_again(job_id)}", EXIT_INTERRUPTED)
    except (APIConnectionError, APIStatusError) as exc:
        click.echo(f"error: {error_line(exc)}", err=True)
        _fail(follow_again(job_id), EXIT_API)


# -- chat and health -----------------------------------------------------------------------


@cli.command()
@click.argument("model")
@click.argument("prompt")
@click.option("--system", help="A system message before the prompt.")
@click.option(
    "--stream/--no-stream", default=True, show_default=True, help="Print the answer as it is written."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the whole completion as the API returns it (not streamed).",
)
def chat(model: str, prompt: str, system: str | None, stream: bool, fmt: str) -> None:
    """Ask MODEL (a model name or W&B artifact) one question; prints the answer as it streams."""
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt})
    completions = _session().client().chat.completions
    if stream and fmt == "text":
        with completions.create(model=model, messages=messages, stream=True) as chunks:
            for chunk in chunks:
                for choice in chunk.choices[:1]:
                    click.echo(choice.delta.content or "", nl=False)
        click.echo()
        return
    answer = completions.create(model=model, messages=messages)
    if fmt == "json":
        _render.write_json(answer.to_dict())
        return
    completion = ChatCompletion.of(answer)
    if not completion.choices or completion.choices[0].message.content is None:
        raise APIAnswerError(f"the answer has no text content: {answer.to_dict()}")
    click.echo(completion.text)


@cli.command()
@click.option("--system", "full", is_flag=True, help="Check every component (GET /v1/system-check).")
def health(full: bool) -> None:
    """Is the service up? Prints its JSON answer."""
    client = _session().client()
    _render.write_json(client.system_check() if full else client.health())


add_operation_commands(cli, lambda: _session().client())


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit code, documented in ``serverless_training.cli``."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="serverless-training")
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    return 0
