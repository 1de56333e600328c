"""Checks that refuse bad arguments before any request is sent, naming the parameter."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from ._errors import InvalidParameterError

__all__ = [
    "ORDERS",
    "Order",
    "check_id",
    "check_limit",
    "check_max_items",
    "check_order",
    "check_steps",
    "check_uuid",
    "to_models",
]

M = TypeVar("M")
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


def check_uuid(name: str, value: object) -> uuid.UUID:
    """An id the spec declares as ``format: uuid``."""
    if isinstance(value, uuid.UUID):
        return value
    text = check_id(name, value)
    try:
        return uuid.UUID(text)
    except ValueError:
        raise InvalidParameterError(name, f"must be a UUID, got {text!r}") from None


def check_limit(value: object) -> int | None:
    """Page size: None (server default) or an int in 1..100."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise InvalidParameterError("limit", f"must be an integer from 1 to 100, got {value!r}")
    return value


def check_max_items(value: object) -> int | None:
    """Stop after this many items: None (all) or an int >= 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameterError("max_items", f"must be None or an integer >= 1, got {value!r}")
    return value


def check_order(value: object) -> str:
    """``"asc"`` or ``"desc"``."""
    if value not in ORDERS:
        raise InvalidParameterError("order", f"must be 'asc' or 'desc', got {value!r}")
    return str(value)


def check_cursor(value: object) -> str | None:
    """A saved ``after`` cursor: None or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidParameterError("after", f"must be None or a non-empty cursor string, got {value!r}")
    return value


def check_steps(value: object) -> list[int]:
    """A non-empty list (or tuple) of checkpoint step numbers."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidParameterError("steps", f"must be a list of integers, got {type(value).__name__}")
    bad = [v for v in value if isinstance(v, bool) or not isinstance(v, int)]
    if bad:
        raise InvalidParameterError("steps", f"must contain only integers, got {bad[0]!r}")
    if not value:
        raise InvalidParameterError("steps", "is empty; name at least one step to delete")
    return list(value)


def to_model(name: str, value: object, model: type[M], from_dict: Callable[[Mapping[str, Any]], M]) -> M:
    """Accept a generated model or a plain mapping with the same fields."""
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        try:
            return from_dict(value)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidParameterError(
                name, f"is not a valid {model.__name__}: {type(exc).__name__}: {exc}"
            ) from None
    raise InvalidParameterError(name, f"must be a {model.__name__} or a mapping, got {type(value).__name__}")


def to_models(
    name: str, values: object, model: type[M], from_dict: Callable[[Mapping[str, Any]], M]
) -> list[M]:
    """A list of generated models from models or mappings."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
        raise InvalidParameterError(name, f"must be a list of {model.__name__}, got {type(values).__name__}")
    return [to_model(f"{name}[{i}]", v, model, from_dict) for i, v in enumerate(values)]
