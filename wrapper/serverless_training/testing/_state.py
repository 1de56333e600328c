"""The fake service's state and what each operation does to it, with HTTP left out.

Every method takes the request as the spec shapes it (already validated) and returns
``(status, body)``. Training jobs unfold on a clock: each event has a due time, and an event (and
the checkpoint a finished job adds) exists once the clock has passed it.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import statistics
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

__all__ = ["FakeState", "Reply"]

Reply = tuple[int, Any]
DEFAULT_ENTITY = "fake-entity"


def not_found(what: str, key: str) -> Reply:
    return 404, {"detail": f"{what} {key} not found"}


def invalid(loc: Sequence[str | int], msg: str, kind: str = "value_error") -> Reply:
    """A 422 the way FastAPI words it."""
    return 422, {"detail": [{"loc": list(loc), "msg": msg, "type": kind}]}


def page(items: Sequence[Mapping[str, Any]], after: str | None, limit: int) -> Reply:
    """One page after the item whose id is ``after``, in the spec's envelope."""
    start = 0
    if after is not None:
        position = next((i for i, item in enumerate(items) if item["id"] == after), None)
        if position is None:
            return invalid(["query", "after"], f"no item with id {after!r} in this listing")
        start = position + 1
    data = list(items[start : start + limit])
    return 200, {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else "",
        "last_id": data[-1]["id"] if data else "",
        "has_more": start + limit < len(items),
    }


@attrs.define
class Model:
    id: str
    entity: str
    project: str
    name: str
    base_model: str
    run_id: str
    checkpoints: dict[int, dict[str, Any]] = attrs.field(factory=dict)  # by step
    next_step: int = 1
    logged: list[dict[str, Any]] = attrs.field(factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entity": self.entity,
            "project": self.project,
            "name": self.name,
            "base_model": self.base_model,
            "run_id": self.run_id,
        }


@attrs.define
class Event:
    due: float
    body: dict[str, Any]


@attrs.define
class Job:
    id: str
    model_id: str
    step: int
    metrics: dict[str, float]
    events: list[Event]
    failure: str | None
    finished: bool = False


def reward_metrics(trajectory_groups: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """What a gradient step on these trajectories reports: reward statistics and a loss."""
    rewards = [
        float(t.get("reward", 0.0)) for group in trajectory_groups for t in group.get("trajectories", [])
    ]
    mean = statistics.fmean(rewards) if rewards else 0.0
    spread = statistics.pstdev(rewards) if len(rewards) > 1 else 0.0
    return {
        "reward": round(mean, 6),
        "reward_std_dev": round(spread, 6),
        "loss": round(max(0.0, 1.9 * (1.0 - mean)), 6),
    }


def chat_answer(model: str, messages: Sequence[Mapping[str, Any]]) -> str:
    """A deterministic reply that shows what was asked, so tests can assert on it."""
    last = next((m for m in reversed(messages) if m.get("role") == "user"), None)
    content = last.get("content") if last else None
    text = content if isinstance(content, str) else "(no text)"
    return f"[{model}] You said: {text}"


def completion_chunks(completion: Mapping[str, Any], *, include_usage: bool) -> list[dict[str, Any]]:
    """``completion`` as an OpenAI-compatible server streams it: the role, the content word by word
    (the pieces join to the whole), the finish reason, then (asked for) a last chunk of usage only."""
    choice = completion["choices"][0]
    content = choice["message"]["content"]
    head = {"id": completion["id"], "object": "chat.completion.chunk", "created": completion["created"]}
    head["model"] = completion["model"]

    def chunk(delta: Mapping[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        return {
            **head,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
        }

    pieces = re.findall(r"\S+\s*|\s+", content)
    chunks = [chunk({"role": "assistant", "content": ""})]
    chunks += [chunk({"content": piece}) for piece in pieces]
    chunks.append(chunk({}, choice["finish_reason"]))
    if include_usage:
        chunks.append({**head, "choices": [], "usage": completion["usage"]})
    return chunks


@attrs.define
class FakeState:
    """Models, their checkpoints, training jobs and their events."""

    clock: Callable[[], float]
    job_seconds: float
    rng: random.Random
    next_job_failure: Callable[[], str | None]
    models: dict[str, Model] = attrs.field(factory=dict)
    jobs: dict[str, Job] = attrs.field(factory=dict)

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- time ---------------------------------------------------------------------------

    def settle(self) -> None:
        """Finish every job whose last event is due: its checkpoint now exists."""
        now = self.clock()
        for job in self.jobs.values():
            if job.finished or job.events[-1].due > now:
                continue
            job.finished = True
            model = self.models.get(job.model_id)
            if model is not None and job.failure is None:
                model.checkpoints[job.step] = {"id": self.new_id(), "step": job.step, "metrics": job.metrics}

    # -- models -------------------------------------------------------------------------

    def create_model(self, body: Mapping[str, Any]) -> Reply:
        entity = body.get("entity") or DEFAULT_ENTITY
        existing = next(
            (
                m
                for m in self.models.values()
                if (m.entity, m.project, m.name) == (entity, body["project"], body["name"])
            ),
            None,
        )
        if existing is not None:
            if body.get("return_existing"):
                return 200, existing.as_json()
            return 409, {
                "detail": f"a model named {body['name']!r} already exists in {entity}/{body['project']}; "
                "pass return_existing=true to get it"
            }
        model = Model(
            id=self.new_id(),
            entity=entity,
            project=body["project"],
            name=body["name"],
            base_model=body["base_model"],
            run_id=hashlib.sha1(body["name"].encode(), usedforsecurity=False).hexdigest()[:8],
        )
        self.models[model.id] = model
        return 200, model.as_json()

    def delete_model(self, model_id: str) -> Reply:
        model = self.models.pop(model_id, None)
        if model is None:
            return not_found("model", model_id)
        self.jobs = {k: j for k, j in self.jobs.items() if j.model_id != model_id}
        return 200, {"model_id": model_id, "deleted_checkpoints": len(model.checkpoints), "deleted_run": True}

    def log(self, model_id: str, body: Mapping[str, Any]) -> Reply:
        model = self.models.get(model_id)
        if model is None:
            return not_found("model", model_id)
        model.logged.append(dict(body))
        return 200, {
            "status": "ok",
            "split": body["split"],
            "trajectory_groups": len(body["trajectory_groups"]),
        }

    # -- checkpoints --------------------------------------------------------------------

    def list_checkpoints(self, model_id: str, after: str | None, limit: int, order: str) -> Reply:
        model = self.models.get(model_id)
        if model is None:
            return not_found("model", model_id)
        items = [model.checkpoints[step] for step in sorted(model.checkpoints, reverse=order == "desc")]
        return page(items, after, limit)

    def delete_checkpoints(self, model_id: str, steps: Sequence[int]) -> Reply:
        model = self.models.get(model_id)
        if model is None:
            return not_found("model", model_id)
        unique = list(dict.fromkeys(steps))
        missing = [s for s in unique if s not in model.checkpoints]
        for step in unique:
            model.checkpoints.pop(step, None)
        return 200, {"deleted_count": len(unique) - len(missing), "not_found_steps": missing}

    def add_checkpoint(self, model_id: str, step: int, metrics: Mapping[str, float]) -> dict[str, Any]:
        model = self.models[model_id]
        checkpoint = {"id": self.new_id(), "step": step, "metrics": dict(metrics)}
        model.checkpoints[step] = checkpoint
        model.next_step = max(model.next_step, step + 1)
        return checkpoint

    # -- training jobs ------------------------------------------------------------------

    def create_job(self, kind: str, body: Mapping[str, Any]) -> Reply:
        model = self.models.get(body["model_id"])
        if model is None:
            return not_found("model", body["model_id"])
        step = model.next_step
        model.next_step += 1
        if kind == "rl":
            metrics = reward_metrics(body["trajectory_groups"])
            failure = None
        else:
            metrics = {"loss": round(2.0 / math.sqrt(step + 1), 6)}
            url = body["training_data_url"]
            failure = None if url.startswith("wandb-artifact:///") else f"training data not found: {url}"
        failure = self.next_job_failure() or failure
        job_id = self.new_id()
        start = self.clock()
        events = [Event(start, {"type": "training_started", "data": {"model_id": model.id, "step": step}})]
        if failure is None:
            events.append(
                Event(
                    start + self.job_seconds / 2,
                    {"type": "gradient_step", "data": {"step": step, "metrics": metrics}},
                )
            )
            events.append(Event(start + self.job_seconds, {"type": "training_ended", "data": {"step": step}}))
        else:
            events.append(
                Event(start + self.job_seconds / 2, {"type": "training_failed", "data": {"error": failure}})
            )
        for event in events:
            event.body["id"] = self.new_id()
        self.jobs[job_id] = Job(job_id, model.id, step, metrics, events, failure)
        return 200, {"id": job_id}

    def get_job(self, job_id: str) -> Reply:
        if job_id not in self.jobs:
            return not_found("training job", job_id)
        return 200, {"id": job_id}

    def job_events(self, job_id: str, after: str | None, limit: int) -> Reply:
        job = self.jobs.get(job_id)
        if job is None:
            return not_found("training job", job_id)
        now = self.clock()
        return page([e.body for e in job.events if e.due <= now], after, limit)

    # -- chat and health ----------------------------------------------------------------

    def chat_completion(self, body: Mapping[str, Any]) -> Reply:
        content = chat_answer(body["model"], body["messages"])
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body["messages"])
        completion_tokens = len(content.split())
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:24]
        return 200, {
            "id": f"chatcmpl-{digest}",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def system_check(self) -> Reply:
        queue = {"success": True, "duration": 0.001, "error": None}
        return 200, {"api": True, "database": True, "cpu_queue": queue, "gpu_queue": dict(queue)}
