"""Cross-origin calls: only the widget's endpoints, only from the origins the settings allow."""

from fastapi.testclient import TestClient
import pytest

from tests.bot.web.conftest import OTHER_SITE, assert_error


@pytest.mark.parametrize("path", ["/api/ask?q=hi", "/api/faq?q=moons"])
def test_an_allowed_origin_may_call_the_widget_endpoints(widget_client, path):
    r = widget_client.get(path, headers={"Origin": OTHER_SITE})
    assert r.headers.get("access-control-allow-origin") == OTHER_SITE


def test_preflight_for_feedback_is_answered_for_an_allowed_origin(widget_client):
    r = widget_client.options("/api/feedback", headers={"Origin": OTHER_SITE, "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == OTHER_SITE


def test_other_origins_and_other_endpoints_get_no_cors_headers(widget_client):
    assert "access-control-allow-origin" not in widget_client.get("/api/ask?q=hi", headers={"Origin": "http://evil.test"}).headers
    assert "access-control-allow-origin" not in widget_client.get("/api/health", headers={"Origin": OTHER_SITE}).headers


def test_no_origin_is_allowed_unless_configured(fixture_site, fixture_engine):
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        assert "access-control-allow-origin" not in c.get("/api/ask?q=hi", headers={"Origin": OTHER_SITE}).headers


def test_star_allows_any_origin_when_configured(fixture_site, fixture_engine):
    from bot.web import make_app

    settings = fixture_site.model_copy(update={"cors_origins": ["*"]})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        assert c.get("/api/ask?q=hi", headers={"Origin": "http://any.test"}).headers["access-control-allow-origin"] == "*"


def test_a_preflight_from_a_disallowed_origin_gets_the_error_shape_saying_who_can_allow_it(widget_client):
    r = widget_client.options("/api/ask", headers={"Origin": "http://evil.test", "Access-Control-Request-Method": "POST"})
    message = assert_error(r, 403, "origin_not_allowed")
    assert "TAOGUIDE_CORS_ORIGINS" in message and "access-control-allow-origin" not in r.headers


def test_a_preflight_when_no_origin_is_configured_gets_the_error_shape(fixture_site, fixture_engine):
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        r = c.options("/api/ask", headers={"Origin": OTHER_SITE, "Access-Control-Request-Method": "POST"})
        assert r.status_code >= 400 and r.json()["ok"] is False
