"""Keep API keys out of log records, whoever logs them (this SDK, httpx or httpcore)."""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["RedactingFilter", "install_redaction", "redact", "redact_json"]

LOGGER_NAMES = (
    "serverless_training",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
)
_AUTH_HEADER = re.compile(r"(?i)(authorization['\"]?\s*[:=,]\s*\(?\s*b?['\"]?\s*bearer\s+)[^\s'\"),]+")
# A bearer credential wherever it appears (a server echoing the header in an error body).
_BEARER = re.compile(r"(?i)\b(bearer\s+)(?!<redacted>)[A-Za-z0-9._~+/=-]+")
REDACTED = "<redacted>"
MIN_SECRET_LENGTH = 8


class RedactingFilter(logging.Filter):
    """Replaces known keys and any ``Authorization: Bearer ...`` value in a record's message."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: frozenset[str] = frozenset()  # replaced, never mutated: readers need no lock
        self._lock = threading.Lock()

    def add_secret(self, secret: str) -> None:
        """Redact ``secret`` from now on. Strings shorter than ``MIN_SECRET_LENGTH`` are not
        registered: replacing them everywhere would mangle every message (W&B keys have 40)."""
        if len(secret) < MIN_SECRET_LENGTH:
            return
        with self._lock:
            self._secrets = self._secrets | {secret}

    def scrub(self, text: str) -> str:
        """``text`` without any registered secret or bearer credential."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = _AUTH_HEADER.sub(r"\1" + REDACTED, text)
        return _BEARER.sub(r"\1" + REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        message = record.getMessage()
        scrubbed = self.scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


_FILTER = RedactingFilter()


def redact(text: str) -> str:
    """``text`` with every registered API key and any bearer credential replaced by ``<redacted>``."""
    return _FILTER.scrub(text)


def redact_json(value: object) -> object:
    """A copy of a decoded JSON value with ``redact`` applied to every string in it."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact(str(k)): redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    return value


def install_redaction(api_key: str) -> None:
    """Attach the shared filter to the SDK's and the transport's loggers and register ``api_key``."""
    _FILTER.add_secret(api_key)
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
