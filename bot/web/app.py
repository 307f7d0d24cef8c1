"""``make_app(settings)``: one FastAPI app serving the JSON API, the widget, the Gradio chat and the site.

Order matters: API routes first and the static site mounted last at / (a catch-all mount
registered earlier would shadow the others); the chat at /chat is routed in front of both and
built after start-up (``bot.web.chatmount``). The engine is loaded here,
before the server accepts requests, so a missing or stale index stops start-up with a
message instead of failing the first question.

Cross-origin calls (the widget on other sites): /api/ask and /api/faq answer any site unless the
settings list origins; /api/feedback only the listed ones; nothing else (``bot.web.cors``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

from kb.embedder import set_offline_env

set_offline_env()  # before gradio is imported (bot.web.chatmount): no analytics, no hub calls

from fastapi import FastAPI  # noqa: E402
from fastapi_offline import FastAPIOffline  # noqa: E402
from fastapi.responses import HTMLResponse  # noqa: E402
from fastapi.staticfiles import StaticFiles  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.web.chatmount import ChatRoute, LazyChat, build_chat  # noqa: E402
from bot.web.cors import WidgetCORS  # noqa: E402
from bot.web.errors import install_error_handlers  # noqa: E402
from bot.web.limits import BodyLimit  # noqa: E402
from bot.web.ratelimit import RateLimit, rules_from  # noqa: E402
from bot.web.workers import AnswerPool  # noqa: E402
from bot.web.routes import (make_ask_router, make_chain_router, make_feedback_router, make_pages_router,  # noqa: E402
                            make_staker_router, make_widget_router)

_NO_SITE = """<!doctype html><title>TAO Guide</title><h1>TAO Guide</h1>
<p>The learn site has not been built yet. Run <code>taoguide build</code> (or <code>make run</code>),
then reload. The chat is at <a href="/chat/">/chat/</a> and the API at <a href="/api/docs">/api/docs</a>.</p>"""


def make_app(settings: Settings | None = None, engine: Any = None, store: Any = "open") -> FastAPI:
    """The whole server. ``store`` is the feedback store; by default the one the settings name."""
    from bot.answer import Engine
    from bot.chain import make_chain_facts
    from bot.feedback import open_store

    settings = settings or Settings()
    if engine is None:
        engine = Engine(settings, chain=make_chain_facts(settings, refresh=settings.chain_refresh))
    if store == "open":
        store = open_store(settings)

    pool = AnswerPool(settings.answer_workers, settings.answer_queue, settings.answer_timeout_s)
    chat = LazyChat(lambda: build_chat(engine, settings, store))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        engine.chain.start()  # background refresh; questions never wait on it
        # the encoder's session loads while the server starts listening, not in the first question
        threading.Thread(target=engine.index.embed_query, args=("warm-up",), daemon=True).start()
        chat.start()  # Gradio is imported and the chat built after start-up (bot.web.chatmount)
        try:
            yield
        finally:
            await chat.stop()
            pool.close()
            engine.chain.stop()
            if store is not None:
                store.close()

    # the API docs' Swagger UI is served from the installed fastapi-offline package, never from a CDN
    app = FastAPIOffline(title="TAO Guide", version="0.1.0", docs_url="/api/docs", redoc_url=None,
                         static_url="/api/docs-assets", openapi_url="/api/openapi.json", lifespan=lifespan,
                         description="Ask questions about Bittensor; answers are quoted from the TAO Guide pages, and "
                                     "live subnet numbers come from the chain with the block they were read at.")
    app.state.engine = engine
    app.state.settings = settings
    app.state.store = store
    app.state.pool = pool
    app.include_router(make_widget_router())
    app.include_router(make_feedback_router())
    app.include_router(make_pages_router())  # before the chain router: it replaces that router's /subnets page
    app.include_router(make_chain_router())
    app.include_router(make_staker_router())
    app.include_router(make_ask_router())  # last under /api: it ends with the catch-all JSON 404
    install_error_handlers(app)
    app.add_middleware(ChatRoute, chat=chat)  # innermost: the limits below apply to the chat too
    app.add_middleware(WidgetCORS, origins=settings.cors_origins)
    app.add_middleware(RateLimit, rules=rules_from(settings), trusted_proxies=settings.trusted_proxies)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)  # outermost: nothing reads a huge body


    if (settings.site_dir / "index.html").is_file():
        app.mount("/", StaticFiles(directory=settings.site_dir, html=True), name="site")
    else:
        @app.get("/", include_in_schema=False)
        def no_site() -> HTMLResponse:
            return HTMLResponse(_NO_SITE, status_code=503)

    return app
