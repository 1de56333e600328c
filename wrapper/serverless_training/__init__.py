"""Python SDK for the W&B Serverless Training API: RL and SFT post-training of LLMs.

>>> from serverless_training import ServerlessTraining
>>> with ServerlessTraining() as client:  # key from WANDB_API_KEY or ~/.netrc
...     for checkpoint in client.checkpoints.list(model_id):
...         print(checkpoint.step, checkpoint.metrics["reward"])

Names are imported on first use (PEP 562), so ``import serverless_training`` costs little more
than ``import httpx``; the generated models load with the first request that needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _errors
from ._errors import *  # noqa: F403 - every error class, as _errors.__all__ names them
from ._version import __version__

if TYPE_CHECKING:
    from . import testing as testing  # attributes of the package, loaded on first use
    from . import types as types
    from ._client import AsyncServerlessTraining, ServerlessTraining
    from ._constants import DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT
    from ._jobs import TrainingJobSummary
    from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
    from ._pool import DeadlineTransport, DefaultAsyncHttpxClient, DefaultHttpxClient, PooledAsyncTransport
    from ._prune import PruneResult
    from ._response import APIResponse
    from ._retry import RetryPolicy
    from ._streaming import AsyncStream, Stream

_LAZY = {
    "AsyncServerlessTraining": "._client",
    "ServerlessTraining": "._client",
    "DefaultAsyncHttpxClient": "._pool",
    "DefaultHttpxClient": "._pool",
    "DEFAULT_BASE_URL": "._constants",
    "DEFAULT_MAX_RESPONSE_BYTES": "._constants",
    "DEFAULT_TIMEOUT": "._constants",
    "TrainingJobSummary": "._jobs",
    "AsyncCursorPage": "._pagination",
    "AsyncPaginator": "._pagination",
    "SyncCursorPage": "._pagination",
    "PruneResult": "._prune",
    "APIResponse": "._response",
    "RetryPolicy": "._retry",
    "AsyncStream": "._streaming",
    "Stream": "._streaming",
    "DeadlineTransport": "._pool",
    "PooledAsyncTransport": "._pool",
}


# Submodules reachable as attributes after `import serverless_training` (`st.types.CheckpointResponse`),
# loaded on first use like the names above.
_SUBMODULES = ("types", "testing")


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBMODULES])


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "APIResponse",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AsyncServerlessTraining",
    "AsyncStream",
    "DeadlineTransport",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "PooledAsyncTransport",
    "PruneResult",
    "RetryPolicy",
    "ServerlessTraining",
    "Stream",
    "SyncCursorPage",
    "TrainingJobSummary",
    "__version__",
]
__all__ += _errors.__all__
