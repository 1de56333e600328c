"""Fetch an upstream spec (a path or an https URL) byte for byte into build/upstream/openapi.json.

``make fetch-spec SPEC=path-or-url``: the first step of the drift workflow, runnable locally.
"""

from __future__ import annotations

import sys
from pathlib import Path

from update_spec import fetch

TARGET = Path(__file__).resolve().parent.parent / "build" / "upstream"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0]:
        print("fetch-spec: usage: make fetch-spec SPEC=path-or-url", file=sys.stderr)
        return 2
    TARGET.mkdir(parents=True, exist_ok=True)
    try:
        path = fetch(argv[0], TARGET)
    except Exception as exc:  # a download failure has many types; all mean "not fetched"
        print(f"fetch-spec: cannot fetch {argv[0]}: {exc}", file=sys.stderr)
        return 2
    print(f"fetch-spec: {argv[0]} -> {path.relative_to(TARGET.parent.parent)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
