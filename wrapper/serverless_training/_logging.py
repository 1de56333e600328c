"""Keep API keys out of log records, whoever logs them (this SDK, httpx or httpcore)."""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["RedactingFilter", "install_redaction"]

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
REDACTED = "<redacted>"


class RedactingFilter(logging.Filter):
    """Replaces known keys and any ``Authorization: Bearer ...`` value in a record's message."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add_secret(self, secret: str) -> None:
        """Redact ``secret`` from now on."""
        with self._lock:
            self._secrets.add(secret)

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return _AUTH_HEADER.sub(r"\1" + REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        message = record.getMessage()
        scrubbed = self._scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


_FILTER = RedactingFilter()


def install_redaction(api_key: str) -> None:
    """Attach the shared filter to the SDK's and the transport's loggers and register ``api_key``."""
    _FILTER.add_secret(api_key)
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
