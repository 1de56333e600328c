"""OpenAI's chat completion shapes, written by hand: the spec leaves a completion loose (``choices``
optional, ``message`` nullable, no ``usage``) and cannot describe a stream's chunks at all.

``ChatCompletion.of(answer)`` reads a whole completion as these types, ``.text`` its first choice's
content; a stream yields ``ChatCompletionChunk``. Fields this SDK does not name stay readable by
their JSON name (``completion["name"]``), as a newer server may add them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from typing_extensions import Self

if TYPE_CHECKING:  # the models load with the chat resource, not with the CLI that reads them
    from serverless_training_raw.models.chat_completion_response import ChatCompletionResponse

from ._errors import InvalidParameterError

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChoiceDelta",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "ChunkChoice",
    "CompletionChoice",
    "CompletionMessage",
    "CompletionUsage",
    "ToolCall",
]


class ChoiceDeltaToolCallFunction(msgspec.Struct, frozen=True):
    """A piece of a function call: its name (first piece) and more of its JSON arguments."""

    name: str | None = None
    arguments: str | None = None


class ChoiceDeltaToolCall(msgspec.Struct, frozen=True):
    """A piece of tool call number ``index``."""

    index: int
    id: str | None = None
    type: str | None = None
    function: ChoiceDeltaToolCallFunction | None = None


class ChoiceDelta(msgspec.Struct, frozen=True):
    """What one chunk adds to a choice's message: usually more ``content``."""

    content: str | None = None
    role: str | None = None
    refusal: str | None = None
    reasoning_content: str | None = None  # reasoning models served by vLLM
    tool_calls: tuple[ChoiceDeltaToolCall, ...] | None = None


class ChunkChoice(msgspec.Struct, frozen=True):
    """One choice of a chunk; ``finish_reason`` is set on its last chunk (``"stop"``, ``"length"``)."""

    index: int
    delta: ChoiceDelta
    finish_reason: str | None = None
    logprobs: dict[str, Any] | None = None


class CompletionUsage(msgspec.Struct, frozen=True):
    """Token counts, in the last chunk when the request asks ``stream_options={"include_usage": True}``."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionChunk(msgspec.Struct, frozen=True):
    """One event of a streamed chat completion, in OpenAI's ``chat.completion.chunk`` shape.

    ``chunk["name"]`` reads any field of the event by its JSON name, one this SDK names or one a
    newer server added (``raw`` is the whole event as sent).
    """

    id: str
    choices: tuple[ChunkChoice, ...]
    created: int
    model: str
    object: str = "chat.completion.chunk"
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None
    service_tier: str | None = None
    # Set by from_event, not read from the event: the JSON name is one no server sends.
    raw: dict[str, Any] = msgspec.field(default_factory=dict, name="__serverless_training_raw__")

    @classmethod
    def from_event(cls, event: dict[str, Any]) -> Self:
        """The chunk an event's JSON object describes (``msgspec.ValidationError`` when it is not one)."""
        return msgspec.structs.replace(msgspec.convert(event, cls), raw=event)

    def __getitem__(self, name: str) -> Any:
        return self.raw[name]


class ToolCall(msgspec.Struct, frozen=True):
    """A call of a tool the model asks for: its id, and the function's name and JSON arguments."""

    id: str
    function: ChoiceDeltaToolCallFunction
    type: str = "function"


class CompletionMessage(msgspec.Struct, frozen=True):
    """The model's message: ``content`` (None when it only calls tools or refuses)."""

    content: str | None = None
    role: str = "assistant"
    refusal: str | None = None
    reasoning_content: str | None = None  # reasoning models served by vLLM
    tool_calls: tuple[ToolCall, ...] | None = None


class CompletionChoice(msgspec.Struct, frozen=True):
    """One choice of a whole completion; ``finish_reason`` says why it ended (``"stop"``, ``"length"``)."""

    index: int
    message: CompletionMessage
    finish_reason: str | None = None
    logprobs: dict[str, Any] | None = None


class ChatCompletion(msgspec.Struct, frozen=True):
    """A whole chat completion, in OpenAI's ``chat.completion`` shape, typed for reading."""

    id: str
    choices: tuple[CompletionChoice, ...]
    created: int
    model: str
    object: str = "chat.completion"
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None
    raw: dict[str, Any] = msgspec.field(default_factory=dict, name="__serverless_training_raw__")

    @classmethod
    def of(cls, answer: ChatCompletionResponse) -> Self:
        """``answer`` (what ``chat.completions.create`` returns) read as this type;
        ``InvalidParameterError`` naming the field when it is not OpenAI's shape."""
        body = answer.to_dict()
        try:
            return msgspec.structs.replace(msgspec.convert(body, cls), raw=body)
        except msgspec.ValidationError as exc:
            raise InvalidParameterError("answer", f"is not an OpenAI chat completion: {exc}") from None

    @property
    def text(self) -> str:
        """The first choice's content ("" when it has none: a refusal, or only tool calls)."""
        return (self.choices[0].message.content or "") if self.choices else ""

    def __getitem__(self, name: str) -> Any:
        return self.raw[name]
