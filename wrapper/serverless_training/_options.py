"""One call, as a generated method describes it and the client sends it: ``RequestOptions``.

A generated method builds it once (the operation, the request its arguments make, the caller's
per-call controls), checked against the spec here; the client hands it down unchanged to the
attempt that sends it. A listing's later pages are the same options with another cursor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import attrs
import httpx
from serverless_training_raw.types import UNSET, Endpoint, RequestSpec, Unset

from ._encode import to_json
from ._spec import check_request_body, check_request_query

__all__ = ["Body", "Headers", "Query", "RequestOptions", "Timeout"]

T = TypeVar("T")
# Covariant: the options of a listing whose pages are some generated page model are options of a
# call returning any page protocol that model satisfies.
T_co = TypeVar("T_co", covariant=True)

# A call's own timeout: seconds, an httpx.Timeout, or None for the client's.
Timeout = float | httpx.Timeout | None
# What a caller adds to one request beyond the spec (``extra_headers``, ``extra_query``, ``extra_body``).
Headers = Mapping[str, str]
Query = Mapping[str, object]
Body = Mapping[str, object]

# The query parameters of the cursor contract every listing follows.
AFTER, LIMIT = "after", "limit"


@attrs.frozen
class RequestOptions(Generic[T_co]):
    """Everything one call sends and how: the operation, its relative URL, query, JSON body and
    headers, and the caller's timeout and retries (None: the client's)."""

    endpoint: Endpoint[T_co]
    url: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    json: Any = UNSET  # UNSET: no body
    headers: Mapping[str, str] = attrs.field(factory=dict)
    timeout: Timeout = None
    max_retries: int | None = None
    repeatable: bool = False  # safe to repeat whatever its method (resource-names.yaml)

    @property
    def method(self) -> str:
        return self.endpoint.method

    @classmethod
    def build(
        cls,
        endpoint: Endpoint[T],
        request: RequestSpec,
        *,
        timeout: Timeout = None,
        max_retries: int | None = None,
        repeatable: bool = False,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
    ) -> RequestOptions[T]:
        """The options of one call: its query and body checked against the spec, then the caller's
        extras added. The extras are sent as given (what the server accepts before the spec says
        so), so the spec does not judge them; they must still be JSON (query: text)."""
        params = dict(request.params)
        if params:
            check_request_query(endpoint.operation_id, params)
        body = request.json
        if not isinstance(body, Unset):
            check_request_body(endpoint.operation_id, body)
        if extra_body:
            base = body if isinstance(body, dict) else {}
            body = {**base, **to_json(dict(extra_body), "extra_body")}
        if extra_query:
            params.update(to_json(dict(extra_query), "extra_query"))
        headers = {**request.headers, **(extra_headers or {})}
        return RequestOptions(endpoint, request.url, params, body, headers, timeout, max_retries, repeatable)

    def page(self, after: str | None, limit: int | None) -> RequestOptions[T_co]:
        """These options for one page of a listing: its cursor and page size, else none sent."""
        params = {key: value for key, value in self.params.items() if key not in (AFTER, LIMIT)}
        if after is not None:
            params[AFTER] = after
        if limit is not None:
            params[LIMIT] = limit
        return attrs.evolve(self, params=params)

    def httpx_kwargs(self, base_url: str, timeout: httpx.Timeout) -> dict[str, Any]:
        """The arguments of ``httpx.Client.build_request`` for these options."""
        kwargs: dict[str, Any] = {
            "method": self.method,
            "url": base_url + self.url,
            "params": self.params or None,
            "headers": self.headers,
            "timeout": timeout,
        }
        if not isinstance(self.json, Unset):
            kwargs["json"] = self.json
        return kwargs
