"""``make_app(settings)``: one FastAPI app serving the JSON API, the Gradio chat and the site.

Order matters: API routes first, the chat at /chat, and the static site mounted last at /
(a catch-all mount registered earlier would shadow the others). The engine is loaded here,
before the server accepts requests, so a missing or stale index stops start-up with a
message instead of failing the first question.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from kb.embedder import set_offline_env

set_offline_env()  # before gradio is imported: no analytics, no hub calls

from fastapi import FastAPI  # noqa: E402
from fastapi.responses import HTMLResponse  # noqa: E402
from fastapi.staticfiles import StaticFiles  # noqa: E402

from bot.api import install_error_handlers, make_router  # noqa: E402
from bot.api_chain import make_chain_router  # noqa: E402
from bot.settings import Settings  # noqa: E402

_NO_SITE = """<!doctype html><title>TAO Guide</title><h1>TAO Guide</h1>
<p>The learn site has not been built yet. Run <code>taoguide build</code> (or <code>make run</code>),
then reload. The chat is at <a href="/chat/">/chat/</a> and the API at <a href="/api/docs">/api/docs</a>.</p>"""


def make_app(settings: Settings | None = None, engine: Any = None) -> FastAPI:
    import gradio as gr

    from bot.chain import make_chain_facts
    from bot.engine import Engine
    from bot.ui import make_ui

    settings = settings or Settings()
    if engine is None:
        engine = Engine(settings, chain=make_chain_facts(settings, refresh=settings.chain_refresh))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        engine.chain.start()  # background refresh; questions never wait on it
        try:
            yield
        finally:
            engine.chain.stop()

    app = FastAPI(title="TAO Guide", version="0.1.0", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan,
                  description="Ask questions about Bittensor; answers are quoted from the TAO Guide pages, and live "
                              "subnet numbers come from the chain with the block they were read at.")
    app.state.engine = engine
    app.state.settings = settings
    app.include_router(make_chain_router())
    app.include_router(make_router())  # last under /api: it ends with the catch-all JSON 404
    install_error_handlers(app)

    app = gr.mount_gradio_app(app, make_ui(engine, settings), path="/chat")

    if (settings.site_dir / "index.html").is_file():
        app.mount("/", StaticFiles(directory=settings.site_dir, html=True), name="site")
    else:
        @app.get("/", include_in_schema=False)
        def no_site() -> HTMLResponse:
            return HTMLResponse(_NO_SITE, status_code=503)

    return app
