"""``client.models``: create and delete trainable models, log trajectories to them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx

from .._params import check_id, to_models
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from serverless_training_raw.models.delete_model_response import DeleteModelResponse
    from serverless_training_raw.models.model_create import ModelCreate
    from serverless_training_raw.models.model_response import ModelResponse
    from serverless_training_raw.models.trajectory_group import TrajectoryGroup


__all__ = ["AsyncModels", "Models"]

Timeout = float | httpx.Timeout | None


def _create_body(
    project: str, name: str, base_model: str, entity: str | None, return_existing: bool
) -> ModelCreate:
    from serverless_training_raw.models.model_create import ModelCreate  # noqa: PLC0415
    from serverless_training_raw.types import UNSET  # noqa: PLC0415

    return ModelCreate(
        project=check_id("project", project),
        name=check_id("name", name),
        base_model=check_id("base_model", base_model),
        entity=UNSET if entity is None else check_id("entity", entity),
        return_existing=return_existing,
    )


def _log_body(split: str, trajectory_groups: Sequence[TrajectoryGroup | Mapping[str, Any]]) -> Any:
    from serverless_training_raw.models.log_request import LogRequest  # noqa: PLC0415
    from serverless_training_raw.models.trajectory_group import TrajectoryGroup  # noqa: PLC0415

    groups = to_models("trajectory_groups", trajectory_groups, TrajectoryGroup, TrajectoryGroup.from_dict)
    return LogRequest(split=check_id("split", split), trajectory_groups=groups)


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
        body = _create_body(project, name, base_model, entity, return_existing)
        result: ModelResponse = self._client._request(
            "models.create_model", body=body, timeout=timeout, max_retries=max_retries
        )
        return result

    def delete(
        self, model_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteModelResponse:
        """Delete a model, its checkpoints and its run."""
        result: DeleteModelResponse = self._client._request(
            "models.delete_model",
            model_id=check_id("model_id", model_id),
            timeout=timeout,
            max_retries=max_retries,
        )
        return result

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
            "models.log",
            model_id=check_id("model_id", model_id),
            body=_log_body(split, trajectory_groups),
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
        body = _create_body(project, name, base_model, entity, return_existing)
        result: ModelResponse = await self._client._request(
            "models.create_model", body=body, timeout=timeout, max_retries=max_retries
        )
        return result

    async def delete(
        self, model_id: str, *, timeout: Timeout = None, max_retries: int | None = None
    ) -> DeleteModelResponse:
        """Delete a model, its checkpoints and its run."""
        result: DeleteModelResponse = await self._client._request(
            "models.delete_model",
            model_id=check_id("model_id", model_id),
            timeout=timeout,
            max_retries=max_retries,
        )
        return result

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
            "models.log",
            model_id=check_id("model_id", model_id),
            body=_log_body(split, trajectory_groups),
            timeout=timeout,
            max_retries=max_retries,
        )
