from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.list_model_checkpoints_order import ListModelCheckpointsOrder
from ...models.paginated_response_checkpoint_response import (
    PaginatedResponseCheckpointResponse,
)
from ...types import UNSET, Endpoint, RequestSpec, Response, Unset


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


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | PaginatedResponseCheckpointResponse | None:
    if response.status_code == 200:
        response_200 = PaginatedResponseCheckpointResponse.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPValidationError | PaginatedResponseCheckpointResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> Response[HTTPValidationError | PaginatedResponseCheckpointResponse]:
    """List Model Checkpoints

    Args:
        model_id (str):
        after (str | Unset): Cursor for pagination - ID of the last item from previous page
        limit (int | Unset): Number of items to return Default: 20.
        order (ListModelCheckpointsOrder | Unset): Sort order Default:
            ListModelCheckpointsOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PaginatedResponseCheckpointResponse]
    """

    request = build_request(
        model_id=model_id,
        after=after,
        limit=limit,
        order=order,
    )

    response = client.get_httpx_client().request(
        **request.httpx_kwargs(),
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> HTTPValidationError | PaginatedResponseCheckpointResponse | None:
    """List Model Checkpoints

    Args:
        model_id (str):
        after (str | Unset): Cursor for pagination - ID of the last item from previous page
        limit (int | Unset): Number of items to return Default: 20.
        order (ListModelCheckpointsOrder | Unset): Sort order Default:
            ListModelCheckpointsOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PaginatedResponseCheckpointResponse
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        after=after,
        limit=limit,
        order=order,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> Response[HTTPValidationError | PaginatedResponseCheckpointResponse]:
    """List Model Checkpoints

    Args:
        model_id (str):
        after (str | Unset): Cursor for pagination - ID of the last item from previous page
        limit (int | Unset): Number of items to return Default: 20.
        order (ListModelCheckpointsOrder | Unset): Sort order Default:
            ListModelCheckpointsOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PaginatedResponseCheckpointResponse]
    """

    request = build_request(
        model_id=model_id,
        after=after,
        limit=limit,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
    order: ListModelCheckpointsOrder | Unset = ListModelCheckpointsOrder.ASC,
) -> HTTPValidationError | PaginatedResponseCheckpointResponse | None:
    """List Model Checkpoints

    Args:
        model_id (str):
        after (str | Unset): Cursor for pagination - ID of the last item from previous page
        limit (int | Unset): Number of items to return Default: 20.
        order (ListModelCheckpointsOrder | Unset): Sort order Default:
            ListModelCheckpointsOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PaginatedResponseCheckpointResponse
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            after=after,
            limit=limit,
            order=order,
        )
    ).parsed
