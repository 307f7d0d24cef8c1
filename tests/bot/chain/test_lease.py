"""The refresh lease: on SQLite the one process always holds it; on PostgreSQL exactly one holder at
a time, released to the next, and freed when its holder dies or loses its connection."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.chain.lease import AdvisoryLock, Alone, lock_key, open_lease
from tests.conftest import closed_port

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def leases(postgres_url):
    """Two replicas' leases of the same name, closed after the test."""
    made = [open_lease(postgres_url, "taoguide test lease") for _ in range(2)]
    yield made
    for lease in made:
        lease.close()


def test_on_sqlite_the_one_process_is_always_the_refresher(tmp_path):
    lease = open_lease(f"sqlite:///{tmp_path / 'h.sqlite'}", "taoguide chain refresh finney")
    assert isinstance(lease, Alone) and lease.acquire() and lease.held
    lease.release()
    assert lease.acquire() is True


def test_the_key_is_the_same_in_every_process_and_differs_per_name():
    assert lock_key("taoguide chain refresh finney") == lock_key("taoguide chain refresh finney")
    assert lock_key("taoguide chain refresh finney") != lock_key("taoguide chain refresh test")
    assert -2**63 <= lock_key("x") < 2**63


def test_one_of_two_holders_gets_it_and_keeps_it(leases):
    a, b = leases
    assert isinstance(a, AdvisoryLock)
    assert a.acquire() is True and b.acquire() is False
    assert a.acquire() is True and b.acquire() is False  # asking again changes nothing
    assert (a.held, b.held) == (True, False)


def test_released_it_goes_to_the_other(leases):
    a, b = leases
    assert a.acquire() and not b.acquire()
    a.release()
    assert b.acquire() is True and a.acquire() is False


def test_each_network_has_its_own_lease(postgres_url, leases):
    other = open_lease(postgres_url, "taoguide test lease, another network")
    try:
        assert leases[0].acquire() and other.acquire()
    finally:
        other.close()


HOLD = """
import sys, time
from bot.chain.lease import open_lease
lease = open_lease(sys.argv[1], "taoguide test lease")
print("held" if lease.acquire() else "refused", flush=True)
time.sleep(120)
"""


def test_a_dead_holders_lock_is_freed_when_its_connection_closes(postgres_url, leases):
    _, b = leases
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, postgres_url], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert b.acquire() is False
        holder.kill()  # no release, no goodbye: the operating system closes its socket
        holder.wait(10)
        deadline = time.monotonic() + 10
        while not b.acquire() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert b.held
    finally:
        holder.kill()
        holder.wait(10)


def test_a_holder_whose_connection_is_cut_stops_being_the_refresher(postgres_url, leases):
    a, b = leases
    assert a.acquire()
    engine = sa.create_engine(postgres_url)
    with engine.begin() as db:  # what a server restart or a dropped network path does to a's session
        cut = db.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                                 "AND granted AND pid <> pg_backend_pid()")).all()
    engine.dispose()
    assert cut == [(True,)]
    assert b.acquire() is True
    assert a.acquire() is False and a.held is False


def test_an_unreachable_database_means_not_the_refresher_and_no_error():
    lease = open_lease(f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/postgres", "taoguide test lease")
    assert lease.acquire() is False and lease.held is False
    lease.close()
