"""The chain history store, on SQLite and on PostgreSQL: every refresh stored whole or not at
all, kept across restarts, pruned by the retention after each append, and small."""

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.chain.bundled import load_bundled
from bot.chain.history import HistoryStore
from bot.chain.retention import keep, projected_rows
from bot.chain.source import fetch_snapshot
from tests.bot.chain.fake_substrate import SN64_PRICE, mainnet_like

ROOT = Path(__file__).resolve().parents[3]
START = datetime(2026, 11, 1, tzinfo=UTC)


def snap(step, minutes=2.0, price=SN64_PRICE, **kwargs):
    """The fake chain ``step`` refreshes after START, read through the SDK seam."""
    when = START + timedelta(minutes=minutes * step)
    fake = mainnet_like(block=8_000_000 + step * 10, timestamp_ms=int(when.timestamp() * 1000), sn64_price=price, **kwargs)
    return fetch_snapshot("finney", substrate=fake)


def test_a_refresh_is_stored_with_every_subnet_and_read_back_exactly(store):
    snapshot = snap(0)
    assert store.append(snapshot) is True
    [refresh] = store.refreshes("finney")
    assert (refresh.block, refresh.time) == (8_000_000, START)
    records = store.records([refresh])
    assert [r.subnet.netuid for r in records] == [0, 1, 19, 64]
    chutes = next(r.subnet for r in records if r.subnet.netuid == 64)
    original = snapshot.subnet(64)
    for name in ("price_tao_per_alpha", "ema_price_tao_per_alpha", "tao_in_rao", "alpha_in_rao", "alpha_out_rao",
                 "tao_in_emission_rao_per_block", "registered_at_block", "tempo"):
        assert getattr(chutes, name) == getattr(original, name), name
    assert [r.subnet.netuid for r in store.records([refresh], netuid=64)] == [64]


def test_a_block_is_stored_once_even_when_two_replicas_append_it(store):
    assert store.append(snap(0)) is True
    assert store.append(snap(0)) is False
    assert len(store.refreshes("finney")) == 1


def test_networks_are_kept_apart(store):
    store.append(snap(0))
    store.append(replace(snap(1), network="test"))
    assert [r.block for r in store.refreshes("finney")] == [8_000_000]
    assert [r.block for r in store.refreshes("test")] == [8_000_010]


def test_the_history_survives_a_restart(database_url):
    first = HistoryStore(database_url)
    for step in range(3):
        first.append(snap(step))
    first.close()
    reopened = HistoryStore(database_url)
    assert [r.block for r in reopened.refreshes("finney")] == [8_000_000, 8_000_010, 8_000_020]
    assert len(reopened.records(reopened.refreshes("finney"))) == 12
    reopened.close()


def test_a_write_that_fails_midway_keeps_every_earlier_refresh(store):
    store.append(snap(0))
    store.append(snap(1))

    def fail_on_subnet_rows(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO CHAIN_SUBNET_RECORDS"):
            raise RuntimeError("disk pulled out mid-write")

    sa.event.listen(store.engine, "before_cursor_execute", fail_on_subnet_rows)
    with pytest.raises(RuntimeError):
        store.append(snap(2))
    sa.event.remove(store.engine, "before_cursor_execute", fail_on_subnet_rows)
    assert [r.block for r in store.refreshes("finney")] == [8_000_000, 8_000_010]  # no half-written refresh
    assert len(store.records(store.refreshes("finney"))) == 8
    assert store.append(snap(2)) is True  # and the next refresh is stored normally


KILLED_MID_WRITE = """
import os, sys
import sqlalchemy as sa
from bot.chain.history import HistoryStore
from tests.bot.chain.test_history import snap
store = HistoryStore(sys.argv[1])
store.append(snap(0))
def die(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("INSERT INTO CHAIN_SUBNET_RECORDS"):
        os._exit(9)  # the process dies inside the transaction: no rollback, no cleanup
sa.event.listen(store.engine, "before_cursor_execute", die)
store.append(snap(1))
"""


def test_a_process_killed_mid_write_loses_only_that_refresh(database_url):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, database_url], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 9, result.stderr
    store = HistoryStore(database_url)
    assert [r.block for r in store.refreshes("finney")] == [8_000_000]
    assert len(store.records(store.refreshes("finney"))) == 4
    store.close()


def test_each_append_prunes_by_the_retention(store):
    steps = range(0, 3 * 48)  # every 30 minutes for three days
    for step in steps:
        store.append(snap(step, minutes=30))
    times = [START + timedelta(minutes=30 * s) for s in steps]
    kept = [r.time for r in store.refreshes("finney")]
    assert kept == sorted(keep(times, times[-1]))
    assert len(kept) == 24 + 96 + 1  # the first day hourly, the last two days whole, the final refresh itself
    assert len(store.records(store.refreshes("finney"))) == 4 * len(kept)  # pruned refreshes take their rows along


def test_a_year_of_history_stays_near_29_mb_on_sqlite(tmp_path):
    """Measure bytes per row with 129 subnets and project the retention's year: the README's number."""
    bundled = load_bundled()
    root = replace(bundled.subnets[0], netuid=0, name="root")
    subnets = (root,) + tuple(replace(s, burn_rao=2_000_000_000, tempo=360, neurons=256, max_neurons=256,
                                      registered_at_block=4_000_000) for s in bundled.subnets)
    store = HistoryStore(f"sqlite:///{tmp_path / 'h.sqlite'}")
    for i in range(120):
        store.append(replace(bundled, source="live", block=bundled.block + 10 * i, subnets=subnets,
                             fetched_at=bundled.fetched_at + timedelta(minutes=2 * i)))
    with store.engine.connect() as db:
        db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    import sqlite3

    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        db.execute("VACUUM")
    per_row = (tmp_path / "h.sqlite").stat().st_size / (120 * len(subnets))
    year_mb = projected_rows(129, 120, 365) * per_row / 1e6
    assert projected_rows(129, 120, 365) == 315_663
    assert 60 < per_row < 130 and 20 < year_mb < 40, (per_row, year_mb)
