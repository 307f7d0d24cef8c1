"""One way to open a SQL database: a SQLite file's folder is made, WAL mode is on, foreign keys on request."""

import sqlalchemy as sa

from bot.database import open_engine


def _pragma(engine, name):
    with engine.connect() as db:
        return db.execute(sa.text(f"PRAGMA {name}")).scalar()


def test_a_sqlite_file_gets_its_folder_and_wal_mode(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'store.sqlite'}")
    assert _pragma(engine, "journal_mode") == "wal" and _pragma(engine, "busy_timeout") == 5000
    assert (tmp_path / "deep" / "er").is_dir()
    assert _pragma(engine, "foreign_keys") == 0
    engine.dispose()


def test_foreign_keys_are_enforced_when_asked_for(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'fk.sqlite'}", foreign_keys=True, pre_ping=True)
    assert _pragma(engine, "foreign_keys") == 1
    engine.dispose()
