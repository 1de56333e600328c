"""The retry policy: which failures are retried, how long to wait, and the loop that runs every
attempt of a call, the first included.

The loop is written here rather than taken from tenacity: the decisions (which failure, how long,
what to log, what to say of a request that may have taken effect) are the policy's own either way,
and ``Attempts`` holds them once for the sync and the async loop, which only call and sleep. What
tenacity added was a retrying object built per call, a cost every call paid (benchmarks/).
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import anyio
import attrs
import httpx

from ._constants import DEFAULT_MAX_RETRIES
from ._errors import APIConnectionError, APIError, APIStatusError, InvalidParameterError

__all__ = ["Attempts", "RetryPolicy", "parse_retry_after", "retry_after"]

T = TypeVar("T")
logger = logging.getLogger("serverless_training")

# 520-524: the edge in front of the API (a timeout or a broken origin connection, as a 524 on a
# long model creation shows).
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
# Statuses that say the server did nothing: retried whatever the method.
NOTHING_DONE_STATUSES = frozenset({429})
# Methods whose repetition cannot do anything twice. POST is absent: this API has no
# idempotency keys, so a retried create could start a second training job (an operation the API
# defines as safe to repeat is marked in resource-names.yaml, and retried as these are).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's wait before a retry: ``retry-after-ms`` (milliseconds, as OpenAI-compatible
    servers send it) when it is a number, else ``Retry-After``."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis) / 1000
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value
    return parse_retry_after(headers.get("retry-after"))


def server_says_retry(exc: APIStatusError) -> bool | None:
    """``x-should-retry: true|false`` on the answer: the server's own word on repeating the request
    (None when it says nothing)."""
    value = exc.response.headers.get("x-should-retry", "").strip().lower()
    return {"true": True, "false": False}.get(value)


def _never_sent(exc: APIConnectionError) -> bool:
    """True when the failure happened before the request left (safe to repeat even a POST)."""
    return isinstance(exc.__cause__, httpx.ConnectError | httpx.ConnectTimeout)


@attrs.frozen
class RetryPolicy:
    """When and how to retry. Exponential backoff with jitter, ``Retry-After`` (or ``retry-after-ms``)
    honoured up to a cap, and ``x-should-retry: true|false`` obeyed when the server sends it.

    Requests safe to repeat (idempotent methods, and operations the API defines as repeatable) are
    retried on the retryable statuses and on timeouts and dropped connections. Any request is
    retried when the server said it did nothing (429) or when it never left the machine (connection
    refused, connect timeout). A request that is not safe to repeat and failed once it was sent is
    not retried, and its error says that it may have taken effect.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.5
    max_retry_after: float = 60.0
    statuses: frozenset[int] = RETRYABLE_STATUSES
    methods: frozenset[str] = IDEMPOTENT_METHODS
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, eq=False, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = attrs.field(default=anyio.sleep, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._retries(self.max_retries)  # an integer >= 0
        for name in ("initial_delay", "max_delay", "jitter", "max_retry_after"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise InvalidParameterError(name, f"must be a number >= 0, got {value!r}")

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """This policy with another ``max_retries``."""
        return attrs.evolve(self, max_retries=max_retries)

    def should_retry(self, method: str, exc: BaseException, *, repeatable: bool = False) -> bool:
        """Whether ``exc``, raised by a ``method`` request, may be retried (``repeatable``: the
        operation is safe to repeat whatever its method)."""
        safe = repeatable or method in self.methods
        if isinstance(exc, APIStatusError):
            said = server_says_retry(exc)
            if said is not None:  # the server knows whether it did anything: its word goes
                return said
            return exc.status_code in self.statuses and (safe or exc.status_code in NOTHING_DONE_STATUSES)
        if isinstance(exc, APIConnectionError):
            return safe or _never_sent(exc)
        return False

    def may_have_taken_effect(self, method: str, exc: BaseException, *, repeatable: bool = False) -> bool:
        """Whether a failed request that is not safe to repeat may still have done its work: it was
        sent, and the failure does not say the server did nothing."""
        if repeatable or method in self.methods:
            return False
        if isinstance(exc, APIStatusError):
            return server_says_retry(exc) is not True and (exc.status_code >= 500 or exc.status_code == 408)
        if isinstance(exc, APIConnectionError):
            return not _never_sent(exc)
        return False

    def delay(self, attempt: int, exc: BaseException | None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        hint = exc.retry_after if isinstance(exc, APIStatusError) else None
        if hint is not None:
            return min(hint, self.max_retry_after)
        backoff: float = min(self.max_delay, self.initial_delay * 2.0 ** (attempt - 1))
        return backoff + random.uniform(0, self.jitter)  # noqa: S311 - jitter, not a secret

    def _retries(self, max_retries: int | None) -> int:
        retries = self.max_retries if max_retries is None else max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise InvalidParameterError("max_retries", f"must be an integer >= 0, got {retries!r}")
        return retries

    def call(
        self, method: str, max_retries: int | None, attempt: Callable[[], T], *, repeatable: bool = False
    ) -> T:
        """Run ``attempt`` under this policy (sync)."""
        attempts = Attempts(self, method, self._retries(max_retries), repeatable)
        while True:
            try:
                return attempt()
            except APIError as exc:
                delay = attempts.failed(exc)
                if delay is None:
                    raise
                self.sleep(delay)

    async def acall(
        self,
        method: str,
        max_retries: int | None,
        attempt: Callable[[], Awaitable[T]],
        *,
        repeatable: bool = False,
    ) -> T:
        """Run ``attempt`` under this policy (async), as ``call`` does."""
        attempts = Attempts(self, method, self._retries(max_retries), repeatable)
        while True:
            try:
                return await attempt()
            except APIError as exc:
                delay = attempts.failed(exc)
                if delay is None:
                    raise
                await self.async_sleep(delay)


@attrs.define
class Attempts:
    """The attempts of one call so far, and what follows a failed one."""

    policy: RetryPolicy
    method: str
    max_retries: int
    repeatable: bool
    failures: int = 0

    def failed(self, exc: APIError) -> float | None:
        """Seconds to wait before the next attempt, logged; None when ``exc`` ends the call (noted
        on it when the request may have taken effect)."""
        self.failures += 1
        policy, method, repeatable = self.policy, self.method, self.repeatable
        if self.failures > self.max_retries or not policy.should_retry(method, exc, repeatable=repeatable):
            if policy.may_have_taken_effect(method, exc, repeatable=repeatable):
                exc.note_may_have_taken_effect()
            return None
        delay = policy.delay(self.failures, exc)
        logger.info("retrying in %.2fs (attempt %d failed: %s)", delay, self.failures, exc)
        return delay
