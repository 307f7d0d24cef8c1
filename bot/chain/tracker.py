"""Tracked wallets: coldkeys a reader asked the server to follow (opt-in, removable), and their
positions recorded at each background refresh, so the portfolio page can show value over time.

It lives in the chain history's database (the same SQLAlchemy URL: SQLite in the data folder by
default, PostgreSQL when replicas share it), in three tables of its own. Per tracked coldkey and
refresh it stores the block, time and free balance, and per position the subnet, hotkey, alpha
(rao) and the pool price then: public chain data only, no name, cookie or IP address. The same
retention as the chain history applies per wallet (every refresh for two days, hourly to 30 days,
daily after), and untracking deletes everything stored for that coldkey at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from bot.chain.history import metadata
from bot.database import create_tables, open_engine
from bot.chain.retention import keep

tracked = sa.Table(
    "tracked_wallets", metadata,
    sa.Column("network", sa.String(200), primary_key=True),
    sa.Column("coldkey", sa.String(64), primary_key=True),
    sa.Column("since", sa.DateTime(timezone=True), nullable=False),
)

wallet_refreshes = sa.Table(
    "wallet_refreshes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("network", sa.String(200), nullable=False),
    sa.Column("coldkey", sa.String(64), nullable=False),
    sa.Column("block", sa.BigInteger, nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("free_rao", sa.BigInteger, nullable=False),
    sa.UniqueConstraint("network", "coldkey", "block", name="uq_wallet_refresh_block"),
    sa.Index("ix_wallet_refresh_time", "network", "coldkey", "time"),
    sqlite_autoincrement=True,
)

wallet_positions = sa.Table(
    "wallet_positions", metadata,
    sa.Column("refresh_id", sa.Integer, sa.ForeignKey("wallet_refreshes.id"), primary_key=True),
    sa.Column("netuid", sa.Integer, primary_key=True),
    sa.Column("hotkey", sa.String(64), primary_key=True),
    sa.Column("alpha_rao", sa.BigInteger, nullable=False),
    sa.Column("price", sa.Float, nullable=True),  # TAO per alpha at that refresh (1 on root; None: unknown)
)


@dataclass(frozen=True)
class Holding:
    netuid: int
    hotkey: str
    alpha_rao: int
    price: float | None


@dataclass(frozen=True)
class WalletRecord:
    """A tracked wallet at one refresh."""

    block: int
    time: datetime
    free_rao: int
    holdings: tuple[Holding, ...]


class Tracker:
    """Which coldkeys are tracked, and their stored records. Safe to share between threads."""

    def __init__(self, url: str, max_wallets: int = 50) -> None:
        self._engine = open_engine(url, pre_ping=True)
        create_tables(metadata, self._engine)
        self.max_wallets = max_wallets
        self._lock = threading.Lock()

    def close(self) -> None:
        self._engine.dispose()

    def coldkeys(self, network: str) -> list[str]:
        with self._engine.connect() as db:
            rows = db.execute(sa.select(tracked.c.coldkey).where(tracked.c.network == network)
                              .order_by(tracked.c.since, tracked.c.coldkey)).all()
        return [r[0] for r in rows]

    def is_tracked(self, network: str, coldkey: str) -> bool:
        return coldkey in self.coldkeys(network)

    def track(self, network: str, coldkey: str, now: datetime) -> bool:
        """Start tracking; False when already tracked. Raises TrackerFull past ``max_wallets``."""
        with self._lock, self._engine.begin() as db:
            known = [r[0] for r in db.execute(sa.select(tracked.c.coldkey).where(tracked.c.network == network))]
            if coldkey in known:
                return False
            if len(known) >= self.max_wallets:
                raise TrackerFull(self.max_wallets)
            db.execute(tracked.insert().values(network=network, coldkey=coldkey, since=_utc(now)))
        return True

    def untrack(self, network: str, coldkey: str) -> bool:
        """Stop tracking and delete every record of the coldkey; False when it was not tracked."""
        with self._lock, self._engine.begin() as db:
            ids = [r[0] for r in db.execute(sa.select(wallet_refreshes.c.id).where(
                wallet_refreshes.c.network == network, wallet_refreshes.c.coldkey == coldkey))]
            for start in range(0, len(ids), 500):
                db.execute(wallet_positions.delete().where(wallet_positions.c.refresh_id.in_(ids[start:start + 500])))
            db.execute(wallet_refreshes.delete().where(wallet_refreshes.c.network == network,
                                                       wallet_refreshes.c.coldkey == coldkey))
            gone = db.execute(tracked.delete().where(tracked.c.network == network, tracked.c.coldkey == coldkey))
        return bool(gone.rowcount)

    def append(self, network: str, coldkey: str, record: WalletRecord) -> bool:
        """Store one refresh of a tracked wallet in one transaction, then prune it; False when not tracked
        (untracked meanwhile) or that block is already stored."""
        with self._lock:
            try:
                with self._engine.begin() as db:
                    if db.execute(sa.select(tracked.c.coldkey).where(tracked.c.network == network,
                                                                     tracked.c.coldkey == coldkey)).first() is None:
                        return False
                    rid = db.execute(wallet_refreshes.insert().values(
                        network=network, coldkey=coldkey, block=record.block, time=_utc(record.time),
                        free_rao=record.free_rao)).inserted_primary_key[0]
                    merged: dict[tuple[int, str], Holding] = {}
                    for h in record.holdings:
                        merged[(h.netuid, h.hotkey)] = h
                    if merged:
                        db.execute(wallet_positions.insert(), [
                            {"refresh_id": rid, "netuid": h.netuid, "hotkey": h.hotkey, "alpha_rao": h.alpha_rao,
                             "price": h.price} for h in merged.values()])
            except sa.exc.IntegrityError:  # this block is stored already (another replica)
                return False
            self._prune(network, coldkey, _utc(record.time))
        return True

    def _prune(self, network: str, coldkey: str, now: datetime) -> None:
        with self._engine.begin() as db:
            rows = db.execute(sa.select(wallet_refreshes.c.id, wallet_refreshes.c.time).where(
                wallet_refreshes.c.network == network, wallet_refreshes.c.coldkey == coldkey)).all()
            kept = keep((_utc(t) for _, t in rows), now)
            gone = [i for i, t in rows if _utc(t) not in kept]
            for start in range(0, len(gone), 500):
                chunk = gone[start:start + 500]
                db.execute(wallet_positions.delete().where(wallet_positions.c.refresh_id.in_(chunk)))
                db.execute(wallet_refreshes.delete().where(wallet_refreshes.c.id.in_(chunk)))

    def records(self, network: str, coldkey: str, since: datetime | None = None) -> list[WalletRecord]:
        """The stored records of a wallet, oldest first."""
        query = sa.select(wallet_refreshes).where(wallet_refreshes.c.network == network,
                                                  wallet_refreshes.c.coldkey == coldkey)
        if since is not None:
            query = query.where(wallet_refreshes.c.time >= _utc(since))
        with self._engine.connect() as db:
            heads = db.execute(query.order_by(wallet_refreshes.c.time, wallet_refreshes.c.id)).all()
            ids = [h.id for h in heads]
            held: dict[int, list[Holding]] = {i: [] for i in ids}
            for start in range(0, len(ids), 500):
                for r in db.execute(sa.select(wallet_positions).where(
                        wallet_positions.c.refresh_id.in_(ids[start:start + 500]))).all():
                    held[r.refresh_id].append(Holding(int(r.netuid), r.hotkey, int(r.alpha_rao), r.price))
        return [WalletRecord(int(h.block), _utc(h.time), int(h.free_rao),
                             tuple(sorted(held[h.id], key=lambda x: (x.netuid, x.hotkey)))) for h in heads]


class TrackerFull(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"this server already tracks {limit} wallets")
        self.limit = limit


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def record_of(snapshot: object, facts: object) -> WalletRecord:
    """A ``source.PortfolioFacts`` read at ``snapshot`` as the record to store (prices from the snapshot)."""
    holdings = []
    for p in getattr(facts, "positions"):
        if not p.stake_rao:
            continue
        subnet = snapshot.subnet(p.netuid)  # type: ignore[attr-defined]
        price = 1.0 if p.netuid == 0 else (subnet.price_tao_per_alpha if subnet else None)
        holdings.append(Holding(p.netuid, p.hotkey, int(p.stake_rao), price))
    when = snapshot.chain_time or snapshot.fetched_at  # type: ignore[attr-defined]
    return WalletRecord(int(getattr(facts, "block")), when, int(getattr(facts, "free_rao", 0)), tuple(holdings))
