"""What every resource holds: the client it sends through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from .._client import AsyncServerlessTraining, ServerlessTraining

C = TypeVar("C", "ServerlessTraining", "AsyncServerlessTraining")

__all__ = ["AsyncResource", "Resource", "SyncResource"]


class Resource(Generic[C]):
    """A group of operations on one client."""

    __slots__ = ("_client",)

    def __init__(self, client: C) -> None:
        self._client: C = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class SyncResource(Resource["ServerlessTraining"]):
    """A group of operations on the sync client."""

    __slots__ = ()


class AsyncResource(Resource["AsyncServerlessTraining"]):
    """A group of operations on the async client."""

    __slots__ = ()
