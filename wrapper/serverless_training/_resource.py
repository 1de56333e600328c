"""What every resource group holds: the client it sends through (its ``_request``, ``_paginate``
and ``_stream``)."""

from __future__ import annotations

from typing import Generic, TypeVar

from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncResource", "Resource", "SyncResource"]

C = TypeVar("C", SyncAPIClient, AsyncAPIClient)


class Resource(Generic[C]):
    """A group of operations on one client."""

    def __init__(self, client: C) -> None:
        self._client: C = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncResource(Resource[SyncAPIClient]):
    """A group of operations on the sync client."""


class AsyncResource(Resource[AsyncAPIClient]):
    """A group of operations on the async client."""
