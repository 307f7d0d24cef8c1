"""Per-client rate limits: one client cannot occupy the server, and admin-token guessing is slow.

Each rule names a path prefix and a rate in the ``limits`` library's notation ("60/minute");
a client past it gets 429 in the API's error shape with ``Retry-After``, while every other
client is still answered. Counts are kept in memory with a moving window (one process; replicas
behind a load balancer each count their own share). A client is its socket address, or, when
that address is a proxy the settings trust (``TAOGUIDE_TRUSTED_PROXIES``), the address the proxy
names in ``X-Forwarded-For`` (the nearest one it did not add itself): a client cannot pick its
own address by sending the header straight to us.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from bot.web.errors import error_response

SLOW_DOWN = ("Too many requests from your address to {what} ({rate}). Wait {retry} seconds and try again; "
             "a site that needs more can run its own TAO Guide.")


@dataclass(frozen=True)
class Rule:
    prefix: str  # a request path starting with this is counted
    rate: RateLimitItem
    what: str  # how the refusal names it
    methods: frozenset[str] = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


def rules_from(settings: Any) -> list[Rule]:
    """The server's rules, from its settings (an empty rate turns a rule off)."""
    wanted = [("/api/ask", settings.rate_ask, "questions", {"GET", "POST"}),
              ("/api/feedback", settings.rate_feedback, "feedback", {"POST"}),
              ("/api/validator", settings.rate_lookups, "lookups", {"GET"}),
              ("/api/portfolio", settings.rate_lookups, "lookups", {"GET"}),
              ("/chat/gradio_api/queue/join", settings.rate_ask, "the chat", {"POST"}),
              ("/chat/gradio_api/run", settings.rate_ask, "the chat", {"POST"}),
              ("/admin", settings.rate_admin, "the admin pages", {"GET", "POST"})]
    return [Rule(prefix, parse(rate), what, frozenset(methods)) for prefix, rate, what, methods in wanted if rate]


def client_of(scope: Any, trusted: Sequence[str]) -> str:
    """The address a request comes from: behind a trusted proxy, the nearest untrusted one it forwarded."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    if peer not in trusted:
        return peer
    forwarded = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"x-forwarded-for"), "")
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return peer


class RateLimit:
    """ASGI middleware applying ``rules`` per client."""

    def __init__(self, app: Any, rules: Sequence[Rule], trusted_proxies: Sequence[str] = ()) -> None:
        self.app, self.rules, self.trusted = app, list(rules), list(trusted_proxies)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path, method = scope.get("path", ""), scope.get("method", "GET")
            rule = next((r for r in self.rules if path.startswith(r.prefix) and method in r.methods), None)
            if rule is not None:
                client = client_of(scope, self.trusted)
                if not self.limiter.hit(rule.rate, rule.prefix, client):
                    reset = self.limiter.get_window_stats(rule.rate, rule.prefix, client).reset_time
                    retry = max(1, math.ceil(reset - time.time()))
                    response = error_response(429, "rate_limited", SLOW_DOWN.format(what=rule.what, rate=rule.rate,
                                                                                   retry=retry))
                    response.headers["Retry-After"] = str(retry)
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
