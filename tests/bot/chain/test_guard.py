"""Lookups are bounded and stop calling a failing chain for a while; answers that are not failures don't count."""

import threading
import time

import pytest

from bot.chain.guard import LookupGuard
from bot.errors import ChainBusy, ChainDown, NotFound


class Down(Exception):
    pass


def failing():
    raise Down("no answer")


def test_after_repeated_failures_the_chain_is_not_called_until_the_pause_ends():
    guard = LookupGuard(max_in_flight=2, failures=3, pause_s=0.3, counts=Down)
    calls = []

    def read():
        calls.append(1)
        raise Down("no answer")

    for _ in range(3):
        with pytest.raises(Down):
            guard.run(read)
    with pytest.raises(ChainDown, match="paused"):
        guard.run(read)
    assert len(calls) == 3 and guard.state == "open"
    time.sleep(0.35)
    assert guard.run(lambda: "back") == "back" and guard.state == "closed"  # one trial call closes it again


def test_an_answer_that_is_not_a_chain_failure_does_not_count():
    guard = LookupGuard(max_in_flight=2, failures=2, pause_s=60, counts=Down)

    def not_a_validator():
        raise NotFound("not a validator")

    for _ in range(5):
        with pytest.raises(NotFound):
            guard.run(not_a_validator)
    assert guard.state == "closed"


def test_lookups_past_the_bound_are_refused_at_once_while_the_others_wait():
    guard = LookupGuard(max_in_flight=2, failures=3, pause_s=60, counts=Down)
    release = threading.Event()
    waiting = [threading.Thread(target=guard.run, args=(release.wait,)) for _ in range(2)]
    for t in waiting:
        t.start()
    time.sleep(0.1)
    started = time.perf_counter()
    with pytest.raises(ChainBusy, match="Try again"):
        guard.run(lambda: "third")
    assert time.perf_counter() - started < 0.05
    release.set()
    for t in waiting:
        t.join(2)
    assert guard.run(lambda: "free again") == "free again"
