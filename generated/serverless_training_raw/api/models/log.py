from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.log_request import LogRequest
from ...types import Endpoint, RequestSpec, Response


def build_request(
    model_id: str,
    *,
    body: LogRequest,
) -> RequestSpec:
    """The request for these arguments: path parameters percent-encoded, query and body encoded."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/preview/models/{model_id}/log".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

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


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | HTTPValidationError]:
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
    body: LogRequest,
) -> Response[Any | HTTPValidationError]:
    """Log

     Log trajectories and calculate metrics.

    Args:
        model_id (str):
        body (LogRequest): Schema for logging trajectories.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
    """

    request = build_request(
        model_id=model_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **request.httpx_kwargs(),
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: LogRequest,
) -> Any | HTTPValidationError | None:
    """Log

     Log trajectories and calculate metrics.

    Args:
        model_id (str):
        body (LogRequest): Schema for logging trajectories.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: LogRequest,
) -> Response[Any | HTTPValidationError]:
    """Log

     Log trajectories and calculate metrics.

    Args:
        model_id (str):
        body (LogRequest): Schema for logging trajectories.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
    """

    request = build_request(
        model_id=model_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: LogRequest,
) -> Any | HTTPValidationError | None:
    """Log

     Log trajectories and calculate metrics.

    Args:
        model_id (str):
        body (LogRequest): Schema for logging trajectories.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            body=body,
        )
    ).parsed
