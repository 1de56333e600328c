"""The ``serverless-training`` command line (``pip install 'serverless-training[cli]'``).

Exit codes, for scripts:

==  =====================================================================
0   success (``jobs wait``: the job ended)
1   the training job failed (``jobs wait``, ``jobs events --follow``)
2   usage: a bad option or argument, a missing API key or extra
3   the API or the network failed (an HTTP error, a timeout, a bad body)
4   ``jobs wait --timeout`` passed before the job ended (it keeps running)
130 interrupted (Ctrl-C)
141 the reader of the output went away (a closed pipe: ``| head -1``)
==  =====================================================================
"""

from __future__ import annotations

import sys

__all__ = [
    "EXIT_API",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_JOB_FAILED",
    "EXIT_TIMEOUT",
    "EXIT_USAGE",
    "main",
]

CLI_EXTRA = ("click", "rich")  # the modules pip install 'serverless-training[cli]' brings
EXIT_JOB_FAILED = 1
EXIT_USAGE = 2
EXIT_API = 3
EXIT_TIMEOUT = 4
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shell tools end


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    try:
        from ._commands import run  # noqa: PLC0415 - needs the [cli] extra
    except ImportError as exc:
        if exc.name not in CLI_EXTRA:
            raise
        missing = exc.name
        print(
            f"error: the command line needs {missing!r}, which is not installed. "
            "Install it with: pip install 'serverless-training[cli]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return run(argv)
