"""The Python code of the README and docs/ runs, against the package's fake served on 127.0.0.1
(no network), and type-checks (make typecheck; here: that a broken block fails naming its line)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import doc_examples
import pytest
from serverless_training.testing import FakeAPI

BLOCKS = doc_examples.blocks()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    """What a block sees: the environment of a configured user, and ``model_id`` / ``job_id``."""
    fake = FakeAPI()
    model_id, job_id = fake.seed_demo(steps=20)
    with fake.serve() as server:
        monkeypatch.setenv("WANDB_API_KEY", fake.api_key)
        monkeypatch.setenv("SERVERLESS_TRAINING_BASE_URL", server.base_url)
        yield {"model_id": model_id, "job_id": job_id, "__name__": "__doc_example__"}


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.where)
def test_every_python_block_runs(block: doc_examples.Block, served: dict[str, object]) -> None:
    namespace = dict(served)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block.code, block.where, "exec"), namespace)
        for name, value in list(namespace.items()):
            if name.startswith("test_") and callable(value):  # a block that is a test runs it too
                value()


def test_there_are_blocks_in_the_readme_and_in_every_guide() -> None:
    files = {block.path.name for block in BLOCKS}
    guides = {p.name for p in (doc_examples.REPO / "docs" / "guides").glob("*.md")} - {"cli.md"}
    assert {"README.md", "getting-started.md", *guides} <= files


def test_a_block_calling_a_missing_method_fails_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], served: dict[str, object]
) -> None:
    text = (doc_examples.REPO / "README.md").read_text(encoding="utf-8")
    line = text[: text.index("client.checkpoints.list(")].count("\n") + 1
    broken = tmp_path / "README.md"
    broken.write_text(text.replace("client.checkpoints.list(", "client.checkpoints.list_all(", 1))
    block = next(block for block in doc_examples.blocks_of(broken) if "list_all" in block.code)
    with pytest.raises(AttributeError, match="list_all"), contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block.code, block.where, "exec"), dict(served))
    assert doc_examples.typecheck([broken]) == 1
    out = capsys.readouterr().out
    assert f"README.md:{line}: error:" in out and "list_all" in out


def test_a_block_marked_as_a_fragment_is_skipped(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("text\n<!-- fragment -->\n```python\nundefined_name\n```\n\n```python\nx = 1\n```\n")
    assert [(b.line, b.code) for b in doc_examples.blocks_of(page)] == [(8, "x = 1\n")]


def test_types_and_testing_are_attributes_of_the_package() -> None:
    """``import serverless_training as st; st.types.CheckpointResponse``, in a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import serverless_training as st\n"
        "print(st.types.CheckpointResponse.__name__, st.testing.FakeAPI.__name__, 'types' in dir(st))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.stdout.split() == ["CheckpointResponse", "FakeAPI", "True"], proc.stderr
