"""Cross-origin calls: by default the read-only widget endpoints answer any site and feedback only this
server's pages; a list of origins restricts all three to those sites; nothing else ever gets CORS headers."""

from fastapi.testclient import TestClient
import pytest

from tests.bot.web.conftest import OTHER_SITE, assert_error

ANY_SITE = "http://any.test"


@pytest.fixture(scope="module")
def default_client(fixture_site, fixture_engine):
    """The server with TAOGUIDE_CORS_ORIGINS empty (the default)."""
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        yield c


def preflight(client, path, origin, method="POST"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                         "Access-Control-Request-Headers": "content-type"})


@pytest.mark.parametrize("path", ["/api/ask?q=hi", "/api/faq?q=moons"])
def test_by_default_any_site_may_call_the_read_only_endpoints(default_client, path):
    r = default_client.get(path, headers={"Origin": ANY_SITE})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in r.headers, "no cookies: * is safe"


def test_by_default_any_site_may_post_a_question(default_client):
    r = preflight(default_client, "/api/ask", ANY_SITE)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert "content-type" in r.headers["access-control-allow-headers"].lower()


def test_by_default_feedback_is_refused_to_other_sites_with_the_setting_to_change(default_client):
    message = assert_error(preflight(default_client, "/api/feedback", ANY_SITE), 403, "origin_not_allowed")
    assert "TAOGUIDE_CORS_ORIGINS" in message and "/api/feedback" in message
    assert "access-control-allow-origin" not in default_client.post("/api/feedback", json={}, headers={"Origin": ANY_SITE}).headers


def test_answers_to_another_site_say_whether_its_votes_are_accepted(default_client, widget_client):
    r = default_client.get("/api/faq?q=moons", headers={"Origin": ANY_SITE})
    assert r.headers["x-taoguide-feedback"] == "off"
    assert "x-taoguide-feedback" in r.headers["access-control-expose-headers"].lower(), "the widget can read it"
    assert widget_client.get("/api/faq?q=moons", headers={"Origin": OTHER_SITE}).headers["x-taoguide-feedback"] == "on"


@pytest.mark.parametrize("path", ["/api/ask?q=hi", "/api/faq?q=moons"])
def test_a_listed_origin_may_call_the_widget_endpoints(widget_client, path):
    r = widget_client.get(path, headers={"Origin": OTHER_SITE})
    assert r.headers.get("access-control-allow-origin") == OTHER_SITE


def test_preflight_for_feedback_is_answered_for_a_listed_origin(widget_client):
    r = preflight(widget_client, "/api/feedback", OTHER_SITE)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == OTHER_SITE


def test_a_list_restricts_the_read_only_endpoints_too(widget_client):
    assert "access-control-allow-origin" not in widget_client.get("/api/ask?q=hi", headers={"Origin": "http://evil.test"}).headers
    message = assert_error(preflight(widget_client, "/api/ask", "http://evil.test"), 403, "origin_not_allowed")
    assert "TAOGUIDE_CORS_ORIGINS" in message and "http://evil.test" in message


@pytest.mark.parametrize("path", ["/api/health", "/api/chain", "/admin/analytics"])
def test_other_endpoints_never_get_cors_headers(default_client, widget_client, path):
    for client, origin in ((default_client, ANY_SITE), (widget_client, OTHER_SITE)):
        assert "access-control-allow-origin" not in client.get(path, headers={"Origin": origin}).headers


def test_star_opens_all_three_endpoints(fixture_site, fixture_engine):
    from bot.web import make_app

    settings = fixture_site.model_copy(update={"cors_origins": ["*"]})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        assert c.get("/api/ask?q=hi", headers={"Origin": ANY_SITE}).headers["access-control-allow-origin"] == "*"
        assert preflight(c, "/api/feedback", ANY_SITE).headers["access-control-allow-origin"] == "*"


def test_a_widget_endpoint_under_a_sub_path_gets_the_same_policy(default_client):
    r = preflight(default_client, "/guide/api/feedback", ANY_SITE)
    assert r.status_code == 403 and r.json()["error"]["code"] == "origin_not_allowed"
