"""Contains some shared types for properties, and the public seam of each operation"""

import datetime
import re
import sys
import uuid
from collections.abc import Callable, Mapping, MutableMapping
from enum import Enum
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


@define(frozen=True)
class RequestSpec:
    """One request of an operation, ready for any HTTP client: relative URL (path parameters
    percent-encoded), query parameters and headers, and the body in httpx's terms."""

    method: str
    url: str
    params: Mapping[str, Any] = field(factory=dict)
    headers: Mapping[str, str] = field(factory=dict)
    cookies: Mapping[str, str] = field(factory=dict)
    json: Any = UNSET
    data: Any = UNSET
    files: Any = UNSET
    content: Any = UNSET

    def httpx_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``httpx.Client.build_request`` / ``request`` for it."""
        kwargs: dict[str, Any] = {"method": self.method, "url": self.url}
        for name in ("params", "headers", "cookies"):
            value = getattr(self, name)
            if value:
                kwargs[name] = dict(value)
        for name in ("json", "data", "files", "content"):
            value = getattr(self, name)
            if not isinstance(value, Unset):
                kwargs[name] = value
        return kwargs


# Covariant: an Endpoint[PaginatedResponseCheckpointResponse] is an endpoint of any page type that
# model satisfies (the wrapper's cursor listings take any endpoint whose result is a page).
T_co = TypeVar("T_co", covariant=True)


@define(frozen=True)
class Endpoint(Generic[T_co]):
    """What a client needs to call one operation: its identity, its declared success statuses, and
    the parser that turns a success body (decoded JSON) into the typed result."""

    operation_id: str
    method: str
    path: str
    success_statuses: frozenset[int]
    parse: Callable[[int, Any], T_co]


class OpenStrEnum(str, Enum):
    """The base of every string enum: a value added to the API after this package was generated
    (a new event type from a newer server) is kept, readable as ``.value``, instead of raising."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """False for a value this version of the package does not know."""
        return self._name_ != "UNKNOWN"


class _LazyUUID(uuid.UUID):
    """A ``uuid.UUID`` that converts its text on first use: most ids in a page are only passed on
    or printed. Equal to, hashed and ordered like the ``UUID`` of the same value. Made by
    ``parse_uuid`` only, which sets ``_text``; ``_int`` is filled on first use."""

    __slots__ = ("_int", "_text")
    _int: int
    _text: str

    @property  # type: ignore[misc]  # typeshed marks UUID.int Final; here it is computed once
    def int(self) -> int:
        try:
            return self._int
        except AttributeError:
            value = uuid.UUID(self._text).int
            object.__setattr__(self, "_int", value)
            return value

    @property  # type: ignore[misc]
    def is_safe(self) -> uuid.SafeUUID:
        return uuid.SafeUUID.unknown

    def __str__(self) -> str:
        return str(uuid.UUID(int=self.int))

    def __repr__(self) -> str:
        return f"UUID({str(self)!r})"

    def __reduce__(self) -> tuple[type[uuid.UUID], tuple[str]]:
        return uuid.UUID, (str(self),)


# uuid.UUID.__init__ parses (the cost this class defers) and UUIDs refuse attribute assignment,
# so a lazy one is allocated and its one slot set directly: about 0.26 us against 0.52 us through
# an __init__ that calls object.__setattr__.
_new_object = object.__new__
_set_text = _LazyUUID.__dict__["_text"].__set__  # the slot's descriptor


def parse_uuid(value: str) -> uuid.UUID:
    """A UUID from its text, converted on first use (``uuid.UUID`` costs about 1.4 us each). The
    36-character form is checked now; the wrapper has checked the ``uuid`` format already."""
    if not isinstance(value, str):
        raise TypeError(f"a UUID must be a string, got {type(value).__name__}")
    if (
        len(value) != 36
        or value[8] != "-"
        or value[13] != "-"
        or value[18] != "-"
        or value[23] != "-"
    ):
        return uuid.UUID(value)  # any other spelling: parsed (or refused) now
    lazy: _LazyUUID = _new_object(_LazyUUID)
    _set_text(lazy, value)
    return lazy


def id_text(value: object) -> str:
    """An id as text, equal to ``str(value)``, without converting a lazy UUID (whose ``str()``
    would parse it): the lowercase 36-character form it was made from."""
    if type(value) is _LazyUUID:
        return value._text.lower()
    return str(value)


_FRACTION = re.compile(r"(?P<head>T\d{2}:\d{2}:\d{2})\.(?P<digits>\d+)")


def parse_datetime(value: str) -> datetime.datetime:
    """An RFC 3339 date-time on every supported Python: 3.10's ``fromisoformat`` refuses a "Z"
    suffix and fractions that are not 3 or 6 digits."""
    if sys.version_info >= (3, 11):
        return datetime.datetime.fromisoformat(value)
    text = value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value
    text = _FRACTION.sub(
        lambda m: f"{m['head']}.{(m['digits'] + '000000')[:6]}",
        text.replace("t", "T", 1),
    )
    return datetime.datetime.fromisoformat(text)


__all__ = [
    "UNSET",
    "Endpoint",
    "File",
    "FileTypes",
    "OpenStrEnum",
    "RequestFiles",
    "RequestSpec",
    "Response",
    "Unset",
    "id_text",
    "parse_datetime",
    "parse_uuid",
]
