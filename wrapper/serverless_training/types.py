"""Every type the public methods take or return, in one place: ``from serverless_training.types import ...``.

The API's models come from the generated package (re-exported whole, so a model the spec adds is
here too); the pages, summaries and results are the SDK's own. Importing this module loads every
model (about the cost of ``import httpx``); type-only imports under ``TYPE_CHECKING`` cost nothing.
"""

from __future__ import annotations

from serverless_training_raw.models import *  # noqa: F403 - the API's models, whatever the spec holds
from serverless_training_raw.models import __all__ as _MODELS
from serverless_training_raw.types import UNSET, Unset

from . import _chat
from ._chat import *  # noqa: F403 - the chat completion types, as _chat.__all__ names them
from ._jobs import TrainingJobSummary
from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
from ._params import Order
from ._prune import PruneResult
from ._streaming import AsyncStream, Stream

__all__ = [  # noqa: PLE0604 - the models' names are only known once the spec is generated
    *_MODELS,
    "UNSET",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AsyncStream",
    "Order",
    "PruneResult",
    "Stream",
    "SyncCursorPage",
    "TrainingJobSummary",
    "Unset",
]
__all__ += _chat.__all__
