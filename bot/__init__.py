"""bot: the answer side of TAO Guide.

``answer(question, history)`` returns an ``Answer`` quoted from the knowledge base (or a
refusal); the CLI, the JSON API, the Gradio chat and the widget are thin shells over it.

Layers, lowest first; a package imports only those below it, and only their ``__all__``
names: ``settings``/``errors`` → ``chain`` (the network) → ``answer`` (the pipeline) →
``feedback`` (the store) → ``web`` (the server) → ``quality`` (evaluation, benchmark) →
``cli``. ``kb`` (the build side) sits under all of them and never imports ``bot``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from bot.errors import BadAddress, BadQuestion, BotError, ChainDown, NotFound
from bot.answer import Answer, Citation, Passage, Trace
from bot.settings import Settings

__all__ = ["Answer", "BadAddress", "BadQuestion", "BotError", "ChainDown", "Citation", "Engine", "NotFound", "Passage",
           "Settings", "Trace",
           "answer", "make_app"]

_default: Any = None
_lock = threading.Lock()


def answer(question: str, history: Iterable[Any] | None = ()) -> Answer:
    """Answer one question with the default engine (settings from the environment, loaded once)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from bot.answer import Engine

                _default = Engine(Settings())
    return _default.answer(question, history)


def __getattr__(name: str) -> Any:  # heavy imports only when used
    if name == "Engine":
        from bot.answer import Engine

        return Engine
    if name == "make_app":
        from bot.web import make_app

        return make_app
    raise AttributeError(name)
