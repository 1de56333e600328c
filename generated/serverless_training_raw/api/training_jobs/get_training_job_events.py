from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient
from ...models.paginated_response_training_job_event_response import (
    PaginatedResponseTrainingJobEventResponse,
)
from ...types import UNSET, Endpoint, RequestSpec, Unset


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


def sync(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> PaginatedResponseTrainingJobEventResponse:
    """Get Training Job Events: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request(
        training_job_id=training_job_id,
        after=after,
        limit=limit,
    )
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 20,
) -> PaginatedResponseTrainingJobEventResponse:
    """Get Training Job Events, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request(
        training_job_id=training_job_id,
        after=after,
        limit=limit,
    )
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
