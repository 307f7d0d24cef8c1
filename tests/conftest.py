"""Shared test setup: offline by construction, no developer files touched, indexes built once.

- Offline: the model-hub variables are set before anything imports transformers or gradio,
  and an audit hook fails every non-loopback connection (a test asserts it does).
- The fixture site (tests/data) with planted facts is built and indexed once per session
  with the real embedding model; the real content's index is reused from build/index when
  it is current (read only) or built into a temporary folder.
- Databases: every store test takes ``database_url``, a fresh empty database of each kind: an
  SQLite file, and PostgreSQL from ``postgres_url``. That is ``TAOGUIDE_TEST_POSTGRES_URL`` (any
  SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@127.0.0.1:5432/db; its tables are dropped before
  each test), or else a throw-away cluster made with the installed server's ``initdb`` and ``pg_ctl``
  in a temporary folder (as the ``postgres`` user when the tests run as root), on a free loopback
  port, stopped after the session. Its time zone is far from UTC, so a store that forgets to read
  times back as UTC fails here. With neither (no server installed, or no psycopg driver) the
  PostgreSQL cases skip with the reason; ``TAOGUIDE_REQUIRE_POSTGRES=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import glob
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.embedder import OFFLINE_ENV

for _key, _value in OFFLINE_ENV.items():
    os.environ[_key] = _value

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


class NetworkBlocked(RuntimeError):
    """A test tried to reach a non-loopback address."""


def _is_loopback(host: object) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard(event: str, args: tuple) -> None:
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise NetworkBlocked(f"tests are offline: refused connection to {address!r}")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode()
        if not _is_loopback(host):
            raise NetworkBlocked(f"tests are offline: refused name lookup of {host!r}")


sys.addaudithook(_guard)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--live", action="store_true", help="run tests that talk to a real Bittensor endpoint")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--live"):
        skip = pytest.mark.skip(reason="talks to a real chain endpoint; run with --live")
        for item in items:
            if item.get_closest_marker("live"):
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test runs may write into the developer's home folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in list(os.environ):
        if name.startswith("TAOGUIDE_"):
            monkeypatch.delenv(name)
    # live chain refresh stays off unless a test turns it on against a loopback endpoint
    monkeypatch.setenv("TAOGUIDE_CHAIN_REFRESH", "false")
    monkeypatch.setenv("TAOGUIDE_CACHE_DIR", str(tmp_path / "taoguide-cache"))


def fixture_settings(tmp: Path, **overrides: object):  # type: ignore[no-untyped-def]
    from bot.settings import Settings

    values: dict[str, object] = {"root": DATA, "content_dir": DATA / "content", "mkdocs_config": DATA / "mkdocs.yml",
                                 "site_dir": tmp / "site", "index_dir": tmp / "index", "data_dir": tmp / "data"}
    return Settings(**{**values, **overrides})


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The real embedding model, loaded once."""
    from kb.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(threads=1)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """The fixture content: site built, index built with the real model. Returns its settings."""
    from kb import build_index, build_site

    settings = fixture_settings(tmp_path_factory.mktemp("fixture"))
    build_site(settings)
    build_index(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def fixture_engine(fixture_site, embedder):  # type: ignore[no-untyped-def]
    from bot.answer import Engine
    from kb import load_index

    return Engine(fixture_site, load_index(fixture_site))  # questions encoded as the server does (kb.encoder)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """Settings for the real content/. Uses build/index when it is current, else builds into a temp folder."""
    from bot.settings import Settings
    from kb.build import build_index, index_is_current

    data_dir = tmp_path_factory.mktemp("real-data")
    settings = Settings(root=ROOT, data_dir=data_dir)
    if index_is_current(settings, embedder.model_id):
        return settings
    settings = Settings(root=ROOT, data_dir=data_dir, index_dir=tmp_path_factory.mktemp("real") / "index",
                        site_dir=tmp_path_factory.mktemp("real-site") / "site")
    build_index(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def real_engine(real_settings, embedder):  # type: ignore[no-untyped-def]
    from bot.answer import Engine
    from kb import load_index

    return Engine(real_settings, load_index(real_settings))


class FakeEmbedder:
    """Deterministic, weight-free vectors: each word hashed into one of 64 buckets, normalised."""

    model_id = "fake-hash-64"
    dim = 64

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts, batch_size: int = 32):  # type: ignore[no-untyped-def]
        import hashlib

        import numpy as np

        self.calls.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def black_hole():  # type: ignore[no-untyped-def]
    """A loopback server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"ws://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def closed_port() -> int:
    """A loopback port nothing listens on (a chain endpoint that refuses at once)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- databases: SQLite always, PostgreSQL when a server is available ------------------------------

SERVER_TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: a time read back without converting to UTC shows it


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
                                        f"-h 127.0.0.1 -p {port} -k {folder} -F -c TimeZone={SERVER_TIME_ZONE}", "start"]),
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
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    try:
        yield url
    finally:
        if callable(stop):
            stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind (every table of the PostgreSQL one dropped first)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    empty_database(url)
    return url


def empty_database(url: str) -> None:
    """Drop every table of the database at ``url`` (whatever store made it)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        tables = sa.MetaData()
        tables.reflect(engine)
        tables.drop_all(engine)
    finally:
        engine.dispose()
