"""Freshness, the warm cache, fallbacks, and failure paths over a real transport."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.chain import cache_file
from bot.chain.bundled import load_bundled
from bot.chain.service import ChainFacts, freshness
from bot.chain.source import ChainUnavailable, fetch_snapshot
from tests.bot.chain.fake_substrate import mainnet_like
from tests.conftest import closed_port

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def live_snapshot(age=timedelta(0)):
    snap = fetch_snapshot("finney", substrate=mainnet_like())
    from dataclasses import replace

    return replace(snap, fetched_at=NOW - age, chain_time=NOW - age)


def test_freshness_of_a_snapshot_in_the_service_is_the_banner_module_s():
    f = freshness(live_snapshot(timedelta(seconds=30)), NOW)
    assert f.label == "live, as of block 8,000,000 (2026-11-25 08:59 UTC, 30 seconds old)"
    assert freshness(load_bundled(), NOW).label.startswith("from the stored snapshot of 2026-03-22 (block 7,801,029, ")


def test_starts_from_the_bundled_snapshot_and_refreshes_to_live(tmp_path):
    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=lambda: live_snapshot(), clock=lambda: NOW)
    assert facts.current()[1].state == "bundled"
    assert facts.refresh_once() is True
    snapshot, fresh = facts.current()
    assert fresh.state == "live" and snapshot.block == 8_000_000


def test_a_restart_starts_warm_from_the_last_good_snapshot_on_disk(tmp_path):
    ChainFacts("finney", tmp_path / "snap.json", fetch=lambda: live_snapshot(), clock=lambda: NOW).refresh_once()
    restarted = ChainFacts("finney", tmp_path / "snap.json", clock=lambda: NOW + timedelta(hours=1))
    snapshot, fresh = restarted.current()
    assert snapshot.block == 8_000_000 and fresh.state == "stale"
    assert ChainFacts("test", tmp_path / "snap.json").current()[0].source == "bundled"  # another network's cache


def test_a_failed_refresh_keeps_the_last_good_snapshot(tmp_path):
    results = iter([live_snapshot(), ChainUnavailable("boom")])

    def fetch():
        item = next(results)
        if isinstance(item, Exception):
            raise item
        return item

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=fetch, clock=lambda: NOW)
    facts.refresh_once()
    assert facts.refresh_once() is False
    snapshot, fresh = facts.current()
    assert snapshot.block == 8_000_000 and fresh.state == "stale"
    assert fresh.label.endswith("the chain can't be reached right now (last attempt 09:00 UTC)")
    assert "boom" in facts.last_error


def test_an_unreadable_cache_file_is_ignored(tmp_path):
    (tmp_path / "snap.json").write_text("{not json")
    assert ChainFacts("finney", tmp_path / "snap.json").current()[0].source == "bundled"


def test_the_background_thread_refreshes_and_stops(tmp_path):
    calls = threading.Event()

    def fetch():
        calls.set()
        return live_snapshot()

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=fetch, refresh_s=3600, clock=lambda: NOW)
    facts.start()
    assert calls.wait(5)
    facts.stop()
    assert facts.current()[0].block == 8_000_000


def test_cache_file_name_is_safe_for_any_network(tmp_path):
    assert cache_file(tmp_path, "wss://lite.chain.opentensor.ai:443").name == \
        "chain-snapshot-wss---lite-chain-opentensor-ai-443.json"




def test_a_refused_port_fails_fast_over_the_real_transport():
    started = time.perf_counter()
    with pytest.raises(ChainUnavailable):
        fetch_snapshot(f"ws://127.0.0.1:{closed_port()}", timeout=5)
    assert time.perf_counter() - started < 3


def test_a_silent_endpoint_is_abandoned_at_the_outer_timeout(black_hole):
    started = time.perf_counter()
    with pytest.raises(ChainUnavailable, match="within"):
        fetch_snapshot(black_hole, timeout=1.5)
    assert time.perf_counter() - started < 3.5


def test_questions_never_wait_on_a_silent_chain(black_hole, real_settings, real_engine, tmp_path):
    """While a refresh hangs on the black hole, live answers come at once from the floor, labelled."""
    import functools

    from bot.answer import Engine

    facts = ChainFacts(black_hole, tmp_path / "snap.json",
                       fetch=functools.partial(fetch_snapshot, black_hole, 30.0), refresh_s=3600)
    facts.start()
    try:
        engine = Engine(real_settings, real_engine.index, chain=facts)
        started = time.perf_counter()
        answer = engine.answer("how many subnets are there?")
        assert time.perf_counter() - started < 2
        assert answer.kind == "live" and "stored snapshot" in answer.text and answer.live.state == "bundled"
    finally:
        facts.stop(timeout=0.1)


def test_each_good_refresh_is_appended_to_the_history(tmp_path):
    from bot.chain.history import HistoryStore

    store = HistoryStore(f"sqlite:///{tmp_path / 'h.sqlite'}")
    results = iter([live_snapshot(), ChainUnavailable("down"), live_snapshot()])

    def fetch():
        item = next(results)
        if isinstance(item, Exception):
            raise item
        return item

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=fetch, clock=lambda: NOW, history=store)
    assert [facts.refresh_once() for _ in range(3)] == [True, False, True]
    assert [r.block for r in store.refreshes("finney")] == [8_000_000]  # the failed read stored nothing; a block once


def test_a_broken_history_store_never_costs_a_refresh(tmp_path, caplog):
    class Broken:
        def append(self, snapshot):
            import sqlalchemy as sa

            raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

        def close(self):
            pass

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=lambda: live_snapshot(), clock=lambda: NOW, history=Broken())
    assert facts.refresh_once() is True and facts.current()[1].state == "live"
    assert "could not append block 8000000 to the chain history" in caplog.text


def test_the_settings_name_the_history_store(tmp_path):
    from bot.chain import make_chain_facts
    from bot.settings import Settings

    facts = make_chain_facts(Settings(data_dir=tmp_path, cache_dir=tmp_path / "cache"), refresh=False)
    assert facts.history.url == f"sqlite:///{tmp_path / 'chain-history.sqlite'}"
    assert make_chain_facts(Settings(data_dir=tmp_path, chain_history=False), refresh=False).history is None
    unusable = Settings(data_dir=tmp_path, history_url="postgresql+nosuchdriver://x@127.0.0.1/db")
    assert make_chain_facts(unusable, refresh=False).history is None  # logged; the server still starts
