"""The SDK's own transports over TLS, as they talk to the API: a throwaway CA (trustme) and a local
HTTPS server. Their sockets are wrapped to keep the attempt's deadline, TLS included."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import anyio
import httpx
import pytest
import trustme
from conftest import API_KEY
from pytest_httpserver import HTTPServer
from serverless_training import (
    APIConnectionError,
    AsyncServerlessTraining,
    DeadlineTransport,
    PooledAsyncTransport,
    ServerlessTraining,
)

HEALTH = {"status": "ok"}


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https_url(ca: trustme.CA) -> Iterator[str]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/v1/health").respond_with_json(HEALTH)
    server.start()
    try:
        yield f"https://127.0.0.1:{server.port}"
    finally:
        server.clear()
        server.stop()


def _trusting(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_the_sync_transport_speaks_tls(https_url: str, ca: trustme.CA) -> None:
    with (
        httpx.Client(transport=DeadlineTransport(verify=_trusting(ca))) as http,
        ServerlessTraining(api_key=API_KEY, base_url=https_url, http_client=http) as client,
    ):
        assert client.health() == HEALTH


def test_the_async_transport_speaks_tls(https_url: str, ca: trustme.CA) -> None:
    async def main() -> None:
        async with (
            httpx.AsyncClient(transport=PooledAsyncTransport(verify=_trusting(ca))) as http,
            AsyncServerlessTraining(api_key=API_KEY, base_url=https_url, http_client=http) as client,
        ):
            assert await client.health() == HEALTH

    anyio.run(main)


def test_the_async_client_speaks_tls(https_url: str, ca: trustme.CA) -> None:
    async def main() -> None:
        async with (
            httpx.AsyncClient(verify=_trusting(ca)) as http,
            AsyncServerlessTraining(api_key=API_KEY, base_url=https_url, http_client=http) as client,
        ):
            assert await client.health() == HEALTH

    anyio.run(main)


def test_a_certificate_nobody_trusts_is_refused(https_url: str) -> None:
    with (
        ServerlessTraining(api_key=API_KEY, base_url=https_url, max_retries=0) as client,
        pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.health()

    async def main() -> None:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=https_url, max_retries=0) as client:
            with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.health()

    anyio.run(main)
