"""The code people copy type-checks: examples/ and the README's Python blocks (make typecheck)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typecheck_examples

ROOT = Path(__file__).resolve().parent.parent


def test_readme_code_that_calls_a_missing_method_fails_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "README.md").read_text()
    line = text[: text.index("client.checkpoints.list(")].count("\n") + 1
    readme = tmp_path / "README.md"
    readme.write_text(text.replace("client.checkpoints.list(", "client.checkpoints.list_all(", 1))
    assert typecheck_examples.main([str(readme)]) == 1
    out = capsys.readouterr().out
    assert f"README.md:{line}: error:" in out and "list_all" in out
    assert typecheck_examples.main([str(ROOT / "README.md")]) == 0


def test_a_block_marked_as_a_fragment_is_skipped() -> None:
    markdown = "text\n<!-- fragment -->\n```python\nundefined_name\n```\n\n```python\nx = 1\n```\n"
    assert typecheck_examples.blocks(markdown) == [(8, "x = 1\n")]  # the line of its first statement
