"""Cross-origin calls for the widget on other sites: allowed only for the widget's three
endpoints and only from the origins the settings list; every other path gets no CORS headers.
"""

from __future__ import annotations

from typing import Any

from bot.web.errors import error_response

CORS_PATHS = ("/api/ask", "/api/faq", "/api/feedback")
ORIGIN_REFUSED = ("Pages on {origin} may not call this API from a browser. The site owner allows an origin by "
                  "adding it to TAOGUIDE_CORS_ORIGINS; until then, embed the widget from an allowed site.")


class WidgetCORS:
    """Starlette's CORS middleware, applied only to the widget's endpoints (under any sub-path)."""

    def __init__(self, app: Any, origins: list[str]) -> None:
        from starlette.middleware.cors import CORSMiddleware

        self.app = app
        self.cors = CORSMiddleware(app, allow_origins=origins, allow_methods=["GET", "POST"],
                                   allow_headers=["Content-Type"], max_age=600)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(CORS_PATHS):
            origin = _header(scope, b"origin")
            if (scope["method"] == "OPTIONS" and origin and _header(scope, b"access-control-request-method")
                    and not self.cors.is_allowed_origin(origin)):  # Starlette would answer in plain text
                await error_response(403, "origin_not_allowed", ORIGIN_REFUSED.format(origin=origin[:100]))(
                    scope, receive, send)
                return
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def _header(scope: Any, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == name), "")
