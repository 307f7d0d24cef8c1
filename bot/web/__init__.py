"""The web shell: one FastAPI app (``make_app``) serving the built site at /, the Gradio chat
at /chat (``chat``), the JSON API under /api and the pages the server renders (``routes``,
``pages``: the screener, subnet pages and live baskets), the embeddable widget's files (``widget/``), one JSON error shape (``errors``)
and the widget's cross-origin rule (``cors``). It only translates HTTP to the library
(``bot.answer``, ``bot.chain``, ``bot.feedback``), which never imports it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["guarded", "make_app", "protocol_for"]


def __getattr__(name: str) -> Any:  # importing the app sets the offline environment before gradio loads
    if name == "make_app":
        from bot.web.app import make_app

        return make_app
    if name in ("guarded", "protocol_for"):  # how `taoguide serve` runs it: slow clients lose their connection
        from bot.web import connections

        return getattr(connections, name)
    raise AttributeError(name)
