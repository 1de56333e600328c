"""Which checkpoints ``checkpoints.prune`` keeps: the newest N and the best N by a metric."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ._errors import InvalidParameterError, PaginationError

if TYPE_CHECKING:
    from serverless_training_raw.models.checkpoint_response import CheckpointResponse

__all__ = ["PrunePlan", "PruneResult", "check_prune_arguments", "plan_prune"]


@attrs.frozen
class PruneResult:
    """What ``prune`` kept and deleted (or would delete, with ``dry_run``)."""

    kept: list[CheckpointResponse]
    deleted: list[CheckpointResponse]
    not_found_steps: list[int]
    dry_run: bool
    warnings: tuple[str, ...] = ()  # e.g. fewer checkpoints report the metric than keep_best


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidParameterError(name, f"must be an integer >= 0, got {value!r}")
    return value


@attrs.frozen
class PrunePlan:
    """Which checkpoints stay and go, by step, and what the caller should know about the choice."""

    kept: list[CheckpointResponse]
    doomed: list[CheckpointResponse]
    warnings: tuple[str, ...]

    def result(self, not_found_steps: list[int], *, dry_run: bool) -> PruneResult:
        """What ``prune`` reports once the plan was carried out (or, with ``dry_run``, not)."""
        return PruneResult(
            kept=self.kept,
            deleted=self.doomed,
            not_found_steps=not_found_steps,
            dry_run=dry_run,
            warnings=self.warnings,
        )


def check_prune_arguments(keep_latest: int, keep_best: int, metric: str | None) -> None:
    """Refuse bad arguments before anything is listed."""
    plan_prune([], keep_latest=keep_latest, keep_best=keep_best, metric=metric, higher_is_better=True)


def plan_prune(
    checkpoints: Sequence[CheckpointResponse],
    *,
    keep_latest: int,
    keep_best: int,
    metric: str | None,
    higher_is_better: bool,
) -> PrunePlan:
    """Split ``checkpoints`` into kept and to-delete, both ordered by step.

    Refuses (``InvalidParameterError``) a ``keep_best`` by a metric that no checkpoint reports:
    ranking on it would silently keep only the latest ones and delete the rest.
    """
    keep_latest, keep_best = _count("keep_latest", keep_latest), _count("keep_best", keep_best)
    if keep_best and not metric:
        raise InvalidParameterError("metric", "keep_best > 0 needs the metric to rank checkpoints by")
    by_step = sorted(checkpoints, key=lambda c: c.step)
    for before, after in itertools.pairwise(by_step):
        if before.step == after.step:  # deleting by step would then delete what was "kept"
            raise PaginationError(
                f"the listing has step {after.step} twice (ids {before.id} and {after.id}); "
                "nothing was deleted",
                cursor=None,
            )
    keep = {c.step for c in by_step[len(by_step) - keep_latest :]} if keep_latest else set()
    warnings: list[str] = []
    if keep_best and metric:
        ranked = [c for c in by_step if metric in c.metrics]
        if by_step and not ranked:
            reported = sorted({name for c in by_step for name in c.metrics})
            raise InvalidParameterError(
                "metric",
                f"no checkpoint reports {metric!r}, so keep_best cannot rank them; nothing was deleted. "
                f"The checkpoints report: {', '.join(map(repr, reported)) or 'no metrics at all'}",
            )
        if len(ranked) < keep_best:
            warnings.append(
                f"only {len(ranked)} of {len(by_step)} checkpoints report {metric!r}; "
                f"keep_best={keep_best} kept those {len(ranked)}"
            )
        ranked.sort(key=lambda c: c.metrics[metric], reverse=higher_is_better)
        keep.update(c.step for c in ranked[:keep_best])
    kept = [c for c in by_step if c.step in keep]
    doomed = [c for c in by_step if c.step not in keep]
    if by_step and not kept:
        raise InvalidParameterError(
            "keep_latest",
            f"this would delete all {len(by_step)} checkpoints; keep at least one "
            "(keep_latest >= 1, or keep_best with a metric the checkpoints report)",
        )
    return PrunePlan(kept=kept, doomed=doomed, warnings=tuple(warnings))
