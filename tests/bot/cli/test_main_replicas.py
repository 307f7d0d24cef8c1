"""Two `taoguide serve` processes on loopback against one PostgreSQL, as replicas behind a proxy run:
an answer given by one is counted (and can be voted on) by the other, exactly one of them reads
the chain while the other serves the same block, and when the reader's refresher dies the reader
takes over.

Each server is the real CLI, app and uvicorn in its own process, with chain refresh on against
the fake chain of tests/bot/chain/fake_substrate.py (tests/bot/cli/serve_on_fake_chain.py): its
blocks start at 8,000,000 in replica A and 9,000,000 in replica B, so the stored chain history
shows which replica read each block.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.conftest import closed_port, empty_database

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "replica-test-token"


class Replica:
    def __init__(self, name: str, base: int, settings, database_url: str, folder: Path) -> None:
        self.name, self.base, self.port = name, base, closed_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TAOGUIDE_")}
        env.update({f"TAOGUIDE_{n.upper()}": str(getattr(settings, n))
                    for n in ("root", "content_dir", "mkdocs_config", "site_dir", "index_dir")})
        env.update(PYTHONPATH=str(ROOT), HOME=str(folder / "home"), TAOGUIDE_DATABASE_URL=database_url,
                   TAOGUIDE_DATA_DIR=str(folder / "data"), TAOGUIDE_CACHE_DIR=str(folder / "cache"),
                   TAOGUIDE_CHAIN_REFRESH="true", TAOGUIDE_CHAIN_REFRESH_S="10", TAOGUIDE_ADMIN_TOKEN=TOKEN,
                   TAOGUIDE_WALLET_TRACKING="false")
        self.log = (folder / "server.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.bot.cli.serve_on_fake_chain", str(base), "serve", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, timeout=10)

    def post(self, path: str, body: dict) -> httpx.Response:
        return httpx.post(self.url + path, json=body, timeout=10)

    def chain(self) -> dict:
        return self.get("/api/chain").json()

    def healthy(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"replica {self.name} exited ({self.process.returncode}): {Path(self.log.name).read_text()[-2000:]}")
        try:
            return self.get("/api/health").status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.log.close()


def until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.25)


def history_blocks(url: str) -> list[int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as db:
            return [r[0] for r in db.execute(sa.text("SELECT block FROM chain_refreshes ORDER BY block"))]
    finally:
        engine.dispose()


@pytest.fixture
def replicas(fixture_site, postgres_url, tmp_path):
    empty_database(postgres_url)
    for folder in ("A", "B"):
        (tmp_path / folder).mkdir()
    made = [Replica(name, base, fixture_site, postgres_url, tmp_path / name)
            for name, base in (("A", 8_000_000), ("B", 9_000_000))]
    try:
        until(lambda: all(r.healthy() for r in made), 240, "both replicas to answer /api/health")
        yield made
    finally:
        for r in made:
            r.stop(signal.SIGKILL)


def test_two_replicas_share_the_answers_and_one_chain_refresh(replicas, postgres_url):
    a, b = replicas

    # an answer given by A is known to B: B takes a vote on it, and both count it
    asked = a.post("/api/ask", {"question": "How many moons does Planet Vortan have?"})
    assert asked.status_code == 200
    answer_id = asked.json()["id"]
    assert b.post("/api/feedback", {"answer_id": answer_id, "vote": "down", "comment": "voted through B"}).json() == {"ok": True}
    for replica in (a, b):
        page = replica.get(f"/admin/analytics?token={TOKEN}").text
        assert "<p>1 answers in the last 30 days.</p>" in page and "How many moons does Planet Vortan have?" in page
        assert "voted through B" in page

    # exactly one replica reads the chain; the other serves the same block, as live
    until(lambda: sorted(r.chain()["role"] for r in replicas) == ["reader", "refresher"], 60, "one refresher")
    refresher, reader = sorted(replicas, key=lambda r: r.chain()["role"] != "refresher")
    until(lambda: len(history_blocks(postgres_url)) >= 2, 60, "two refreshes")
    until(lambda: reader.chain()["block"] == refresher.chain()["block"], 30, "the reader to serve the refresher's block")
    seen_by_reader, seen_by_refresher = reader.chain(), refresher.chain()
    assert seen_by_reader["state"] == "live" and seen_by_reader["refreshed_by"] == seen_by_refresher["refreshed_by"]
    assert seen_by_reader["block"] // 1_000_000 == refresher.base // 1_000_000
    assert {blk // 1_000_000 for blk in history_blocks(postgres_url)} == {refresher.base // 1_000_000}

    # the refresher dies without a word: the reader takes over its lease and reads the chain itself
    refresher.stop(signal.SIGKILL)
    until(lambda: reader.chain()["role"] == "refresher", 30, "the reader to take over")
    until(lambda: reader.chain()["block"] // 1_000_000 == reader.base // 1_000_000, 30, "the new refresher's own read")
    assert reader.chain()["state"] == "live"
    assert {blk // 1_000_000 for blk in history_blocks(postgres_url)} == {8, 9}
