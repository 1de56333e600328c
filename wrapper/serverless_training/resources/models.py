"""``client.models``: create and delete trainable models, log trajectories to them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx
from serverless_training_raw.api.models import create_model, delete_model, log
from serverless_training_raw.models.delete_model_response import DeleteModelResponse
from serverless_training_raw.models.log_request import LogRequest
from serverless_training_raw.models.model_create import ModelCreate
from serverless_training_raw.models.model_response import ModelResponse
from serverless_training_raw.models.trajectory_group import TrajectoryGroup
from serverless_training_raw.types import UNSET, RequestSpec

from .._params import check_id, to_models
from ._base import AsyncResource, SyncResource

__all__ = ["AsyncModels", "Models"]

Timeout = float | httpx.Timeout | None


def _create_request(
    project: str, name: str, base_model: str, entity: str | None, return_existing: bool
) -> RequestSpec:
    body = ModelCreate(
        project=check_id("project", project),
        name=check_id("name", name),
        base_model=check_id("base_model", base_model),
        entity=UNSET if entity is None else check_id("entity", entity),
        return_existing=return_existing,
    )
    return create_model.build_request(body=body)


def _log_request(
    model_id: str, split: str, trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]]
) -> RequestSpec:
    groups = to_models("trajectory_groups", trajectory_groups, TrajectoryGroup, TrajectoryGroup.from_dict)
    body = LogRequest(split=check_id("split", split), trajectory_groups=groups)
    return log.build_request(check_id("model_id", model_id), body=body)


class Models(SyncResource):
    """Trainable models (a base model plus the LoRA checkpoints training produces)."""

    def create(
        self,
        *,
        project: str,
        name: str,
        base_model: str,
        entity: str | None = None,
        return_existing: bool = False,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> ModelResponse:
        """Create a model in a W&B ``project`` (``return_existing=True`` returns one of the same name)."""
        request = _create_request(project, name, base_model, entity, return_existing)
        return self._client._request(create_model.ENDPOINT, request, timeout=timeout, max_retries=max_retries)

    def delete(
        self, model_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteModelResponse:
        """Delete a model, its checkpoints and its run."""
        request = delete_model.build_request(check_id("model_id", model_id))
        return self._client._request(delete_model.ENDPOINT, request, timeout=timeout, max_retries=max_retries)

    def log(
        self,
        model_id: str,
        *,
        split: str,
        trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]],
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> Any:
        """Log trajectory groups for ``split`` (e.g. ``"val"``) and compute their metrics."""
        return self._client._request(
            log.ENDPOINT,
            _log_request(model_id, split, trajectory_groups),
            timeout=timeout,
            max_retries=max_retries,
        )


class AsyncModels(AsyncResource):
    """Async twin of ``Models``."""

    async def create(
        self,
        *,
        project: str,
        name: str,
        base_model: str,
        entity: str | None = None,
        return_existing: bool = False,
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> ModelResponse:
        """Create a model in a W&B ``project`` (``return_existing=True`` returns one of the same name)."""
        request = _create_request(project, name, base_model, entity, return_existing)
        return await self._client._request(
            create_model.ENDPOINT, request, timeout=timeout, max_retries=max_retries
        )

    async def delete(
        self, model_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteModelResponse:
        """Delete a model, its checkpoints and its run."""
        request = delete_model.build_request(check_id("model_id", model_id))
        return await self._client._request(
            delete_model.ENDPOINT, request, timeout=timeout, max_retries=max_retries
        )

    async def log(
        self,
        model_id: str,
        *,
        split: str,
        trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]],
        timeout: Timeout = None,
        max_retries: int | None = None,
    ) -> Any:
        """Log trajectory groups for ``split`` (e.g. ``"val"``) and compute their metrics."""
        return await self._client._request(
            log.ENDPOINT,
            _log_request(model_id, split, trajectory_groups),
            timeout=timeout,
            max_retries=max_retries,
        )
