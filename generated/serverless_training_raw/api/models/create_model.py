from collections.abc import Mapping
from typing import Any

from ... import errors
from ...client import AuthenticatedClient
from ...models.model_create import ModelCreate
from ...models.model_response import ModelResponse
from ...types import Endpoint, RequestSpec


def build_request(
    *,
    body: ModelCreate | Mapping[str, Any],
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/preview/models",
    }

    _kwargs["json"] = body.to_dict() if isinstance(body, ModelCreate) else dict(body)
    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> ModelResponse:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = ModelResponse.from_dict(body)

        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[ModelResponse] = Endpoint(
    operation_id="create_model",
    method="POST",
    path="/v1/preview/models",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def sync(
    *,
    client: AuthenticatedClient,
    body: ModelCreate,
) -> ModelResponse:
    """Create Model: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request(
        body=body,
    )
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ModelCreate,
) -> ModelResponse:
    """Create Model, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request(
        body=body,
    )
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
