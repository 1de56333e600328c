"""Arguments shared by the paginated listings."""

from __future__ import annotations

from typing import Any

from serverless_training_raw.types import UNSET

from .._params import check_cursor, check_limit, check_max_items

__all__ = ["PageRequest"]


class PageRequest:
    """Validated paging arguments; ``params(after, remaining)`` gives one page's query."""

    __slots__ = ("after", "limit", "max_items")

    def __init__(self, *, limit: object, after: object, max_items: object) -> None:
        self.limit = check_limit(limit)
        self.after = check_cursor(after)
        self.max_items = check_max_items(max_items)

    def params(self, after: str | None, remaining: int | None) -> dict[str, Any]:
        """Query arguments for the generated endpoint; asks for no more than ``remaining`` items."""
        limit = self.limit
        if remaining is not None:
            limit = min(limit or 100, remaining)
        return {"after": UNSET if after is None else after, "limit": UNSET if limit is None else limit}
