"""Cursor pagination against a stateful fake that pages exactly as the spec describes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from cases import JOB_ID, MODEL_ID
from conftest import Call
from contract import SPEC, ContractServer, Reply, Seen
from fakes import EVENTS, LIST_CHECKPOINTS, CheckpointStore, EventFeed, checkpoint, event, new_id, page_reply
from serverless_training import (
    AsyncServerlessTraining,
    InvalidParameterError,
    PaginationError,
    ServerlessTraining,
)


def _store(contract: ContractServer, n: int) -> CheckpointStore:
    return CheckpointStore(contract, [checkpoint(step) for step in range(n)])


@pytest.mark.parametrize("n", [0, 1, 99, 100, 101, 10_001])
def test_every_checkpoint_exactly_once_in_order(
    n: int, contract: ContractServer, client: ServerlessTraining
) -> None:
    _store(contract, n)
    steps = [c.step for c in client.checkpoints.list(MODEL_ID, limit=100)]
    assert steps == list(range(n))
    calls = contract.calls(LIST_CHECKPOINTS)
    assert len(calls) == max(1, -(-n // 100))
    assert all(call.params["limit"] == "100" for call in calls)


def _spec_max_limit(path: str) -> int:
    (limit,) = [p for p in SPEC["paths"][path]["get"]["parameters"] if p["name"] == "limit"]
    return int(limit["schema"]["maximum"])


@pytest.mark.parametrize("n", [2000, 250, 5])
def test_without_a_limit_every_page_is_the_largest_the_spec_allows(
    n: int, contract: ContractServer, both: Call
) -> None:
    """A round trip costs tens of milliseconds: 2,000 checkpoints take 20 requests, not 100."""
    _store(contract, n)
    assert len(both(lambda c: _collect(c.checkpoints.list(MODEL_ID)))) == n
    largest = _spec_max_limit("/v1/preview/models/{model_id}/checkpoints")
    calls = contract.calls(LIST_CHECKPOINTS)
    assert len(calls) == max(1, -(-n // largest)) <= 21
    assert {call.params["limit"] for call in calls} == {str(largest)}


def test_a_limit_the_caller_gives_is_honoured(contract: ContractServer, both: Call) -> None:
    _store(contract, 25)
    assert len(both(lambda c: _collect(c.checkpoints.list(MODEL_ID, limit=7)))) == 25
    assert [call.params["limit"] for call in contract.calls(LIST_CHECKPOINTS)] == ["7"] * 4


def _collect(listing: Any) -> Any:
    """Every item of a sync page or an async paginator (awaited by ``both``)."""
    if hasattr(listing, "__aiter__"):

        async def items() -> list[Any]:
            return [item async for item in listing]

        return items()
    return list(listing)


@pytest.mark.parametrize("n", [0, 1, 101])
def test_descending_order(n: int, contract: ContractServer, client: ServerlessTraining) -> None:
    _store(contract, n)
    assert [c.step for c in client.checkpoints.list(MODEL_ID, limit=7, order="desc")] == list(
        reversed(range(n))
    )
    assert {call.params["order"] for call in contract.calls(LIST_CHECKPOINTS)} == {"desc"}


def test_requested_page_size_is_respected(contract: ContractServer, client: ServerlessTraining) -> None:
    _store(contract, 25)
    pages = list(client.checkpoints.list(MODEL_ID, limit=10).iter_pages())
    assert [len(p.data) for p in pages] == [10, 10, 5]
    assert [p.has_more for p in pages] == [True, True, False]


def test_resume_from_a_saved_cursor(contract: ContractServer, client: ServerlessTraining) -> None:
    _store(contract, 30)
    first = client.checkpoints.list(MODEL_ID, limit=10)
    saved = first.next_cursor
    assert saved == new_id(9)
    resumed = [c.step for c in client.checkpoints.list(MODEL_ID, limit=10, after=saved)]
    assert resumed == list(range(10, 30))
    assert contract.calls(LIST_CHECKPOINTS)[-2].params["after"] == saved


def test_max_items_stops_early_and_asks_only_for_what_it_needs(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    _store(contract, 1000)
    steps = [c.step for c in client.checkpoints.list(MODEL_ID, limit=10, max_items=25)]
    assert steps == list(range(25))
    assert [call.params["limit"] for call in contract.calls(LIST_CHECKPOINTS)] == ["10", "10", "5"]


def test_max_items_without_a_limit_shrinks_the_page_size(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    _store(contract, 1000)
    assert len(list(client.checkpoints.list(MODEL_ID, max_items=3))) == 3
    assert len(list(client.checkpoints.list(MODEL_ID, max_items=250))) == 250
    limits = [call.params.get("limit") for call in contract.calls(LIST_CHECKPOINTS)]
    assert limits == ["3", "100", "100", "50"]  # never more than max_items still wants


def test_max_items_caps_page_data_too(contract: ContractServer, client: ServerlessTraining) -> None:
    _store(contract, 50)
    page = client.checkpoints.list(MODEL_ID, max_items=3)
    assert len(page.data) == 3 and page.next_page() is None


def test_next_page_walks_and_ends_with_none(contract: ContractServer, client: ServerlessTraining) -> None:
    _store(contract, 3)
    page = client.checkpoints.list(MODEL_ID, limit=2)
    assert (
        repr(page) == f"SyncCursorPage(items=2, first_id={new_id(0)!r}, last_id={new_id(1)!r}, has_more=True)"
    )
    assert page.first_id == new_id(0) and page.last_id == new_id(1)
    following = page.next_page()
    assert following is not None and [c.step for c in following.data] == [2]
    assert following.next_page() is None and following.next_cursor is None


def test_cursor_falls_back_to_the_last_item_id(contract: ContractServer, client: ServerlessTraining) -> None:
    replies = [
        Reply(body={"data": [checkpoint(0), checkpoint(1)], "has_more": True, "last_id": ""}),
        Reply(body={"data": [checkpoint(2)], "has_more": False}),
    ]
    contract.on(LIST_CHECKPOINTS, replies)
    assert [c.step for c in client.checkpoints.list(MODEL_ID)] == [0, 1, 2]
    assert contract.calls(LIST_CHECKPOINTS)[1].params["after"] == new_id(1)


@pytest.mark.parametrize(
    "stuck",
    [
        {"data": [], "has_more": True},  # empty page
        {"data": [], "has_more": True, "last_id": ""},  # empty page, empty ids
        {"data": [checkpoint(1)], "has_more": True, "last_id": new_id(0)},  # the cursor we sent, again
    ],
    ids=["empty-page", "empty-ids", "same-cursor"],
)
@pytest.mark.timeout(15)  # broken, the check leaves a loop that never ends: fail, do not hang
def test_a_cursor_that_does_not_advance_raises(
    stuck: dict[str, object], contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body=stuck))
    with pytest.raises(PaginationError) as info:
        list(client.checkpoints.list(MODEL_ID, after=new_id(0)))
    assert len(contract.calls(LIST_CHECKPOINTS)) <= 2
    assert new_id(0) in str(info.value)


def test_a_server_repeating_the_same_page_is_stopped(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    contract.on(
        LIST_CHECKPOINTS, Reply(body={"data": [checkpoint(0)], "has_more": True, "last_id": new_id(0)})
    )
    seen = []
    with pytest.raises(PaginationError, match="served the page after cursor"):
        seen.extend(client.checkpoints.list(MODEL_ID))
    assert len(contract.calls(LIST_CHECKPOINTS)) == 2
    assert [c.step for c in seen] == [0]  # the page served again hands out nothing twice


def test_events_paginate_the_same_way(contract: ContractServer, client: ServerlessTraining) -> None:
    EventFeed(contract, [[event(i, "gradient_step", step=i) for i in range(250)]])
    got = [e.data["step"] for e in client.training_jobs.events(JOB_ID, limit=100)]
    assert got == list(range(250))
    assert [c.params.get("after") for c in contract.calls(EVENTS)] == [
        None,
        new_id(1_000_099),
        new_id(1_000_199),
    ]


@pytest.mark.parametrize("bad", [0, 101, -1, True, 2.5, "10"])
def test_limit_out_of_range_is_refused_before_any_request(
    bad: object, contract: ContractServer, client: ServerlessTraining
) -> None:
    with pytest.raises(InvalidParameterError, match="limit"):
        client.checkpoints.list(MODEL_ID, limit=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        client.training_jobs.events(JOB_ID, limit=bad)  # type: ignore[arg-type]
    assert contract.seen == []


@pytest.mark.anyio
@pytest.mark.parametrize("n", [0, 1, 101, 10_001])
@pytest.mark.parametrize("prefetch", [False, True])
async def test_async_iteration(
    n: int, prefetch: bool, contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    _store(contract, n)
    steps = [c.step async for c in aclient.checkpoints.list(MODEL_ID, limit=100, prefetch=prefetch)]
    assert steps == list(range(n))


@pytest.mark.anyio
async def test_async_pages_resume_and_max_items(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    _store(contract, 30)
    page = await aclient.checkpoints.list(MODEL_ID, limit=10, order="desc")
    assert [c.step for c in page.data] == list(range(29, 19, -1))
    following = await page.next_page()
    assert following is not None and following.data[0].step == 19
    sizes = [len(p.data) async for p in page.iter_pages()]
    assert sizes == [10, 10, 10]
    # The saved cursor is step 20's id; read ascending from there, at most 4 items.
    capped = [c.step async for c in aclient.checkpoints.list(MODEL_ID, after=page.next_cursor, max_items=4)]
    assert capped == [21, 22, 23, 24]


@pytest.mark.anyio
@pytest.mark.parametrize("prefetch", [False, True])
async def test_async_guard(
    prefetch: bool, contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [], "has_more": True}))
    with pytest.raises(PaginationError):
        [c async for c in aclient.checkpoints.list(MODEL_ID, prefetch=prefetch)]


@pytest.mark.anyio
async def test_async_events(contract: ContractServer, aclient: AsyncServerlessTraining) -> None:
    EventFeed(contract, [[event(i, "gradient_step", step=i) for i in range(30)]])
    got = [e.data["step"] async for e in aclient.training_jobs.events(JOB_ID, limit=7, max_items=20)]
    assert got == list(range(20))


@pytest.mark.anyio
async def test_breaking_out_of_a_prefetching_loop_cancels_the_pending_page(
    contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    import asyncio

    def slow(seen: Seen) -> Reply:
        reply = CheckpointStore.list(store, seen)
        reply.delay = 1.0 if "after" in seen.params else 0.0
        return reply

    def prefetches() -> list[asyncio.Task[object]]:
        return [t for t in asyncio.all_tasks() if "next_page" in t.get_coro().__qualname__]  # type: ignore[union-attr]

    store = _store(contract, 300)
    contract.on(LIST_CHECKPOINTS, slow)
    pages = aclient.checkpoints.list(MODEL_ID, limit=100, prefetch=True)
    async for c in pages:
        if c.step == 5:
            assert [t for t in prefetches() if not t.done()], "the next page is being fetched"
            break
    for _ in range(10):  # let the abandoned generator's finalizer run
        await asyncio.sleep(0)
    assert prefetches() == [] or all(t.cancelled() for t in prefetches())


def test_an_id_twice_in_one_page_is_refused_before_it_is_handed_out(
    contract: ContractServer, both: Call
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [checkpoint(1), checkpoint(1)], "has_more": False}))
    with pytest.raises(PaginationError, match="again"):
        both(lambda c: c.checkpoints.list(MODEL_ID))


# --- no item handed out twice ----------------------------------------------------------------


class InclusiveAfter:
    """A server with an off-by-one: the page after cursor X starts with X again."""

    def __init__(self, contract: ContractServer, operation: str, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.deletes: list[Seen] = []
        contract.on(operation, self.page)

    def page(self, seen: Seen) -> Reply:
        limit = int(seen.params.get("limit", 20))
        ids = [item["id"] for item in self.items]
        start = ids.index(seen.params["after"]) if "after" in seen.params else 0  # inclusive
        return page_reply(self.items[start : start + limit], has_more=start + limit < len(self.items))


def _all(listing: Any) -> Any:
    if hasattr(listing, "__aiter__"):

        async def items() -> list[Any]:
            return [item async for item in listing]

        return items()
    return list(listing)


def test_a_listing_never_hands_out_an_item_twice(contract: ContractServer, both: Call) -> None:
    InclusiveAfter(contract, LIST_CHECKPOINTS, [checkpoint(step) for step in range(250)])
    handed_out: list[int] = []

    def collect(client: Any) -> Any:
        listing = client.checkpoints.list(MODEL_ID, limit=100)
        if hasattr(listing, "__aiter__"):

            async def items() -> None:
                async for c in listing:
                    handed_out.append(c.step)

            return items()
        for c in listing:
            handed_out.append(c.step)
        return None

    with pytest.raises(PaginationError, match="again"):
        both(collect)
    assert handed_out == list(range(100))  # the first page, then the refusal: nothing twice


def test_wait_hands_each_event_to_on_event_once(contract: ContractServer, both: Call) -> None:
    events = [event(i, "gradient_step", step=i) for i in range(150)] + [event(150, "training_ended")]
    InclusiveAfter(contract, EVENTS, events)
    seen: list[str] = []
    with pytest.raises(PaginationError, match="again"):
        both(
            lambda c: c.training_jobs.wait(
                JOB_ID, poll_interval=0.001, on_event=lambda e: seen.append(str(e.id))
            )
        )
    assert len(seen) == len(set(seen)) == 100


def test_prune_deletes_nothing_when_the_listing_repeats_items(contract: ContractServer, both: Call) -> None:
    server = InclusiveAfter(contract, LIST_CHECKPOINTS, [checkpoint(step) for step in range(250)])
    contract.on(
        "delete_model_checkpoints_v1_preview_models__model_id__checkpoints_delete", server.deletes.append
    )
    with pytest.raises(PaginationError):
        both(lambda c: c.checkpoints.prune(MODEL_ID, keep_latest=3))
    assert server.deletes == []


def test_repeated_steps_are_refused_before_anything_is_deleted(contract: ContractServer, both: Call) -> None:
    rows = [checkpoint(step) for step in range(5)]
    rows.append({**checkpoint(4), "id": "0f0f0f0f-0000-4000-8000-000000000000"})  # step 4 twice
    store = CheckpointStore(contract, rows)
    with pytest.raises(PaginationError, match="step 4"):
        both(lambda c: c.checkpoints.prune(MODEL_ID, keep_latest=1))
    assert store.deleted_calls == []


def test_max_items_holds_when_the_server_ignores_limit(contract: ContractServer, both: Call) -> None:
    rows = [checkpoint(step) for step in range(50)]

    def everything(seen: Seen) -> Reply:
        return page_reply(rows, has_more=True)

    contract.on(LIST_CHECKPOINTS, everything)
    got = both(lambda c: _all(c.checkpoints.list(MODEL_ID, max_items=7)))
    assert [c.step for c in got] == list(range(7))


@pytest.mark.timeout(15)  # broken, the check leaves a loop that never ends: fail, do not hang
def test_an_empty_page_that_repeats_its_cursor_with_has_more_is_refused(
    contract: ContractServer, both: Call
) -> None:
    first = [checkpoint(0)]

    def pages(seen: Seen) -> Reply:
        if "after" not in seen.params:
            return Reply(
                body={"data": first, "first_id": first[0]["id"], "last_id": first[0]["id"], "has_more": True}
            )
        return Reply(body={"data": [], "first_id": "", "last_id": seen.params["after"], "has_more": True})

    contract.on(LIST_CHECKPOINTS, pages)
    with pytest.raises(PaginationError):
        both(lambda c: _all(c.checkpoints.list(MODEL_ID)))
