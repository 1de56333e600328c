"""Errors: bounded and linear-time for any body, whole where it matters, and the same error on
the far side of a process boundary."""

from __future__ import annotations

import pickle
from typing import Any

import httpx
import pytest
from cases import JOB_ID
from conftest import API_KEY
from contract import ContractServer, Reply
from serverless_training import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APIStreamError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    InvalidParameterError,
    NotFoundError,
    PaginationError,
    ServerlessTraining,
    ServerlessTrainingError,
    TrainingJobFailedError,
    TrainingJobTimeoutError,
    UnprocessableEntityError,
)
from serverless_training._errors import ResponseTooLargeError, UnsupportedEncodingError
from serverless_training._logging import redact, redact_json

GET_JOB = "get_training_job_v1_preview_training_jobs__training_job_id__get"


# --- an error path that is linear-time and bounded for any body ----------------------------


@pytest.mark.timeout(20)  # the backtracking expression took longer than that for 2,000 spaces
def test_redaction_is_linear_in_a_body_built_to_make_it_backtrack() -> None:
    for text in (
        "Authorization:" + " " * 100_000,
        "Bearer" + " " * 100_000 + "!",
        "Authorization: " * 20_000,
    ):
        assert redact(text) == text
    assert redact("Authorization:" + " " * 5_000 + "Bearer abcdefgh").endswith("Bearer <redacted>")


@pytest.mark.timeout(20)
def test_a_401_whose_body_is_spaces_after_authorization_answers_at_once(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    body = ("Authorization:" + " " * 20_000).encode()
    contract.on(GET_JOB, Reply(401, body, off_spec=True))
    with pytest.raises(AuthenticationError):
        client.training_jobs.get(JOB_ID)


def test_a_deeply_nested_error_body_is_no_recursion_error(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    deep: Any = f"Bearer {API_KEY}"
    for _ in range(10_000):
        deep = [deep]
    copy = redact_json(deep)  # iterative: any depth
    for _ in range(10_000):
        (copy,) = copy
    assert copy == "Bearer <redacted>"
    nested: Any = f"Bearer {API_KEY}"
    for _ in range(700):  # as a server sent it (4 KB)
        nested = [nested]
    contract.on(GET_JOB, Reply(401, {"detail": nested}, off_spec=True))
    with pytest.raises(AuthenticationError) as info:
        client.training_jobs.get(JOB_ID)
    assert API_KEY not in str(info.value) and "Bearer <redacted>" in repr(info.value.body)


def test_error_messages_are_bounded_and_the_body_is_whole(
    contract: ContractServer, client: ServerlessTraining
) -> None:
    items = [
        {"loc": ["body", "steps", i], "msg": "not an integer", "type": "int_type"} for i in range(20_000)
    ]
    contract.on(GET_JOB, Reply(422, {"detail": items}))
    with pytest.raises(UnprocessableEntityError) as info:
        client.training_jobs.get(JOB_ID)
    assert len(str(info.value)) < 1_000 and "19990 more" in str(info.value)
    assert len(info.value.errors) == 20_000 and len(info.value.body["detail"]) == 20_000


# --- errors that survive pickling --------------------------------------------------------------


def _errors() -> list[ServerlessTrainingError]:
    request = httpx.Request("GET", "https://api.example.invalid/v1/preview/training-jobs/x")
    response = httpx.Response(401, json={"detail": "no"}, request=request)
    page_body = httpx.Response(200, text="{", request=request)
    return [
        AuthenticationError(response, body={"detail": "no"}),
        APIStatusError(httpx.Response(418, text="teapot", request=request)),
        APIConnectionError(request=request, cause=httpx.ConnectError("refused")),
        APITimeoutError(request=request),
        APIResponseValidationError(page_body, "the body is not JSON"),
        ResponseTooLargeError(request, 10),
        UnsupportedEncodingError(request, "br"),
        InvalidParameterError("limit", "must be from 1 to 100"),
        PaginationError("cursors cycle", cursor="abc"),
        ConfigurationError("no key"),
        TrainingJobFailedError(JOB_ID, "CUDA out of memory", {"type": "training_failed"}),
        TrainingJobTimeoutError(JOB_ID, 0.5, events_seen=3, last_event_id="e3"),
        APIStreamError(page_body, {"message": "out of memory", "code": 500}, event=2),
        NotFoundError(httpx.Response(404, json={"detail": "job x not found"}, request=request)),
    ]


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_every_error_round_trips_through_pickle(error: ServerlessTrainingError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    for name in ("status_code", "parameter", "cursor", "job_id", "message", "limit", "encoding", "code"):
        assert getattr(copy, name, None) == getattr(error, name, None)


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_every_error_has_a_message(error: ServerlessTrainingError) -> None:
    assert isinstance(error.message, str) and error.message


def test_an_error_raised_in_a_worker_process_reaches_the_parent_as_itself() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_raise_in_worker)
        with pytest.raises(TrainingJobFailedError, match="CUDA") as info:
            future.result(timeout=60)
    assert info.value.job_id == JOB_ID


def _raise_in_worker() -> None:
    raise TrainingJobFailedError(JOB_ID, "CUDA out of memory", None)


# --- the response on an error is the one httpx produced ---------------------------------------


def test_the_response_on_an_error_is_the_one_event_hooks_saw(contract: ContractServer) -> None:
    contract.on(GET_JOB, Reply(404, {"detail": "Not Found"}, off_spec=True))
    hooked: list[httpx.Response] = []
    with (
        httpx.Client(event_hooks={"response": [hooked.append]}) as http,
        ServerlessTraining(api_key=API_KEY, base_url=contract.url, http_client=http) as client,
        pytest.raises(APIStatusError) as info,
    ):
        client.training_jobs.get(JOB_ID)
    assert info.value.response is hooked[0]
    assert info.value.response.elapsed.total_seconds() >= 0 and info.value.response.json() == {
        "detail": "Not Found"
    }
