"""Cross-origin calls for the widget on other sites.

The default makes the README's promise true: one tag puts the widget on any site. The two read-only
endpoints (/api/ask, /api/faq) answer every origin with ``Access-Control-Allow-Origin: *``: they take
no cookies or credentials and return only what the public pages say, which any script could fetch
server-side anyway. /api/feedback writes to the store, so a browser on another site may call it only
when the operator lists that site in TAOGUIDE_CORS_ORIGINS (a hostile page must not make its visitors
cast votes). Listing origins makes the list apply to all three endpoints (the operator wants to say
who embeds); ``*`` in the list opens all three. Every other path (analytics, admin, lookups) gets no
CORS headers at all.

Responses from the read-only endpoints say whether that origin's votes are accepted
(``X-TAOGuide-Feedback: on|off``, an exposed header), so the widget on another site hides its thumbs
where they could only fail (on the server's own pages the widget ignores it: same-origin calls need no CORS).
"""

from __future__ import annotations

from typing import Any

from bot.web.errors import error_response

READ_ONLY_PATHS = ("/api/ask", "/api/faq")
RESTRICTED_PATHS = ("/api/feedback",)
FEEDBACK_HEADER = "X-TAOGuide-Feedback"
ORIGIN_REFUSED = ("Pages on {origin} may not call {path} from a browser. The TAO Guide server's owner allows a site by "
                  "adding its origin to TAOGUIDE_CORS_ORIGINS; until then, embed the widget from an allowed site.")


class WidgetCORS:
    """Starlette's CORS middleware with two policies: read-only endpoints and feedback (under any sub-path)."""

    def __init__(self, app: Any, origins: list[str]) -> None:
        from starlette.middleware.cors import CORSMiddleware

        def policy(allow: list[str]) -> CORSMiddleware:
            return CORSMiddleware(app, allow_origins=allow, allow_methods=["GET", "POST"], allow_headers=["Content-Type"],
                                  expose_headers=[FEEDBACK_HEADER], max_age=600)

        self.app = app
        self.read = policy(origins or ["*"])
        self.write = policy(origins)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope["path"].rstrip("/") if scope["type"] == "http" else ""
        cors = self.read if path.endswith(READ_ONLY_PATHS) else self.write if path.endswith(RESTRICTED_PATHS) else None
        if cors is None:
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if (scope["method"] == "OPTIONS" and origin and _header(scope, b"access-control-request-method")
                and not cors.is_allowed_origin(origin)):  # Starlette would answer in plain text
            message = ORIGIN_REFUSED.format(origin=origin[:100], path=path[path.rfind("/api/"):])
            await error_response(403, "origin_not_allowed", message)(scope, receive, send)
            return
        if origin and cors is self.read:
            send = self._saying_whether_feedback_is_accepted(send, origin)
        await cors(scope, receive, send)

    def _saying_whether_feedback_is_accepted(self, send: Any, origin: str) -> Any:
        from starlette.datastructures import MutableHeaders

        value = "on" if self.write.is_allowed_origin(origin) else "off"

        async def wrapped(message: Any) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[FEEDBACK_HEADER] = value
            await send(message)

        return wrapped


def _header(scope: Any, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == name), "")
