"""What every resource holds: the client it sends through (its ``_request`` and ``_paginate``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

if TYPE_CHECKING:
    from .._base_client import AsyncAPIClient, SyncAPIClient

C = TypeVar("C", "SyncAPIClient", "AsyncAPIClient")
# A call's own timeout: seconds, an httpx.Timeout, or None for the client's.
Timeout = float | httpx.Timeout | None

__all__ = ["AsyncResource", "Resource", "SyncResource", "Timeout"]


class Resource(Generic[C]):
    """A group of operations on one client."""

    def __init__(self, client: C) -> None:
        self._client: C = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncResource(Resource["SyncAPIClient"]):
    """A group of operations on the sync client."""


class AsyncResource(Resource["AsyncAPIClient"]):
    """A group of operations on the async client."""
