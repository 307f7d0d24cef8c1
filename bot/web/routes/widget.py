"""Serves the embeddable widget: /widget.js (the one-tag embed) and /embed/ (the iframe fallback).

The script is a static file in bot/web/widget/, served as is: no build step, and the same bytes
the site copies next to its pages.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

WIDGET_DIR = Path(__file__).parents[1] / "widget"
WIDGET_JS = WIDGET_DIR / "widget.js"
CACHE = {"Cache-Control": "public, max-age=300"}  # short: a new release reaches embeds within minutes


def make_widget_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/widget.js")
    def widget() -> FileResponse:
        return FileResponse(WIDGET_JS, media_type="text/javascript; charset=utf-8", headers=CACHE)

    @router.get("/embed/")
    def embed() -> FileResponse:
        return FileResponse(WIDGET_DIR / "embed.html", media_type="text/html; charset=utf-8", headers=CACHE)

    return router
