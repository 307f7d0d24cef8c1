"""What a view reads: stored refreshes ending with the current snapshot; the bundled snapshot
alone (and said so) without a live read; the current snapshot alone when the store is broken."""

from datetime import timedelta


from bot.chain.bundled import load_bundled
from bot.chain.history import HistoryStore
from bot.chain.timeline import for_screen, for_subnet
from tests.bot.chain.test_history import START, snap


def test_without_a_live_read_the_history_is_the_bundled_snapshot_alone(store):
    store.append(snap(0))  # even with live refreshes stored earlier
    bundled = load_bundled()
    history = for_screen(store, bundled)
    assert history.summary() == {"records": 1, "since": "2026-03-22T00:00:00+00:00", "source": "bundled"}
    assert [r.block for r in history.of(64)] == [7_801_029]


def test_the_screen_reads_stored_refreshes_and_ends_with_the_current_snapshot(store):
    for step in range(0, 31):
        store.append(snap(step))
    current = snap(31)  # read, but its append has not happened (or failed)
    history = for_screen(store, current)
    assert history.source == "live" and history.records == 32 and history.since.isoformat() == START.isoformat()
    chutes = history.of(64)
    assert chutes[-1].block == current.block and chutes[-1].subnet.name == "Chutes"  # the full current facts
    assert START + timedelta(minutes=2) in [r.time for r in chutes]  # the record one hour before
    assert len(chutes) < 32  # only the records the numbers need


def test_a_subnet_history_window(store):
    for step in range(0, 40):
        store.append(snap(step, minutes=60))
    current = snap(39, minutes=60)
    day = for_subnet(store, current, 64, timedelta(days=1))
    assert [r.block for r in day.of(64)] == [8_000_000 + 10 * s for s in range(15, 40)]
    assert len(for_subnet(store, current, 64, None).of(64)) == 40
    assert set(day.series) == {64}


def test_a_broken_store_never_costs_the_view(tmp_path, caplog):
    path = tmp_path / "h.sqlite"
    store = HistoryStore(f"sqlite:///{path}")
    store.append(snap(0))
    store.close()
    path.write_bytes(b"this is not a database" * 100)
    for name in ("h.sqlite-wal", "h.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    history = for_screen(store, snap(1))
    assert history.summary()["records"] == 1 and [r.block for r in history.of(64)] == [8_000_010]
    assert "could not read the chain history" in caplog.text


def test_no_store_gives_the_current_snapshot_alone():
    history = for_screen(None, snap(3))
    assert history.source == "live" and history.records == 1
