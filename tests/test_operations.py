"""One contract test per operation of the spec, for the sync and the async client."""

from __future__ import annotations

import inspect

import pytest
from cases import CASES, Case
from contract import ContractServer
from serverless_training import AsyncServerlessTraining, ServerlessTraining

ids = [case.wrapper for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_sync_operation(case: Case, contract: ContractServer, client: ServerlessTraining) -> None:
    contract.on(case.operation_id, case.reply)
    result = case.call(client)
    (seen,) = contract.calls(case.operation_id)
    assert seen.headers["Authorization"].startswith("Bearer ")
    case.check(result, seen)


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=ids)
async def test_async_operation(
    case: Case, contract: ContractServer, aclient: AsyncServerlessTraining
) -> None:
    contract.on(case.operation_id, case.reply)
    result = case.call(aclient)
    if inspect.isawaitable(result):
        result = await result
    (seen,) = contract.calls(case.operation_id)
    assert seen.headers["Authorization"].startswith("Bearer ")
    case.check(result, seen)
