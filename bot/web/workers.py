"""Answers are computed by a fixed pool of threads, one per core by default, not by one thread per
request: with sixteen questions at once, sixteen threads fight over the GIL and two cores, and every
answer waits for all of them. In the pool the others wait their turn in a bounded queue; past the
queue a question gets 503 ``busy`` at once, and an answer that takes longer than the limit gets 503
``answer_timeout`` (the client is answered; the thread finishes its work and is reused).

The encoder (ONNX Runtime) and FAISS release the GIL while they run, so two threads on two cores
overlap their heaviest parts.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from bot.errors import AnswerTooSlow, ServerBusy
from bot.settings import available_cpus

T = TypeVar("T")


class AnswerPool:
    def __init__(self, workers: int = 0, queue: int = 64, timeout_s: float = 10.0) -> None:
        self.workers = workers or available_cpus()
        self.queue = queue
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="taoguide-answer")
        self._pending = 0
        self._lock = threading.Lock()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on a pool thread; raises ServerBusy past the queue, AnswerTooSlow past the limit."""
        with self._lock:
            if self._pending >= self.workers + self.queue:
                raise ServerBusy()
            self._pending += 1
        future = asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)
        future.add_done_callback(self._done)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout_s)
        except TimeoutError:
            raise AnswerTooSlow(self.timeout_s) from None

    def _done(self, _: Any) -> None:
        with self._lock:
            self._pending -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
