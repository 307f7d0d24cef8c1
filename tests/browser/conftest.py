"""Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).

They run whenever /usr/bin/chromium exists; with TAOGUIDE_REQUIRE_BROWSER=1 (set by .ci/run)
a missing browser fails the suite instead of skipping it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
import socket
import threading
import time

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def assert_opens_with_staking_and_repeats_nothing(first: str, second: str) -> None:
    """The follow-up "and how do I stake it?" opens with how to stake and says no sentence of the first answer again."""
    from bot.quality.reading import opening

    start = opening(second)
    assert "btcli stake add" in start or "stake from a coldkey" in start.lower(), start
    first_sentences = {s.strip() for s in first.split(". ") if len(s) > 30}
    assert not [s for s in second.split(". ") if s.strip() in first_sentences]


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


def _free_port(host: str = "127.0.0.1") -> int:
    sock = socket.socket()
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _serve(app, host: str = "127.0.0.1", port: int | None = None, root_path: str = ""):  # type: ignore[no-untyped-def]
    """Run an ASGI app on a loopback port (a free one by default) in a background thread; yields its base URL."""
    import uvicorn

    port = port or _free_port(host)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", root_path=root_path))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chat_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    from bot.feedback import FeedbackStore

    return FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('chat-feedback') / 'feedback.sqlite'}")


@pytest.fixture(scope="session")
def live_server(fixture_site, fixture_engine, chat_store):  # type: ignore[no-untyped-def]
    """The real app over the fixture site, on a loopback port."""
    from bot.web import make_app

    yield from _serve(make_app(fixture_site, engine=fixture_engine, store=chat_store))


@dataclass
class Server:
    url: str
    store: object


@pytest.fixture(scope="session")
def third_party(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Another origin (localhost, its own port) serving the pages tests write into its folder."""
    folder = tmp_path_factory.mktemp("third-party")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def real_server(real_settings, real_engine, third_party, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The real content's app (site with the widget on every page), allowing the third-party origin."""
    from kb import build_site

    from bot.web import make_app
    from bot.feedback import FeedbackStore

    build_site(real_settings, force=False)
    store = FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('widget-feedback') / 'feedback.sqlite'}")
    settings = real_settings.model_copy(update={"cors_origins": [third_party[1]]})
    for url in _serve(make_app(settings, engine=real_engine, store=store)):
        yield Server(url, store)


@pytest.fixture(scope="session")
def open_server(real_settings, real_engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The real content's app with the default CORS setting (no origin listed): any site may ask."""
    from kb import build_site

    from bot.web import make_app
    from bot.feedback import FeedbackStore

    build_site(real_settings, force=False)
    store = FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('open-feedback') / 'feedback.sqlite'}")
    assert real_settings.cors_origins == []
    for url in _serve(make_app(real_settings, engine=real_engine, store=store)):
        yield Server(url, store)


@pytest.fixture(scope="session")
def subpath_server(real_settings, real_engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The app behind a reverse proxy that serves it under /guide (the proxy strips the prefix, as nginx's
    `location /guide/ { proxy_pass http://app/; }` does), with TAOGUIDE_PUBLIC_URL set to the public address
    and the server given its path as root_path, as `taoguide serve` does."""
    from bot.web import make_app
    from bot.answer import Engine
    from bot.feedback import FeedbackStore

    store = FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('subpath-feedback') / 'feedback.sqlite'}")
    port = _free_port()
    public = f"http://127.0.0.1:{port}/guide"  # what an operator sets as TAOGUIDE_PUBLIC_URL
    settings = real_settings.model_copy(update={"public_url": public})
    engine = Engine(settings, real_engine.index)
    for upstream in _serve(make_app(settings, engine=engine, store=store), root_path=settings.root_path):
        for _ in _serve(_prefix_proxy("/guide", upstream), port=port):
            yield Server(public, store)


def _prefix_proxy(prefix: str, upstream: str):  # type: ignore[no-untyped-def]
    """A minimal streaming reverse proxy: {prefix}/x → {upstream}/x, responses streamed through (SSE works)."""
    import httpx
    from starlette.applications import Starlette
    from starlette.background import BackgroundTask
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, StreamingResponse
    from starlette.routing import Route

    client = httpx.AsyncClient(base_url=upstream, timeout=None)

    async def forward(request: Request):  # type: ignore[no-untyped-def]
        if not request.url.path.startswith(prefix + "/"):
            return PlainTextResponse("not behind the proxy's prefix", status_code=404)
        path = request.url.path[len(prefix):] + (f"?{request.url.query}" if request.url.query else "")
        headers = [(k, v) for k, v in request.headers.raw if k.lower() != b"host"]
        upstream_request = client.build_request(request.method, path, headers=headers, content=await request.body())
        response = await client.send(upstream_request, stream=True)
        return StreamingResponse(response.aiter_raw(), status_code=response.status_code,
                                 headers={k: v for k, v in response.headers.items() if k.lower() != "transfer-encoding"},
                                 background=BackgroundTask(response.aclose))

    return Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"])])


ARTIFACTS = Path(os.environ.get("TAOGUIDE_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "build" / "test-artifacts"))


@pytest.fixture
def shot(request):  # type: ignore[no-untyped-def]
    """shot(page, "state") saves a full-page screenshot as a test artifact: build/test-artifacts/<test>-<state>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, state: str) -> Path:  # type: ignore[no-untyped-def]
        path = ARTIFACTS / f"{request.node.name}-{state}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return save


def api(server, path):  # type: ignore[no-untyped-def]
    """A JSON endpoint of a test server, read as a client would."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"{server}{path}", timeout=10) as response:
        return json.loads(response.read())


def open_page(browser, url, ready, width=1280, height=900):  # type: ignore[no-untyped-def]
    """A page at ``width`` × ``height`` opened at ``url`` and waited on until ``ready`` (a selector) shows;
    ``page.errors`` collects the page's script errors."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(ready).first.wait_for()
    page.errors = errors
    return page
