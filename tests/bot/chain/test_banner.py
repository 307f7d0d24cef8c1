"""The freshness sentence: block, time and age, and why the numbers are not live."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.chain.banner import age_text, banner, freshness_info
from bot.chain.bundled import load_bundled
from bot.chain.service import freshness

NOW = datetime(2026, 12, 1, 16, 45, tzinfo=UTC)
FAILED_AT = datetime(2026, 12, 1, 16, 40, tzinfo=UTC)


def test_the_bundled_snapshot_says_its_date_and_age_and_that_the_chain_failed():
    b = load_bundled()
    text = banner(b, freshness(b, NOW), NOW, refreshing=True, last_attempt=FAILED_AT, last_error="ChainUnavailable: x")
    assert text == ("From the stored snapshot of 22 March 2026, 254 days old; "
                    "the chain could not be reached at 16:40 UTC.")


@pytest.mark.parametrize(("refreshing", "ending"), [(False, "live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false)."),
                                                    (True, "the first live read has not finished yet.")])
def test_the_bundled_snapshot_never_claims_a_failure_that_did_not_happen(refreshing, ending):
    b = load_bundled()
    assert banner(b, freshness(b, NOW), NOW, refreshing=refreshing).endswith(ending)


def live(age):
    b = load_bundled()
    return replace(b, source="live", block=8_000_000, chain_time=NOW - age, fetched_at=NOW - age)


def test_a_live_snapshot():
    s = live(timedelta(seconds=40))
    assert banner(s, freshness(s, NOW), NOW, refreshing=True) == "Live: block 8,000,000 at 16:44 UTC, 40 seconds old."


def test_a_stale_snapshot_after_a_failed_read():
    s = live(timedelta(days=2, hours=3))
    text = banner(s, freshness(s, NOW, "boom"), NOW, refreshing=True, last_attempt=FAILED_AT, last_error="boom")
    assert text == ("Last known: block 8,000,000 at 29 November 2026, 13:45 UTC, 2 days old; "
                    "the chain could not be reached at 16:40 UTC.")


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 seconds"), (1, "1 second"), (89, "89 seconds"), (600, "10 minutes"),
                                               (5 * 3600, "5 hours"), (86_400 * 254.7, "254 days"), (86_400 * 1.5, "36 hours")])
def test_age_text(seconds, text):
    assert age_text(seconds) == text


def test_the_freshness_object():
    b = load_bundled()
    info = freshness_info(b, freshness(b, NOW), NOW, refreshing=False)
    assert info["block"] == 7_801_029 and info["time"] == "2026-03-22T00:00:00+00:00" and info["state"] == "bundled"
    assert info["age_s"] == int((NOW - datetime(2026, 3, 22, tzinfo=UTC)).total_seconds())
    assert info["banner"].startswith("From the stored snapshot of 22 March 2026") and "label" in info
