"""The SDK's settings that are not the caller's: defaults, limits and names on the wire."""

from __future__ import annotations

import httpx

from ._version import __version__

DEFAULT_BASE_URL = "https://api.training.wandb.ai"
API_KEY_ENV = "WANDB_API_KEY"
BASE_URL_ENV = "SERVERLESS_TRAINING_BASE_URL"
NETRC_MACHINE = "api.wandb.ai"
LOG_ENV = "SERVERLESS_TRAINING_LOG"  # info or debug: log to stderr, as OPENAI_LOG does for openai
# Long enough for a chat completion, short enough that a dead connection surfaces.
DEFAULT_TIMEOUT = httpx.Timeout(120.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # a page of 100 checkpoints is about 20 KB
# Every connection that many concurrent calls open (an RL step's rollouts) stays alive for the
# next round, so no round pays for new connections (over TLS, handshakes); idle ones close after
# keepalive_expiry. benchmarks/chat.py measures the choice.
CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=1000, keepalive_expiry=5.0)

USER_AGENT = f"serverless-training-python/{__version__} httpx/{httpx.__version__}"
ACCEPT_ENCODING = "gzip, deflate"  # what the body readers decode within max_response_bytes
EVENT_STREAM = "text/event-stream"  # the media type of a streamed answer (server-sent events)
# Where servers and the proxies in front of them put a request's id, first match wins.
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray")

# After a stream's [DONE]: how long and how much of the body's end is read so the connection
# can be reused; past either bound it is closed instead.
DRAIN_SECONDS = 1.0
DRAIN_BYTES = 64 * 1024
