from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_model_response import DeleteModelResponse
from ...models.http_validation_error import HTTPValidationError
from ...types import Endpoint, RequestSpec, Response


def build_request(
    model_id: str,
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/preview/models/{model_id}".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    return RequestSpec(**_kwargs)


def parse_success(status_code: int, body: Any) -> DeleteModelResponse:
    """The typed result of a declared success status from its decoded JSON body; raises
    ``errors.UnexpectedStatus`` for any other status."""
    if status_code == 200:
        response_200 = DeleteModelResponse.from_dict(body)

        return response_200

    raise errors.UnexpectedStatus(status_code, b"")


ENDPOINT: Endpoint[DeleteModelResponse] = Endpoint(
    operation_id="delete_model",
    method="DELETE",
    path="/v1/preview/models/{model_id}",
    success_statuses=frozenset({200}),
    parse=parse_success,
)


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteModelResponse | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = DeleteModelResponse.from_dict(response.json())

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
) -> Response[DeleteModelResponse | HTTPValidationError]:
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
) -> Response[DeleteModelResponse | HTTPValidationError]:
    """Delete Model

     Delete a model, all its checkpoints, artifacts, and the associated W&B run.

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteModelResponse | HTTPValidationError]
    """

    request = build_request(
        model_id=model_id,
    )

    response = client.get_httpx_client().request(
        **request.httpx_kwargs(),
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> DeleteModelResponse | HTTPValidationError | None:
    """Delete Model

     Delete a model, all its checkpoints, artifacts, and the associated W&B run.

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteModelResponse | HTTPValidationError
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeleteModelResponse | HTTPValidationError]:
    """Delete Model

     Delete a model, all its checkpoints, artifacts, and the associated W&B run.

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteModelResponse | HTTPValidationError]
    """

    request = build_request(
        model_id=model_id,
    )

    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> DeleteModelResponse | HTTPValidationError | None:
    """Delete Model

     Delete a model, all its checkpoints, artifacts, and the associated W&B run.

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteModelResponse | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
        )
    ).parsed
