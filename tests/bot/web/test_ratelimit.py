"""Per-client rate limits: a burst from one client gets 429 with Retry-After in the error shape, while
another client is still answered; a forwarded address counts only from a trusted proxy."""

import pytest
from fastapi.testclient import TestClient

from bot.web.ratelimit import client_of
from tests.bot.web.conftest import assert_error


@pytest.fixture(scope="module")
def proxied(fixture_site, fixture_engine):
    """The server behind a trusted proxy (TestClient's peer address is "testclient"), with small limits."""
    from bot.web import make_app

    settings = fixture_site.model_copy(update={"rate_ask": "20/minute", "rate_admin": "3/minute",
                                               "trusted_proxies": ["testclient"]})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        yield c


def test_a_burst_from_one_client_is_refused_after_the_limit_while_another_is_answered(proxied):
    me, other = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "198.51.100.9"}
    codes = [proxied.get("/api/ask", params={"q": "what is quarnite"}, headers=me).status_code for _ in range(500)]
    assert codes[:20] == [200] * 20 and set(codes[20:]) == {429}
    refused = proxied.get("/api/ask", params={"q": "what is quarnite"}, headers=me)
    message = assert_error(refused, 429, "rate_limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 and "Wait" in message
    assert proxied.get("/api/ask", params={"q": "what is quarnite"}, headers=other).status_code == 200
    assert proxied.get("/api/health", headers=me).status_code == 200  # health is never limited


def test_admin_token_guesses_are_slowed_down(proxied):
    guesser = {"X-Forwarded-For": "192.0.2.44"}
    codes = [proxied.get("/admin/analytics", params={"token": f"guess{n}"}, headers=guesser).status_code
             for n in range(10)]
    assert codes[3:] == [429] * 7


@pytest.mark.parametrize(("peer", "header", "trusted", "client"), [
    ("10.0.0.5", b"1.2.3.4", [], "10.0.0.5"),  # not a trusted proxy: its header is ignored
    ("127.0.0.1", b"1.2.3.4", ["127.0.0.1"], "1.2.3.4"),
    ("127.0.0.1", b"6.6.6.6, 1.2.3.4", ["127.0.0.1"], "1.2.3.4"),  # the client's own header value comes first
    ("127.0.0.1", b"1.2.3.4, 127.0.0.1", ["127.0.0.1"], "1.2.3.4"),
    ("127.0.0.1", b"", ["127.0.0.1"], "127.0.0.1"),
])
def test_the_client_is_the_nearest_address_a_trusted_proxy_did_not_add(peer, header, trusted, client):
    scope = {"client": (peer, 1234), "headers": [(b"x-forwarded-for", header)] if header else []}
    assert client_of(scope, trusted) == client
