"""Python SDK for the W&B Serverless Training API: RL and SFT post-training of LLMs.

>>> from serverless_training import ServerlessTraining
>>> with ServerlessTraining() as client:  # key from WANDB_API_KEY or ~/.netrc
...     for checkpoint in client.checkpoints.list(model_id):
...         print(checkpoint.step, checkpoint.metrics.additional_properties)
"""

from ._client import AsyncServerlessTraining, ServerlessTraining
from ._config import DEFAULT_BASE_URL, DEFAULT_TIMEOUT
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    InvalidParameterError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ServerlessTrainingError,
    TrainingJobFailedError,
    TrainingJobTimeoutError,
    UnprocessableEntityError,
    ValidationItem,
)
from ._jobs import TrainingJobSummary
from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
from ._prune import PruneResult
from ._retry import RetryPolicy
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AsyncServerlessTraining",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "InvalidParameterError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PruneResult",
    "RateLimitError",
    "RetryPolicy",
    "ServerlessTraining",
    "ServerlessTrainingError",
    "SyncCursorPage",
    "TrainingJobFailedError",
    "TrainingJobSummary",
    "TrainingJobTimeoutError",
    "UnprocessableEntityError",
    "ValidationItem",
    "__version__",
]
