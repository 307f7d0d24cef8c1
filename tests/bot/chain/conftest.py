"""The chain history store under test, on SQLite and on PostgreSQL (``database_url``, in tests/conftest.py)."""

import pytest


@pytest.fixture
def store(database_url):  # type: ignore[no-untyped-def]
    """A chain history store on SQLite and on PostgreSQL (see ``database_url``), closed after the test."""
    from bot.chain.history import HistoryStore

    s = HistoryStore(database_url)
    yield s
    s.close()
