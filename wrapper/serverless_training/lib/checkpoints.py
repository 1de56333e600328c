"""``client.checkpoints``, and what no spec can say about it: ``prune``.

The async class here is the only source of this behaviour: `make generate` writes its sync twin
(unasync) into ``_generated/sync_lib/checkpoints.py``. Write code that reads right in both.
"""

from __future__ import annotations

from uuid import UUID

from serverless_training._generated import checkpoints as generated
from serverless_training._prune import PruneResult, check_prune_arguments, plan_prune

__all__ = ["AsyncCheckpoints"]


class AsyncCheckpoints(generated.AsyncCheckpoints):
    """A model's checkpoints: one per training step that produced weights."""

    async def prune(
        self,
        model_id: str | UUID,
        *,
        keep_latest: int = 1,
        keep_best: int = 0,
        metric: str | None = None,
        higher_is_better: bool = True,
        dry_run: bool = False,
    ) -> PruneResult:
        """Keep the newest ``keep_latest`` and the best ``keep_best`` by ``metric``; delete the rest
        in one call. Refuses (``InvalidParameterError``, a ``ValueError``) to delete every
        checkpoint, or to rank by a metric no checkpoint reports. Try ``dry_run=True`` first."""
        check_prune_arguments(keep_latest, keep_best, metric)
        everything = [checkpoint async for checkpoint in self.list(model_id)]
        plan = plan_prune(
            everything,
            keep_latest=keep_latest,
            keep_best=keep_best,
            metric=metric,
            higher_is_better=higher_is_better,
        )
        not_found: list[int] = []
        if plan.doomed and not dry_run:
            deleted = await self.delete(model_id, steps=[c.step for c in plan.doomed])
            not_found = list(deleted.not_found_steps)
        return plan.result(not_found, dry_run=dry_run)
