"""Make openapi-python-client 0.29 output importable on Python 3.10.

The generator targets 3.11+: it imports ``typing.Self`` and ``enum.StrEnum``. Both have exact
equivalents on 3.10 (``typing_extensions.Self``; ``class X(str, Enum)`` with the ``__str__`` the
generated enums already define), so this build step rewrites those two imports and nothing else.
It is idempotent and is followed by ruff, which sorts the imports it touches.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_TYPING_IMPORT = re.compile(r"^from typing import (?P<names>[^\n(]+)$", re.MULTILINE)


def _drop_self(match: re.Match[str]) -> str:
    names = [name.strip() for name in match.group("names").split(",")]
    if "Self" not in names:
        return match.group(0)
    rest = [name for name in names if name != "Self"]
    lines = [f"from typing import {', '.join(rest)}"] if rest else []
    return "\n".join([*lines, "from typing_extensions import Self"])


def rewrite(source: str) -> str:
    """Return ``source`` with the 3.11-only imports replaced by 3.10-compatible ones."""
    source = _TYPING_IMPORT.sub(_drop_self, source)
    if "StrEnum" in source:
        source = source.replace("from enum import StrEnum", "from enum import Enum")
        source = re.sub(r"\(StrEnum\)", "(str, Enum)", source)
    return source


def main(argv: list[str]) -> int:
    for root in argv or ["."]:
        for path in sorted(Path(root).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            new = rewrite(text)
            if new != text:
                path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
