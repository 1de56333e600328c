from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient
from ...models.log_request import LogRequest
from ...types import Endpoint, RequestSpec


def build_request(
    model_id: str,
    *,
    body: LogRequest | Mapping[str, Any],
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/preview/models/{model_id}/log".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict() if isinstance(body, LogRequest) else dict(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> Any:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = cast(Any, body)
        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[Any] = Endpoint(
    operation_id="log",
    method="POST",
    path="/v1/preview/models/{model_id}/log",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: LogRequest,
) -> Any:
    """Log: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request(
        model_id=model_id,
        body=body,
    )
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: LogRequest,
) -> Any:
    """Log, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request(
        model_id=model_id,
        body=body,
    )
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
