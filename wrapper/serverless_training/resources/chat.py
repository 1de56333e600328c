"""``client.chat.completions``: OpenAI-compatible chat completions against a trained model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx
from serverless_training_raw.api.chat_completions import create_chat_completion
from serverless_training_raw.models.chat_completion_request import ChatCompletionRequest
from serverless_training_raw.models.chat_completion_response import ChatCompletionResponse
from serverless_training_raw.types import RequestSpec

from .._errors import InvalidParameterError
from .._params import check_id
from ._base import AsyncResource, SyncResource

if TYPE_CHECKING:
    from .._client import AsyncServerlessTraining, ServerlessTraining

__all__ = ["AsyncChat", "AsyncCompletions", "Chat", "Completions"]

Timeout = float | httpx.Timeout | None


def _request(model: str, messages: Sequence[Mapping[str, Any]], extra: dict[str, Any]) -> RequestSpec:
    if isinstance(messages, str | bytes | Mapping) or not isinstance(messages, Sequence):
        raise InvalidParameterError(
            "messages", f"must be a list of message mappings, got {type(messages).__name__}"
        )
    for i, message in enumerate(messages):
        if not isinstance(message, Mapping):
            raise InvalidParameterError(f"messages[{i}]", f"must be a mapping, got {type(message).__name__}")
    body = ChatCompletionRequest.from_dict(
        {**extra, "model": check_id("model", model), "messages": [dict(m) for m in messages]}
    )
    return create_chat_completion.build_request(body=body)


class Completions(SyncResource):
    """``POST /v1/chat/completions``."""

    def create(
        self,
        *,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        timeout: Timeout = None,
        max_retries: int | None = None,
        **extra: Any,
    ) -> ChatCompletionResponse:
        """Create a chat completion; ``extra`` carries any other OpenAI parameter (temperature, ...)."""
        return self._client._request(
            create_chat_completion.ENDPOINT,
            _request(model, messages, extra),
            timeout=timeout,
            max_retries=max_retries,
        )


class AsyncCompletions(AsyncResource):
    """Async twin of ``Completions``."""

    async def create(
        self,
        *,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        timeout: Timeout = None,
        max_retries: int | None = None,
        **extra: Any,
    ) -> ChatCompletionResponse:
        """Create a chat completion; ``extra`` carries any other OpenAI parameter (temperature, ...)."""
        return await self._client._request(
            create_chat_completion.ENDPOINT,
            _request(model, messages, extra),
            timeout=timeout,
            max_retries=max_retries,
        )


class Chat(SyncResource):
    """``client.chat``: holds ``completions``."""

    __slots__ = ("completions",)

    def __init__(self, client: ServerlessTraining) -> None:
        super().__init__(client)
        self.completions = Completions(client)


class AsyncChat(AsyncResource):
    """``client.chat`` of the async client: holds ``completions``."""

    __slots__ = ("completions",)

    def __init__(self, client: AsyncServerlessTraining) -> None:
        super().__init__(client)
        self.completions = AsyncCompletions(client)
