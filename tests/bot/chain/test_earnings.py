"""A tracked wallet's change over 1 d / 7 d / 30 d: alpha gained (at today's price) plus what the
price did to the alpha held, plus the free balance, adding up to the change in value; blank
without a record near the start of the window."""

from datetime import timedelta

import pytest

from bot.chain import earnings
from bot.chain.tracker import Holding, WalletRecord
from tests.bot.chain.test_history import START


def at(days: float, alpha: float, price: float | None, free: float = 10.0, netuid: int = 64) -> WalletRecord:
    return WalletRecord(8_000_000 + int(days * 7200), START + timedelta(days=days), int(free * 1e9),
                        (Holding(netuid, "5H", int(alpha * 1e9), price),))


def test_a_day_of_emissions_and_a_price_move_split_and_add_up():
    then, now = at(0, 100, 0.08), at(1, 102, 0.1, free=11)
    [change] = [earnings.changes([then, now])["1d"]]
    assert change["alpha_gained_tao"] == pytest.approx(2 * 0.1)
    assert change["price_tao"] == pytest.approx(100 * 0.02)
    assert change["free_tao"] == pytest.approx(1.0)
    before, after = earnings.value(then), earnings.value(now)
    assert change["total_tao"] == pytest.approx(sum(after) - sum(before))


def test_windows_the_history_does_not_reach_are_blank():
    found = earnings.changes([at(0, 100, 0.08), at(1, 100, 0.08)])
    assert found["1d"] is not None and found["7d"] is None and found["30d"] is None
    assert earnings.changes([at(0, 1, 0.1)]) == {"1d": None, "7d": None, "30d": None}


def test_a_position_without_a_price_is_named_not_guessed():
    change = earnings.split(at(0, 3, None, netuid=99), at(1, 4, None, netuid=99))
    assert change["left_out"] == ["SN99"] and change["alpha_gained_tao"] == 0.0


def test_the_value_series_has_one_point_per_record():
    [point] = earnings.series([at(0, 100, 0.1, free=2)])
    assert point["stake_tao"] == pytest.approx(10.0) and point["total_tao"] == pytest.approx(12.0)
