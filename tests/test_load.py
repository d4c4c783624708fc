"""Issue 8: the endpoint under bounded load (mark ``load``, well under 60 s)."""

from __future__ import annotations

import pytest

from bench.load import run

pytestmark = [pytest.mark.load, pytest.mark.server]


def test_endpoint_holds_a_mixed_concurrent_load() -> None:
    report = run(clients=16, requests=600, runaways=5, workers=4, timeout=2.0)
    assert report.seconds < 45
    assert not report.wrong, report.wrong[:5]
    kinds = {o.kind for o in report.outcomes}
    assert kinds == {"library", "malformed", "refused", "runaway"}
    runaway = report.latencies("runaway")
    # Cut at the limit: no sooner than it, and not much later (queueing behind others counts).
    assert len(runaway) == 5 and min(runaway) >= 2.0 and max(runaway) < 2.0 * 4 + 2
    # No worker stuck: each runaway killed and replaced, the pool back to full strength.
    assert report.restarts == 5 and report.workers_after == 4
    # Memory bounded: the server and its workers grow by less than 150 MB over the run.
    assert report.rss_after_mb < report.rss_before_mb + 150
    assert report.percentile("library", 0.99) < 5.0
