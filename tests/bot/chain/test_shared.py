"""The shared current snapshot (SQLite and PostgreSQL), and replicas around it: the lease holder reads
the chain, stores the history and records the tracked wallets; the others serve its snapshot with
the same freshness, see it age when it stops, and take over when it goes."""

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.chain.history import HistoryStore
from bot.chain.lease import Alone
from bot.chain.service import ChainFacts
from bot.chain.shared import SharedSnapshot, open_shared
from bot.chain.source import fetch_portfolio, fetch_snapshot
from bot.chain.tracker import Tracker
from bot.settings import Settings
from tests.bot.chain.fake_substrate import WALLET_1, mainnet_like, staker_chain

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def read_at(block, fetched_at=NOW):
    return replace(fetch_snapshot("finney", substrate=mainnet_like(block=block)), fetched_at=fetched_at)


def test_nothing_is_shared_before_the_first_read_then_the_latest_read_is(database_url):
    shared = SharedSnapshot(database_url, "finney", lease=Alone())
    assert shared.read() is None
    shared.publish(read_at(8_000_000), NOW)
    shared.publish(read_at(8_000_010, NOW + timedelta(minutes=2)), NOW + timedelta(minutes=2))
    found = shared.read()
    assert (found.block, found.fetched_at, found.last_error) == (8_000_010, NOW + timedelta(minutes=2), None)
    assert found.snapshot == read_at(8_000_010, NOW + timedelta(minutes=2))  # the whole snapshot, names and all
    assert found.snapshot.subnet(64).name == "Chutes" and found.refresher == shared.name
    shared.close()


def test_a_reader_holding_the_block_gets_only_the_head(database_url):
    shared = SharedSnapshot(database_url, "finney", lease=Alone())
    shared.publish(read_at(8_000_000), NOW)
    assert shared.read(holding=read_at(8_000_000)).snapshot is None
    assert shared.read(holding=read_at(7_999_990)).snapshot.block == 8_000_000
    shared.close()


def test_a_failed_read_is_shared_and_the_snapshot_stays(database_url):
    shared = SharedSnapshot(database_url, "finney", lease=Alone())
    shared.publish_failure(NOW, "ChainUnavailable: before any good read")  # nothing stored yet: nothing to say
    assert shared.read() is None
    shared.publish(read_at(8_000_000), NOW)
    shared.publish_failure(NOW + timedelta(minutes=2), "ChainUnavailable: no answer")
    found = shared.read()
    assert (found.block, found.last_attempt, found.last_error) == (8_000_000, NOW + timedelta(minutes=2),
                                                                    "ChainUnavailable: no answer")
    shared.close()


def test_networks_are_kept_apart(database_url):
    finney, test = SharedSnapshot(database_url, "finney", lease=Alone()), SharedSnapshot(database_url, "test", lease=Alone())
    finney.publish(read_at(8_000_000), NOW)
    assert test.read() is None and finney.read().block == 8_000_000
    finney.close()
    test.close()


def test_only_a_shared_database_shares_the_snapshot(tmp_path, postgres_url):
    assert open_shared(Settings(data_dir=tmp_path)) is None  # SQLite: one machine, behaviour unchanged
    shared = open_shared(Settings(data_dir=tmp_path, database_url=postgres_url))
    assert isinstance(shared, SharedSnapshot)
    shared.close()


def until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def replica(url, fetch, clock=lambda: NOW, **more):
    return ChainFacts("finney", None, fetch=fetch, clock=clock, shared=SharedSnapshot(url, "finney"), **more)


@pytest.fixture
def pg(postgres_url):
    from tests.conftest import empty_database

    empty_database(postgres_url)
    return postgres_url


def test_a_reader_serves_the_refreshers_snapshot_with_the_same_freshness(pg):
    a, b = replica(pg, lambda: read_at(8_000_000)), replica(pg, lambda: pytest.fail("a reader never reads the chain"))
    assert a.shared.lease.acquire() and not b.shared.lease.acquire()
    assert a.refresh_once() and b.follow_once()
    assert (a.role, b.role) == ("refresher", "reader") and b.refreshed_by == a.shared.name
    (sa_, fa), (sb, fb) = a.current(), b.current()
    assert sb == sa_ and fb == fa and fb.state == "live" and fb.label.startswith("live, as of block 8,000,000")
    a.stop()
    b.stop()


def test_a_reader_whose_refresher_is_gone_shows_the_numbers_aging(pg):
    later = [NOW]
    a = replica(pg, lambda: read_at(8_000_000))
    b = replica(pg, lambda: pytest.fail("not this test"), clock=lambda: later[0])
    a.shared.lease.acquire()
    a.refresh_once()
    b.follow_once()
    later[0] = NOW + timedelta(minutes=20)  # nobody refreshed since
    b.follow_once()
    snapshot, fresh = b.current()
    assert snapshot.block == 8_000_000 and fresh.state == "stale" and "not refreshed since" in fresh.label
    a.stop()
    b.stop()


def test_a_reader_says_the_chain_is_unreachable_when_the_refreshers_reads_fail(pg):
    reads = [read_at(8_000_000)]

    def fetch():
        if not reads:
            raise ConnectionError("no route to the chain")
        return reads.pop()

    a, b = replica(pg, fetch), replica(pg, lambda: pytest.fail("not this test"))
    a.shared.lease.acquire()
    assert a.refresh_once() and not a.refresh_once()
    b.follow_once()
    snapshot, fresh = b.current()
    assert snapshot.block == 8_000_000 and fresh.state == "stale" and "can't be reached" in fresh.label
    assert b.last_error == "ConnectionError: no route to the chain" and b.last_attempt == NOW
    a.stop()
    b.stop()


def test_one_replica_refreshes_records_history_and_wallets_and_another_takes_over_when_it_stops(pg):
    """Two replicas' background threads on one PostgreSQL, refreshing every 0.4 s."""
    tracker = Tracker(pg)
    tracker.track("finney", WALLET_1, NOW)
    tracker.close()
    reads = {"a": 0, "b": 0}
    wallet_reads = {"a": 0, "b": 0}
    lock = threading.Lock()

    def fetch(name, base):
        def read():
            with lock:
                reads[name] += 1
                block = base + reads[name]
            return replace(fetch_snapshot("finney", substrate=staker_chain(block=block)), fetched_at=datetime.now(UTC))
        return read

    def wallets(name):
        def read(coldkey):
            wallet_reads[name] += 1
            return fetch_portfolio("finney", coldkey, substrate=staker_chain())
        return read

    a, b = (ChainFacts("finney", None, fetch=fetch(n, base), refresh_s=0.4, history=HistoryStore(pg), tracker=Tracker(pg),
                       wallet_fetch=wallets(n), shared=SharedSnapshot(pg, "finney"))
            for n, base in (("a", 8_000_000), ("b", 9_000_000)))
    a.start()
    assert until(lambda: reads["a"] >= 1)
    b.start()
    try:
        assert until(lambda: reads["a"] >= 4 and b.current()[0].block > 8_000_001)
        assert reads["b"] == 0 and (a.role, b.role) == ("refresher", "reader")
        assert wallet_reads["a"] >= 3 and wallet_reads["b"] == 0 and b.current()[1].state == "live"
        a.stop()  # frees the lease: b takes over within a reader's tick
        assert until(lambda: reads["b"] >= 2)
        assert b.role == "refresher" and b.current()[0].block > 9_000_000 and wallet_reads["b"] >= 1
    finally:
        a.stop()
        b.stop()
    blocks = [r.block for r in HistoryStore(pg).refreshes("finney")]
    assert blocks == sorted(blocks) and len(blocks) == reads["a"] + reads["b"]  # each read stored once
    assert {blk // 1_000_000 for blk in blocks} == {8, 9}
