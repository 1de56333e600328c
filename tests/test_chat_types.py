"""A whole chat completion read in OpenAI's shape, typed: the text, the usage and the tool calls
without a check per level, and what the spec does not name still readable."""

from __future__ import annotations

import pytest
from serverless_training import InvalidParameterError
from serverless_training.testing import FakeAPI
from serverless_training.types import ChatCompletion, ChatCompletionResponse

MESSAGES = [{"role": "user", "content": "Say something"}]


def test_a_completion_from_the_fake_reads_as_its_stream_does() -> None:
    fake = FakeAPI()
    with fake.client() as client:
        completion = ChatCompletion.of(client.chat.completions.create(model="m", messages=MESSAGES))
        with client.chat.completions.create(
            model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        ) as stream:
            chunks = list(stream)
    streamed = "".join(choice.delta.content or "" for chunk in chunks for choice in chunk.choices)
    assert completion.text == streamed and completion.text
    assert completion.choices[0].finish_reason == "stop" and completion.choices[0].message.role == "assistant"
    assert completion.usage is not None and completion.usage == chunks[-1].usage


def test_tool_calls_refusals_and_unnamed_fields() -> None:
    body = {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {"id": "t1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
                    ],
                },
            }
        ],
        "kv_transfer_params": {"x": 1},
    }
    completion = ChatCompletion.of(ChatCompletionResponse.from_dict(body))
    assert completion.text == ""  # no content: only a tool call
    calls = completion.choices[0].message.tool_calls
    assert calls is not None and calls[0].function.name == "f" and calls[0].id == "t1"
    assert completion["kv_transfer_params"] == {"x": 1} and completion.usage is None


def test_an_answer_not_in_openais_shape_is_refused_naming_the_field() -> None:
    odd = ChatCompletionResponse.from_dict({"id": "c", "created": 1, "model": "m", "choices": [{"index": 0}]})
    with pytest.raises(InvalidParameterError, match="message"):
        ChatCompletion.of(odd)
