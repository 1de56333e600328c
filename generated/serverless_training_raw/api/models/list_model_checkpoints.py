from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient
from ...models.list_model_checkpoints_order import ListModelCheckpointsOrder
from ...models.paginated_response_checkpoint_response import (
    PaginatedResponseCheckpointResponse,
)
from ...types import UNSET, Endpoint, RequestSpec, Unset


def build_request(
    model_id: str,
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/preview/models/{model_id}/checkpoints".format(
            model_id=quote(str(model_id), safe=""),
        ),
        "params": params,
    }

    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> PaginatedResponseCheckpointResponse:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = PaginatedResponseCheckpointResponse.from_dict(body)

        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[PaginatedResponseCheckpointResponse] = Endpoint(
    operation_id="list_model_checkpoints",
    method="GET",
    path="/v1/preview/models/{model_id}/checkpoints",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> PaginatedResponseCheckpointResponse:
    """List Model Checkpoints: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request(
        model_id=model_id,
        after=after,
        limit=limit,
        order=order,
    )
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> PaginatedResponseCheckpointResponse:
    """List Model Checkpoints, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request(
        model_id=model_id,
        after=after,
        limit=limit,
        order=order,
    )
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
