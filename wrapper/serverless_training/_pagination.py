"""Cursor pages: ``.data`` of one page, iteration across all pages, one page held at a time.

The cursor rules live in ``next_cursor`` and ``CursorLog``; the sync and async pages differ only
in how they fetch. A page is checked when it arrives, before any of its items is handed out.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

import attrs
from serverless_training_raw.types import id_text

from ._errors import PaginationError
from ._params import check_cursor, check_max_items

__all__ = ["AsyncCursorPage", "AsyncPaginator", "CursorLog", "PagePlan", "SyncCursorPage", "next_cursor"]


class _HasId(Protocol):
    @property
    def id(self) -> Any: ...


T = TypeVar("T", bound=_HasId)


T_co = TypeVar("T_co", bound=_HasId, covariant=True)


class _RawPage(Protocol[T_co]):
    """A page as the API sends it: the generated ``PaginatedResponse...`` models (and the pages here)."""

    @property
    def data(self) -> Sequence[T_co]: ...

    @property
    def has_more(self) -> bool: ...

    @property
    def first_id(self) -> Any: ...

    @property
    def last_id(self) -> Any: ...


def _cursor_of(page: _RawPage[T]) -> str | None:
    """``last_id`` when non-empty, else the id of the last item."""
    last_id = page.last_id if isinstance(page.last_id, str) else ""
    if last_id:
        return last_id
    if page.data:
        item_id = getattr(page.data[-1], "id", None)
        return str(item_id) if item_id else None
    return None


def next_cursor(page: _RawPage[T], previous: str | None) -> str | None:
    """The ``after`` that fetches the page following ``page``; None when there is none.

    Raises ``PaginationError`` when the server says ``has_more`` but the cursor would not advance
    (an empty page, no ids, or the cursor that fetched this page): looping on it would never end,
    and stopping would silently drop items.
    """
    if not page.has_more:
        return None
    cursor = _cursor_of(page)
    if not cursor:
        raise PaginationError(
            f"the server says has_more=true but the page after cursor {previous!r} has "
            f"{len(page.data)} items and no id to continue from",
            cursor=previous,
        )
    if cursor == previous:
        raise PaginationError(
            f"the server says has_more=true but the cursor does not advance: {cursor!r} again",
            cursor=cursor,
        )
    return cursor


@attrs.frozen
class PagePlan:
    """Which ``after`` and ``limit`` each page of one listing asks for.

    A caller's ``limit`` is always honoured. Without one, every page asks for the largest the spec
    allows (``max_limit``), so a listing costs the fewest round trips the API allows: a round trip
    costs tens of milliseconds, a larger page a few more kilobytes. No page asks for more than
    ``max_items`` still wants.
    """

    after: str | None
    limit: int | None
    max_items: int | None
    max_limit: int | None

    @classmethod
    def of(cls, *, after: object, limit: int | None, max_items: object, max_limit: int | None) -> PagePlan:
        """Validated paging arguments; ``limit`` itself is judged by the spec with the request."""
        return cls(check_cursor(after), limit, check_max_items(max_items), max_limit)

    def page_limit(self, remaining: int | None) -> int | None:
        """The ``limit`` of the next page, or None: the server's default (the spec sets no maximum)."""
        limit = self.limit if self.limit is not None else self.max_limit
        if remaining is not None:
            limit = remaining if limit is None else min(limit, remaining)
            if self.max_limit is not None:
                limit = min(limit, self.max_limit)
        return limit


class CursorLog:
    """Every cursor one listing has reached, with the position of the page it fetches.

    A server whose cursors cycle (A -> B -> A), or that serves a page again, would otherwise be
    followed for ever, handing out the same items each time. Memory grows with pages, not items.
    Walking the same listing again from an earlier page reaches the same cursors at the same
    positions, which is not a cycle.
    """

    __slots__ = ("_position",)

    def __init__(self) -> None:
        self._position: dict[str, int] = {}

    def arrived(self, page: _RawPage[T], position: int, after: str | None) -> None:
        """Record the page at ``position`` (fetched with ``after``); raise ``PaginationError`` if it
        ends where an earlier page of this listing ended or began."""
        if after is not None:
            self._position.setdefault(after, position)
        if not page.data:
            return
        end = _cursor_of(page)
        if end is None:
            return
        seen = self._position.setdefault(end, position + 1)
        if seen != position + 1 and end == after:
            raise PaginationError(
                f"the server served the page after cursor {after!r} again (it ends at that same cursor); "
                "stopping before any item is handed out twice",
                cursor=after,
            )
        if seen != position + 1:
            raise PaginationError(
                f"the server's cursors cycle: the page after cursor {after!r} ends at {end!r}, which "
                f"this listing already reached {position + 1 - seen} page(s) earlier; stopping before "
                "any item is handed out twice",
                cursor=after,
            )


def repeated_ids(page: _RawPage[T], previous: frozenset[str]) -> frozenset[str]:
    """The ids of ``page``, or ``PaginationError`` when one repeats within it or from ``previous``
    (the ids of the page it follows): a server that treats ``after`` as inclusive, or serves
    overlapping pages, would otherwise have the same item handed out twice. Memory: one page."""
    seen: set[str] = set()
    for item in page.data:
        key = id_text(item.id)  # str() would parse every lazy id of the page
        if key in seen or key in previous:
            raise PaginationError(
                f"the server handed out item {key!r} again (overlapping pages: does it treat `after` "
                "as inclusive?); stopping before any item is handed out twice",
                cursor=None,
            )
        seen.add(key)
    return frozenset(seen)


@attrs.define(slots=True)
class _PageState(Generic[T]):
    """One fetched page and what is needed to fetch the next one."""

    raw: _RawPage[T]
    after: str | None
    remaining: int | None  # items the caller still wants (max_items), None for all
    position: int
    log: CursorLog
    previous_ids: frozenset[str] = frozenset()  # of the page this one follows
    ids: frozenset[str] = frozenset()

    def __attrs_post_init__(self) -> None:
        self.log.arrived(self.raw, self.position, self.after)
        self.ids = repeated_ids(self.raw, self.previous_ids)

    @property
    def items(self) -> Sequence[T]:
        data = self.raw.data
        return data if self.remaining is None else data[: self.remaining]

    def following(self) -> tuple[str, int | None] | None:
        """(cursor, remaining) for the next page, or None when iteration is over."""
        remaining = None if self.remaining is None else self.remaining - len(self.items)
        if remaining is not None and remaining <= 0:
            return None
        cursor = next_cursor(self.raw, self.after)
        return None if cursor is None else (cursor, remaining)


class _PageView(Generic[T]):
    __slots__ = ("_state",)

    def __init__(self, state: _PageState[T]) -> None:
        self._state = state

    @property
    def data(self) -> list[T]:
        """The items of this page only (capped by ``max_items``)."""
        return list(self._state.items)

    @property
    def has_more(self) -> bool:
        """Whether the server has items after this page."""
        return bool(self._state.raw.has_more)

    @property
    def first_id(self) -> str | None:
        """The server's id of the first item in this page."""
        return self._state.raw.first_id or None

    @property
    def last_id(self) -> str | None:
        """The server's id of the last item in this page."""
        return self._state.raw.last_id or None

    @property
    def next_cursor(self) -> str | None:
        """The ``after`` value that fetches the next page (save it to resume later)."""
        return next_cursor(self._state.raw, self._state.after)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self._state.items)}, first_id={self.first_id!r}, "
            f"last_id={self.last_id!r}, has_more={self.has_more})"
        )


# fetch(after, items still wanted or None): one raw page.
FetchSync = Callable[[str | None, int | None], "_RawPage[T]"]
FetchAsync = Callable[[str | None, int | None], Awaitable["_RawPage[T]"]]


class SyncCursorPage(_PageView[T]):
    """A page of results; iterate it for every item across all pages."""

    __slots__ = ("_fetch",)

    def __init__(self, state: _PageState[T], fetch: FetchSync[T]) -> None:
        super().__init__(state)
        self._fetch = fetch

    @classmethod
    def first(cls, fetch: FetchSync[T], *, after: str | None, max_items: int | None) -> SyncCursorPage[T]:
        """Fetch the first page with ``fetch``."""
        return cls(_PageState(fetch(after, max_items), after, max_items, 0, CursorLog()), fetch)

    def next_page(self) -> SyncCursorPage[T] | None:
        """The following page, or None after the last one (or once ``max_items`` is reached)."""
        following = self._state.following()
        if following is None:
            return None
        cursor, remaining = following
        state = self._state
        raw = self._fetch(cursor, remaining)
        page = _PageState(raw, cursor, remaining, state.position + 1, state.log, state.ids)
        return SyncCursorPage(page, self._fetch)

    def iter_pages(self) -> Iterator[SyncCursorPage[T]]:
        """This page and every following one, fetched lazily."""
        page: SyncCursorPage[T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page._state.items


class AsyncCursorPage(_PageView[T]):
    """A page of results; ``async for`` over it yields every item across all pages."""

    __slots__ = ("_fetch", "_prefetch")

    def __init__(self, state: _PageState[T], fetch: FetchAsync[T], prefetch: bool) -> None:
        super().__init__(state)
        self._fetch = fetch
        self._prefetch = prefetch

    @classmethod
    async def first(
        cls, fetch: FetchAsync[T], *, after: str | None, max_items: int | None, prefetch: bool
    ) -> AsyncCursorPage[T]:
        """Fetch the first page with ``fetch``."""
        state = _PageState(await fetch(after, max_items), after, max_items, 0, CursorLog())
        return cls(state, fetch, prefetch)

    async def next_page(self) -> AsyncCursorPage[T] | None:
        """The following page, or None after the last one (or once ``max_items`` is reached)."""
        following = self._state.following()
        if following is None:
            return None
        cursor, remaining = following
        state = self._state
        raw = await self._fetch(cursor, remaining)
        page = _PageState(raw, cursor, remaining, state.position + 1, state.log, state.ids)
        return AsyncCursorPage(page, self._fetch, self._prefetch)

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        """This page and every following one. With ``prefetch``, the next page is fetched
        while the caller works on the current one (at most one page ahead; asyncio only)."""
        page: AsyncCursorPage[T] | None = self
        if not self._prefetch:
            while page is not None:
                yield page
                page = await page.next_page()
            return
        import asyncio  # noqa: PLC0415 - prefetching is asyncio's alone; importing the SDK loads no asyncio

        pending: asyncio.Task[AsyncCursorPage[T] | None] | None = None
        try:
            while page is not None:
                pending = asyncio.ensure_future(page.next_page())
                yield page
                page = await pending
                pending = None
        finally:
            if pending is not None and not pending.done():
                pending.cancel()

    def __aiter__(self) -> AsyncIterator[T]:
        return _items(self.iter_pages())


class AsyncPaginator(Generic[T]):
    """``await`` it for the first page, or ``async for`` it directly for every item."""

    __slots__ = ("_first",)

    def __init__(self, first: Callable[[], Awaitable[AsyncCursorPage[T]]]) -> None:
        self._first = first

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: await it for the first page, or async-iterate every item>"

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[T]]:
        return self._first().__await__()

    def __aiter__(self) -> AsyncIterator[T]:
        return _items(self._pages())

    async def _pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        page = await self._first()
        async for each in page.iter_pages():
            yield each


async def _items(pages: AsyncIterator[AsyncCursorPage[T]]) -> AsyncIterator[T]:
    """Every item of ``pages``: one async generator between the caller and the items, not one per
    layer of pages (each layer is a step per item)."""
    async for page in pages:
        for item in page._state.items:
            yield item
