"""Databases for the chain history tests: SQLite always, PostgreSQL when a server is available.

PostgreSQL comes from ``TAOGUIDE_TEST_POSTGRES_URL`` (any SQLAlchemy URL, e.g.
postgresql+psycopg://user:pw@127.0.0.1:5432/db), or else from a throw-away cluster this fixture
creates with the installed server's ``initdb`` and ``pg_ctl`` in a temporary folder (as the
``postgres`` user when the tests run as root), listening on a free loopback port and stopped
after the session. With neither (no server installed, or no psycopg driver) the PostgreSQL
cases skip with the reason; ``TAOGUIDE_REQUIRE_POSTGRES=1`` (CI) turns that skip into a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator

import pytest
import sqlalchemy as sa


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in command)]


def _start_cluster() -> tuple[str | None, str, object]:
    """(url, reason, stop): a private PostgreSQL cluster, or (None, why not, None)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "the psycopg driver is not installed (pip install 'psycopg[binary]')", None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or ([shutil.which("initdb")] if shutil.which("initdb") else [])
    if not found:
        return None, "no PostgreSQL server installed (apt-get install postgresql) and TAOGUIDE_TEST_POSTGRES_URL unset", None
    bindir = os.path.dirname(os.path.realpath(found[-1]))
    if os.geteuid() == 0 and shutil.which("su") is None:
        return None, "running as root without su to start PostgreSQL as the postgres user", None
    folder = tempfile.mkdtemp(prefix="taoguide-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = os.path.join(folder, "data"), _free_port()
    pg_ctl = os.path.join(bindir, "pg_ctl")
    try:
        subprocess.run(_as_server_user([os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "postgres",
                                        "--no-sync"]), check=True, capture_output=True, timeout=120)
        subprocess.run(_as_server_user([pg_ctl, "-D", data, "-l", os.path.join(folder, "log"), "-w", "-o",
                                        f"-h 127.0.0.1 -p {port} -k {folder} -F", "start"]),
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, KeyError, LookupError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        return None, f"could not start a PostgreSQL cluster: {exc} {detail.decode(errors='replace')[-300:]}", None

    def stop() -> None:
        subprocess.run(_as_server_user([pg_ctl, "-D", data, "-m", "fast", "-w", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", "", stop


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url, reason, stop = os.environ.get("TAOGUIDE_TEST_POSTGRES_URL") or None, "", None
    if url is None:
        url, reason, stop = _start_cluster()
    if url is None:
        if os.environ.get("TAOGUIDE_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (TAOGUIDE_REQUIRE_POSTGRES=1) but {reason}")
        pytest.skip(f"PostgreSQL history tests skipped: {reason}")
    try:
        yield url
    finally:
        if callable(stop):
            stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def history_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, empty history database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    from bot.chain.history import metadata

    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def store(history_url):  # type: ignore[no-untyped-def]
    """A chain history store on SQLite and on PostgreSQL (see ``history_url``), closed after the test."""
    from bot.chain.history import HistoryStore

    s = HistoryStore(history_url)
    yield s
    s.close()
