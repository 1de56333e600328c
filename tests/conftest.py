from __future__ import annotations

import asyncio
import inspect
import logging
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from contract import ContractServer
from pytest_httpserver import HTTPServer
from serverless_training import AsyncServerlessTraining, RetryPolicy, ServerlessTraining

API_KEY = "wandb-test-key-0123456789abcdef-SECRET"


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    """One threaded server on loopback for the session (a slow reply must not block a retry)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture(autouse=True)
def _no_proxy_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests talk to 127.0.0.1: a proxy configured on the machine running them must not route
    them elsewhere (the SDK's clients, like httpx's, honour these variables)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Sleeps(list[float]):
    """Records the delays a retry policy asked for instead of sleeping through them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def retry_policy(sleeps: Sleeps) -> RetryPolicy:
    return RetryPolicy(sleep=sleeps, async_sleep=sleeps.async_sleep)


@pytest.fixture
def contract(httpserver: HTTPServer) -> Iterator[ContractServer]:
    server = ContractServer(httpserver)
    yield server
    server.assert_clean()


@pytest.fixture
def make_client(
    contract: ContractServer, retry_policy: RetryPolicy
) -> Iterator[Callable[..., ServerlessTraining]]:
    clients: list[ServerlessTraining] = []

    def make(**kwargs: Any) -> ServerlessTraining:
        kwargs.setdefault("api_key", API_KEY)
        kwargs.setdefault("base_url", contract.url)
        kwargs.setdefault("retry", retry_policy)
        client = ServerlessTraining(**kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., ServerlessTraining]) -> ServerlessTraining:
    return make_client()


@pytest.fixture
async def aclient(
    contract: ContractServer, retry_policy: RetryPolicy
) -> AsyncIterator[AsyncServerlessTraining]:
    async with AsyncServerlessTraining(api_key=API_KEY, base_url=contract.url, retry=retry_policy) as client:
        yield client


@pytest.fixture(autouse=True)
def _quiet_werkzeug() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], str]]:
    """A bare TCP server on 127.0.0.1 for byte-level faults; one behaviour per connection, each in
    its own thread. A behaviour ends when the client hangs up (OSError) or by its own bound."""
    servers: list[socket.socket] = []

    def start(behaviour: Callable[[socket.socket], None]) -> str:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(5)
        servers.append(listener)

        def serve() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=handle, args=(conn,), daemon=True).start()

        def handle(conn: socket.socket) -> None:
            with conn:
                try:
                    conn.recv(65536)
                    behaviour(conn)
                except OSError:
                    pass

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield start
    for listener in servers:
        listener.close()


Call = Callable[[Callable[[Any], Any]], Any]


@pytest.fixture(params=["sync", "async"])
def both(
    request: pytest.FixtureRequest, contract: ContractServer, retry_policy: RetryPolicy
) -> Iterator[Call]:
    """``both(lambda c: c.checkpoints.prune(...))``: the call on the sync client, or awaited on the
    async client (in a loop of its own); one test body checks a rule in both forms."""
    if request.param == "sync":
        with ServerlessTraining(api_key=API_KEY, base_url=contract.url, retry=retry_policy) as client:
            yield lambda call: call(client)
        return

    def run(call: Callable[[Any], Any]) -> Any:
        async def main() -> Any:
            async with AsyncServerlessTraining(
                api_key=API_KEY, base_url=contract.url, retry=retry_policy
            ) as c:
                result = call(c)
                return await result if inspect.isawaitable(result) else result

        return asyncio.run(main())

    yield run
