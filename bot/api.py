"""The JSON API under /api: ask, the FAQ filter, health. Routes only translate HTTP to the library.

Every failure under /api has one body shape, ``{"ok": false, "error": {"code", "message",
"status"}}`` (see ``error_body``), pinned by tests/bot/test_api.py.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bot.errors import BotError
from bot.faq import MAX_FILTER_CHARS, FaqEntry, search_faq
from bot.records import Answer


class AskRequest(BaseModel):
    question: str = Field(description="The question, in plain words.", examples=["What is TAO used for?"])
    history: list[Any] = Field(default_factory=list, description="Earlier turns: questions, or role/content messages.")
    debug: bool = Field(False, description="Include the trace (candidates, scores, decision, timings).")
    client: Literal["api", "widget"] = Field("api", description="Who is asking; shown in `taoguide analytics`.")


class FaqResult(BaseModel):
    query: str
    entries: list[FaqEntry]


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape of the API. Callers may add keys; never remove these."""
    return {"ok": False, "error": {"code": code, "message": message, "status": status}}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status)


def _give(request: Request, question: str, history: list[Any], channel: str, debug: bool) -> dict[str, Any]:
    """Answer, remember the answer in the feedback store (when there is one), return its JSON."""
    answer = request.app.state.engine.answer(question, history)
    store = getattr(request.app.state, "store", None)
    if store is not None:
        store.record_answer(answer, channel)
    return _answer_json(answer, debug)


def _answer_json(answer: Answer, debug: bool) -> dict[str, Any]:
    data = answer.model_dump(exclude=None if debug else {"trace"})
    data["score"] = round(answer.score, 4)
    return data


def make_router() -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/ask", summary="Ask a question (query string)")
    def ask_get(request: Request,
                q: str = Query(..., description="The question.", examples=["What is TAO used for?"]),
                debug: bool = Query(False, description="Include the trace.")) -> dict[str, Any]:
        return _give(request, q, [], "api", debug)

    @router.post("/ask", summary="Ask a question (JSON body, with optional history)")
    def ask_post(request: Request, body: AskRequest, debug: bool = Query(False)) -> dict[str, Any]:
        return _give(request, body.question, body.history, body.client, debug or body.debug)

    @router.get("/faq", summary="The FAQ, filtered as you type (the widget's FAQ mode)", response_model=FaqResult)
    def faq(request: Request,
            q: str = Query("", max_length=MAX_FILTER_CHARS, description="Filter text; empty lists every entry."),
            limit: int = Query(20, ge=1, le=200, description="At most this many entries.")) -> FaqResult:
        settings = request.app.state.settings
        entries = search_faq(request.app.state.engine.index, q, settings.min_dense, limit, settings.public_url.rstrip("/"))
        return FaqResult(query=q, entries=entries)

    @router.get("/health", summary="Is the server ready, and with which index and chain snapshot?")
    def health(request: Request) -> dict[str, Any]:
        engine = request.app.state.engine
        manifest = engine.index.manifest
        _, fresh = engine.chain.current()
        return {
            "ok": True,
            "sections": len(engine.index.sections),
            "index_built_at": manifest.built_at,
            "model": manifest.model_id,
            "stale": engine.index.stale_reasons,
            "chain": {"state": fresh.state, "label": fresh.label, "block": fresh.block},
        }

    @router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(path: str) -> JSONResponse:
        # Registered last under /api, so /api/<anything else> never falls through to the site's HTML 404.
        return error_response(404, "not_found", f"No API endpoint /api/{path}; see /api/docs for the list.")

    return router


_HINTS = [  # what a valid request to each endpoint looks like, for the 422 message
    ("/api/ask", 'Send a question as ?q=... or as JSON {"question": "..."}; see /api/docs.'),
    ("/api/feedback", 'Send JSON {"answer_id": "<id of the answer>", "vote": "up" or "down", "comment": "optional"}; '
                      "see /api/docs."),
    ("/api/faq", "Send the filter as ?q=... (at most 200 characters); see /api/docs."),
]


def install_error_handlers(app: Any) -> None:
    """One place turns exceptions under /api into the JSON error shape; other paths keep their defaults."""
    from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    @app.exception_handler(BotError)
    async def _bot_error(request: Request, exc: BotError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Any:
        if not is_api(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        hint = next((h for path, h in _HINTS if request.url.path.endswith(path)), "See /api/docs for what each endpoint takes.")
        return error_response(422, "invalid_request", f"The request is not valid ({problems}). {hint}")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Any:
        if not is_api(request):
            return await http_exception_handler(request, exc)
        message = "No such API endpoint; see /api/docs for the list." if exc.status_code == 404 else str(exc.detail)
        return error_response(exc.status_code, "not_found" if exc.status_code == 404 else "http_error", message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        import logging

        logging.getLogger("taoguide").exception("unexpected error on %s", request.url.path)
        return error_response(500, "internal_error",
                              "Something went wrong on our side; the error was logged. Try again, or rephrase the question.")
