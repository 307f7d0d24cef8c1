"""The screener's table: root as its own row, changes and sparklines from history, emission
share and thin pools; and its CSV, which pandas reads unchanged."""

import io

import pandas as pd
import pytest

from bot.chain.bundled import load_bundled
from bot.chain.history import HistoryStore
from bot.chain.subnets import rows, table, to_csv
from bot.chain.timeline import for_screen
from tests.bot.chain.test_history import snap


def test_the_bundled_table_has_root_first_and_no_history():
    snapshot = load_bundled()
    t = table(snapshot, for_screen(None, snapshot))
    assert len(t) == 129 and len(rows(snapshot)) == 128
    root = t[0]
    assert (root["netuid"], root["name"], root["root"], root["price_tao_per_alpha"]) == (0, "root", True, 1.0)
    assert root["tao_in"] is None and root["emission_share"] is None and root["thin_pool"] is False
    assert all(r["root"] is False for r in t[1:])
    chutes = next(r for r in t if r["netuid"] == 64)
    assert (chutes["change_1h"], chutes["change_24h"], chutes["change_7d"], chutes["sparkline"]) == (None, None, None, [])
    assert chutes["emission_share"] == 0.0 and chutes["thin_pool"] is False  # no TAO injected into SN64 that day
    assert 0 < next(r for r in t if r["netuid"] == 3)["emission_share"] < 1
    assert sum(r["emission_share"] for r in t[1:]) == pytest.approx(1.0)
    assert next(r for r in t if r["netuid"] == 67)["thin_pool"] is True


def test_a_live_table_with_a_day_of_history(tmp_path):
    store = HistoryStore(f"sqlite:///{tmp_path / 'h.sqlite'}")
    store.append(snap(0, price=0.08))
    store.append(snap(690, price=0.088))  # 23 hours later
    current = snap(720, price=0.1)  # 24 hours after the first
    store.append(current)
    t = table(current, for_screen(store, current))
    chutes = next(r for r in t if r["netuid"] == 64)
    assert chutes["change_24h"] == pytest.approx(0.25) and chutes["change_1h"] == pytest.approx(0.1 / 0.088 - 1)
    assert chutes["change_7d"] is None and chutes["sparkline"] == pytest.approx([0.08, 0.1])  # 23 h and 24 h share a 3.5 h slice
    assert t[0]["netuid"] == 0 and t[0]["root"] is True and t[0]["name"] == "root"  # the chain's own root entry


def test_the_csv_is_rfc_4180_with_block_and_time_columns_and_loads_in_pandas():
    snapshot = load_bundled()
    text = to_csv(snapshot, table(snapshot, for_screen(None, snapshot)))
    assert text.startswith("block,time,netuid,name,") and "\r\n" in text and not text.startswith("#")
    frame = pd.read_csv(io.StringIO(text))
    assert len(frame) == 129 and "sparkline" not in frame.columns
    assert set(frame["block"]) == {7_801_029} and set(frame["time"]) == {"2026-03-22T00:00:00+00:00"}
    chutes = frame[frame["netuid"] == 64].iloc[0]
    assert chutes["name"] == "Chutes" and chutes["price_tao_per_alpha"] == pytest.approx(0.09049194)
    assert frame[frame["netuid"] == 3].iloc[0]["name"] == "τemplar"
