"""Lookups never hold the server hostage to a slow chain: a bound on how many wait at once, and a
circuit breaker that stops calling a chain that keeps failing.

A validator or portfolio lookup is a live read that may wait up to ``lookup_timeout_s``. Each
waiting lookup holds a server thread, so without a bound a hanging endpoint fills the thread
pool and the whole server stops answering (questions, health, the site). Here at most
``lookup_concurrency`` lookups wait at once and the rest are refused at once with a message
to retry; after ``chain_failures_before_pause`` failures in a row the breaker (pybreaker) opens
and lookups fail fast for ``chain_pause_s`` before one trial call is let through again.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pybreaker

from bot.errors import ChainBusy, ChainDown

T = TypeVar("T")

BUSY = ("{n} lookups are already waiting on the chain, so this one was not started. Try again in a few "
        "seconds.")
PAUSED = ("The chain has not answered the last {n} lookups, so lookups are paused for up to {s:.0f} seconds "
          "instead of waiting on it. Try again in a minute; questions and the site keep working meanwhile.")


class LookupGuard:
    """The bound and the breaker for one chain connection's lookups (thread-safe)."""

    def __init__(self, max_in_flight: int, failures: int, pause_s: float, counts: type[BaseException]) -> None:
        self.max_in_flight = max_in_flight
        self._slots = threading.BoundedSemaphore(max_in_flight)
        # only the chain failing counts; "not a validator" or a bad address is an answer, not a failure
        self._breaker = pybreaker.CircuitBreaker(fail_max=failures, reset_timeout=pause_s, throw_new_error_on_trip=False,
                                                 exclude=[lambda exc: not isinstance(exc, counts)])

    @property
    def state(self) -> str:
        return self._breaker.current_state  # "closed", "open" or "half-open"

    def run(self, read: Callable[[], T]) -> T:
        if not self._slots.acquire(blocking=False):
            raise ChainBusy(BUSY.format(n=self.max_in_flight))
        try:
            return self._breaker.call(read)
        except pybreaker.CircuitBreakerError:  # open: the chain is not called at all
            raise ChainDown(PAUSED.format(n=self._breaker.fail_max, s=self._breaker.reset_timeout)) from None
        finally:
            self._slots.release()


_guards: weakref.WeakKeyDictionary[Any, LookupGuard] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def guard_for(chain: Any, settings: Any, counts: type[BaseException]) -> LookupGuard:
    """The guard of this chain connection (one per server's chain facts), made on first use."""
    with _lock:
        guard = _guards.get(chain)
        if guard is None:
            guard = LookupGuard(settings.lookup_concurrency, settings.chain_failures_before_pause,
                                settings.chain_pause_s, counts)
            _guards[chain] = guard
        return guard
