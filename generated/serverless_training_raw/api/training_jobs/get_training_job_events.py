from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.paginated_response_training_job_event_response import (
    PaginatedResponseTrainingJobEventResponse,
)
from ...types import UNSET, Endpoint, RequestSpec, Response, Unset


def build_request(
    training_job_id: str,
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/preview/training-jobs/{training_job_id}/events".format(
            training_job_id=quote(str(training_job_id), safe=""),
        ),
        "params": params,
    }

    return RequestSpec(**_kwargs)


def parse_success(
    status_code: int, body: Any
) -> PaginatedResponseTrainingJobEventResponse:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = PaginatedResponseTrainingJobEventResponse.from_dict(body)

        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[PaginatedResponseTrainingJobEventResponse] = Endpoint(
    operation_id="get_training_job_events",
    method="GET",
    path="/v1/preview/training-jobs/{training_job_id}/events",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | PaginatedResponseTrainingJobEventResponse | None:
    if response.status_code == 200:
        response_200 = PaginatedResponseTrainingJobEventResponse.from_dict(
            response.json()
        )

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
) -> Response[HTTPValidationError | PaginatedResponseTrainingJobEventResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[HTTPValidationError | PaginatedResponseTrainingJobEventResponse]:
    """Get Training Job Events

     Get events for a training job.

    Args:
        training_job_id (str):
        after (str | Unset): Cursor for pagination
        limit (int | Unset): Number of items to return Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PaginatedResponseTrainingJobEventResponse]
    """

    request = build_request(
        training_job_id=training_job_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **request.httpx_kwargs(),
    )

    return _build_response(client=client, response=response)


def sync(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> HTTPValidationError | PaginatedResponseTrainingJobEventResponse | None:
    """Get Training Job Events

     Get events for a training job.

    Args:
        training_job_id (str):
        after (str | Unset): Cursor for pagination
        limit (int | Unset): Number of items to return Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PaginatedResponseTrainingJobEventResponse
    """

    return sync_detailed(
        training_job_id=training_job_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[HTTPValidationError | PaginatedResponseTrainingJobEventResponse]:
    """Get Training Job Events

     Get events for a training job.

    Args:
        training_job_id (str):
        after (str | Unset): Cursor for pagination
        limit (int | Unset): Number of items to return Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PaginatedResponseTrainingJobEventResponse]
    """

    request = build_request(
        training_job_id=training_job_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())

    return _build_response(client=client, response=response)


async def asyncio(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> HTTPValidationError | PaginatedResponseTrainingJobEventResponse | None:
    """Get Training Job Events

     Get events for a training job.

    Args:
        training_job_id (str):
        after (str | Unset): Cursor for pagination
        limit (int | Unset): Number of items to return Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PaginatedResponseTrainingJobEventResponse
    """

    return (
        await asyncio_detailed(
            training_job_id=training_job_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
