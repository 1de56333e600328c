"""The Python code of the README and docs/ runs, against the package's fake served on 127.0.0.1
(no network), and type-checks (make typecheck; here: that a broken block fails naming its line)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import doc_examples
import pytest
from serverless_training.testing import FakeAPI

PAGES = doc_examples.pages()
# Runs a page's script as `python page.py` would, then the tests a page defines (the testing guide's).
RUNNER = """
import runpy, sys
namespace = runpy.run_path(sys.argv[1], run_name="__main__")
for name, value in list(namespace.items()):
    if name.startswith("test_") and callable(value):
        value()
"""


@pytest.fixture(scope="module")
def reader_env() -> Iterator[dict[str, str]]:
    """The environment of a reader who follows getting-started: the fake served with its demo
    (`python -m serverless_training.testing --demo`) and the variables it prints exported."""
    fake = FakeAPI()
    model_id, job_id = fake.seed_demo(steps=20)
    with fake.serve() as server:
        yield {
            **os.environ,
            "WANDB_API_KEY": fake.api_key,
            "SERVERLESS_TRAINING_BASE_URL": server.base_url,
            "MODEL_ID": model_id,
            "JOB_ID": job_id,
        }


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.file)
def test_every_page_runs_top_to_bottom_as_pasted(
    page: doc_examples.Page, reader_env: dict[str, str], tmp_path: Path
) -> None:
    script = tmp_path / f"{page.module}.py"
    script.write_text(page.script, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(script)],
        capture_output=True,
        text=True,
        check=False,
        env=reader_env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, f"{page.file}:\n{proc.stderr}"


def test_there_are_blocks_in_the_readme_and_in_every_guide() -> None:
    files = {page.path.name for page in PAGES}
    guides = {p.name for p in (doc_examples.REPO / "docs" / "guides").glob("*.md")} - {"cli.md"}
    assert {"README.md", "getting-started.md", *guides} <= files


def test_a_page_calling_a_missing_method_fails_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reader_env: dict[str, str]
) -> None:
    text = (doc_examples.REPO / "README.md").read_text(encoding="utf-8")
    line = text[: text.index("client.checkpoints.list(")].count("\n") + 1
    broken = tmp_path / "README.md"
    broken.write_text(text.replace("client.checkpoints.list(", "client.checkpoints.list_all(", 1))
    (page,) = doc_examples.pages([broken])
    script = tmp_path / "readme.py"
    script.write_text(page.script, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        check=False,
        env=reader_env,
        timeout=120,
    )
    assert proc.returncode == 1 and f"line {line}" in proc.stderr and "list_all" in proc.stderr
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
