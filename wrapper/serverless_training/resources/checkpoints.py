"""``client.checkpoints``: list (auto-paginated), delete and prune a model's checkpoints."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import httpx
from serverless_training_raw.api.models import delete_model_checkpoints, list_model_checkpoints
from serverless_training_raw.models.checkpoint_response import CheckpointResponse
from serverless_training_raw.models.delete_checkpoints_request import DeleteCheckpointsRequest
from serverless_training_raw.models.delete_checkpoints_response import DeleteCheckpointsResponse
from serverless_training_raw.models.list_model_checkpoints_order import ListModelCheckpointsOrder
from serverless_training_raw.models.paginated_response_checkpoint_response import (
    PaginatedResponseCheckpointResponse,
)
from serverless_training_raw.types import RequestSpec

from .._pagination import AsyncPaginator, SyncCursorPage
from .._params import Order, check_id, check_order, check_steps
from .._prune import PrunePlan, PruneResult, plan_prune
from ._base import AsyncResource, SyncResource
from ._paging import PageRequest

__all__ = ["AsyncCheckpoints", "Checkpoints"]

Timeout = float | httpx.Timeout | None


def _list_requests(
    model_id: str, order: str, paging: PageRequest
) -> Callable[[str | None, int | None], RequestSpec]:
    """The request of each page of one listing, by cursor and items still wanted."""
    model = check_id("model_id", model_id)
    order_param = ListModelCheckpointsOrder(check_order(order))

    def request(cursor: str | None, remaining: int | None) -> RequestSpec:
        query = paging.query(cursor, remaining)
        return list_model_checkpoints.build_request(
            model, after=query.after, limit=query.limit, order=order_param
        )

    return request


def _delete_request(model_id: str, steps: Sequence[int]) -> RequestSpec:
    return delete_model_checkpoints.build_request(
        check_id("model_id", model_id), body=DeleteCheckpointsRequest(steps=check_steps(steps))
    )


def _prune_args(keep_latest: int, keep_best: int, metric: str | None) -> None:
    """Refuse bad arguments before listing anything."""
    plan_prune([], keep_latest=keep_latest, keep_best=keep_best, metric=metric, higher_is_better=True)


def _result(plan: PrunePlan, not_found: list[int], dry_run: bool) -> PruneResult:
    return PruneResult(
        kept=plan.kept,
        deleted=plan.doomed,
        not_found_steps=not_found,
        dry_run=dry_run,
        warnings=plan.warnings,
    )


class Checkpoints(SyncResource):
    """A model's checkpoints: one per training step that produced weights."""

    def list(
        self,
        model_id: str,
        *,
        limit: int | None = None,
        order: Order = "asc",
        after: str | None = None,
        max_items: int | None = None,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> SyncCursorPage[CheckpointResponse]:
        """The first page of ``model_id``'s checkpoints; iterate it for all of them, page by page.

        ``limit`` is the page size (1-100), ``after`` a saved cursor to resume from, ``max_items``
        stops the iteration after that many checkpoints.
        """
        paging = PageRequest(limit=limit, after=after, max_items=max_items)
        request = _list_requests(model_id, order, paging)

        def fetch(cursor: str | None, remaining: int | None) -> PaginatedResponseCheckpointResponse:
            return self._client._request(
                list_model_checkpoints.ENDPOINT,
                request(cursor, remaining),
                timeout=timeout,
                max_retries=max_retries,
            )

        return paging.first_page(fetch)

    def delete(
        self, model_id: str, *, steps: Sequence[int], timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteCheckpointsResponse:
        """Delete the checkpoints of ``model_id`` at these training ``steps``."""
        return self._client._request(
            delete_model_checkpoints.ENDPOINT,
            _delete_request(model_id, steps),
            timeout=timeout,
            max_retries=max_retries,
        )

    def prune(
        self,
        model_id: str,
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
        _prune_args(keep_latest, keep_best, metric)
        everything = list(self.list(model_id, limit=100))
        plan = plan_prune(
            everything,
            keep_latest=keep_latest,
            keep_best=keep_best,
            metric=metric,
            higher_is_better=higher_is_better,
        )
        not_found: list[int] = []
        if plan.doomed and not dry_run:
            not_found = list(self.delete(model_id, steps=[c.step for c in plan.doomed]).not_found_steps)
        return _result(plan, not_found, dry_run)


class AsyncCheckpoints(AsyncResource):
    """Async twin of ``Checkpoints``."""

    def list(
        self,
        model_id: str,
        *,
        limit: int | None = None,
        order: Order = "asc",
        after: str | None = None,
        max_items: int | None = None,
        prefetch: bool = False,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> AsyncPaginator[CheckpointResponse]:
        """``await`` for the first page, or ``async for`` over every checkpoint. With ``prefetch``,
        the next page is fetched while you process the current one."""
        paging = PageRequest(limit=limit, after=after, max_items=max_items)
        request = _list_requests(model_id, order, paging)

        async def fetch(cursor: str | None, remaining: int | None) -> PaginatedResponseCheckpointResponse:
            return await self._client._request(
                list_model_checkpoints.ENDPOINT,
                request(cursor, remaining),
                timeout=timeout,
                max_retries=max_retries,
            )

        return paging.paginator(fetch, prefetch=prefetch)

    async def delete(
        self, model_id: str, *, steps: Sequence[int], timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteCheckpointsResponse:
        """Delete the checkpoints of ``model_id`` at these training ``steps``."""
        return await self._client._request(
            delete_model_checkpoints.ENDPOINT,
            _delete_request(model_id, steps),
            timeout=timeout,
            max_retries=max_retries,
        )

    async def prune(
        self,
        model_id: str,
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
        _prune_args(keep_latest, keep_best, metric)
        everything = [c async for c in self.list(model_id, limit=100)]
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
        return _result(plan, not_found, dry_run)
