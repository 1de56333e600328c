"""The soak (tests/soak.py) for seconds: jobs followed and checkpoints listed at once on one async
client against the chaotic fake lose no event, repeat none, raise only documented errors and leave
no file descriptor open. ``make soak`` runs it for minutes and checks memory too."""

from __future__ import annotations

import pytest
import soak


@pytest.mark.timeout(120)
def test_a_short_soak_under_chaos_holds() -> None:
    report = soak.run(seconds=12, jobs=8, chaos=0.3, seed=1)  # enough to outlast the retries of a call
    assert report.problems(max_rss_growth_mb=None) == [], report
    assert report.jobs_followed >= 8 and report.events >= 3 * 8 and report.faults_drawn, report
