"""The freshness words: every number's block, time and age, and why it is not live (only what is known)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.chain.banner import age_text, banner, freshness, freshness_info, not_current
from bot.chain.bundled import load_bundled

NOW = datetime(2026, 12, 1, 16, 45, tzinfo=UTC)
FAILED_AT = datetime(2026, 12, 1, 16, 40, tzinfo=UTC)


def live(age):
    b = load_bundled()
    return replace(b, source="live", block=8_000_000, chain_time=NOW - age, fetched_at=NOW - age)


@pytest.mark.parametrize(("snapshot", "error", "refreshing", "state", "label"), [
    pytest.param(live(timedelta(seconds=40)), None, True, "live",
                 "live, as of block 8,000,000 (2026-12-01 16:44 UTC, 40 seconds old)", id="live"),
    pytest.param(live(timedelta(minutes=20)), None, True, "stale",
                 "last known, as of block 8,000,000 (2026-12-01 16:25 UTC, 20 minutes old); not refreshed since",
                 id="not-refreshed"),
    pytest.param(live(timedelta(seconds=40)), "RpcConnectionError: x", True, "stale",
                 "last known, as of block 8,000,000 (2026-12-01 16:44 UTC, 40 seconds old); "
                 "the chain can't be reached right now (last attempt 16:40 UTC)", id="unreachable"),
    pytest.param(load_bundled(), "ChainUnavailable: x", True, "bundled",
                 "from the stored snapshot of 2026-03-22 (block 7,801,029, 254 days old), not live; "
                 "the chain can't be reached right now (last attempt 16:40 UTC)", id="bundled-unreachable"),
    pytest.param(load_bundled(), None, True, "bundled",
                 "from the stored snapshot of 2026-03-22 (block 7,801,029, 254 days old), not live; "
                 "the first live read has not finished yet", id="bundled-first-read"),
    pytest.param(load_bundled(), None, False, "bundled",
                 "from the stored snapshot of 2026-03-22 (block 7,801,029, 254 days old), not live; "
                 "live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false)", id="bundled-reads-off"),
])
def test_the_label_next_to_every_number_says_block_time_age_and_why_not_live(snapshot, error, refreshing, state, label):
    f = freshness(snapshot, NOW, error, FAILED_AT if error else None, refreshing)
    assert (f.state, f.label) == (state, label)


def test_the_bundled_snapshot_says_the_chain_cannot_be_reached_and_how_old_its_numbers_are():
    b = load_bundled()
    text = banner(freshness(b, NOW, "ChainUnavailable: x", FAILED_AT))
    assert text == ("The chain can't be reached right now (last attempt 16:40 UTC); these numbers are from the "
                    "stored snapshot of 22 March 2026 (block 7,801,029), 254 days old.")


@pytest.mark.parametrize(("refreshing", "ending"), [(False, "live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false)."),
                                                    (True, "the first live read has not finished yet.")])
def test_the_bundled_snapshot_never_claims_a_failure_that_did_not_happen(refreshing, ending):
    text = banner(freshness(load_bundled(), NOW, refreshing=refreshing))
    assert text == f"From the stored snapshot of 22 March 2026 (block 7,801,029), 254 days old; {ending}"


def test_a_live_snapshot():
    assert banner(freshness(live(timedelta(seconds=40)), NOW)) == "Live: block 8,000,000 at 16:44 UTC, 40 seconds old."


def test_a_stale_snapshot_after_a_failed_read():
    text = banner(freshness(live(timedelta(days=2, hours=3)), NOW, "boom", FAILED_AT))
    assert text == ("The chain can't be reached right now (last attempt 16:40 UTC); these numbers are the last known, "
                    "block 8,000,000 at 29 November 2026, 13:45 UTC, 2 days old.")


def test_a_stale_snapshot_that_was_not_refreshed():
    text = banner(freshness(live(timedelta(minutes=20)), NOW))
    assert text == "Last known: block 8,000,000 at 16:25 UTC, 20 minutes old; it has not been refreshed since."


def test_a_right_now_answer_opens_by_saying_its_numbers_are_not_current():
    assert not_current(freshness(live(timedelta(seconds=40)), NOW)) == ""
    assert not_current(freshness(load_bundled(), NOW, "boom", FAILED_AT)) == (
        "These are not current numbers: the chain can't be reached right now (last attempt 16:40 UTC), so the "
        "numbers below are from the stored snapshot of 22 March 2026 (block 7,801,029), 254 days old.")
    assert not_current(freshness(live(timedelta(minutes=20)), NOW)) == (
        "These are not current numbers: it has not been refreshed since, so the numbers below are the last known, "
        "from block 8,000,000 at 16:25 UTC, 20 minutes old.")


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 seconds"), (1, "1 second"), (89, "89 seconds"), (600, "10 minutes"),
                                               (5 * 3600, "5 hours"), (86_400 * 254.7, "254 days"), (86_400 * 1.5, "36 hours")])
def test_age_text(seconds, text):
    assert age_text(seconds) == text


def test_the_freshness_object():
    b = load_bundled()
    info = freshness_info(freshness(b, NOW, "boom", FAILED_AT))
    assert info["block"] == 7_801_029 and info["time"] == "2026-03-22T00:00:00+00:00" and info["state"] == "bundled"
    assert info["age_s"] == int((NOW - datetime(2026, 3, 22, tzinfo=UTC)).total_seconds())
    assert info["reason"] == "the chain can't be reached right now (last attempt 16:40 UTC)"
    assert "254 days old" in info["banner"] and "254 days old" in info["label"]
