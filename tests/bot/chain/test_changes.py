"""Changes over 1 h / 24 h / 7 d (blank until the history spans the window), emission share,
the thin-pool flag and sparklines, on series of records read through the fake chain."""

from datetime import timedelta

import pytest

from bot.chain.bundled import load_bundled
from bot.chain.changes import (SPARK_POINTS, THIN_POOL_TAO, TOLERANCE, WINDOWS, change, emission_shares, needed_times,
                               sparkline, thin_pool)
from bot.chain.model import Record, SubnetFacts, records_of
from tests.bot.chain.test_history import START, snap

NOW = START + timedelta(days=8)


def series(points, netuid=64, registered=None):
    """Records of one subnet at (time, price) points, oldest first."""
    return [Record(i, t, SubnetFacts(netuid=netuid, price_tao_per_alpha=p, registered_at_block=registered))
            for i, (t, p) in enumerate(points)]


def test_changes_from_snapshots_read_through_the_fake_chain():
    """30 steps of 2 minutes, then a day later, then 7 days later: SN64 from 0.09 to 0.099 to 0.108."""
    snapshots = [snap(0, price=0.09)] + [snap(s, price=0.09) for s in (1, 29)] + [snap(30, price=0.0945)] + \
        [snap(720, price=0.099), snap(5040, price=0.108)]
    by_subnet = [r for s in snapshots for r in records_of(s) if r.subnet.netuid == 64]
    up_to_hour = by_subnet[:4]  # the last one is 60 minutes after the first
    assert change(up_to_hour, WINDOWS["1h"]) == pytest.approx(0.05)
    assert change(up_to_hour, WINDOWS["24h"]) is None  # the history does not span a day yet
    assert change(by_subnet[:5], WINDOWS["24h"]) == pytest.approx(0.1)
    assert change(by_subnet, WINDOWS["7d"]) == pytest.approx(0.2)
    assert change(by_subnet, WINDOWS["1h"]) is None  # nothing stored an hour before the last read


@pytest.mark.parametrize(
    ("offset", "found"),
    [(timedelta(hours=24), True), (timedelta(hours=24) * (1 + TOLERANCE) - timedelta(seconds=1), True),
     (timedelta(hours=24) * (1 + TOLERANCE) + timedelta(minutes=1), False),
     (timedelta(hours=24) * (1 - TOLERANCE) - timedelta(minutes=1), False)],
    ids=["exact", "inside-tolerance", "too-old", "too-recent"],
)
def test_a_change_needs_a_record_within_the_tolerance_of_one_window_ago(offset, found):
    s = series([(NOW - offset, 1.0), (NOW, 1.5)])
    assert (change(s, WINDOWS["24h"]) is not None) is found


def test_no_change_across_a_reregistered_netuid():
    old = series([(NOW - timedelta(days=1), 2.0)], registered=4_000_000)
    new = series([(NOW, 0.01)], registered=7_900_000)
    assert change(old + new, WINDOWS["24h"]) is None
    assert sparkline(old + new) == []


def test_a_single_record_has_no_change_and_no_sparkline():
    one = series([(NOW, 1.0)])
    assert [change(one, w) for w in WINDOWS.values()] == [None, None, None]
    assert sparkline(one) == [] and sparkline([]) == [] and change([], WINDOWS["1h"]) is None


def test_the_sparkline_has_at_most_48_points_over_the_last_7_days_oldest_first():
    points = [(NOW - timedelta(minutes=10 * i), float(i)) for i in range(0, 9 * 24 * 6)][::-1]  # nine days
    line = sparkline(series(points))
    assert len(line) == SPARK_POINTS
    assert line == sorted(line, reverse=True)  # the price falls towards now in this series; oldest first
    assert line[-1] == 0.0 and max(line) < 7 * 24 * 6  # nothing older than 7 days


def test_needed_times_are_the_latest_one_per_window_and_one_per_sparkline_slice():
    times = [NOW - timedelta(minutes=2 * i) for i in range(0, 8 * 720)][::-1]
    picked = needed_times(times, NOW)
    assert NOW in picked and NOW - timedelta(hours=1) in picked and NOW - timedelta(days=7) in picked
    assert len(picked) <= 1 + 3 + SPARK_POINTS
    full = series([(t, float(i)) for i, t in enumerate(times)])
    thin = [r for r in full if r.time in picked]
    assert sparkline(thin) == sparkline(full)
    assert all(change(thin, w) == change(full, w) for w in WINDOWS.values())


def test_emission_shares_of_the_bundled_snapshot_sum_to_one():
    snapshot = load_bundled()
    shares = emission_shares(snapshot.subnets)
    assert sum(shares.values()) == pytest.approx(1.0)
    total = sum(s.tao_in_emission_rao_per_block for s in snapshot.subnets)
    assert shares[64] == pytest.approx(snapshot.subnet(64).tao_in_emission_rao_per_block / total)


def test_emission_shares_are_unknown_when_any_emission_is_unknown():
    subnets = [SubnetFacts(netuid=1, tao_in_emission_rao_per_block=10), SubnetFacts(netuid=2)]
    assert emission_shares(subnets) == {1: None, 2: None}


def test_thin_pools_are_those_under_the_threshold():
    bundled = load_bundled()
    assert thin_pool(bundled.subnet(67)) is True  # 1.8 TAO in the pool, price 3.32: the example
    assert thin_pool(bundled.subnet(64)) is False
    assert thin_pool(SubnetFacts(netuid=0, tao_in_rao=0)) is False  # root has no pool
    assert thin_pool(SubnetFacts(netuid=5)) is False  # unknown is not flagged
    assert sum(thin_pool(s) for s in bundled.subnets) == sum(1 for s in bundled.subnets if s.tao_in < THIN_POOL_TAO) == 17


def test_the_thin_pool_threshold_is_where_a_10_tao_stake_loses_1_percent():
    assert 10 / (THIN_POOL_TAO + 10) == pytest.approx(0.0099, abs=1e-4)
