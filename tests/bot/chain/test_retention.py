"""Retention, a pure function of timestamps: every refresh for two days, the first of each hour
to 30 days, the first of each day after; pruning twice equals pruning once."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.chain.retention import keep, projected_refreshes, projected_rows

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def ago(**delta):
    return NOW - timedelta(**delta)


@pytest.mark.parametrize(
    ("times", "kept"),
    [
        pytest.param([ago(minutes=2), ago(minutes=4), ago(hours=47, minutes=58)], "all", id="two-days-all-kept"),
        pytest.param([ago(days=3, minutes=-10), ago(days=3, minutes=-12), ago(days=3, minutes=-20)],
                     [ago(days=3, minutes=-10)], id="older-one-per-hour-the-first"),
        pytest.param([ago(days=40, hours=-1), ago(days=40, hours=-2), ago(days=40, hours=-3)],
                     [ago(days=40, hours=-1)], id="older-than-30-days-one-per-day"),
        pytest.param([ago(days=10, hours=2), ago(days=10, hours=1), ago(days=10)], "all", id="hourly-zone-distinct-hours"),
        pytest.param([NOW + timedelta(minutes=2)], "all", id="a-clock-ahead-is-kept"),
        pytest.param([], [], id="nothing"),
    ],
)
def test_what_is_kept(times, kept):
    assert keep(times, NOW) == (set(times) if kept == "all" else set(kept))


def year_of_refreshes(step=timedelta(minutes=30)):
    t, out = NOW - timedelta(days=365), []
    while t <= NOW:
        out.append(t)
        t += step
    return out


def test_pruning_again_later_equals_pruning_once():
    times = year_of_refreshes()
    once = keep(times, NOW + timedelta(days=5))
    for later in (timedelta(hours=1), timedelta(days=1, hours=7), timedelta(days=5)):
        twice = keep(keep(times, NOW + later - timedelta(hours=13)), NOW + later)
        assert twice == keep(times, NOW + later)
    assert keep(once, NOW + timedelta(days=5)) == once


def test_a_year_at_half_hour_refreshes_keeps_the_expected_counts():
    kept = keep(year_of_refreshes(), NOW)
    recent = [t for t in kept if NOW - t <= timedelta(days=2)]
    hourly = [t for t in kept if timedelta(days=2) < NOW - t <= timedelta(days=30)]
    assert len(recent) == 97 and len(hourly) == 28 * 24
    assert 330 <= len(kept) - len(recent) - len(hourly) <= 336


def test_the_projected_size_of_a_year_at_the_default_refresh():
    assert projected_refreshes(120, 365) == 1440 + 672 + 335 == 2447
    assert projected_rows(129, 120, 365) == 315_663
    assert projected_refreshes(120, 1) == 720 and projected_refreshes(3600, 10) == 240
