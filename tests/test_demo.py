"""make demo: the README's example runs offline against the package's fake, and is the README's code."""

from __future__ import annotations

import re
from pathlib import Path

import demo
import pytest
from local_api import LocalAPI, sample_checkpoints
from serverless_training import ServerlessTraining

ROOT = Path(__file__).resolve().parent.parent


def test_demo_trains_three_steps_lists_and_plans_a_prune(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.delenv("SERVERLESS_TRAINING_BASE_URL", raising=False)
    demo.main(job_seconds=0.0)
    out = capsys.readouterr().out
    assert out.count("training_ended") == 3 and "ended at step 3" in out
    rows = [line.split() for line in out.splitlines() if re.match(r"^\s+\d+\s+\d\.\d{3}\s", line)]
    assert [row[0] for row in rows] == ["1", "2", "3"]
    assert "prune would delete steps [1, 2] and keep [3]" in out


def test_getting_started_shows_the_quickstart_verbatim() -> None:
    page = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    assert '```python\n--8<-- "examples/quickstart.py"\n```' in page  # included whole by the docs build


def test_the_benchmarks_stand_in_pages_like_the_spec() -> None:
    with LocalAPI({"m": sample_checkpoints(5)}) as api:
        with ServerlessTraining(api_key="k", base_url=api.url) as client:
            assert [c.step for c in client.checkpoints.list("m", limit=2, order="desc")] == [4, 3, 2, 1, 0]
        assert api.requests == 3


def test_the_benchmarks_page_table_is_latest_json() -> None:
    import json

    import run as bench

    result = json.loads((ROOT / "benchmarks" / "latest.json").read_text(encoding="utf-8"))
    assert bench.results_table(result) in bench.RESULTS_PAGE.read_text(encoding="utf-8")
    assert bench.CHART.is_file()
