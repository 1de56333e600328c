"""Small stateful fakes of the API's cursor pagination, exactly as the spec describes it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from contract import ContractServer, Reply, Seen

LIST_CHECKPOINTS = "list_model_checkpoints_v1_preview_models__model_id__checkpoints_get"
DELETE_CHECKPOINTS = "delete_model_checkpoints_v1_preview_models__model_id__checkpoints_delete"
EVENTS = "get_training_job_events_v1_preview_training_jobs__training_job_id__events_get"


def new_id(n: int) -> str:
    """Deterministic UUIDs, so failures are reproducible."""
    return str(uuid.UUID(int=n + 1))


def checkpoint(step: int, **metrics: float) -> dict[str, Any]:
    return {"id": new_id(step), "step": step, "metrics": metrics or {"loss": 1.0 / (step + 1)}}


def event(n: int, kind: str, **data: Any) -> dict[str, Any]:
    return {"id": new_id(1_000_000 + n), "type": kind, "data": data}


def paginate(items: list[dict[str, Any]], seen: Seen, *, order_param: bool) -> Reply:
    """One page by ``after``/``limit`` (and ``order``), with the spec's envelope."""
    params = seen.params
    limit = int(params.get("limit", 20))
    ordered = list(reversed(items)) if order_param and params.get("order", "asc") == "desc" else items
    start = 0
    if "after" in params:
        ids = [item["id"] for item in ordered]
        if params["after"] not in ids:
            return Reply(404, {"detail": f"unknown cursor {params['after']}"}, off_spec=True)
        start = ids.index(params["after"]) + 1
    return page_reply(ordered[start : start + limit], has_more=start + limit < len(ordered))


def page_reply(data: list[dict[str, Any]], *, has_more: bool) -> Reply:
    """``data`` as one page in the spec's envelope (first and last ids from its items)."""
    return Reply(
        body={
            "object": "list",
            "data": data,
            "first_id": data[0]["id"] if data else "",
            "last_id": data[-1]["id"] if data else "",
            "has_more": has_more,
        }
    )


class CheckpointStore:
    """A model's checkpoints behind the list and delete operations."""

    def __init__(self, server: ContractServer, checkpoints: list[dict[str, Any]]) -> None:
        self.items = checkpoints
        self.deleted_calls: list[list[int]] = []
        server.on(LIST_CHECKPOINTS, self.list)
        server.on(DELETE_CHECKPOINTS, self.delete)

    def list(self, seen: Seen) -> Reply:
        return paginate(self.items, seen, order_param=True)

    def delete(self, seen: Seen) -> Reply:
        steps = seen.json["steps"]
        self.deleted_calls.append(steps)
        present = {c["step"] for c in self.items}
        self.items = [c for c in self.items if c["step"] not in steps]
        gone = [s for s in steps if s not in present]
        return Reply(body={"deleted_count": len(steps) - len(gone), "not_found_steps": gone})


class EventFeed:
    """A training job's event feed that grows as the job runs: ``script`` releases events per poll."""

    def __init__(
        self,
        server: ContractServer,
        batches: list[list[dict[str, Any]]],
        faults: Callable[[int], Reply | None] | None = None,
    ) -> None:
        self.batches = batches
        self.released: list[dict[str, Any]] = []
        self.polls = 0
        self.faults = faults
        server.on(EVENTS, self.handle)

    def handle(self, seen: Seen) -> Reply:
        self.polls += 1
        if self.faults is not None:
            fault = self.faults(self.polls)
            if fault is not None:
                return fault
        if self.batches and ("after" not in seen.params or seen.params.get("after") == self._last_id()):
            self.released.extend(self.batches.pop(0))
        return paginate(self.released, seen, order_param=False)

    def _last_id(self) -> str | None:
        return self.released[-1]["id"] if self.released else None
