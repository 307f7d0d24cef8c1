"""The answer pool: a bounded number of threads compute answers, a full queue says "busy" at once,
an answer past the time limit gets a clear 503, and the API answers through it."""

import asyncio
import threading
import time

import pytest

from bot.errors import AnswerTooSlow, ServerBusy
from bot.web.workers import AnswerPool
from tests.bot.web.conftest import assert_error


def test_answers_run_on_at_most_the_pools_threads():
    pool = AnswerPool(workers=2, queue=10, timeout_s=5)
    running, peak, lock = [0], [0], threading.Lock()

    def work(n):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return n * 2

    async def many():
        return await asyncio.gather(*(pool.run(work, n) for n in range(8)))

    assert asyncio.run(many()) == [n * 2 for n in range(8)] and peak[0] == 2
    pool.close()


def test_past_the_queue_a_question_is_refused_at_once_with_when_to_retry():
    pool = AnswerPool(workers=1, queue=1, timeout_s=5)
    release = threading.Event()

    async def flood():
        first = [asyncio.ensure_future(pool.run(release.wait)) for _ in range(2)]  # one runs, one waits
        await asyncio.sleep(0.05)
        with pytest.raises(ServerBusy) as refused:
            await pool.run(release.wait)
        release.set()
        await asyncio.gather(*first)
        return refused.value

    refused = asyncio.run(flood())
    assert refused.status == 503 and refused.retry_after_s == 2 and "ask again" in refused.message
    assert asyncio.run(pool.run(lambda: "free again")) == "free again"
    pool.close()


def test_an_answer_past_the_time_limit_gets_a_503_that_says_what_to_do():
    pool = AnswerPool(workers=1, queue=4, timeout_s=0.05)
    with pytest.raises(AnswerTooSlow, match="shorter question"):
        asyncio.run(pool.run(time.sleep, 0.5))
    pool.close()


def test_the_api_answers_through_the_pool_and_a_full_one_is_a_json_503(fixture_site, fixture_engine):
    from fastapi.testclient import TestClient

    from bot.web import make_app

    settings = fixture_site.model_copy(update={"answer_workers": 1, "answer_queue": 0})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        assert c.get("/api/ask", params={"q": "How many moons does Vortan have?"}).status_code == 200
        pool = c.app.state.pool
        release = threading.Event()
        blocker = threading.Thread(target=lambda: asyncio.run(pool.run(release.wait)))
        blocker.start()
        time.sleep(0.1)
        try:
            busy = c.get("/api/ask", params={"q": "How many moons does Vortan have?"})
            assert "ask again in a few seconds" in assert_error(busy, 503, "busy") and busy.headers["retry-after"] == "2"
        finally:
            release.set()
            blocker.join()
