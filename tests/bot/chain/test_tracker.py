"""Tracked wallets in the chain history's database (SQLite and PostgreSQL): opt-in, listed,
removable (untracking deletes what was stored), one record per refresh, bounded in number and
pruned like the history; the background refresh records them without a question waiting."""

from datetime import timedelta

import pytest

from bot.chain.service import ChainFacts
from bot.chain.source import fetch_portfolio, fetch_snapshot
from bot.chain.tracker import Holding, Tracker, TrackerFull, WalletRecord
from tests.bot.chain.fake_substrate import WALLET_1, WALLET_2, staker_chain
from tests.bot.chain.test_history import START


def record(hours: float, alpha: int = 100, price: float = 0.09, free: int = 0) -> WalletRecord:
    return WalletRecord(8_000_000 + int(hours * 300), START + timedelta(hours=hours), free,
                        (Holding(64, "5H", alpha * 10**9, price),))


def test_tracking_is_opt_in_listed_and_removable(database_url):
    store = Tracker(database_url)
    assert store.coldkeys("finney") == [] and store.append("finney", WALLET_1, record(0)) is False  # not tracked: nothing stored
    assert store.track("finney", WALLET_1, START) is True and store.track("finney", WALLET_1, START) is False
    store.track("finney", WALLET_2, START + timedelta(seconds=1))
    assert store.coldkeys("finney") == [WALLET_1, WALLET_2] and store.coldkeys("test") == []
    assert store.append("finney", WALLET_1, record(0)) and store.append("finney", WALLET_1, record(1, alpha=101))
    assert store.append("finney", WALLET_1, record(1)) is False  # that block is stored already
    assert [r.holdings[0].alpha_rao for r in store.records("finney", WALLET_1)] == [100 * 10**9, 101 * 10**9]
    assert store.untrack("finney", WALLET_1) is True and store.records("finney", WALLET_1) == []
    assert store.coldkeys("finney") == [WALLET_2] and store.untrack("finney", WALLET_1) is False
    store.close()


def test_the_number_of_tracked_wallets_is_bounded(database_url):
    store = Tracker(database_url, max_wallets=1)
    store.track("finney", WALLET_1, START)
    with pytest.raises(TrackerFull):
        store.track("finney", WALLET_2, START)
    store.close()


def test_old_records_are_thinned_like_the_chain_history(tmp_path):
    store = Tracker(f"sqlite:///{tmp_path / 'h.sqlite'}")
    store.track("finney", WALLET_1, START)
    for step in range(0, 24 * 4 * 4):  # every 15 minutes for four days
        store.append("finney", WALLET_1, record(step / 4))
    times = [r.time for r in store.records("finney", WALLET_1)]
    assert len(times) == 48 * 4 + 1 + 48  # the last two days whole, hourly before (plus the one two days ago)
    store.close()


def test_each_good_refresh_records_every_tracked_wallet(tmp_path):
    store = Tracker(f"sqlite:///{tmp_path / 'h.sqlite'}")
    store.track("finney", WALLET_1, START)
    blocks = iter([8_000_000, 8_000_010])
    head = [0]

    def read():
        head[0] = next(blocks)
        return fetch_snapshot("finney", substrate=staker_chain(block=head[0]))

    facts = ChainFacts("finney", None, fetch=read, tracker=store,
                       wallet_fetch=lambda c: fetch_portfolio("finney", c, substrate=staker_chain(block=head[0])))
    assert facts.refresh_once() and facts.refresh_once()
    [first, second] = store.records("finney", WALLET_1)
    assert (first.block, second.block) == (8_000_000, 8_000_010)
    assert first.free_rao == 12_500_000_000 and {h.netuid for h in first.holdings} == {0, 64, 99}
    assert next(h for h in first.holdings if h.netuid == 99).price is None  # no pool in the snapshot: unknown
    store.close()


def test_a_failing_wallet_read_never_costs_the_refresh(tmp_path):
    store = Tracker(f"sqlite:///{tmp_path / 'h.sqlite'}")
    store.track("finney", WALLET_1, START)

    def down(_coldkey):
        raise OSError("no route")

    facts = ChainFacts("finney", None, fetch=lambda: fetch_snapshot("finney", substrate=staker_chain()),
                       tracker=store, wallet_fetch=down)
    assert facts.refresh_once() is True and store.records("finney", WALLET_1) == []
    store.close()
