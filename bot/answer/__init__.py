"""The answer pipeline: a question (and the conversation so far) in, one ``Answer`` out.

``Engine.answer`` is the only orchestration: clean the question (``question``), decline what
is out of scope (``scope``), route live-number questions to the chain layer, retrieve from the
index, decide to answer or refuse, and quote sentences (``pick``, ``compose``, ``shape``); ``live`` answers
with chain data (live numbers, the stake of an address in a question). ``faq`` is the FAQ filter
behind the widget, ``records`` the typed records every shell shows, and ``seedphrase`` keeps
wallet seed phrases out of traces and stores. Nothing here imports a shell (web, cli).
"""

from __future__ import annotations

from typing import Any

from bot.answer.faq import MAX_FILTER_CHARS, FaqEntry, search_faq
from bot.answer.records import Answer, Candidate, Citation, LiveFacts, Passage, Trace
from bot.answer.seedphrase import REDACTED, contains_seed_phrase, redact

__all__ = ["MAX_FILTER_CHARS", "REDACTED", "Answer", "Candidate", "Citation", "Engine", "FaqEntry", "LiveFacts",
           "Passage", "Trace", "contains_seed_phrase", "redact", "search_faq"]


def __getattr__(name: str) -> Any:  # the engine loads numpy and the index code only when used
    if name == "Engine":
        from bot.answer.engine import Engine

        return Engine
    raise AttributeError(name)
