"""The chain history: one compact row per subnet for every successful refresh, so the screener
and the baskets can show change over time (the snapshot alone is one moment).

SQLAlchemy Core, like the feedback store: one SQLite file (WAL mode) in the data folder by
default, any SQLAlchemy URL (PostgreSQL) when replicas share it. A refresh is written in one
transaction, so an interrupted write leaves every earlier refresh as it was; a block already
stored (another replica wrote it) is skipped. After each append the retention of
``bot.chain.retention`` prunes old refreshes (every refresh for two days, hourly to 30 days,
daily after): after a year at 120 s with 129 subnets that is 2,447 refreshes, 315,663 rows,
about 29 MB of SQLite (measured: about 92 bytes a row). The bundled snapshot is never written
here: with no live read, the history is that snapshot alone (``bot.chain.timeline``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from bot.chain.model import NetworkSnapshot, Record, SubnetFacts
from bot.database import create_tables, open_engine
from bot.chain.retention import keep

log = logging.getLogger("taoguide.chain.history")
CACHED_READS = 8  # recent record reads kept in memory (each a page's worth: ~7,000 records)

metadata = sa.MetaData()

refreshes = sa.Table(
    "chain_refreshes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("network", sa.String(200), nullable=False),
    sa.Column("block", sa.BigInteger, nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("subnet_registration_cost_rao", sa.BigInteger, nullable=True),
    sa.Column("total_issuance_rao", sa.BigInteger, nullable=True),
    sa.UniqueConstraint("network", "block", name="uq_chain_refresh_block"),
    sa.Index("ix_chain_refresh_time", "network", "time"),
    sqlite_autoincrement=True,  # ids are never reused, so a cached read by id stays true
)

# The numeric fields of SubnetFacts, stored as they are (rao as integers, prices as floats).
NUMERIC = ("price_tao_per_alpha", "ema_price_tao_per_alpha", "tao_in_rao", "alpha_in_rao", "alpha_out_rao",
           "tao_in_emission_rao_per_block", "excess_tao_rao_per_block", "burn_rao", "tempo", "neurons",
           "max_neurons", "registered_at_block")
_FLOATS = {"price_tao_per_alpha", "ema_price_tao_per_alpha"}
assert set(NUMERIC) <= {f.name for f in fields(SubnetFacts)}

subnet_records = sa.Table(
    "chain_subnet_records", metadata,
    sa.Column("refresh_id", sa.Integer, sa.ForeignKey("chain_refreshes.id"), primary_key=True),
    sa.Column("netuid", sa.Integer, primary_key=True),
    *[sa.Column(name, sa.Float if name in _FLOATS else sa.BigInteger, nullable=True) for name in NUMERIC],
)


@dataclass(frozen=True)
class Refresh:
    """One stored refresh: its row id, block and time."""

    id: int
    block: int
    time: datetime


class HistoryStore:
    """Appends refreshes, prunes them, and reads them back. Safe to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = open_engine(url, pre_ping=True)
        create_tables(metadata, self._engine)
        self._lock = threading.Lock()  # SQLite allows one writer; queue ours instead of retrying
        self._cache: OrderedDict[tuple[Any, ...], list[Record]] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def append(self, snapshot: NetworkSnapshot) -> bool:
        """Store one refresh (all its subnets) in one transaction, then prune; False when the block
        is already stored. Raises SQLAlchemyError when the database fails (nothing is half-written)."""
        when = _utc(snapshot.chain_time or snapshot.fetched_at)
        rows = [{"netuid": s.netuid, **{name: getattr(s, name) for name in NUMERIC}} for s in snapshot.subnets]
        with self._lock:
            try:
                with self._engine.begin() as db:
                    stored = db.execute(sa.select(refreshes.c.id).where(
                        refreshes.c.network == snapshot.network, refreshes.c.block == snapshot.block)).first()
                    if stored is not None:
                        return False
                    refresh_id = db.execute(refreshes.insert().values(
                        network=snapshot.network, block=snapshot.block, time=when,
                        subnet_registration_cost_rao=snapshot.subnet_registration_cost_rao,
                        total_issuance_rao=snapshot.total_issuance_rao)).inserted_primary_key[0]
                    if rows:
                        db.execute(subnet_records.insert(), [{"refresh_id": refresh_id, **r} for r in rows])
            except sa.exc.IntegrityError:  # another replica stored the same block first
                return False
            self._prune(snapshot.network, when)
        return True

    def prune(self, network: str, now: datetime) -> int:
        """Apply the retention at ``now``; returns how many refreshes went."""
        with self._lock:
            return self._prune(network, _utc(now))

    def _prune(self, network: str, now: datetime) -> int:
        stored = self.refreshes(network)
        kept = keep((r.time for r in stored), now)
        gone = [r.id for r in stored if r.time not in kept]
        with self._engine.begin() as db:
            for start in range(0, len(gone), 500):
                chunk = gone[start:start + 500]
                db.execute(subnet_records.delete().where(subnet_records.c.refresh_id.in_(chunk)))
                db.execute(refreshes.delete().where(refreshes.c.id.in_(chunk)))
        return len(gone)

    def refreshes(self, network: str, since: datetime | None = None) -> list[Refresh]:
        """The stored refreshes of a network, oldest first."""
        query = sa.select(refreshes.c.id, refreshes.c.block, refreshes.c.time).where(refreshes.c.network == network)
        if since is not None:
            query = query.where(refreshes.c.time >= _utc(since))
        with self._engine.connect() as db:
            rows = db.execute(query.order_by(refreshes.c.time, refreshes.c.id)).all()
        return [Refresh(int(i), int(b), _utc(t)) for i, b, t in rows]

    def records(self, chosen: Sequence[Refresh], netuid: int | None = None) -> list[Record]:
        """The subnet records of the chosen refreshes (one subnet's, or all), oldest first. A stored
        refresh never changes, so the last few answers are kept in memory (a page view reads the
        same ~55 refreshes until the next refresh is stored)."""
        key = (tuple(sorted(r.id for r in chosen)), netuid)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        by_id = {r.id: r for r in chosen}
        columns = [subnet_records.c.refresh_id, subnet_records.c.netuid, *(subnet_records.c[n] for n in NUMERIC)]
        out: list[Record] = []
        with self._engine.connect() as db:
            for ids in _chunks(list(by_id), 500):
                query = sa.select(*columns).where(subnet_records.c.refresh_id.in_(ids))
                if netuid is not None:
                    query = query.where(subnet_records.c.netuid == netuid)
                for refresh_id, row_netuid, *values in db.execute(query).all():
                    refresh = by_id[refresh_id]
                    facts = SubnetFacts(netuid=int(row_netuid), **dict(zip(NUMERIC, values)))
                    out.append(Record(refresh.block, refresh.time, facts))
        out.sort(key=lambda r: (r.time, r.subnet.netuid))
        with self._cache_lock:
            self._cache[key] = out
            while len(self._cache) > CACHED_READS:
                self._cache.popitem(last=False)
        return out


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _utc(when: datetime) -> datetime:
    """SQLite returns naive datetimes; everything here is UTC."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def open_history(settings: Any) -> HistoryStore | None:
    """The store the settings name, or None (logged, with what to do) when it cannot be opened."""
    if not settings.chain_history:
        return None
    try:
        return HistoryStore(settings.history_db)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        shown = sa.engine.make_url(settings.history_db).render_as_string(hide_password=True)
        log.error("chain history store %s cannot be opened (%s); serving without history. Fix TAOGUIDE_HISTORY_URL "
                  "(or TAOGUIDE_DATABASE_URL) or TAOGUIDE_DATA_DIR, or set TAOGUIDE_CHAIN_HISTORY=false.", shown, exc)
        return None
