from typing import Any, cast

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import Endpoint, RequestSpec


def build_request() -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/system-check",
    }

    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> Any:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = cast(Any, body)
        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[Any] = Endpoint(
    operation_id="system_check",
    method="GET",
    path="/v1/system-check",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Any:
    """System Check: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request()
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Any:
    """System Check, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request()
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
