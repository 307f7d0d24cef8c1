"""Request bodies are bounded: one too large is refused before it is read, never buffered whole.

Every body this server accepts is small (a question with a few turns of conversation, a vote, a
chat message), so anything past ``max_body_bytes`` is abuse or a mistake. A declared
``Content-Length`` over the limit is refused at once with 413 in the API's error shape; a body
sent without a length (chunked) is read only up to the limit, then refused the same way. Memory
stays flat whatever is sent: at most the limit is held per request.
"""

from __future__ import annotations

from typing import Any

from bot.web.errors import error_response

TOO_LARGE = ("The request body is larger than this server accepts ({limit:,} bytes). Send a shorter question "
             "and at most the last few turns of the conversation as history.")


class BodyLimit:
    """ASGI middleware: bodies over ``max_bytes`` get 413 with a message saying what to send instead."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope.get("headers", ()) if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        if declared is not None or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)  # the server stops reading at the declared length
            return
        # no declared length (chunked): read up to the limit, then hand the body on whole
        parts, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            parts.append(message)
            more = message.get("more_body", False)
        await self.app(scope, _replay(parts, receive), send)

    async def _refuse(self, scope: Any, receive: Any, send: Any) -> None:
        response = error_response(413, "body_too_large", TOO_LARGE.format(limit=self.max_bytes))
        response.headers["Connection"] = "close"  # the rest of the body is never read
        await response(scope, receive, send)


def _replay(messages: list[Any], then: Any = None) -> Any:
    pending = list(messages)

    async def receive() -> Any:
        if pending:
            return pending.pop(0)
        return await then() if then is not None else {"type": "http.disconnect"}

    return receive
