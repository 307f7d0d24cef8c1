"""The history a view reads: the stored refreshes it needs, always ending with the current
snapshot, and where they came from.

With a bundled snapshot (no live read since the server started and none cached) the history is
that snapshot alone, labelled ``source="bundled"``; the store is not consulted, so an old
store never mixes with the March 2026 floor. A store that fails to read is logged and the view
gets the current snapshot alone: a broken store never costs a request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.chain.changes import needed_times
from bot.chain.model import NetworkSnapshot, Record, records_of

log = logging.getLogger("taoguide.chain.history")

HISTORY_WINDOWS: dict[str, timedelta | None] = {"1d": timedelta(days=1), "7d": timedelta(days=7),
                                                "30d": timedelta(days=30), "all": None}


@dataclass(frozen=True)
class History:
    source: str  # "live": stored live refreshes; "bundled": the bundled snapshot alone
    records: int  # refreshes the history holds (the current one included)
    since: datetime | None  # time of the oldest of them
    series: dict[int, tuple[Record, ...]] = field(default_factory=dict)  # per netuid, oldest first

    def of(self, netuid: int) -> tuple[Record, ...]:
        return self.series.get(netuid, ())

    def summary(self) -> dict[str, Any]:
        """The ``history`` object of the API."""
        return {"records": self.records, "since": self.since.isoformat() if self.since else None,
                "source": self.source}


def snapshot_time(snapshot: NetworkSnapshot) -> datetime:
    when = snapshot.chain_time or snapshot.fetched_at
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def for_screen(store: Any, snapshot: NetworkSnapshot) -> History:
    """What the screener's changes and sparklines need, for every subnet."""
    def choose(stored: list[Any], now: datetime) -> list[Any]:
        wanted = needed_times([r.time for r in stored], now)
        return [r for r in stored if r.time in wanted]

    return _read(store, snapshot, choose, None)


def for_subnet(store: Any, snapshot: NetworkSnapshot, netuid: int, window: timedelta | None) -> History:
    """Every stored record of one subnet within ``window`` (None: all) before the current snapshot."""
    def choose(stored: list[Any], now: datetime) -> list[Any]:
        return stored if window is None else [r for r in stored if r.time >= now - window]

    return _read(store, snapshot, choose, netuid)


def _read(store: Any, snapshot: NetworkSnapshot, choose: Callable[[list[Any], datetime], list[Any]],
          netuid: int | None) -> History:
    now = snapshot_time(snapshot)
    current = [r for r in records_of(snapshot) if netuid is None or r.subnet.netuid == netuid]
    alone = History(snapshot.source, 1, now, _group(current))
    if snapshot.source == "bundled" or store is None:
        return alone
    try:
        stored = [r for r in store.refreshes(snapshot.network) if r.time <= now and r.block != snapshot.block]
        older = store.records(choose(stored, now), netuid)
    except Exception:  # noqa: BLE001 - any store failure (driver, disk, schema) falls back to the snapshot
        log.exception("could not read the chain history; serving the current snapshot without it")
        return alone
    since = min([r.time for r in stored] + [now])
    return History("live", len(stored) + 1, since, _group(older + current))


def _group(records: list[Record]) -> dict[int, tuple[Record, ...]]:
    series: dict[int, list[Record]] = {}
    for record in sorted(records, key=lambda r: (r.time, r.block)):
        series.setdefault(record.subnet.netuid, []).append(record)
    return {netuid: tuple(items) for netuid, items in series.items()}
