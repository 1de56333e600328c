"""The judge itself: it must fail a request or reply the spec does not allow."""

from __future__ import annotations

import httpx
from cases import MODEL_ID
from contract import ContractServer, Reply
from fakes import LIST_CHECKPOINTS


def _list(contract: ContractServer, **params: object) -> httpx.Response:
    return httpx.get(
        f"{contract.url}/v1/preview/models/{MODEL_ID}/checkpoints",
        params=params,
        headers={"Authorization": "Bearer k"},
    )


def test_out_of_range_limit_is_a_violation(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [], "has_more": False}))
    assert _list(contract, limit=500).status_code == 599
    assert "limit" in contract.violations[0] or "500" in contract.violations[0]
    contract.violations.clear()


def test_missing_bearer_token_is_a_violation(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [], "has_more": False}))
    assert httpx.get(f"{contract.url}/v1/preview/models/{MODEL_ID}/checkpoints").status_code == 599
    contract.violations.clear()


def test_a_reply_off_the_spec_is_a_violation(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [{"id": "x"}], "has_more": "yes"}))
    assert _list(contract).status_code == 599
    assert "reply violates the spec" in contract.violations[0]
    contract.violations.clear()


def test_unknown_route_is_a_violation(contract: ContractServer) -> None:
    assert httpx.get(f"{contract.url}/v1/nope").status_code == 599
    contract.violations.clear()


def test_a_valid_exchange_is_clean(contract: ContractServer) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(body={"data": [], "has_more": False}))
    assert _list(contract, limit=5, order="desc").status_code == 200
    contract.assert_clean()
