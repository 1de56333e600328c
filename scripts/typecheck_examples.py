"""Type-check the code people copy: examples/ and every Python block of README.md.

``mypy --strict --allow-untyped-defs`` over examples/ and over each ```python block of the README
(written to build/readme/, one module per block, named by its line). A block that is deliberately
a fragment is preceded by ``<!-- fragment -->`` and skipped. A failure names the README line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "build" / "readme"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = ["--strict", "--allow-untyped-defs", "--follow-imports=silent", "--no-incremental"]


def blocks(markdown: str) -> list[tuple[int, str]]:
    """(line, code) of each ```python block that is not marked as a fragment."""
    found = []
    for match in BLOCK.finditer(markdown):
        before = markdown[: match.start()].rstrip().rsplit("\n", 1)[-1]
        if before.strip() == "<!-- fragment -->":
            continue
        found.append((markdown.count("\n", 0, match.start()) + 2, match.group(1)))
    return found


def main(argv: list[str] | None = None) -> int:
    """Type-check examples/ and the blocks of ``argv[0]`` (default README.md); mypy's exit status."""
    readme = Path(argv[0]) if argv else REPO / "README.md"
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    for line, code in blocks(readme.read_text(encoding="utf-8")):
        (OUT / f"readme_line_{line}.py").write_text(code, encoding="utf-8")
    mypy = Path(sys.executable).parent / "mypy"
    proc = subprocess.run(
        [str(mypy), *FLAGS, "examples", str(OUT.relative_to(REPO))],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    output = re.sub(r"build/readme/readme_line_(\d+)\.py:(\d+)", _readme_line, proc.stdout)
    print(output, end="")
    return proc.returncode


def _readme_line(match: re.Match[str]) -> str:
    return f"README.md:{int(match[1]) + int(match[2]) - 1}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
