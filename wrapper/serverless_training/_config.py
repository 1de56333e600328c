"""Where the API key, base URL and timeouts come from, and the checks that keep the key safe."""

from __future__ import annotations

import ipaddress
import logging
import math
import netrc
import os

import attrs
import httpx

from ._constants import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    LOG_ENV,
    NETRC_MACHINE,
)
from ._errors import ConfigurationError, InvalidParameterError
from ._logging import log_to_stderr
from ._transport import AttemptLimits, attempt_budget

__all__ = ["ClientConfig", "as_timeout", "log_from_env", "resolve_api_key", "resolve_base_url"]

LOG_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}


def log_from_env() -> None:
    """With ``SERVERLESS_TRAINING_LOG=info`` (retries, what is sent) or ``debug`` (httpx's and
    httpcore's records too), log to stderr, keys redacted; unset, leave logging to the application.
    Another value is refused, naming the ones there are."""
    value = os.environ.get(LOG_ENV, "").strip().lower()
    if not value:
        return
    if value not in LOG_LEVELS:
        raise ConfigurationError(f"${LOG_ENV} is {value!r}; set it to info or debug, or leave it unset")
    log_to_stderr(LOG_LEVELS[value])


def _netrc_path() -> str:
    return os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")


def _usable_key(key: str, source: str) -> str:
    """``key`` without surrounding whitespace; refused (naming neither it nor its parts) when it has
    whitespace or control characters inside: a header cannot carry them, and an error would show
    the part after a line break."""
    key = key.strip()
    if any(char.isspace() or not char.isprintable() for char in key):
        raise ConfigurationError(
            f"the API key from {source} contains whitespace or control characters (a pasted line "
            "break?); W&B API keys are a single word of 40 characters"
        )
    return key


def resolve_api_key(api_key: str | None) -> str:
    """The argument, else ``WANDB_API_KEY``, else the ``api.wandb.ai`` entry of ``~/.netrc``."""
    if api_key is not None:
        if not api_key.strip():
            raise ConfigurationError("api_key is empty; pass a W&B API key or leave it unset")
        return _usable_key(api_key, "api_key")
    from_env = os.environ.get(API_KEY_ENV, "").strip()
    if from_env:
        return _usable_key(from_env, f"${API_KEY_ENV}")
    path = _netrc_path()
    if os.path.isfile(path):
        try:
            entry = netrc.netrc(path).authenticators(NETRC_MACHINE)
        except (netrc.NetrcParseError, OSError) as exc:
            raise ConfigurationError(
                f"could not read {path} ({type(exc).__name__}); fix or remove it"
            ) from None
        if entry and entry[2]:
            return _usable_key(entry[2], path)
    raise ConfigurationError(
        "no W&B API key found: pass api_key=..., set the WANDB_API_KEY environment variable, "
        f"or run `wandb login` (which writes the {NETRC_MACHINE} entry of {path})"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_base_url(base_url: str | httpx.URL | None, *, allow_insecure_http: bool) -> httpx.URL:
    """The argument, else ``SERVERLESS_TRAINING_BASE_URL``, else the production root.

    Plain ``http://`` is refused for anything but a loopback host, because the API key would
    travel in clear text, unless the caller passes ``allow_insecure_http=True``.
    """
    raw = base_url if base_url is not None else os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    url = httpx.URL(str(raw).rstrip("/"))
    if url.userinfo:  # refused, not redacted: it would travel in every request and every message
        raise ConfigurationError(
            "base_url has a user name or password in it (user:password@host); the API takes its key "
            "from api_key (or $WANDB_API_KEY): remove the credentials from the URL"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url {str(raw)!r} must be an absolute http(s) URL")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ConfigurationError(
            f"base_url {str(url)!r} uses plain http to a non-loopback host, which would send the API key "
            "unencrypted; use https, or pass allow_insecure_http=True if you really mean it"
        )
    return url


def as_timeout(timeout: object) -> httpx.Timeout:
    """``None`` keeps the default; a number applies to connect, read, write and pool alike.

    Raises ``InvalidParameterError`` for anything but a positive finite number or an
    ``httpx.Timeout`` whose phases are such numbers (or None: no limit).
    """
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        phases = timeout.as_dict()
    elif isinstance(timeout, int | float) and not isinstance(timeout, bool):
        phases = {"timeout": timeout}
    else:
        raise InvalidParameterError(
            "timeout", f"must be a number of seconds or an httpx.Timeout, got {type(timeout).__name__}"
        )
    for phase, seconds in phases.items():
        if seconds is not None and not (seconds > 0 and math.isfinite(seconds)):
            name = "timeout" if phase == "timeout" else f"timeout.{phase}"
            raise InvalidParameterError(name, f"must be a positive number of seconds, got {seconds!r}")
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def check_max_response_bytes(value: object) -> int:
    """None keeps the default; else a positive integer."""
    if value is None:
        return DEFAULT_MAX_RESPONSE_BYTES
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameterError("max_response_bytes", f"must be an integer >= 1, got {value!r}")
    return value


@attrs.frozen(repr=False)
class ClientConfig:
    """Resolved, validated settings shared by the sync and async clients."""

    api_key: str
    base_url: httpx.URL
    timeout: httpx.Timeout
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def timeout_for(self, timeout: float | httpx.Timeout | None) -> httpx.Timeout:
        """The timeout of one call: its own, else the client's."""
        return self.timeout if timeout is None else as_timeout(timeout)

    def attempt_limits(self, timeout: httpx.Timeout) -> AttemptLimits:
        """The deadline and size cap of each attempt of a call with this timeout."""
        return AttemptLimits(budget=attempt_budget(timeout), max_bytes=self.max_response_bytes)

    def __repr__(self) -> str:
        return f"ClientConfig(base_url={str(self.base_url)!r}, timeout={self.timeout!r}, api_key=<redacted>)"

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        allow_insecure_http: bool,
        max_response_bytes: int | None = None,
    ) -> ClientConfig:
        """Apply the argument > environment > default rules."""
        return cls(
            api_key=resolve_api_key(api_key),
            base_url=resolve_base_url(base_url, allow_insecure_http=allow_insecure_http),
            timeout=as_timeout(timeout),
            max_response_bytes=check_max_response_bytes(max_response_bytes),
        )
