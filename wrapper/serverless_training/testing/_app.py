"""``FakeAPI``: the HTTP face of the fake service (routing, auth, validation, faults), usable
in-process through an httpx transport or over a socket through ``FakeServer``."""

from __future__ import annotations

import json
import math
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import attrs
import httpx

from .._client import AsyncServerlessTraining, ServerlessTraining
from .._spec import packaged_spec, request_validator
from ._chaos import REFUSALS, Chaos
from ._examples import spec_example_reply
from ._faults import Faults
from ._reply import FakeReply
from ._server import FakeServer
from ._state import FakeState, Reply, completion_chunks, invalid
from ._transports import AsyncFakeTransport, FakeTransport

__all__ = ["FAKE_BASE_URL", "FakeAPI", "FakeReply"]

# Reserved (RFC 2606), so a fake client that escaped its transport could never reach a real host.
FAKE_BASE_URL = "https://fake.serverless-training.invalid"
DEFAULT_API_KEY = "fake-api-key-for-tests-only"


@attrs.frozen
class _Route:
    operation: str
    method: str
    pattern: re.Pattern[str]
    query: Mapping[str, Mapping[str, Any]]  # query parameter name -> its schema
    needs_key: bool  # the spec names a security requirement (a bearer key)


def _routes() -> list[_Route]:
    routes = []
    for path, item in packaged_spec()["paths"].items():
        regex = "^" + re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"
        for method, op in item.items():
            query = {p["name"]: p.get("schema", {}) for p in op.get("parameters", []) if p["in"] == "query"}
            needs_key = bool(op.get("security", packaged_spec().get("security")))
            routes.append(_Route(op["operationId"], method.upper(), re.compile(regex), query, needs_key))
    return routes


def _refusal(chaos: Chaos, fault: str) -> FakeReply:
    """A chaos fault answered before the request is carried out: a 429, or a proxy's 502/503 page."""
    if fault == "rate_limit":
        body = _json({"detail": "Rate limit exceeded"})
        return FakeReply(
            429, {"Content-Type": "application/json", "Retry-After": format(chaos.retry_after, "g")}, body
        )
    status = chaos.gateway_status()
    title = "Bad Gateway" if status == 502 else "Service Unavailable"
    return FakeReply(
        status, {"Content-Type": "text/html"}, f"<html><body><h1>{status} {title}</h1></body></html>".encode()
    )


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _event_stream(completion: Mapping[str, Any], options: Any) -> FakeReply:
    """A chat completion as server-sent events, ending with ``data: [DONE]`` (as OpenAI streams)."""
    include_usage = isinstance(options, Mapping) and options.get("include_usage") is True
    events = [
        b"data: " + _json(chunk) + b"\n\n"
        for chunk in completion_chunks(completion, include_usage=include_usage)
    ]
    headers = {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache"}
    return FakeReply(200, headers, b"".join([*events, b"data: [DONE]\n\n"]))


class FakeAPI:
    """A stateful, in-memory stand-in for the whole Serverless Training API.

    >>> fake = FakeAPI()
    >>> with fake.client() as client:           # no socket: an httpx transport
    ...     model = client.models.create(project="p", name="m", base_model="Qwen/Qwen3-0.6B")

    ``clock`` (seconds, monotonic) paces training jobs: a job's events fall due over
    ``job_seconds`` from its creation. The defaults finish every job at once; pass a
    ``ManualClock`` and ``job_seconds`` to step through a job, or ``job_seconds=2`` for a demo.
    Requests are checked as the service checks them: the bearer key (``api_key``), then the
    spec's parameter and body schemas (422 with FastAPI-shaped ``detail``), then ids (404).
    """

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        clock: Callable[[], float] = time.monotonic,
        job_seconds: float = 0.0,
        seed: int = 0,
    ) -> None:
        if not (job_seconds >= 0 and math.isfinite(job_seconds)):
            raise ValueError(f"job_seconds must be a finite number >= 0, got {job_seconds!r}")
        self.api_key = api_key
        self.faults: Faults = Faults()
        self.requests: list[tuple[str, str]] = []  # (operation, method + raw path) of every routed call
        self._state = FakeState(
            clock=clock,
            job_seconds=job_seconds,
            rng=random.Random(seed),  # noqa: S311 - reproducible ids, not secrets
            next_job_failure=self.faults.next_job_failure,
        )
        self._routes = _routes()
        self._lock = threading.RLock()

    # -- direct access, for arranging a test -----------------------------------------------

    def add_model(
        self,
        *,
        project: str = "fake-project",
        name: str = "fake-model",
        base_model: str = "OpenPipe/Qwen3-14B-Instruct",
        checkpoints: Mapping[int, Mapping[str, float]] | None = None,
    ) -> str:
        """Create a model (and checkpoints by step) without a request; returns its id."""
        with self._lock:
            _, body = self._state.create_model(
                {"project": project, "name": name, "base_model": base_model, "return_existing": True}
            )
            model_id: str = body["id"]
            for step, metrics in (checkpoints or {}).items():
                self._state.add_checkpoint(model_id, step, metrics)
            return model_id

    def job_event_ids(self, job_id: str) -> list[str]:
        """The ids of every event the job has or will have, in order (those not due yet too)."""
        with self._lock:
            return [str(event.body["id"]) for event in self._state.jobs[job_id].events]

    def checkpoint_steps(self, model_id: str) -> list[int]:
        """The steps of a model's checkpoints now, in order (after jobs that are due have ended)."""
        with self._lock:
            self._state.settle()
            model = self._state.models.get(model_id)
            return sorted(model.checkpoints) if model is not None else []

    def logged(self, model_id: str) -> list[dict[str, Any]]:
        """The bodies ``models.log`` sent for a model, in order."""
        with self._lock:
            return list(self._state.models[model_id].logged)

    def seed_demo(self, steps: int = 300) -> tuple[str, str]:
        """A model with ``steps`` checkpoints that look like a real run (reward rising to about
        0.9, loss falling, with noise) and one finished job; returns ``(model_id, job_id)``."""
        noise = random.Random(1234)  # noqa: S311 - a reproducible demo run
        checkpoints = {}
        for step in range(1, steps + 1):
            progress = 1 - math.exp(-step / (steps / 4))
            checkpoints[step] = {
                "reward": round(min(1.0, max(0.0, 0.15 + 0.75 * progress + noise.gauss(0, 0.04))), 4),
                "loss": round(max(0.01, 1.8 * (1 - progress) + 0.1 + noise.gauss(0, 0.03)), 4),
                "reward_std_dev": round(abs(0.3 * (1 - progress) + noise.gauss(0, 0.02)), 4),
            }
        model_id = self.add_model(project="demo", name="qwen-agent", checkpoints=checkpoints)
        with self._lock:
            groups = [{"trajectories": [{"reward": 0.95}, {"reward": 0.91}]}]
            # Finished before this returns (and before a server's ready line): nothing the demo
            # shows changes unless someone writes to it.
            job_seconds, self._state.job_seconds = self._state.job_seconds, 0.0
            try:
                _, job = self._state.create_job("rl", {"model_id": model_id, "trajectory_groups": groups})
            finally:
                self._state.job_seconds = job_seconds
            self._state.settle()
        return model_id, job["id"]

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> FakeReply:
        """Answer one request; ``url`` may be absolute or a path with its query, still encoded."""
        split = urlsplit(url)
        route, match = self._match(method.upper(), split.path)
        if route is None or match is None:
            if match is None:
                return self._reply(404, {"detail": "Not Found"})
            allowed = ", ".join(sorted(r.method for r in self._routes if r.pattern.match(split.path)))
            return self._reply(405, {"detail": "Method Not Allowed"}, {"Allow": allowed})
        with self._lock:
            self.requests.append((route.operation, f"{method.upper()} {split.path}"))
        injected = self.faults.take(route.operation)
        if injected is not None:
            return self._reply(injected.status, injected.body, injected.headers)
        chaos = self.faults.chaos
        fault = chaos.draw() if chaos is not None else None
        if chaos is None or fault is None:
            return self._carry_out(route, match, split.query, headers, body)
        if fault in REFUSALS:
            return _refusal(chaos, fault)
        reply = self._carry_out(route, match, split.query, headers, body)  # then delivered badly
        return attrs.evolve(
            reply, delivery=fault, pause=chaos.trickle_pause if fault == "trickle" else chaos.stall
        )

    def _carry_out(
        self, route: _Route, match: re.Match[str], raw_query: str, headers: Mapping[str, str], body: bytes
    ) -> FakeReply:
        if route.needs_key:
            refused = self._check_key(headers)
            if refused is not None:
                return self._reply(*refused, {"WWW-Authenticate": "Bearer"})
        path = {name: unquote(value) for name, value in match.groupdict().items()}
        query, problem = self._query(route, raw_query)
        if problem is None:
            parsed, problem = self._body(route.operation, body)
        if problem is not None:
            return self._reply(*problem)
        with self._lock:
            self._state.settle()
            status, payload = self._dispatch(route.operation, path, query, parsed)
        return self._answer(route.operation, status, payload, parsed)

    def _answer(self, operation: str, status: int, payload: Any, body: Any) -> FakeReply:
        """The reply to a request the fake has handled: a listing that lies if told to, a chat
        completion streamed when the body asks for it."""
        if (
            self.faults.lying_has_more
            and status == 200
            and isinstance(payload, dict)
            and "has_more" in payload
        ):
            payload = {**payload, "has_more": True}
        if operation == "create_chat_completion" and status == 200 and body.get("stream") is True:
            return _event_stream(payload, body.get("stream_options"))
        return self._reply(status, payload)

    def _match(self, method: str, path: str) -> tuple[_Route | None, re.Match[str] | None]:
        found: re.Match[str] | None = None
        for route in self._routes:
            match = route.pattern.match(path)
            if match is not None:
                if route.method == method:
                    return route, match
                found = match
        return None, found

    def _check_key(self, headers: Mapping[str, str]) -> Reply | None:
        value = next((v for k, v in headers.items() if k.lower() == "authorization"), None)
        scheme, _, token = (value or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return 401, {"detail": "Not authenticated"}
        if token != self.api_key:
            return 401, {"detail": "Invalid API key"}
        return None

    def _query(self, route: _Route, raw: str) -> tuple[dict[str, Any], Reply | None]:
        query: dict[str, Any] = {}
        for name, value in parse_qsl(raw, keep_blank_values=True):
            schema = route.query.get(name)
            if schema is None:
                continue  # FastAPI ignores unknown query parameters
            if schema.get("type") == "integer":
                try:
                    number = int(value)
                except ValueError:
                    return query, invalid(["query", name], "Input should be a valid integer", "int_parsing")
                if number < schema.get("minimum", -math.inf) or number > schema.get("maximum", math.inf):
                    bounds = f"from {schema.get('minimum')} to {schema.get('maximum')}"
                    return query, invalid(["query", name], f"Input should be {bounds}", "value_error")
                query[name] = number
            elif "enum" in schema and value not in schema["enum"]:
                options = " or ".join(repr(v) for v in schema["enum"])
                return query, invalid(["query", name], f"Input should be {options}", "enum")
            else:
                query[name] = value
        for name, schema in route.query.items():
            query.setdefault(name, schema.get("default"))
        return query, None

    def _body(self, operation: str, body: bytes) -> tuple[Any, Reply | None]:
        validator = request_validator(operation)
        if validator is None:
            return None, None
        try:
            parsed = json.loads(body) if body else None
        except ValueError as exc:
            return None, invalid(["body"], f"JSON decode error: {exc}", "json_invalid")
        except RecursionError:
            return None, invalid(["body"], "JSON nested too deeply", "json_invalid")
        if parsed is None:
            return None, invalid(["body"], "Field required", "missing")
        errors = list(validator.iter_errors(parsed))
        if errors:
            detail = [
                {"loc": ["body", *error.instance_path], "msg": error.message, "type": "value_error"}
                for error in errors
            ]
            return None, (422, {"detail": detail})
        return parsed, None

    def _dispatch(
        self, operation: str, path: Mapping[str, str], query: Mapping[str, Any], body: Any
    ) -> Reply:
        state = self._state
        handlers: dict[str, Callable[[], Reply]] = {
            "create_model": lambda: state.create_model(body),
            "delete_model": lambda: state.delete_model(path["model_id"]),
            "log": lambda: state.log(path["model_id"], body),
            "list_model_checkpoints": lambda: state.list_checkpoints(
                path["model_id"], query["after"], query["limit"], query["order"]
            ),
            "delete_model_checkpoints": lambda: state.delete_checkpoints(path["model_id"], body["steps"]),
            "create_rl_training_job": lambda: state.create_job("rl", body),
            "create_sft_training_job": lambda: state.create_job("sft", body),
            "get_training_job": lambda: state.get_job(path["training_job_id"]),
            "get_training_job_events": lambda: state.job_events(
                path["training_job_id"], query["after"], query["limit"]
            ),
            "create_chat_completion": lambda: state.chat_completion(body),
            "health_check": lambda: (200, {"status": "ok"}),
            "system_check": state.system_check,
        }
        handler = handlers.get(operation)
        if handler is None:  # an operation the fake has no model of (a newer spec): what the spec promises
            return spec_example_reply(operation)
        return handler()

    def _reply(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> FakeReply:
        return FakeReply(status, {"Content-Type": "application/json", **(headers or {})}, _json(payload))

    # -- ways in -----------------------------------------------------------------------------

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport answered by this fake, in-process (no socket)."""
        return FakeTransport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """The async twin of ``transport()``."""
        return AsyncFakeTransport(self)

    def client(self, **options: Any) -> ServerlessTraining:
        """A ``ServerlessTraining`` wired to this fake in-process; ``options`` go to the client."""
        options.setdefault("api_key", self.api_key)
        options.setdefault("base_url", FAKE_BASE_URL)
        return ServerlessTraining(http_client=httpx.Client(transport=self.transport()), **options)

    def async_client(self, **options: Any) -> AsyncServerlessTraining:
        """An ``AsyncServerlessTraining`` wired to this fake in-process."""
        options.setdefault("api_key", self.api_key)
        options.setdefault("base_url", FAKE_BASE_URL)
        return AsyncServerlessTraining(
            http_client=httpx.AsyncClient(transport=self.async_transport()), **options
        )

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> FakeServer:
        """A real HTTP server for this fake (``with fake.serve() as server: server.base_url``)."""
        return FakeServer(self, host, port)
