"""What the widget needs from the server: widget.js and /embed/, the FAQ filter, feedback,
CORS only for allowed origins and only on the widget's endpoints, and the admin analytics page."""

import pytest
from pydantic import SecretStr
from fastapi.testclient import TestClient

from bot.feedback import FeedbackStore

OTHER_SITE = "http://127.0.0.1:9999"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('fb') / 'feedback.sqlite'}")


@pytest.fixture(scope="module")
def client(fixture_site, fixture_engine, store):
    from bot.app import make_app

    settings = fixture_site.model_copy(update={"cors_origins": [OTHER_SITE], "admin_token": SecretStr("s3cret")})
    with TestClient(make_app(settings, engine=fixture_engine, store=store)) as c:
        yield c


def test_widget_script_and_iframe_page_are_served(client):
    js = client.get("/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in js.text and "innerHTML" not in js.text
    embed = client.get("/embed/")
    assert embed.status_code == 200 and 'src="../widget.js"' in embed.text and 'data-mode="chat"' in embed.text


def test_faq_lists_every_entry_without_a_filter_and_ranks_with_one(client):
    everything = client.get("/api/faq").json()["entries"]
    assert [e["question"] for e in everything] == ["How many moons does Planet Vortan have?", "Who runs the Vortan lighthouse?"]
    assert everything[0]["url"] == "/faq/#how-many-moons-does-planet-vortan-have" and "17" in everything[0]["answer"]
    assert [e["question"] for e in client.get("/api/faq", params={"q": "lightho"}).json()["entries"]] == [
        "Who runs the Vortan lighthouse?"]
    assert client.get("/api/faq", params={"q": "satellites orbiting the planet"}).json()["entries"][0]["question"] == (
        "How many moons does Planet Vortan have?")  # a paraphrase, found by retrieval
    assert client.get("/api/faq", params={"q": "sourdough starter"}).json()["entries"] == []


def test_faq_rejects_a_huge_filter_with_a_hint(client):
    r = client.get("/api/faq", params={"q": "x" * 500})
    assert r.status_code == 422 and "at most 200 characters" in r.json()["error"]["message"]


def test_an_answer_can_be_voted_on_and_the_vote_is_stored(client, store):
    answer = client.post("/api/ask", json={"question": "How many moons does Vortan have?", "client": "widget"}).json()
    assert len(answer["id"]) == 32
    r = client.post("/api/feedback", json={"answer_id": answer["id"], "vote": "down", "comment": "want more detail"})
    assert r.status_code == 200 and r.json() == {"ok": True}
    from bot.analytics import report

    [down] = [d for d in report(store).downvotes if d.comment == "want more detail"]
    assert down.question == "How many moons does Vortan have?" and "17" in down.answer


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"answer_id": "f" * 32, "vote": "up"}, 404, "No answer with id"),
    ({"answer_id": "x", "vote": "meh"}, 422, '"vote": "up" or "down"'),
    ({"vote": "up"}, 422, "answer_id"),
    ({"answer_id": "x", "vote": "up", "comment": "y" * 1001}, 422, "comment"),
])
def test_bad_feedback_gets_a_clear_error(client, body, status, words):
    r = client.post("/api/feedback", json=body)
    assert r.status_code == status and words in r.json()["error"]["message"]


def test_feedback_when_analytics_are_off_is_refused_with_the_reason(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        answer = c.get("/api/ask", params={"q": "How many moons does Vortan have?"}).json()
        r = c.post("/api/feedback", json={"answer_id": answer["id"], "vote": "up"})
    assert r.status_code == 503 and "TAOGUIDE_ANALYTICS" in r.json()["error"]["message"]


@pytest.mark.parametrize("path", ["/api/ask?q=hi", "/api/faq?q=moons"])
def test_an_allowed_origin_may_call_the_widget_endpoints(client, path):
    r = client.get(path, headers={"Origin": OTHER_SITE})
    assert r.headers.get("access-control-allow-origin") == OTHER_SITE


def test_preflight_for_feedback_is_answered_for_an_allowed_origin(client):
    r = client.options("/api/feedback", headers={"Origin": OTHER_SITE, "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == OTHER_SITE


def test_other_origins_and_other_endpoints_get_no_cors_headers(client):
    assert "access-control-allow-origin" not in client.get("/api/ask?q=hi", headers={"Origin": "http://evil.test"}).headers
    assert "access-control-allow-origin" not in client.get("/api/health", headers={"Origin": OTHER_SITE}).headers


def test_no_origin_is_allowed_unless_configured(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        assert "access-control-allow-origin" not in c.get("/api/ask?q=hi", headers={"Origin": OTHER_SITE}).headers


def test_star_allows_any_origin_when_configured(fixture_site, fixture_engine):
    from bot.app import make_app

    settings = fixture_site.model_copy(update={"cors_origins": ["*"]})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        assert c.get("/api/ask?q=hi", headers={"Origin": "http://any.test"}).headers["access-control-allow-origin"] == "*"


def test_admin_analytics_needs_the_token_and_escapes_what_people_typed(client):
    client.post("/api/ask", json={"question": "Are 17 moons > 5 & <3 ?"})
    assert client.get("/admin/analytics").status_code == 401
    assert client.get("/admin/analytics?token=wrong").status_code == 401
    page = client.get("/admin/analytics", headers={"Authorization": "Bearer s3cret"})
    assert page.status_code == 200 and "Top questions" in page.text and "Thumbs down" in page.text
    assert "Are 17 moons &gt; 5 &amp; &lt;3" in page.text


def test_admin_analytics_is_off_without_a_token_setting(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        r = c.get("/admin/analytics?token=")
    assert r.status_code == 404 and "TAOGUIDE_ADMIN_TOKEN" in r.text


def test_widget_script_is_small_never_parses_html_and_the_readme_states_its_size():
    import gzip
    import re
    from pathlib import Path

    from bot.widget_routes import WIDGET_JS

    source = WIDGET_JS.read_bytes()
    text = source.decode()
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in text, f"widget.js must not use {risky}"
    assert len(source) < 32_000, "the widget's budget is 32 KB unminified"
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"(\d+) KB as\s+served, ([\d.]+) KB gzipped", readme)
    assert stated, "README states the widget's size"
    assert abs(int(stated.group(1)) - len(source) / 1000) < 1.5
    assert abs(float(stated.group(2)) - len(gzip.compress(source, 9)) / 1000) < 0.5


def test_behind_a_proxy_the_public_url_makes_answer_and_faq_links_absolute(fixture_site, fixture_engine):
    from bot.app import make_app
    from bot.engine import Engine

    settings = fixture_site.model_copy(update={"public_url": "https://example.org/guide/"})
    engine = Engine(settings, fixture_engine.index)
    with TestClient(make_app(settings, engine=engine, store=None)) as c:
        faq = c.get("/api/faq").json()["entries"][0]["url"]
        answer = c.get("/api/ask", params={"q": "How many moons does Vortan have?"}).json()
    assert faq == "https://example.org/guide/faq/#how-many-moons-does-planet-vortan-have"
    assert answer["citations"][0]["url"].startswith("https://example.org/guide/")


@pytest.mark.parametrize(("public_url", "root_path"), [("", ""), ("https://example.org", ""), ("https://example.org/", ""),
                                                        ("https://example.org/guide/", "/guide"),
                                                        ("http://127.0.0.1:8080/a/b", "/a/b")])
def test_the_public_urls_path_is_the_servers_root_path(fixture_site, public_url, root_path):
    from bot.settings import Settings

    assert Settings(**{**fixture_site.model_dump(), "public_url": public_url}).root_path == root_path
