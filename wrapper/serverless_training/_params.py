"""Checks of the arguments no spec states (paths that stay in their segment, cursors, ``max_items``),
refusing bad ones before any request is sent, naming the parameter. What the spec states (bounds,
enums, formats, required fields) is checked against it in ``_operations``."""

from __future__ import annotations

import uuid
from typing import Literal

from ._errors import InvalidParameterError

__all__ = ["ORDERS", "Order", "check_cursor", "check_id", "check_max_items"]

Order = Literal["asc", "desc"]
ORDERS: tuple[Order, ...] = ("asc", "desc")


def check_id(name: str, value: object) -> str:
    """A non-empty path id. ``.`` and ``..`` are refused: URL normalization would leave the route."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str):
        raise InvalidParameterError(name, f"must be a string id, got {type(value).__name__}")
    if not value.strip():
        raise InvalidParameterError(name, "must not be empty")
    if value in (".", ".."):
        raise InvalidParameterError(name, f"{value!r} cannot be used as an id in a URL path")
    return value


def check_max_items(value: object) -> int | None:
    """Stop after this many items: None (all) or an int >= 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameterError("max_items", f"must be None or an integer >= 1, got {value!r}")
    return value


def check_cursor(value: object) -> str | None:
    """A saved ``after`` cursor: None or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidParameterError("after", f"must be None or a non-empty cursor string, got {value!r}")
    return value
