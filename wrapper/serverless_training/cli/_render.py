"""Output: tables for people (rich, colour only on a terminal), stable JSON, JSON lines and CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .._prune import PruneResult
    from ..types import CheckpointResponse

__all__ = [
    "checkpoint_row",
    "console",
    "metric_names",
    "print_checkpoints",
    "print_prune",
    "write_csv",
    "write_json",
    "write_json_array",
    "write_jsonl",
]


class _Console(Console):
    """rich's console, but a reader that went away (`| head -1`) ends the command as every other
    output does (exit 141), not with rich's own exit 1 ("the training job failed")."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def console(*, stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr): colour and live views only when it is a terminal."""
    # markup=False: metric names, ids and messages come from the server; `reward[val]` is a name,
    # not a style. What the CLI styles itself it passes as rich Text.
    return _Console(
        stderr=stderr,
        highlight=False,
        markup=False,
        soft_wrap=not (sys.stderr if stderr else sys.stdout).isatty(),
    )


def checkpoint_row(checkpoint: CheckpointResponse) -> dict[str, Any]:
    """``{id, step, metrics}``: the shape every output format starts from."""
    return {"id": str(checkpoint.id), "step": checkpoint.step, "metrics": dict(checkpoint.metrics)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def write_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def write_json_array(rows: Iterable[Mapping[str, Any]]) -> None:
    """One JSON array, written item by item as pages arrive."""
    first = True
    for row in rows:
        click.echo(("[" if first else ",") + "\n  " + _dumps(row), nl=False)
        first = False
    click.echo("[]" if first else "\n]")


def write_jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        click.echo(_dumps(row))


def metric_names(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every metric any of ``rows`` reports, sorted."""
    return sorted({name for row in rows for name in row["metrics"]})


def write_csv(rows: list[dict[str, Any]]) -> None:
    """``id,step`` then one column per metric any checkpoint reports (empty where one does not)."""
    names = metric_names(rows)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "step", *names])
    for row in rows:
        writer.writerow([row["id"], row["step"], *(_number(row["metrics"].get(n)) for n in names)])


def _number(value: float | None) -> str:
    return "" if value is None else format(value, ".4g")


def _decimals(value: float) -> int:
    text = format(value, ".4g")
    return 4 if "e" in text else len(text.partition(".")[2])


def _column(values: list[float | None]) -> list[str]:
    """A metric column with one precision: the fewest decimals (up to 4) that show each value to four
    significant digits; scientific notation when a value is too small or large for that."""
    numbers = [value for value in values if value is not None]
    if not all(value == 0 or 1e-3 <= abs(value) < 1e6 for value in numbers):
        return ["" if value is None else f"{value:.3e}" for value in values]
    decimals = max((min(4, _decimals(value)) for value in numbers), default=0)
    return ["" if value is None else f"{value:.{decimals}f}" for value in values]


def _fitting(widths: dict[str, int], room: int) -> list[str]:
    """The metric columns (name -> its width) that fit in ``room`` characters, in order."""
    shown: list[str] = []
    for name, width in widths.items():
        room -= width + 3  # the column, its padding and its border
        if room < 0:
            break
        shown.append(name)
    return shown


def print_checkpoints(rows: list[dict[str, Any]], *, title: str) -> None:

    out = console()
    cells = {n: _column([row["metrics"].get(n) for row in rows]) for n in metric_names(rows)}
    # A column is as wide as its widest value, its name up to 14 characters (longer names wrap).
    widths = {name: max(6, min(len(name), 14), *map(len, column)) for name, column in cells.items()}
    id_width = max((len(row["id"]) for row in rows), default=2)
    # The id is what the next command needs: always whole. Metric names wrap, and the metrics that
    # do not fit beside it are left out (and named), rather than squeezed to a letter each.
    shown = _fitting(widths, out.width - (id_width + 3) - (4 + 3) - 1)
    table = Table(title=title, title_justify="left")
    table.add_column("step", justify="right", no_wrap=True)
    table.add_column("id", style="dim", no_wrap=True, min_width=id_width)
    for name in shown:
        table.add_column(name, justify="right", overflow="fold", min_width=widths[name])
    for i, row in enumerate(rows):
        table.add_row(str(row["step"]), row["id"], *(cells[n][i] for n in shown))
    out.print(table)
    out.print(f"{len(rows)} checkpoint(s)", style="dim")
    if len(shown) < len(cells):
        left_out = ", ".join(name for name in cells if name not in shown)
        out.print(
            f"not shown for width: {left_out} (a wider terminal, or --format csv, shows them)", style="dim"
        )


PRUNE_ROWS = 40  # a longer plan shows its kept checkpoints by row and the deleted steps as ranges


def _ranges(steps: list[int]) -> str:
    """``1-120, 122, 125-283``: sorted steps, runs of consecutive ones joined."""
    runs: list[list[int]] = []
    for step in steps:
        if runs and step == runs[-1][-1] + 1:
            runs[-1].append(step)
        else:
            runs.append([step])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def prune_summary(result: PruneResult) -> dict[str, Any]:
    """What ``prune`` did (or, on a dry run, would do), as JSON data."""
    return {
        "dry_run": result.dry_run,
        "kept": [checkpoint_row(c) for c in result.kept],
        "deleted": [checkpoint_row(c) for c in result.deleted],
        "not_found_steps": list(result.not_found_steps),
        "warnings": list(result.warnings),
    }


def print_prune(result: PruneResult) -> None:

    table = Table(title="Prune plan" + (" (dry run)" if result.dry_run else ""), title_justify="left")
    for column in ("step", "action", "metrics"):
        table.add_column(column, justify="right" if column == "step" else "left")
    actions = [(c, "keep") for c in result.kept] + [(c, "delete") for c in result.deleted]
    if len(actions) > PRUNE_ROWS:  # the kept ones, by name; the rest as ranges of steps
        actions = [(c, "keep") for c in result.kept]
    for checkpoint, action in sorted(actions, key=lambda pair: pair[0].step):
        metrics = ", ".join(f"{k}={_number(v)}" for k, v in sorted(checkpoint.metrics.items()))
        style = "red" if action == "delete" else "green"
        table.add_row(str(checkpoint.step), Text(action, style=style), metrics)
    out = console()
    out.print(table)
    if len(result.kept) + len(result.deleted) > PRUNE_ROWS and result.deleted:
        out.print(f"delete: steps {_ranges(sorted(c.step for c in result.deleted))}", style="red")
    for warning in result.warnings:
        out.print(f"warning: {warning}", style="yellow")
    deleted = len(result.deleted)
    if result.dry_run:
        out.print(f"dry run: {deleted} checkpoint(s) would be deleted; pass --yes to delete them")
    else:
        out.print(f"deleted {deleted - len(result.not_found_steps)} checkpoint(s)")
