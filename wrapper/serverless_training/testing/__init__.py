"""A stateful fake of the whole Serverless Training API, for testing code that uses this SDK.

>>> from serverless_training.testing import FakeAPI
>>> fake = FakeAPI()
>>> with fake.client() as client:
...     model = client.models.create(project="p", name="m", base_model="OpenPipe/Qwen3-14B-Instruct")
...     job = client.training_jobs.create_rl(model.id, trajectory_groups=[{"trajectories": [{"reward": 1}]}])
...     client.training_jobs.wait(job.id).last_metrics["reward"]
1.0

In-process (``fake.client()``, ``fake.async_client()``) no socket is opened; ``fake.serve()`` or
``python -m serverless_training.testing`` put it behind a real HTTP server on 127.0.0.1.
Only the package's runtime dependencies are used.
"""

from ._app import FAKE_BASE_URL, FakeAPI
from ._chaos import Chaos
from ._clock import ManualClock
from ._faults import Faults, InjectedReply
from ._reply import FakeReply
from ._server import FakeServer
from ._transports import AsyncFakeTransport, FakeTransport

__all__ = [
    "FAKE_BASE_URL",
    "AsyncFakeTransport",
    "Chaos",
    "FakeAPI",
    "FakeReply",
    "FakeServer",
    "FakeTransport",
    "Faults",
    "InjectedReply",
    "ManualClock",
]
