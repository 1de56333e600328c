"""Per-call and per-client controls, on both clients: extra_headers/extra_query/extra_body,
with_options, with_raw_response (the request id of a successful call), and a caller's own httpx
client built by DefaultHttpxClient."""

from __future__ import annotations

import asyncio
import datetime
import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from cases import MODEL_ID
from conftest import API_KEY, Call
from contract import ContractServer, Reply
from fakes import LIST_CHECKPOINTS, checkpoint, page_reply
from serverless_training import (
    APIResponse,
    AsyncServerlessTraining,
    DeadlineTransport,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    InternalServerError,
    InvalidParameterError,
    PooledAsyncTransport,
    RetryPolicy,
    ServerlessTraining,
    SyncCursorPage,
)
from serverless_training.types import ChatCompletionResponse

CHAT = "create_chat_completion_v1_chat_completions_post"
ANSWER = {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []}
MESSAGES = [{"role": "user", "content": "hi"}]
PAGE = page_reply([checkpoint(1)], has_more=False)


def test_extra_body_query_and_headers_reach_the_server(contract: ContractServer, both: Call) -> None:
    contract.on(CHAT, Reply(body=ANSWER))
    contract.on(LIST_CHECKPOINTS, PAGE)
    both(
        lambda c: c.chat.completions.create(
            model="m", messages=MESSAGES, extra_body={"guided_json": {"type": "object"}, "top_k": 5}
        )
    )
    both(
        lambda c: c.checkpoints.list(MODEL_ID, extra_query={"tag": "nightly"}, extra_headers={"X-Team": "rl"})
    )
    (chat,) = contract.calls(CHAT)
    assert chat.json["guided_json"] == {"type": "object"} and chat.json["top_k"] == 5
    assert chat.json["model"] == "m"  # the method's own fields are kept
    (listing,) = contract.calls(LIST_CHECKPOINTS)
    assert listing.params["tag"] == "nightly" and listing.headers["X-Team"] == "rl"
    assert (
        listing.headers["Authorization"] == f"Bearer {API_KEY}"
    )  # an extra header adds, never replaces auth


def test_a_listing_sends_its_extras_with_every_page(contract: ContractServer, both: Call) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [page_reply([checkpoint(1)], has_more=True), page_reply([checkpoint(2)], has_more=False)],
    )

    def every_step(c: Any) -> Any:
        listing = c.checkpoints.list(MODEL_ID, extra_query={"tag": "a"}, extra_headers={"X-Team": "rl"})
        if isinstance(listing, SyncCursorPage):
            return [item.step for item in listing]

        async def collect() -> list[int]:
            return [item.step async for item in listing]

        return collect()

    assert both(every_step) == [1, 2]
    pages = contract.calls(LIST_CHECKPOINTS)
    assert len(pages) == 2 and all(p.params["tag"] == "a" and p.headers["X-Team"] == "rl" for p in pages)
    assert "after" in pages[1].params  # the cursor still moves


def test_extras_must_be_json_and_are_refused_before_anything_is_sent(
    contract: ContractServer, both: Call
) -> None:
    with pytest.raises(InvalidParameterError, match="extra_body"):
        both(lambda c: c.chat.completions.create(model="m", messages=MESSAGES, extra_body={"when": object()}))
    assert contract.calls(CHAT) == []


def test_with_options_changes_its_own_settings_and_shares_the_pool(
    contract: ContractServer, both: Call
) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [Reply(503, b"busy", off_spec=True), Reply(503, b"busy", off_spec=True), PAGE],
    )

    def call(c: Any) -> Any:
        strict = c.with_options(max_retries=0, timeout=7, default_headers={"X-Trace": "1"})
        assert strict._http is c._http and type(strict) is type(c)
        assert strict.max_retries == 0 and strict.timeout.read == 7 and c.max_retries == 2
        assert strict.checkpoints is not c.checkpoints and strict.checkpoints._client is strict
        return strict.checkpoints.list(MODEL_ID)

    with pytest.raises(InternalServerError):
        both(call)
    (seen,) = contract.calls(LIST_CHECKPOINTS)  # not retried by the clone
    assert seen.headers["X-Trace"] == "1"
    page = both(lambda c: c.checkpoints.list(MODEL_ID))  # the original retries (503 then the page)
    assert len(page.data) == 1 and "X-Trace" not in contract.calls(LIST_CHECKPOINTS)[-1].headers


def test_a_raw_response_has_the_request_id_status_headers_and_the_result(
    contract: ContractServer, both: Call
) -> None:
    contract.on(CHAT, Reply(body=ANSWER, headers={"x-request-id": "req_123", "x-served-by": "edge-1"}))
    raw = both(lambda c: c.with_raw_response.chat.completions.create(model="m", messages=MESSAGES))
    assert isinstance(raw, APIResponse)
    assert raw.request_id == "req_123" and raw.status_code == 200 and raw.headers["x-served-by"] == "edge-1"
    assert isinstance(raw.elapsed, datetime.timedelta) and raw.method == "POST"
    answer = raw.parse()
    assert isinstance(answer, ChatCompletionResponse) and answer.to_dict()["id"] == "c"
    assert "req_123" in repr(raw)


def test_a_raw_listing_is_its_first_page(contract: ContractServer, both: Call) -> None:
    contract.on(
        LIST_CHECKPOINTS,
        [
            Reply(body=page_reply([checkpoint(1)], has_more=True).body, headers={"x-request-id": "first"}),
            Reply(body=page_reply([checkpoint(2)], has_more=False).body, headers={"x-request-id": "second"}),
        ],
    )
    raw = both(lambda c: c.checkpoints.with_raw_response.list(MODEL_ID))
    assert raw.request_id == "first" and [c.step for c in raw.parse().data] == [1]


def test_a_raw_stream_carries_the_streams_response(contract: ContractServer, both: Call) -> None:
    chunk = b'{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}'
    sse = b"data: " + chunk + b"\n\ndata: [DONE]\n\n"
    contract.on(
        CHAT,
        Reply(body=sse, headers={"Content-Type": "text/event-stream", "x-request-id": "s1"}, off_spec=True),
    )

    def call(c: Any) -> Any:
        result = c.with_raw_response.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        if not inspect.isawaitable(result):
            with result.parse() as stream:
                return result.request_id, [chunk.id for chunk in stream]

        async def read() -> tuple[str | None, list[str]]:
            raw = await result
            async with raw.parse() as stream:
                return raw.request_id, [chunk.id async for chunk in stream]

        return read()

    assert both(call) == ("s1", ["c"])


def test_a_failed_raw_call_raises_as_the_plain_call_does(contract: ContractServer, both: Call) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(500, b"no", headers={"x-request-id": "bad"}, off_spec=True))
    with pytest.raises(InternalServerError) as info:
        both(lambda c: c.with_options(max_retries=0).with_raw_response.checkpoints.list(MODEL_ID))
    assert info.value.request_id == "bad"


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_default_httpx_clients_keep_the_sdks_transport_unless_told_otherwise(
    flavour: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory: Callable[..., httpx.Client | httpx.AsyncClient]
    factory, own = (
        (DefaultHttpxClient, DeadlineTransport)
        if flavour == "sync"
        else (DefaultAsyncHttpxClient, PooledAsyncTransport)
    )
    assert isinstance(factory()._transport, own)
    assert isinstance(factory(event_hooks={"request": []})._transport, own)  # other settings keep it
    assert not isinstance(
        factory(transport=httpx.MockTransport(lambda r: httpx.Response(200)))._transport, own
    )
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # httpx routes through a proxy itself
    assert not isinstance(factory()._transport, own)
    assert (
        factory()._transport._pool._max_connections
        == factory(trust_env=False)._transport._pool._max_connections
    )


def test_a_callers_default_httpx_client_calls_the_api(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, PAGE)
    seen: list[str] = []
    http = DefaultHttpxClient(event_hooks={"request": [lambda request: seen.append(request.url.path)]})
    with ServerlessTraining(api_key=API_KEY, base_url=contract.url, http_client=http) as client:
        assert len(client.checkpoints.list(MODEL_ID).data) == 1
    assert seen == [f"/v1/preview/models/{MODEL_ID}/checkpoints"]
    http.close()

    async def main() -> int:
        async with (
            DefaultAsyncHttpxClient() as ahttp,
            AsyncServerlessTraining(
                api_key=API_KEY, base_url=contract.url, http_client=ahttp, retry=RetryPolicy(max_retries=0)
            ) as aclient,
        ):
            return len((await aclient.checkpoints.list(MODEL_ID)).data)

    assert asyncio.run(main()) == 1


def test_with_options_clones_share_the_pool_a_new_event_loop_renews(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, PAGE)
    aclient = AsyncServerlessTraining(api_key=API_KEY, base_url=contract.url)
    clone = aclient.with_options(timeout=30)

    async def both_list(then_close: bool) -> None:
        for c in (clone, aclient):
            assert len((await c.checkpoints.list(MODEL_ID)).data) == 1
        if then_close:
            await aclient.close()

    asyncio.run(both_list(then_close=False))
    first = aclient._http
    asyncio.run(both_list(then_close=True))  # a second loop: the old connections dropped, one new pool
    assert clone._http is aclient._http and clone._http is not first
    assert clone._http.is_closed  # closing either closes the pool they share
