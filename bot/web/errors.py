"""One error shape for the whole API: every failure under /api answers
``{"ok": false, "error": {"code", "message", "status"}}`` (``error_body``), pinned by
tests/bot/web/test_errors.py; other paths keep the framework's defaults. The message always
says what to do next, and an unexpected error is logged, never shown as a traceback.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from bot.errors import BotError


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape of the API. Callers may add keys; never remove these."""
    return {"ok": False, "error": {"code": code, "message": message, "status": status}}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status)


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
        response = error_response(exc.status, exc.code, exc.message)
        if exc.retry_after_s:
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

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
