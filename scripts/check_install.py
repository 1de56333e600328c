"""Run inside a virtual environment that holds only the runtime dependencies (``make check-install``).

Imports every module of both packages and makes calls through a mock transport and the fake API, proving that
neither the generated code nor the wrapper needs a test or build tool at run time; then lists checkpoints
over real sockets with the sync and async clients as users build them (the SDK's transports, msgspec).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import pkgutil
import sys
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from serverless_training.testing import FakeAPI

FORBIDDEN = ("pytest", "openapi_core", "hypothesis", "openapi_python_client", "ruff", "mypy")
# Modules of the [cli] and [plot] extras: not importable without them, by design.
EXTRAS = "serverless_training.cli._"


def main() -> int:
    count = 0
    for name in ("serverless_training_raw", "serverless_training"):
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if module.name.startswith(EXTRAS):
                continue
            importlib.import_module(module.name)
            count += 1
    from serverless_training import ServerlessTraining

    body = {
        "data": [{"id": "00000000-0000-0000-0000-000000000001", "step": 1, "metrics": {"loss": 0.5}}],
        "has_more": False,
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with ServerlessTraining(api_key="k", http_client=httpx.Client(transport=transport)) as client:
        steps = [c.step for c in client.checkpoints.list("m")]
    assert steps == [1], steps
    from serverless_training.testing import FakeAPI

    fake = FakeAPI()
    with fake.client() as client:
        model = client.models.create(project="p", name="m", base_model="b")
        job = client.training_jobs.create_rl(
            model.id, trajectory_groups=[{"trajectories": [{"reward": 1.0}]}]
        )
        assert client.training_jobs.wait(job.id).last_step == 1
    _check_own_transports_on_sockets(fake)
    from serverless_training.cli import EXIT_USAGE
    from serverless_training.cli import main as cli_main

    hint = io.StringIO()
    with contextlib.redirect_stderr(hint):
        assert cli_main(["--help"]) == EXIT_USAGE
    assert "pip install 'serverless-training[cli]'" in hint.getvalue(), hint.getvalue()
    leaked = [m for m in FORBIDDEN if m in sys.modules]
    assert not leaked, f"runtime imports pulled in tools: {leaked}"
    version = sys.version.split()[0]
    print(f"check-install: Python {version}: {count} modules import with runtime dependencies only")
    return 0


def _check_own_transports_on_sockets(fake: FakeAPI) -> None:
    """The clients as users build them (the sync one on the SDK's DeadlineTransport, the async one
    on httpx's; msgspec decoding) against the fake served on 127.0.0.1: the parts with compiled or
    version-sensitive dependencies, run on each Python."""
    import anyio
    from serverless_training import AsyncServerlessTraining, ServerlessTraining

    with fake.serve() as server:
        with ServerlessTraining(api_key=fake.api_key, base_url=server.base_url) as client:
            model = client.models.create(project="p", name="sockets", base_model="b")
            for step in range(3):
                job = client.training_jobs.create_rl(
                    model.id, trajectory_groups=[{"trajectories": [{"reward": float(step)}]}]
                )
                client.training_jobs.wait(job.id)
            sync_steps = [c.step for c in client.checkpoints.list(model.id, limit=2)]

        async def read() -> list[int]:
            async with AsyncServerlessTraining(api_key=fake.api_key, base_url=server.base_url) as client:
                return [c.step async for c in client.checkpoints.list(model.id, limit=2)]

        async_steps = anyio.run(read)
    assert sync_steps == async_steps and len(sync_steps) == 3, (sync_steps, async_steps)


if __name__ == "__main__":
    sys.exit(main())
