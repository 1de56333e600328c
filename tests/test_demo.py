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


def test_the_readme_shows_the_quickstart_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = (ROOT / "examples" / "quickstart.py").read_text(encoding="utf-8")
    code = quickstart.split('"""', 2)[2].strip()  # without the module docstring
    assert f"```python\n{code}\n```" in readme


def test_the_benchmarks_stand_in_pages_like_the_spec() -> None:
    with LocalAPI({"m": sample_checkpoints(5)}) as api:
        with ServerlessTraining(api_key="k", base_url=api.url) as client:
            assert [c.step for c in client.checkpoints.list("m", limit=2, order="desc")] == [4, 3, 2, 1, 0]
        assert api.requests == 3


def test_the_readmes_testing_example_passes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Testing code that uses this SDK", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_") and callable(f)]
    assert len(tests) == 1
    tests[0]()


def test_the_readme_benchmark_table_is_latest_json() -> None:
    import json

    import run as bench

    result = json.loads((ROOT / "benchmarks" / "latest.json").read_text(encoding="utf-8"))
    assert bench.readme_table(result) in (ROOT / "README.md").read_text(encoding="utf-8")
    assert (ROOT / "benchmarks" / "latest.png").is_file()
