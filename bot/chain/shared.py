"""The current chain snapshot shared by replicas: one row per network in the shared database,
written by the replica that holds the refresh lease (``bot.chain.lease``) and read by the others.

The chain history cannot serve as this: it keeps only the numbers of each subnet, while an
answer needs the whole ``NetworkSnapshot`` (names, identities, validators, chain time). So the
row holds the snapshot as its JSON (about 70 KB for 129 subnets), with its block and read time
beside it, so a reader's tick is one small query and it loads the JSON only when the block
changed. The row also carries the refresher's last attempt and error, so every replica labels
the numbers the same way: live while the refresher keeps them fresh, "not refreshed since" as
they age when it stops, "the chain is unreachable" when its reads fail.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from bot.chain.lease import Lease, open_lease
from bot.chain.model import NetworkSnapshot
from bot.database import create_tables, open_engine

log = logging.getLogger("taoguide.chain.shared")

metadata = sa.MetaData()

current_snapshots = sa.Table(
    "chain_current", metadata,
    sa.Column("network", sa.String(200), primary_key=True),
    sa.Column("block", sa.BigInteger, nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("snapshot", sa.Text, nullable=False),  # NetworkSnapshot.to_json()
    sa.Column("refresher", sa.String(300), nullable=False),  # host:pid of the replica that read it
    sa.Column("last_attempt", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),  # the refresher's last failure; None after a good read
)


@dataclass(frozen=True)
class Current:
    """The shared row: ``snapshot`` is None when the reader already holds that block."""

    block: int
    fetched_at: datetime
    refresher: str
    last_attempt: datetime | None
    last_error: str | None
    snapshot: NetworkSnapshot | None


def replica_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class SharedSnapshot:
    """The shared current snapshot of one network, and the lease that says who refreshes it."""

    def __init__(self, url: str, network: str, lease: Lease | None = None) -> None:
        self.network = network
        self._engine = open_engine(url, pre_ping=True)
        create_tables(metadata, self._engine)
        self.lease = lease if lease is not None else open_lease(url, f"taoguide chain refresh {network}")
        self.name = replica_name()

    def close(self) -> None:
        self.lease.close()
        self._engine.dispose()

    def publish(self, snapshot: NetworkSnapshot, attempt: datetime) -> None:
        """Store a good read as the current snapshot (replacing the one before)."""
        values = {"block": snapshot.block, "fetched_at": snapshot.fetched_at, "snapshot": snapshot.to_json(),
                  "refresher": self.name, "last_attempt": attempt, "last_error": None}
        where = current_snapshots.c.network == self.network
        with self._engine.begin() as db:
            if db.execute(current_snapshots.update().where(where).values(**values)).rowcount == 0:
                db.execute(current_snapshots.insert().values(network=self.network, **values))

    def publish_failure(self, attempt: datetime, error: str) -> None:
        """Record a failed read; the stored snapshot stays (nothing to do before the first good read)."""
        with self._engine.begin() as db:
            db.execute(current_snapshots.update().where(current_snapshots.c.network == self.network)
                       .values(last_attempt=attempt, last_error=error[:2000], refresher=self.name))

    def read(self, holding: NetworkSnapshot | None = None) -> Current | None:
        """The shared row (None before any replica stored one). Raises SQLAlchemyError when the database fails;
        a snapshot that no longer parses (another version wrote it) is logged and skipped."""
        head = [current_snapshots.c[n] for n in ("block", "fetched_at", "refresher", "last_attempt", "last_error")]
        where = current_snapshots.c.network == self.network
        with self._engine.connect() as db:
            row = db.execute(sa.select(*head).where(where)).first()
            if row is None:
                return None
            fetched_at = _utc(row.fetched_at)
            same = holding is not None and (holding.block, holding.fetched_at) == (row.block, fetched_at)
            text = None if same else db.execute(sa.select(current_snapshots.c.snapshot).where(where)).scalar_one()
        snapshot = None
        if text is not None:
            try:
                snapshot = NetworkSnapshot.from_json(text)
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("ignoring the shared snapshot of block %s: %s", row.block, exc)
        return Current(int(row.block), fetched_at, row.refresher, _utc(row.last_attempt) if row.last_attempt else None,
                       row.last_error, snapshot)


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def open_shared(settings: Any) -> SharedSnapshot | None:
    """The shared snapshot when the chain history's database is a server (PostgreSQL); None on SQLite
    (one machine: nothing to share) or when it cannot be opened (logged; this replica then refreshes alone)."""
    url = settings.history_db
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        return None
    try:
        return SharedSnapshot(url, settings.chain_network)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
        log.error("the shared chain snapshot in %s cannot be opened (%s); this replica refreshes on its own. Fix "
                  "TAOGUIDE_DATABASE_URL (or TAOGUIDE_HISTORY_URL).", shown, exc)
        return None
