"""Arguments shared by the paginated listings."""

from __future__ import annotations

import attrs
from serverless_training_raw.types import UNSET, Unset

from .._pagination import AsyncCursorPage, AsyncPaginator, FetchAsync, FetchSync, SyncCursorPage, T
from .._params import check_cursor, check_limit, check_max_items

__all__ = ["PageQuery", "PageRequest"]


@attrs.frozen
class PageQuery:
    """One page's ``after`` and ``limit``, in the generated ``build_request``'s terms."""

    after: str | Unset
    limit: int | Unset


class PageRequest:
    """Validated paging arguments; ``query(after, remaining)`` gives one page's query."""

    __slots__ = ("after", "limit", "max_items")

    def __init__(self, *, limit: object, after: object, max_items: object) -> None:
        self.limit = check_limit(limit)
        self.after = check_cursor(after)
        self.max_items = check_max_items(max_items)

    def query(self, after: str | None, remaining: int | None) -> PageQuery:
        """The query of the page after ``after``; asks for no more than ``remaining`` items."""
        limit = self.limit
        if remaining is not None:
            limit = min(limit or 100, remaining)
        return PageQuery(after=UNSET if after is None else after, limit=UNSET if limit is None else limit)

    def first_page(self, fetch: FetchSync[T]) -> SyncCursorPage[T]:
        """Fetch the first page now; iterating it fetches the rest."""
        return SyncCursorPage.first(fetch, after=self.after, max_items=self.max_items)

    def paginator(self, fetch: FetchAsync[T], *, prefetch: bool) -> AsyncPaginator[T]:
        """The async listing: awaited for its first page, or iterated for every item."""
        return AsyncPaginator(
            lambda: AsyncCursorPage.first(
                fetch, after=self.after, max_items=self.max_items, prefetch=prefetch
            )
        )
