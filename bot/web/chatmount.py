"""The Gradio chat at /chat, built after the server has started instead of before.

Importing Gradio and building the chat take about 3.5 s on a 2-core machine, more than the rest
of start-up together; the API, the site and the widget do not need any of it. So ``make_app``
registers a ``ChatRoute`` in front of the app, and the app's lifespan starts the build on a
thread. Until it is done, a request under /chat waits for it (up to ``wait_s``); if it never
comes, or the build failed, the request gets a plain page that says so and what to do, while
everything else keeps working. Once built, the chat is Gradio's own app, mounted at /chat of a
small FastAPI app of its own, whose lifespan (Gradio's queue and startup events) runs inside
the server's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from fastapi.responses import HTMLResponse

log = logging.getLogger("taoguide.web")

PREFIX = "/chat"
_STARTING = ("<!doctype html><title>TAO Guide chat</title><h1>The chat is still starting</h1>"
             "<p>Reload this page in a few seconds. The <a href=\"../\">learn site</a> and the API already work.</p>")
_FAILED = ("<!doctype html><title>TAO Guide chat</title><h1>The chat could not start</h1>"
           "<p>The server log says why; restart the server after fixing it. The <a href=\"../\">learn site</a>, the "
           "widget and the API still work.</p>")


class LazyChat:
    """Builds the chat app once, on a thread, and runs its lifespan until the server stops."""

    def __init__(self, build: Callable[[], Any], wait_s: float = 30.0) -> None:
        self._build = build
        self.wait_s = wait_s
        self.app: Any = None
        self.failed = False
        self._ready: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._stack = contextlib.AsyncExitStack()

    def start(self) -> None:
        """From the server's lifespan: begin building in the background (never waited for here)."""
        self._ready = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        assert self._ready is not None
        try:
            app = await asyncio.to_thread(self._build)
            await self._stack.enter_async_context(app.router.lifespan_context(app))
            self.app = app
        except Exception:  # noqa: BLE001 - the rest of the server keeps serving; the chat page says so
            log.exception("the chat could not be built")
            self.failed = True
        finally:
            self._ready.set()

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        await self._stack.aclose()

    async def wait(self) -> Any:
        """The built chat app, or None when it failed or did not come within ``wait_s``."""
        if self.app is None and self._ready is not None and not self.failed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ready.wait(), self.wait_s)
        return self.app


class ChatRoute:
    """ASGI middleware: /chat and everything under it goes to the chat once it is built."""

    def __init__(self, app: Any, chat: LazyChat) -> None:
        self.app = app
        self.chat = chat

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path, root = scope.get("path", ""), scope.get("root_path", "")
        if root and path.startswith(root):  # under a public URL's path, uvicorn puts it in front of the path
            path = path[len(root):]
        if scope["type"] in ("http", "websocket") and (path == PREFIX or path.startswith(PREFIX + "/")):
            chat = await self.chat.wait()
            if chat is not None:
                await chat(scope, receive, send)
                return
            if scope["type"] == "http":
                page = _FAILED if self.chat.failed else _STARTING
                headers = {} if self.chat.failed else {"Retry-After": "5"}
                await HTMLResponse(page, status_code=503, headers=headers)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def build_chat(engine: Any, settings: Any, store: Any) -> Any:
    """The chat as its own small app: Gradio's, mounted at /chat (run on the build thread)."""
    import gradio as gr
    from fastapi import FastAPI

    from bot.web import chat_look
    from bot.web.chat import make_ui

    holder = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    return gr.mount_gradio_app(holder, make_ui(engine, settings, store), path=PREFIX, theme=chat_look.theme(),
                               css=chat_look.CSS)
