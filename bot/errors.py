"""User-facing errors of the answer side. Each carries a message that says what to do next,
and the HTTP status the API uses for it; the core never imports web frameworks."""

from __future__ import annotations


class BotError(Exception):
    status = 500
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadQuestion(BotError):
    """The question cannot be answered as written (empty, too long, not text)."""

    status = 422
    code = "bad_question"


class NotReady(BotError):
    """The server is up but has no usable index."""

    status = 503
    code = "not_ready"
