"""Keep API keys out of log records, whoever logs them (this SDK, httpx or httpcore)."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

__all__ = ["RedactingFilter", "install_redaction", "log_to_stderr", "redact", "redact_json"]


LOGGER_NAMES = (
    "serverless_training",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
)
# A bearer credential wherever it appears (a server echoing the header in an error body, httpcore
# logging its headers). Linear in the text: a literal, then whitespace, then token characters, two
# runs no character can belong to both of, so a failed match never backtracks more than one run.
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
    """A copy of a decoded JSON value with ``redact`` applied to every string in it, at any depth
    (iterative: a body nested a thousand levels deep is no ``RecursionError``)."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]  # (value, its container's copy, slot)
    while stack:
        item, parent, slot = stack.pop()
        if isinstance(item, str):
            copy: Any = redact(item)
        elif isinstance(item, dict):
            keys = [redact(str(k)) for k in item]
            copy = dict.fromkeys(keys)  # in the body's order; filled as the stack unwinds
            stack.extend((v, copy, k) for k, v in zip(keys, item.values(), strict=True))
        elif isinstance(item, list):
            copy = [None] * len(item)
            stack.extend((v, copy, i) for i, v in enumerate(item))
        else:
            copy = item
        parent[slot] = copy
    return root[0]


def install_redaction(api_key: str) -> None:
    """Attach the shared filter to the SDK's and the transport's loggers and register ``api_key``."""
    _FILTER.add_secret(api_key)
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The stderr handler ``SERVERLESS_TRAINING_LOG`` adds (one, however many clients are made)."""


def log_to_stderr(level: int) -> None:
    """Log the SDK's records at ``level`` to stderr, keys redacted (at DEBUG, httpx's and
    httpcore's too): what ``SERVERLESS_TRAINING_LOG`` switches on."""
    # The parents only: httpcore.http11's records reach the httpcore logger's handler.
    for name in (
        ("serverless_training", "httpx", "httpcore") if level == logging.DEBUG else ("serverless_training",)
    ):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(handler, _EnvHandler) for handler in logger.handlers):
            handler = _EnvHandler()
            handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
            handler.addFilter(_FILTER)  # records reach a handler unfiltered from child loggers
            logger.addHandler(handler)
