from typing import Any
from urllib.parse import quote

from ... import errors
from ...client import AuthenticatedClient
from ...models.training_job_response import TrainingJobResponse
from ...types import Endpoint, RequestSpec


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


def sync(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
) -> TrainingJobResponse:
    """Get Training Job: send with ``client``'s httpx client, return the
    parsed success; ``errors.UnexpectedStatus`` for any other status."""
    request = build_request(
        training_job_id=training_job_id,
    )
    response = client.get_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())


async def asyncio(
    training_job_id: str,
    *,
    client: AuthenticatedClient,
) -> TrainingJobResponse:
    """Get Training Job, as ``sync`` does, with ``client``'s async httpx client."""
    request = build_request(
        training_job_id=training_job_id,
    )
    response = await client.get_async_httpx_client().request(**request.httpx_kwargs())
    if response.status_code not in ENDPOINT.success_statuses:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return parse_success(response.status_code, response.json())
