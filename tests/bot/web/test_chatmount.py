"""The chat is built after start-up: requests under /chat wait for it, a slow build answers "still
starting" with Retry-After, a failed build says so, and the rest of the server never waits on it."""

import threading
import time

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from bot.web.chatmount import ChatRoute, LazyChat


def server(build, wait_s=5.0):
    chat = LazyChat(build, wait_s=wait_s)

    async def lifespan(_):
        chat.start()
        yield
        await chat.stop()

    import contextlib

    app = FastAPI(lifespan=contextlib.asynccontextmanager(lifespan))
    app.get("/api/health")(lambda: {"ok": True})
    app.add_middleware(ChatRoute, chat=chat)
    return app


def chat_app(text="the chat"):
    app = FastAPI()
    app.get("/chat/")(lambda: PlainTextResponse(text))
    return app


def test_a_request_under_chat_waits_for_the_build_and_then_reaches_the_chat():
    def slow():
        time.sleep(0.5)
        return chat_app()

    with TestClient(server(slow)) as c:
        started = time.perf_counter()
        assert c.get("/api/health").json() == {"ok": True} and time.perf_counter() - started < 0.4  # never waits
        assert c.get("/chat/").text == "the chat"


def test_a_build_slower_than_the_wait_says_the_chat_is_starting():
    release = threading.Event()

    def stuck():
        release.wait(10)
        return chat_app()

    with TestClient(server(stuck, wait_s=0.2)) as c:
        page = c.get("/chat/")
        assert page.status_code == 503 and "still starting" in page.text and page.headers["retry-after"] == "5"
        assert c.get("/api/health").status_code == 200
        release.set()


def test_a_failed_build_is_a_page_that_says_so_while_the_rest_still_works():
    def broken():
        raise RuntimeError("no gradio here")

    with TestClient(server(broken)) as c:
        page = c.get("/chat/")
        assert page.status_code == 503 and "could not start" in page.text and "server log" in page.text
        assert c.get("/api/health").status_code == 200


def test_paths_that_only_begin_with_chat_are_not_the_chat():
    with TestClient(server(chat_app)) as c:
        assert c.get("/chatter").status_code == 404


def test_under_a_root_path_the_chat_is_still_found():
    with TestClient(server(chat_app), root_path="/guide") as c:
        assert c.get("/guide/chat/").text == "the chat"
