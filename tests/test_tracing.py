"""OpenTelemetry's httpx instrumentation (how most services trace their HTTP clients) sees every
request the SDK sends, sync and async, as it sees plain httpx's; the API key is in no span."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cases import MODEL_ID
from conftest import API_KEY, Call
from contract import ContractServer, Reply
from fakes import LIST_CHECKPOINTS, checkpoint, page_reply
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

CHAT = "create_chat_completion_v1_chat_completions_post"
CHUNK = b'{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}'
SSE = b"data: " + CHUNK + b"\n\ndata: [DONE]\n\n"


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrumentor = HTTPXClientInstrumentor()
    instrumentor.instrument(tracer_provider=provider)
    try:
        yield exporter
    finally:
        instrumentor.uninstrument()


def _client_spans(exporter: InMemorySpanExporter) -> list[ReadableSpan]:
    return [span for span in exporter.get_finished_spans() if span.kind is SpanKind.CLIENT]


def _attributes(span: ReadableSpan) -> dict[str, Any]:
    return dict(span.attributes or {})


def test_plain_httpx_makes_a_client_span(contract: ContractServer, spans: InMemorySpanExporter) -> None:
    """What users see today with plain httpx: the yardstick for the SDK's calls below."""
    contract.on(LIST_CHECKPOINTS, page_reply([checkpoint(1)], has_more=False))
    httpx.get(
        f"{contract.url}/v1/preview/models/{MODEL_ID}/checkpoints", headers={"Authorization": "Bearer k"}
    )
    assert len(_client_spans(spans)) == 1


def test_every_sdk_call_makes_a_client_span_without_the_key(
    contract: ContractServer, spans: InMemorySpanExporter, both: Call
) -> None:
    contract.on(LIST_CHECKPOINTS, page_reply([checkpoint(1)], has_more=False))
    both(lambda c: c.checkpoints.list(MODEL_ID))
    (span,) = _client_spans(spans)
    attributes = _attributes(span)
    assert any(f"/v1/preview/models/{MODEL_ID}/checkpoints?" in str(value) for value in attributes.values())
    assert 200 in attributes.values() and "GET" in attributes.values()
    assert API_KEY not in repr(attributes) and API_KEY not in span.to_json()


def test_each_retry_and_each_stream_is_a_span(
    contract: ContractServer, spans: InMemorySpanExporter, both: Call
) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [Reply(503, b"busy", off_spec=True), page_reply([checkpoint(1)], has_more=False)],
    )
    contract.on(CHAT, Reply(body=SSE, headers={"Content-Type": "text/event-stream"}, off_spec=True))
    both(lambda c: c.checkpoints.list(MODEL_ID))

    def stream(c: Any) -> Any:
        result = c.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        if not hasattr(result, "__await__"):
            with result as chunks:
                return [chunk.id for chunk in chunks]

        async def read() -> list[str]:
            async with await result as chunks:
                return [chunk.id async for chunk in chunks]

        return read()

    assert both(stream) == ["c"]
    statuses = sorted(
        value for span in _client_spans(spans) for value in _attributes(span).values() if value in (200, 503)
    )
    assert statuses == [200, 200, 503]
