"""``checkpoints plot``: metrics over training steps with matplotlib (the ``[plot]`` extra)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import EXIT_USAGE
from ._render import metric_names

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["best_index", "best_step", "check_output", "figure", "lower_is_better", "parse_size", "save"]

DPI = 100
FORMATS = (".png", ".svg")
_LOSS_LIKE = re.compile(r"loss|error|perplexity|\bkl\b|_kl|kl_|regret|latency", re.IGNORECASE)


class MissingExtra(click.ClickException):
    exit_code = EXIT_USAGE


def parse_size(text: str) -> tuple[int, int]:
    """``"1000x700"`` -> (1000, 700) pixels."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if match is None or not (100 <= int(match[1]) <= 10_000 and 100 <= int(match[2]) <= 10_000):
        raise click.BadParameter(
            f"{text!r} is not WIDTHxHEIGHT in pixels (100-10000 each)", param_hint="--size"
        )
    return int(match[1]), int(match[2])


def check_output(path: str) -> None:
    if Path(path).suffix.lower() not in FORMATS:
        raise click.BadParameter(f"{path!r} must end in .png or .svg", param_hint="-o/--output")


def lower_is_better(metric: str, explicit: Sequence[str]) -> bool:
    """Whether a metric's best value is its minimum: named so, or named like a loss or an error."""
    return metric in explicit or bool(_LOSS_LIKE.search(metric))


def best_index(values: Sequence[float], *, lower: bool) -> int:
    """The position of the best value (the first one on ties)."""
    pick = min if lower else max
    return values.index(pick(values))


def best_step(rows: Sequence[Mapping[str, Any]], metric: str, *, lower: bool) -> tuple[int, float]:
    """(step, value) of the best checkpoint by ``metric``."""
    points = sorted((row["step"], row["metrics"][metric]) for row in rows if metric in row["metrics"])
    values = [value for _, value in points]
    return points[best_index(values, lower=lower)]


def figure(
    rows: Sequence[Mapping[str, Any]],
    *,
    title: str,
    metrics: Sequence[str],
    best_by: str | None,
    lower: Sequence[str],
    width: int,
    height: int,
) -> Figure:
    """One panel per metric over training steps, the best checkpoint (by ``best_by``; default
    ``reward`` when reported, else the first metric) marked on every panel."""
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - the [plot] extra
    except ImportError:
        raise MissingExtra(
            "plotting needs matplotlib, which is not installed. Install it with: "
            "pip install 'serverless-training[plot]'"
        ) from None
    if not rows:
        raise click.ClickException("the model has no checkpoints to plot")
    reported = metric_names(rows)
    names = list(dict.fromkeys(metrics)) or reported
    ranking = best_by or ("reward" if "reward" in reported else names[0])
    unknown = [name for name in (*names, ranking) if name not in reported]
    if unknown:
        raise click.BadParameter(
            f"no checkpoint reports {', '.join(map(repr, unknown))}; they report: {', '.join(reported)}",
            param_hint="--metric/--best-by",
        )
    is_lower = lower_is_better(ranking, lower)
    best, best_value = best_step(rows, ranking, lower=is_lower)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    axes = fig.subplots(len(names), 1, sharex=True, squeeze=False)[:, 0]
    for ax, name in zip(axes, names, strict=True):
        points = sorted((row["step"], row["metrics"][name]) for row in rows if name in row["metrics"])
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            linewidth=1.2,
            label=name,
            marker="." if len(points) <= 60 else None,
        )
        ax.axvline(best, color="tab:red", linestyle="--", linewidth=0.9)
        at_best = [value for step, value in points if step == best]
        if at_best:
            ax.scatter([best], at_best, s=60, color="tab:red", zorder=3)
        ax.set_ylabel(name)
        ax.grid(True, alpha=0.3)
    direction = "lowest" if is_lower else "highest"
    axes[0].set_title(
        f"best checkpoint: step {best} ({direction} {ranking}: {best_value:.4g})",
        fontsize="medium",
        color="tab:red",
    )
    axes[-1].set_xlabel("training step")
    fig.suptitle(title)
    return fig


def save(fig: Figure, path: str) -> None:
    fig.savefig(path, format=Path(path).suffix.lower().lstrip("."), dpi=DPI)
