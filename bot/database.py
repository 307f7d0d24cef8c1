"""How TAO Guide opens a SQL database: the feedback store and the chain history share it.

Both are SQLite files by default and any SQLAlchemy URL when replicas share one server. For a
SQLite file the folder is created first, and every connection runs in WAL mode (the request
threads read while one writer writes; ``synchronous=NORMAL`` is safe with WAL: a crash loses at
most the last write) and waits up to 5 s for a lock instead of failing at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

__all__ = ["create_tables", "open_engine"]

# Any fixed 64-bit number: the advisory lock every replica takes while it creates the tables.
_DDL_LOCK = 0x7461_6F67_7569_6465  # "taoguide"


def open_engine(url: str, *, foreign_keys: bool = False, pre_ping: bool = False) -> sa.Engine:
    """An engine for ``url``. ``foreign_keys``: SQLite enforces them (it does not by default);
    ``pre_ping``: a pooled connection is checked before use (a server that restarted is reconnected)."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, pool_pre_ping=True) if pre_ping else sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        pragmas = _PRAGMAS + (("PRAGMA foreign_keys=ON",) if foreign_keys else ())
        sa.event.listen(engine, "connect", lambda connection, _: _run(connection, pragmas))
    return engine


def create_tables(metadata: sa.MetaData, engine: sa.Engine) -> None:
    """Create the tables that are missing. On PostgreSQL, replicas starting together take turns under a
    transaction advisory lock: two concurrent CREATE TABLEs of the same table fail one of them (a duplicate
    in pg_type), which left that replica without its store."""
    if engine.dialect.name != "postgresql":
        metadata.create_all(engine)
        return
    with engine.begin() as connection:
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _DDL_LOCK})
        metadata.create_all(connection)


_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000")


def _run(dbapi_connection: Any, statements: tuple[str, ...]) -> None:
    cursor = dbapi_connection.cursor()
    for statement in statements:
        cursor.execute(statement)
    cursor.close()
