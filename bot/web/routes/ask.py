"""The JSON API under /api: ask, the FAQ filter, health. Routes only translate HTTP to the library.

Registered last under /api: its catch-all answers any other /api path with the JSON 404 of
``bot.web.errors``, never the site's HTML 404.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bot.answer import MAX_FILTER_CHARS, Answer, FaqEntry, search_faq
from bot.web.errors import error_response


class AskRequest(BaseModel):
    question: str = Field(description="The question, in plain words.", examples=["What is TAO used for?"])
    history: list[Any] = Field(default_factory=list, description=(
        "The conversation so far, oldest first, as role/content messages: "
        '[{"role": "user", "content": "What is TAO used for?"}, {"role": "assistant", "content": "<the previous '
        'answer>"}]. Send the assistant turns too: a follow-up then answers the new question without repeating the '
        "previous answer. Plain strings count as earlier questions."))
    debug: bool = Field(False, description="Include the trace (candidates, scores, decision, timings).")
    client: Literal["api", "widget"] = Field("api", description="Who is asking; shown in `taoguide analytics`.")


class FaqResult(BaseModel):
    query: str
    entries: list[FaqEntry]


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


def make_ask_router() -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])

    # answered on the app's AnswerPool (bot.web.workers): a bounded number of threads and of waiting questions
    @router.get("/ask", summary="Ask a question (query string)")
    async def ask_get(request: Request,
                      q: str = Query(..., description="The question.", examples=["What is TAO used for?"]),
                      debug: bool = Query(False, description="Include the trace.")) -> dict[str, Any]:
        return await request.app.state.pool.run(_give, request, q, [], "api", debug)

    @router.post("/ask", summary="Ask a question (JSON body, with optional history)")
    async def ask_post(request: Request, body: AskRequest, debug: bool = Query(False)) -> dict[str, Any]:
        return await request.app.state.pool.run(_give, request, body.question, body.history, body.client,
                                                debug or body.debug)

    @router.get("/faq", summary="The FAQ, filtered as you type (the widget's FAQ mode)", response_model=FaqResult)
    def faq(request: Request,
            q: str = Query("", max_length=MAX_FILTER_CHARS, description="Filter text; empty lists every entry."),
            limit: int = Query(20, ge=1, le=200, description="At most this many entries.")) -> FaqResult:
        settings = request.app.state.settings
        entries = search_faq(request.app.state.engine.index, q, settings.min_dense, limit, settings.public_url.rstrip("/"))
        return FaqResult(query=q, entries=entries)

    @router.get("/health", summary="Is the server ready, and with which index and chain snapshot?")
    async def health(request: Request) -> dict[str, Any]:  # async: never queued behind slow lookups' threads
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

    @router.api_route("", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    @router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(path: str = "") -> JSONResponse:
        # Registered last under /api, so /api/<anything else> never falls through to the site's HTML 404.
        return error_response(404, "not_found", f"No API endpoint /api/{path}; see /api/docs for the list.")

    return router
