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


def test_replicas_creating_the_tables_at_once_all_succeed(postgres_url):
    """Eight engines create the same tables at the same moment on one PostgreSQL: every one gets them
    (without the advisory lock, concurrent CREATE TABLEs fail all but one with a duplicate in pg_type)."""
    import threading

    import sqlalchemy as sa

    from bot.database import create_tables, open_engine
    from tests.conftest import empty_database

    empty_database(postgres_url)
    metadata = sa.MetaData()
    for n in range(6):
        sa.Table(f"race_{n}", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Text))
    engines = [open_engine(postgres_url) for _ in range(8)]
    start, errors = threading.Barrier(len(engines)), []

    def create(engine):
        start.wait()
        try:
            create_tables(metadata, engine)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert {f"race_{n}" for n in range(6)} <= set(sa.inspect(engines[0]).get_table_names())
    finally:
        metadata.drop_all(engines[0])
        for e in engines:
            e.dispose()
