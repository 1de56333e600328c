"""The code people copy: every ```python block of README.md and docs/, and examples/.

A page is read as a reader pastes it: its blocks in order, as one script (``Page.script``), with
nothing added. Ids come from where the page says (``os.environ["MODEL_ID"]``, in a block of its own).
``typecheck``: ``mypy --strict --allow-untyped-defs`` over examples/ and over each page's script
(written to build/doc_examples/, one module per page); a failure names the Markdown file and line.
tests/test_docs.py *runs* each page's script against the fake, in a fresh interpreter.

A block that is deliberately a fragment is preceded by ``<!-- fragment -->`` and skipped; so is a
block that only includes a file (``--8<-- "examples/quickstart.py"``), which is checked as that file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "build" / "doc_examples"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = ["--strict", "--allow-untyped-defs", "--follow-imports=silent", "--no-incremental"]


@dataclass(frozen=True)
class Block:
    """One ```python block: where it is and its code."""

    path: Path
    line: int  # the line of its first statement
    code: str

    @property
    def file(self) -> str:
        """The Markdown file as people name it: relative to the repository when it is in it."""
        return self.path.relative_to(REPO).as_posix() if self.path.is_relative_to(REPO) else str(self.path)


def markdown_files() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def blocks_of(path: Path, markdown: str | None = None) -> list[Block]:
    """The runnable blocks of one Markdown file."""
    text = path.read_text(encoding="utf-8") if markdown is None else markdown
    found = []
    for match in BLOCK.finditer(text):
        before = text[: match.start()].rstrip().rsplit("\n", 1)[-1]
        code = match.group(1)
        if before.strip() == "<!-- fragment -->" or code.lstrip().startswith("--8<--"):
            continue
        found.append(Block(path, text.count("\n", 0, match.start()) + 2, code))
    return found


@dataclass(frozen=True)
class Page:
    """One Markdown file's runnable blocks, in order: what a reader pastes into one script."""

    path: Path
    blocks: tuple[Block, ...]

    @property
    def file(self) -> str:
        return self.blocks[0].file

    @property
    def module(self) -> str:
        return re.sub(r"\W", "_", Path(self.file).with_suffix("").as_posix())

    @property
    def script(self) -> str:
        """The blocks one after the other, each on the lines it has in the Markdown file (blank
        lines between them), so a traceback's line number is the page's."""
        lines: list[str] = []
        for block in self.blocks:
            lines += [""] * (block.line - 1 - len(lines))
            lines += block.code.splitlines()
        return "\n".join(lines) + "\n"


def pages(paths: list[Path] | None = None) -> list[Page]:
    """Every Markdown file with at least one runnable block."""
    found = [Page(path, tuple(blocks_of(path))) for path in paths or markdown_files()]
    return [page for page in found if page.blocks]


def typecheck(paths: list[Path] | None = None) -> int:
    """mypy over examples/ and each page's script; its exit status, its output with Markdown positions."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    by_module = {}
    for page in pages(paths):
        (OUT / f"{page.module}.py").write_text(page.script, encoding="utf-8")
        by_module[page.module] = page
    mypy = Path(sys.executable).parent / "mypy"
    proc = subprocess.run(
        [str(mypy), *FLAGS, "examples", str(OUT.relative_to(REPO))],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )

    def markdown_position(match: re.Match[str]) -> str:
        return f"{by_module[match[1]].file}:{match[2]}"  # a script's lines are its page's

    print(re.sub(r"build/doc_examples/(\w+)\.py:(\d+)", markdown_position, proc.stdout), end="")
    return proc.returncode


def main(argv: list[str]) -> int:
    """``doc_examples.py typecheck [FILE.md ...]`` (default: README.md and docs/)."""
    if not argv or argv[0] != "typecheck":
        print("usage: doc_examples.py typecheck [FILE.md ...]", file=sys.stderr)
        return 2
    return typecheck([Path(p).resolve() for p in argv[1:]] or None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
