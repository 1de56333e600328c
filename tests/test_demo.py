"""make demo: the README's first command lists a sample model's checkpoints from the local stand-in."""

from __future__ import annotations

import list_checkpoints
import pytest
from local_api import LocalAPI, sample_checkpoints
from serverless_training import ServerlessTraining


def test_demo_prints_every_checkpoint_as_a_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    assert list_checkpoints.main() == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if line.strip()[:1].isdigit()]
    assert len(rows) == 237 and rows[0].split()[0] == "0" and rows[-1].split()[0] == "236"
    assert "(5 pages of up to 50, fetched lazily)" in out


def test_the_stand_in_pages_like_the_spec() -> None:
    with LocalAPI({"m": sample_checkpoints(5)}) as api:
        with ServerlessTraining(api_key="k", base_url=api.url) as client:
            assert [c.step for c in client.checkpoints.list("m", limit=2, order="desc")] == [4, 3, 2, 1, 0]
            assert client.health()["status"] == "ok"
        assert api.requests == 4
