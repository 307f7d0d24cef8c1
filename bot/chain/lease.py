"""Which replica refreshes the chain: exactly one at a time when replicas share a PostgreSQL database.

The refresher holds a PostgreSQL session advisory lock (``pg_try_advisory_lock``) on one
connection of its own, opened for nothing else. The other replicas try for it on each tick and
read the shared snapshot (``bot.chain.shared``) while they do not get it.

Why an advisory lock rather than a lease row with an expiry: the lock goes the moment its
connection goes. A refresher that exits, crashes or is killed frees it at once, with no expiry to
tune, no renewal to miss and no clocks to agree on, and it needs no table. Its limits, for the
operator: it needs a session-level connection straight to PostgreSQL (a PgBouncer in transaction
mode would hand the lock to whichever session runs the query), and a refresher whose network path
silently vanishes keeps the lock until the server notices, which TCP keepalives on this
connection bound to about a minute. A holder checks its connection on every tick, so one whose
connection broke stops refreshing and tries again like any other replica.

SQLite is one machine and one process: there ``Alone`` always holds the lease.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

log = logging.getLogger("taoguide.chain.lease")

# libpq's keepalives: a peer that vanished without closing is noticed after about 30 + 3 × 10 s
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


class Lease(Protocol):
    held: bool

    def acquire(self) -> bool:
        """True when this process holds the lease now (got it, or still has it)."""
        ...

    def release(self) -> None:
        ...

    def close(self) -> None:
        ...


class Alone:
    """One process on its own database (SQLite): always the refresher."""

    held = True

    def acquire(self) -> bool:
        return True

    def release(self) -> None:
        return None

    def close(self) -> None:
        return None


def lock_key(name: str) -> int:
    """The advisory lock's 64-bit key for a name (the same in every replica and Python version)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


class AdvisoryLock:
    """A PostgreSQL session advisory lock named ``name``, held on a dedicated connection. Thread-safe."""

    def __init__(self, url: str, name: str) -> None:
        self.name, self.key = name, lock_key(name)
        driver = sa.engine.make_url(url).get_driver_name()
        keepalives = KEEPALIVES if driver in ("psycopg", "psycopg2") else {}  # libpq drivers only
        # no pool and autocommit: one connection we own, never left idle inside a transaction
        self._engine = sa.create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args=keepalives)
        self._connection: sa.Connection | None = None
        self._mutex = threading.Lock()
        self.held = False

    def acquire(self) -> bool:
        with self._mutex:
            if self.held and self._alive():
                return True
            self._drop()
            try:
                self._connection = self._engine.connect()
                self.held = bool(self._connection.execute(sa.text("SELECT pg_try_advisory_lock(:key)"),
                                                          {"key": self.key}).scalar())
            except sa.exc.SQLAlchemyError as exc:
                log.warning("could not ask the database for the %s lock: %s", self.name, exc)
                self._drop()
                return False
            if not self.held:
                self._drop()  # a replica that waits keeps no connection open
            return self.held

    def release(self) -> None:
        with self._mutex:
            if self.held and self._connection is not None:
                with contextlib.suppress(sa.exc.SQLAlchemyError):
                    self._connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self._drop()

    def close(self) -> None:
        self.release()
        self._engine.dispose()

    def _alive(self) -> bool:
        """The lock lives as long as its session: a session that still answers still holds it."""
        try:
            assert self._connection is not None
            self._connection.execute(sa.text("SELECT 1"))
            return True
        except sa.exc.SQLAlchemyError as exc:
            log.warning("lost the %s lock (its connection failed: %s)", self.name, exc)
            return False

    def _drop(self) -> None:
        self.held = False
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None


def open_lease(url: str, name: str) -> Lease:
    """The lease for a database URL: an advisory lock on PostgreSQL, ``Alone`` otherwise."""
    if sa.engine.make_url(url).get_backend_name() == "postgresql":
        return AdvisoryLock(url, name)
    return Alone()
