"""Arguments of the generated methods turned into what the raw ``build_request`` takes, with the
first problem named: optional query values, enum values, and JSON bodies (path ids are checked by
``_params.check_id``).

Whether a value is one the API accepts (bounds, enums, formats) is checked against the spec in
``_operations`` before anything is sent; here only what cannot be JSON at all is refused.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from serverless_training_raw.types import UNSET, Unset

from ._errors import InvalidParameterError

__all__ = ["json_body", "non_empty", "query_enum", "query_value", "to_json"]

V = TypeVar("V")
E = TypeVar("E", bound=enum.Enum)


def query_value(value: V | None) -> V | Unset:
    """An optional query parameter: None means "not sent" (the server's default applies)."""
    return UNSET if value is None else value


def non_empty(name: str, value: object) -> None:
    """Refuse an empty string or list where the API needs something (resource-names.yaml names them)."""
    if isinstance(value, str) and not value.strip():
        raise InvalidParameterError(name, "must not be empty")
    if isinstance(value, Sequence) and not isinstance(value, str) and not value:
        raise InvalidParameterError(name, "is empty; give at least one item")


def query_enum(name: str, cls: type[E], value: object, *, required: bool = False) -> E | Unset:
    """An enum query parameter as the raw package's enum; None, when it is optional: not sent."""
    if value is None and not required:
        return UNSET
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in cls)
        raise InvalidParameterError(name, f"must be one of {allowed}, got {value!r}") from None


def json_body(fields: Mapping[str, object], extra: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The JSON body of the given fields: None leaves a field out (the server's default applies),
    models and mappings become objects, UUIDs and date-times strings; ``extra`` adds fields the
    spec allows beyond its named ones."""
    body = {key: to_json(value, key) for key, value in fields.items() if value is not None}
    for key, value in (extra or {}).items():
        body[key] = to_json(value, key)
    return body


def to_json(value: object, where: str) -> Any:
    """``value`` as JSON data; ``InvalidParameterError`` naming ``where`` for what JSON cannot hold."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return to_json(value.value, where)
    if isinstance(value, uuid.UUID | datetime.datetime | datetime.date):
        return str(value) if isinstance(value, uuid.UUID) else value.isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, Mapping):  # a generated model
        return to_json(to_dict(), where)
    if isinstance(value, Mapping):
        return {str(k): to_json(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [to_json(item, f"{where}[{i}]") for i, item in enumerate(value)]
    raise InvalidParameterError(
        where,
        f"must be JSON data (a mapping, list, string, number, bool or None), got {type(value).__name__}",
    )
