"""Contains some shared types for properties, and the public seam of each operation"""

import datetime
import re
import sys
from collections.abc import Callable, Mapping, MutableMapping
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


@define(frozen=True)
class Endpoint(Generic[T]):
    """What a client needs to call one operation: its identity, its declared success statuses, and
    the parser that turns a success body (decoded JSON) into the typed result."""

    operation_id: str
    method: str
    path: str
    success_statuses: frozenset[int]
    parse: Callable[[int, Any], T]


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
    "RequestFiles",
    "RequestSpec",
    "Response",
    "Unset",
    "parse_datetime",
]
