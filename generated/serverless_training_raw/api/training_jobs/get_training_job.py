from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.training_job_response import TrainingJobResponse
from ...types import Endpoint, RequestSpec, Response


def build_request(
    training_job_id: str,
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/preview/training-jobs/{training_job_id}".format(
            training_job_id=quote(str(training_job_id), safe=""),
        ),
    }

    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> TrainingJobResponse:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = TrainingJobResponse.from_dict(body)

        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[TrainingJobResponse] = Endpoint(
    operation_id="get_training_job",
    method="GET",
    path="/v1/preview/training-jobs/{training_job_id}",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | TrainingJobResponse | None:
    if response.status_code == 200:
        response_200 = TrainingJobResponse.from_dict(response.json())

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
) -> Response[HTTPValidationError | TrainingJobResponse]:
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
) -> Response[HTTPValidationError | TrainingJobResponse]:
    """Get Training Job

     Get a training job by ID.

    Args:
        training_job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TrainingJobResponse]
    """

    request = build_request(
        training_job_id=training_job_id,
    )

    response = client.get_httpx_client().request(
        **request.httpx_kwargs(),
    )

    return _build_response(client=client, response=response)


def sync(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
) -> HTTPValidationError | TrainingJobResponse | None:
    """Get Training Job

     Get a training job by ID.

    Args:
        training_job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TrainingJobResponse
    """

    return sync_detailed(
        training_job_id=training_job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[HTTPValidationError | TrainingJobResponse]:
    """Get Training Job

     Get a training job by ID.

    Args:
        training_job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | TrainingJobResponse]
    """

    request = build_request(
        training_job_id=training_job_id,
    )

    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())

    return _build_response(client=client, response=response)


async def asyncio(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
) -> HTTPValidationError | TrainingJobResponse | None:
    """Get Training Job

     Get a training job by ID.

    Args:
        training_job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | TrainingJobResponse
    """

    return (
        await asyncio_detailed(
            training_job_id=training_job_id,
            client=client,
        )
    ).parsed
