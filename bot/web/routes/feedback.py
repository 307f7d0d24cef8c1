"""Feedback in, analytics out: POST /api/feedback (thumbs from the widget and API clients) and the
token-protected /admin/analytics page. Routes only translate HTTP to the feedback store."""

from __future__ import annotations

import secrets
from html import escape
from typing import Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from bot.feedback import MAX_COMMENT, FeedbackOff, Report, Vote, report as analytics_report


class FeedbackRequest(BaseModel):
    answer_id: str = Field(min_length=1, max_length=64, description='The "id" of the answer being rated.')
    vote: Vote = Field(description="up or down.")
    comment: str | None = Field(None, max_length=MAX_COMMENT, description="What was wrong or missing (optional).")


def make_feedback_router() -> APIRouter:
    router = APIRouter()

    @router.post("/api/feedback", tags=["api"], summary="Rate an answer (thumbs up or down, optional comment)")
    def feedback(request: Request, body: FeedbackRequest) -> dict[str, Any]:
        store = request.app.state.store
        if store is None:
            raise FeedbackOff("This server does not store feedback (TAOGUIDE_ANALYTICS=false, or its store could "
                              "not be opened: see the server log).")
        store.vote(body.answer_id, body.vote, body.comment)
        return {"ok": True}

    @router.get("/admin/analytics", include_in_schema=False, response_class=HTMLResponse)
    def admin(request: Request, token: str = Query(""), days: int = Query(30, ge=1, le=3650),
              authorization: str = Header("")) -> HTMLResponse:
        settings, store = request.app.state.settings, request.app.state.store
        expected = settings.admin_token.get_secret_value()
        given = token or authorization.removeprefix("Bearer ").strip()
        if not expected:
            return _page("Analytics are off", "<p>Set <code>TAOGUIDE_ADMIN_TOKEN</code> and restart the server to open "
                                              "this page, or run <code>taoguide analytics</code> on the server.</p>", 404)
        if not secrets.compare_digest(given.encode(), expected.encode()):
            return _page("Token needed", "<p>Open this page with <code>?token=…</code> (the server's "
                                         "<code>TAOGUIDE_ADMIN_TOKEN</code>) or send it as a Bearer token.</p>", 401)
        if store is None:
            return _page("No feedback store", "<p>This server stores no answers (TAOGUIDE_ANALYTICS=false, or the "
                                              "store could not be opened: see the server log).</p>", 503)
        return _page("TAO Guide analytics", render_html(analytics_report(store, days=days)))

    return router


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (f"<!doctype html><html lang=en><meta charset=utf-8><meta name=robots content=noindex>"
            f"<meta name=viewport content='width=device-width,initial-scale=1'><title>{escape(title)}</title>"
            "<style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}"
            "table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border-bottom:1px solid #ddd;"
            "padding:.35rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}</style>"
            f"<h1>{escape(title)}</h1>{body}</html>")
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _table(caption: str, head: list[str], rows: list[list[Any]], empty: str) -> str:
    if not rows:
        return f"<h2>{escape(caption)}</h2><p>{escape(empty)}</p>"
    cells = "".join("<tr>" + "".join(f"<td{' class=n' if isinstance(v, int) else ''}>{escape(str(v))}</td>" for v in row)
                    + "</tr>" for row in rows)
    header = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f"<h2>{escape(caption)}</h2><table><tr>{header}</tr>{cells}</table>"


def render_html(report: Report) -> str:
    """Every value is escaped: questions and comments are whatever people typed."""
    return "".join([
        f"<p>{report.total} answers in the last {report.days} days.</p>",
        _table("Top questions", ["Asked", "Question", "Answered as", "Top source"],
               [[q.count, q.question, q.kind, q.top_url or ""] for q in report.top_questions], "No questions yet."),
        _table("Refused questions (coverage gaps)", ["Asked", "Question", "Closest page"],
               [[q.count, q.question, q.top_url or ""] for q in report.refusals], "No refusals."),
        _table("Thumbs down", ["When (UTC)", "Question", "Answer", "Comment"],
               [[d.voted_at.strftime("%Y-%m-%d %H:%M"), d.question, d.answer[:300], d.comment or ""]
                for d in report.downvotes], "No thumbs down."),
        _table("Per day", ["Day", "Answers", "Refusals", "👍", "👎"],
               [[d.day, d.answers, d.refusals, d.up, d.down] for d in report.per_day], "No answers yet."),
    ])
