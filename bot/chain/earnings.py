"""Pure: a tracked wallet's value over time, and its change over 1 d / 7 d / 30 d split into what
came from alpha gained and what came from price.

For each position (subnet, hotkey) held then (a0 alpha at price p0) and now (a1 at p1), the change
a1·p1 − a0·p0 is exactly (a1 − a0)·p1, the alpha gained valued at today's price, plus a0·(p1 − p0),
what the price did to the alpha already held. Alpha gained is mostly emissions, but stake the owner
added or removed counts there too (the chain does not tell them apart), and the page says so. The
free balance's change is its own line. A window needs a stored record within 10 % of it (as the
screener's changes do, ``changes.TOLERANCE``); without one the change is None, never a guess. A
position whose price was unknown at either end is left out of the split and named.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.chain.changes import TOLERANCE, _nearest
from bot.chain.model import RAO
from bot.chain.tracker import WalletRecord

WINDOWS = {"1d": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}


def value(record: WalletRecord) -> tuple[float, float]:
    """(stake valued at the record's prices, free balance), in TAO; positions without a price count nothing."""
    stake = sum(h.alpha_rao / RAO * h.price for h in record.holdings if h.price is not None)
    return stake, record.free_rao / RAO


def series(records: list[WalletRecord]) -> list[dict[str, Any]]:
    """The value over time, oldest first: one point per stored record."""
    out = []
    for r in records:
        stake, free = value(r)
        out.append({"block": r.block, "time": r.time.isoformat(), "stake_tao": stake, "free_tao": free,
                    "total_tao": stake + free})
    return out


def split(then: WalletRecord, now: WalletRecord) -> dict[str, Any]:
    """The change from ``then`` to ``now``: alpha gained (at today's price), price, free balance, total."""
    before = {(h.netuid, h.hotkey): h for h in then.holdings}
    after = {(h.netuid, h.hotkey): h for h in now.holdings}
    gained = moved = 0.0
    skipped = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        a0, a1 = (b.alpha_rao / RAO if b else 0.0), (a.alpha_rao / RAO if a else 0.0)
        p0 = b.price if b else (a.price if a else None)
        p1 = a.price if a else p0  # a position sold since is valued at its last price
        if p0 is None or p1 is None:
            skipped.append(f"SN{key[0]}")
            continue
        gained += (a1 - a0) * p1
        moved += a0 * (p1 - p0)
    free = (now.free_rao - then.free_rao) / RAO
    return {"from_block": then.block, "from_time": then.time.isoformat(), "alpha_gained_tao": gained,
            "price_tao": moved, "free_tao": free, "total_tao": gained + moved + free, "left_out": skipped}


def changes(records: list[WalletRecord]) -> dict[str, dict[str, Any] | None]:
    """The change over each window up to the latest record (None where the history does not reach)."""
    if len(records) < 2:
        return {name: None for name in WINDOWS}
    latest = records[-1]
    out: dict[str, dict[str, Any] | None] = {}
    for name, window in WINDOWS.items():
        ref = _nearest(records[:-1], lambda r: r.time, latest.time - window, window * TOLERANCE)
        out[name] = split(ref, latest) if ref is not None else None
    return out
