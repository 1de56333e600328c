"""Configuration sources and the API key's safety: never in repr, str, errors or logs; no plain http."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import anyio
import httpx
import pytest
from cases import CASES, JOB_ID, MODEL_ID
from conftest import API_KEY
from contract import ContractServer, Reply
from fakes import LIST_CHECKPOINTS
from serverless_training import (
    DEFAULT_BASE_URL,
    APIConnectionError,
    APIStreamError,
    APITimeoutError,
    AsyncServerlessTraining,
    AuthenticationError,
    ConfigurationError,
    ServerlessTraining,
    UnprocessableEntityError,
)
from serverless_training._logging import RedactingFilter, redact


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.delenv("SERVERLESS_TRAINING_BASE_URL", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def test_key_from_argument_env_then_netrc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine api.wandb.ai\n  login user\n  password from-netrc\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert ServerlessTraining()._config.api_key == "from-netrc"
    monkeypatch.setenv("WANDB_API_KEY", "from-env")
    assert ServerlessTraining()._config.api_key == "from-env"
    assert ServerlessTraining(api_key="from-arg")._config.api_key == "from-arg"


def test_missing_key_names_all_three_sources() -> None:
    with pytest.raises(ConfigurationError) as info:
        ServerlessTraining()
    message = str(info.value)
    assert "api_key=" in message and "WANDB_API_KEY" in message and "netrc" in message


def test_empty_key_and_broken_netrc_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="empty"):
        ServerlessTraining(api_key=" ")
    broken = tmp_path / "netrc"
    broken.write_text("machine api.wandb.ai bogus token\n")
    monkeypatch.setenv("NETRC", str(broken))
    with pytest.raises(ConfigurationError, match="could not read"):
        ServerlessTraining()


def test_base_url_from_argument_env_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServerlessTraining(api_key="k").base_url == DEFAULT_BASE_URL
    monkeypatch.setenv("SERVERLESS_TRAINING_BASE_URL", "https://forge.coreweave.com/api/training/")
    assert ServerlessTraining(api_key="k").base_url == "https://forge.coreweave.com/api/training"
    assert (
        ServerlessTraining(api_key="k", base_url="http://localhost:8000").base_url == "http://localhost:8000"
    )


@pytest.mark.parametrize(
    "url", ["http://api.training.wandb.ai", "http://10.0.0.5:8000", "http://example.com"]
)
def test_plain_http_to_a_remote_host_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="unencrypted"):
        ServerlessTraining(api_key=API_KEY, base_url=url)
    assert ServerlessTraining(api_key=API_KEY, base_url=url, allow_insecure_http=True).base_url == url


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:1", "http://localhost", "http://[::1]:80", "http://127.9.9.9"]
)
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    ServerlessTraining(api_key=API_KEY, base_url=url)


@pytest.mark.parametrize("url", ["ftp://x", "not a url", "/relative"])
def test_nonsense_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        ServerlessTraining(api_key=API_KEY, base_url=url)


def test_the_key_is_in_no_repr_or_str() -> None:
    client = ServerlessTraining(api_key=API_KEY)
    aclient = AsyncServerlessTraining(api_key=API_KEY)
    texts = [
        repr(client),
        str(client),
        repr(aclient),
        repr(client._config),
        repr(client._auth),
        repr(client.checkpoints),
        repr(client._http),
        str(vars(client.chat.completions)),
    ]
    for text in texts:
        assert API_KEY not in text
    assert API_KEY not in str(dict(client._http.headers))


def test_the_key_is_in_no_error_and_no_log_line(
    contract: ContractServer, client: ServerlessTraining, caplog: pytest.LogCaptureFixture
) -> None:
    contract.on(LIST_CHECKPOINTS, Reply(401, {"detail": "bad key"}, off_spec=True))
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as info:
        client.checkpoints.list(MODEL_ID)
    assert API_KEY not in str(info.value) and API_KEY not in repr(info.value)
    assert "httpx" in {r.name for r in caplog.records} or "httpcore" in caplog.text
    assert API_KEY not in caplog.text
    for case in CASES:
        contract.on(case.operation_id, case.reply)
    with caplog.at_level(logging.DEBUG):
        for case in CASES:
            case.call(client)
    assert API_KEY not in caplog.text


def test_redaction_filter_scrubs_keys_and_bearer_headers() -> None:
    redactor = RedactingFilter()
    redactor.add_secret("s3cret-key")
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "key=%s header=%s",
        ("s3cret-key", "Authorization: Bearer abc.def"),
        None,
    )
    redactor.filter(record)
    assert record.getMessage() == "key=<redacted> header=Authorization: Bearer <redacted>"
    untouched = logging.LogRecord("x", logging.INFO, __file__, 1, "nothing %d", (1,), None)
    redactor.filter(untouched)
    assert untouched.args == (1,)


def test_a_key_logged_by_anyone_on_an_sdk_logger_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    ServerlessTraining(api_key=API_KEY)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("httpcore.http11").debug(
            "headers=%s", [(b"authorization", f"Bearer {API_KEY}".encode())]
        )
        logging.getLogger("serverless_training").warning("oops %s", API_KEY)
    assert API_KEY not in caplog.text and "<redacted>" in caplog.text


def test_escape_hatch_http_client_with_a_path_prefix_and_custom_headers() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "ok"})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = ServerlessTraining(
        api_key=API_KEY,
        base_url="https://forge.coreweave.com/api/training",
        http_client=http,
        default_headers={"X-Team": "rl"},
    )
    assert client.health() == {"status": "ok"}
    client.close()
    assert not http.is_closed  # the caller's client stays the caller's, unmodified
    assert "X-Team" not in http.headers and "Authorization" not in http.headers
    (request,) = seen
    assert str(request.url) == "https://forge.coreweave.com/api/training/v1/health"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}" and request.headers["X-Team"] == "rl"
    assert request.headers["User-Agent"].startswith("serverless-training-python/")
    http.close()


def test_timeouts_per_client_and_per_call() -> None:
    timeouts: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, json={})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = ServerlessTraining(api_key=API_KEY, http_client=http, timeout=3.0)
    assert client.timeout == httpx.Timeout(3.0)
    client.health()
    client.health(timeout=httpx.Timeout(1.0, connect=0.5))
    assert timeouts[0]["read"] == 3.0 and timeouts[1] == {
        "connect": 0.5,
        "read": 1.0,
        "write": 1.0,
        "pool": 1.0,
    }
    default = ServerlessTraining(api_key=API_KEY)
    assert default.timeout.read == 120.0 and default.timeout.connect == 10.0


def test_context_managers_close_the_pool() -> None:
    with ServerlessTraining(api_key=API_KEY) as client:
        http = client._http
    assert http.is_closed


@pytest.mark.anyio
async def test_async_context_manager_closes_the_pool() -> None:
    async with AsyncServerlessTraining(api_key=API_KEY) as client:
        http = client._http
    assert http.is_closed


@pytest.fixture
def health_server() -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every GET with ``{"status": "ok"}``
    and records each request's client port and request line. Named as a proxy, it answers for the
    whole URL a proxied request names (``GET http://host:port/path HTTP/1.1``)."""
    seen: list[tuple[int, str]] = []

    class Health(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            seen.append((self.client_address[1], self.requestline))
            body = b'{"status": "ok"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_one_pooled_connection_is_reused_across_calls(
    health_server: tuple[str, list[tuple[int, str]]],
) -> None:
    url, seen = health_server
    with ServerlessTraining(api_key=API_KEY, base_url=url) as client:
        for _ in range(5):
            client.health()
    ports = [port for port, _ in seen]
    assert len(ports) == 5 and len(set(ports)) == 1


# Port 9 (discard) on loopback: nothing listens, so only a request sent through the proxy is answered.
UNREACHABLE = "http://127.0.0.1:9"


def test_the_clients_go_through_a_proxy_named_in_the_environment(
    health_server: tuple[str, list[tuple[int, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY/HTTPS_PROXY are honoured as httpx honours them (corporate networks rely on it),
    by the sync and the async client alike."""
    proxy_url, seen = health_server
    monkeypatch.setenv("HTTP_PROXY", proxy_url)
    with ServerlessTraining(api_key=API_KEY, base_url=UNREACHABLE, max_retries=0) as client:
        assert client.health() == {"status": "ok"}

    async def main() -> None:
        async with AsyncServerlessTraining(api_key=API_KEY, base_url=UNREACHABLE, max_retries=0) as client:
            assert await client.health() == {"status": "ok"}

    anyio.run(main)
    assert [line for _, line in seen] == [f"GET {UNREACHABLE}/v1/health HTTP/1.1"] * 2


def test_no_proxy_exempts_a_host(
    health_server: tuple[str, list[tuple[int, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy_url, seen = health_server
    monkeypatch.setenv("HTTP_PROXY", proxy_url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with (
        ServerlessTraining(api_key=API_KEY, base_url=UNREACHABLE, max_retries=0) as client,
        pytest.raises(APIConnectionError),
    ):
        client.health()
    assert seen == []


# --- rules that each have a test of their own ----------------------------------------------------


def test_a_base_url_with_a_user_name_alone_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="user name or password"):
        ServerlessTraining(api_key=API_KEY, base_url="https://someone@api.example.com")


def test_a_key_from_netrc_is_checked_like_any_other(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine api.wandb.ai\n  login user\n  password half\x07key\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    # Python 3.11's netrc reads the entry and the key check refuses it; 3.10's netrc refuses the file.
    with pytest.raises(ConfigurationError, match=r"control characters|NetrcParseError") as info:
        ServerlessTraining()
    assert str(netrc) in str(info.value) and "half" not in str(info.value)


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_a_bearer_credential_is_redacted_whatever_the_case_of_its_scheme(scheme: str) -> None:

    assert "sk-zq-secret" not in redact(f"authorization: {scheme} sk-zq-secret")


def test_a_422_and_a_stream_error_that_echo_a_credential_are_redacted(raw_server: Callable[..., str]) -> None:
    import json

    echoed = "Bearer sk-zq-echoed"
    detail = {"detail": [{"loc": ["body", "model"], "msg": f"bad header {echoed}", "type": "value_error"}]}
    body = json.dumps(detail).encode()
    head = (
        b"HTTP/1.1 422 Unprocessable Entity\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
    )
    url = raw_server(lambda conn: conn.sendall(head % len(body) + body))
    with (
        ServerlessTraining(api_key=API_KEY, base_url=url) as client,
        pytest.raises(UnprocessableEntityError) as info,
    ):
        client.models.create(project="p", name="n", base_model="b")
    assert "sk-zq-echoed" not in str(info.value) + json.dumps(info.value.body) + repr(info.value.errors)

    event = b'data: {"error": {"message": "rejected ' + echoed.encode() + b'"}}\n\n'
    stream_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    url = raw_server(lambda conn: conn.sendall(stream_head + b"%x\r\n%s\r\n0\r\n\r\n" % (len(event), event)))
    messages = [{"role": "user", "content": "hi"}]
    with (
        ServerlessTraining(api_key=API_KEY, base_url=url) as client,
        pytest.raises(APIStreamError) as raised,
        client.chat.completions.create(model="m", messages=messages, stream=True) as stream,
    ):
        list(stream)
    assert "sk-zq-echoed" not in str(raised.value) + json.dumps(raised.value.body)


def test_all_proxy_sends_the_api_host_through_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    from serverless_training._transport import proxied

    monkeypatch.setenv("ALL_PROXY", "http://proxy.example.invalid:3128")
    assert proxied("https://api.training.wandb.ai")
    monkeypatch.setenv("NO_PROXY", "api.training.wandb.ai")
    assert not proxied("https://api.training.wandb.ai")


@pytest.fixture
def env_logging() -> Iterator[None]:
    """Puts back what SERVERLESS_TRAINING_LOG changes on the module-wide loggers."""
    from serverless_training._logging import _EnvHandler

    names = ("serverless_training", "httpx", "httpcore")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name in names:
        logger = logging.getLogger(name)
        logger.setLevel(levels[name])
        for handler in [h for h in logger.handlers if isinstance(h, _EnvHandler)]:
            logger.removeHandler(handler)


@pytest.mark.usefixtures("env_logging")
def test_serverless_training_log_turns_on_logging_with_keys_redacted(
    monkeypatch: pytest.MonkeyPatch, contract: ContractServer
) -> None:
    import io

    from serverless_training import RetryPolicy
    from serverless_training._logging import _EnvHandler

    monkeypatch.setenv("SERVERLESS_TRAINING_LOG", "info")
    page = {"data": [], "has_more": False}
    echo = Reply(503, f"busy Bearer {API_KEY}".encode(), off_spec=True)
    contract.on(LIST_CHECKPOINTS, [echo, Reply(body=page)])
    quick = RetryPolicy(sleep=lambda _: None)
    client = ServerlessTraining(api_key=API_KEY, base_url=contract.url, retry=quick)
    (handler,) = [h for h in logging.getLogger("serverless_training").handlers if isinstance(h, _EnvHandler)]
    written = io.StringIO()
    handler.setStream(written)
    # A second client adds no second handler.
    ServerlessTraining(api_key=API_KEY, base_url=contract.url).close()
    with client:
        list(client.checkpoints.list(MODEL_ID))
    assert "retrying in" in written.getvalue() and API_KEY not in written.getvalue()
    assert (
        len([h for h in logging.getLogger("serverless_training").handlers if isinstance(h, _EnvHandler)]) == 1
    )


@pytest.mark.usefixtures("env_logging")
def test_serverless_training_log_refuses_a_level_it_does_not_know(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVERLESS_TRAINING_LOG", "verbose")
    with pytest.raises(ConfigurationError, match="info or debug"):
        ServerlessTraining(api_key=API_KEY)


@pytest.mark.usefixtures("env_logging")
def test_serverless_training_log_debug_redacts_what_any_httpcore_logger_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from serverless_training._logging import _EnvHandler

    monkeypatch.setenv("SERVERLESS_TRAINING_LOG", "debug")
    ServerlessTraining(api_key=API_KEY).close()
    (handler,) = [h for h in logging.getLogger("httpcore").handlers if isinstance(h, _EnvHandler)]
    written = io.StringIO()
    handler.setStream(written)
    logging.getLogger("httpcore.zq_module_of_a_newer_httpcore").debug("send headers Bearer %s", API_KEY)
    assert "send headers" in written.getvalue() and API_KEY not in written.getvalue()


RawServer = Callable[[Callable[[socket.socket], None]], str]


# --- credentials that would leak are refused at construction ------------------------------


def test_a_base_url_with_credentials_is_refused_without_naming_them() -> None:
    with pytest.raises(ConfigurationError, match="user name or password") as info:
        ServerlessTraining(api_key=API_KEY, base_url="https://alice:hunter2-secret@api.example.invalid")
    assert "hunter2" not in str(info.value) and "alice" not in str(info.value)


@pytest.mark.parametrize(
    "key", ["first-half-1234\nsecond-half-5678", "with space-123456789", "tab\tkey-12345678"]
)
def test_a_key_with_whitespace_or_control_characters_is_refused_naming_no_part_of_it(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigurationError, match="whitespace or control characters") as info:
        ServerlessTraining(api_key=key)
    monkeypatch.setenv("WANDB_API_KEY", key)
    with pytest.raises(ConfigurationError, match="WANDB_API_KEY") as from_env:
        ServerlessTraining()
    for text in (str(info.value), str(from_env.value)):
        assert all(part not in text for part in key.split()), text


# --- proxies decided per host ------------------------------------------------------------------


def test_a_host_no_proxy_exempts_keeps_the_whole_attempt_deadline(
    raw_server: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless_processing(conn: socket.socket) -> None:
        stop = time.monotonic() + 10
        while time.monotonic() < stop:
            conn.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
            time.sleep(0.05)

    url = raw_server(endless_processing)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # the usual corporate case: HTTPS only
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with ServerlessTraining(api_key=API_KEY, base_url=url, timeout=0.5, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.training_jobs.get(JOB_ID)
        assert time.monotonic() - started < 1.5


def test_https_proxy_alone_routes_https_hosts_only() -> None:
    from serverless_training._transport import proxied

    with pytest.MonkeyPatch.context() as env:
        env.setenv("HTTPS_PROXY", "http://proxy.example.invalid:3128")
        env.setenv("NO_PROXY", "internal.example.invalid")
        assert proxied("https://api.training.wandb.ai")
        assert not proxied("http://127.0.0.1:8000")  # no HTTP_PROXY
        assert not proxied("https://internal.example.invalid")


def test_the_default_timeout_gives_each_attempt_its_largest_phase() -> None:
    from serverless_training import DEFAULT_TIMEOUT
    from serverless_training._transport import attempt_budget

    assert attempt_budget(DEFAULT_TIMEOUT) == 120.0  # Timeout(120, connect=10): read bounds the attempt
    assert attempt_budget(httpx.Timeout(5, read=None)) is None
