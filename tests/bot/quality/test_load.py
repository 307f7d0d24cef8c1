"""HTTP load for the benchmark, on a real `taoguide serve` over loopback: it starts and answers, both load
generators count requests and latencies, the hostile set gets no 500, and memory is read."""

import os
import shutil

import pytest

from bot.quality import load

QUESTIONS = ["How many moons does Vortan have?", "Who runs the Vortan lighthouse?", "how do I bake sourdough bread?"]


@pytest.fixture(scope="module")
def server(fixture_site):
    env = {"TAOGUIDE_ROOT": str(fixture_site.root), "TAOGUIDE_CONTENT_DIR": str(fixture_site.content_dir),
           "TAOGUIDE_MKDOCS_CONFIG": str(fixture_site.mkdocs_config), "TAOGUIDE_SITE_DIR": str(fixture_site.site_dir),
           "TAOGUIDE_INDEX_DIR": str(fixture_site.index_dir), "PYTHONPATH": os.getcwd()}
    with load.served(fixture_site.root, env) as s:
        yield s


def test_the_server_starts_and_its_memory_is_read(server):
    assert 0 < server.start_to_first_answer_s < load.START_TIMEOUT_S
    assert load.rss_mb(server.pid) > 50
    assert load.rss_mb(2**22 + 12345) == 0.0  # no such process


def test_the_thread_pool_generator_is_bounded_in_time_and_count(server):
    result = load._threads(server.port, QUESTIONS, clients=2, seconds=5.0, max_requests=12)
    assert result["tool"] == "threads" and 12 <= result["requests"] <= 14 and result["errors"] == 0
    assert 0 < result["p50_ms"] <= result["p99_ms"] and result["per_second"] > 0


def test_wrk_drives_the_same_requests(server):
    if not shutil.which("wrk"):
        if os.environ.get("TAOGUIDE_REQUIRE_WRK") == "1":
            pytest.fail("wrk is not installed (apt-get install wrk); .ci/run installs it")
        pytest.skip("wrk is not installed")
    result = load.load(server.port, QUESTIONS, clients=2, seconds=2.0)
    assert result["tool"] == "wrk" and result["requests"] > 0 and result["errors"] == 0
    assert 0 < result["p50_ms"] <= result["p99_ms"]


def test_the_hostile_set_gets_clear_refusals_and_never_a_500(server):
    statuses = load.hostile(server.port)
    assert statuses["50 MB body"] in (0, 413) and statuses["5 MB history"] in (0, 413)
    assert statuses["not JSON"] in (400, 422)
    assert all(s < 500 for s in statuses.values()), statuses
    assert load.load(server.port, QUESTIONS, clients=1, seconds=1.0)["errors"] == 0  # still answering
