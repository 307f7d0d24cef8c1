"""Cross-origin calls for the widget on other sites: allowed only for the widget's three
endpoints and only from the origins the settings list; every other path gets no CORS headers.
"""

from __future__ import annotations

from typing import Any


CORS_PATHS = ("/api/ask", "/api/faq", "/api/feedback")


class WidgetCORS:
    """Starlette's CORS middleware, applied only to the widget's endpoints (under any sub-path)."""

    def __init__(self, app: Any, origins: list[str]) -> None:
        from starlette.middleware.cors import CORSMiddleware

        self.app = app
        self.cors = CORSMiddleware(app, allow_origins=origins, allow_methods=["GET", "POST"],
                                   allow_headers=["Content-Type"], max_age=600)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(CORS_PATHS):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
