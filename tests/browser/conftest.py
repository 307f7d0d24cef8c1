"""Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).

They run whenever /usr/bin/chromium exists; with TAOGUIDE_REQUIRE_BROWSER=1 (set by .ci/run)
a missing browser fails the suite instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("TAOGUIDE_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (TAOGUIDE_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing; "
                        "install it with `apt-get install chromium`.")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live_server(fixture_site, fixture_engine):
    """The real app on a loopback port, in a background thread."""
    import uvicorn

    from bot.app import make_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(make_app(fixture_site, engine=fixture_engine), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
