"""The app factory: the API docs under /api, the site at /, and serving under a public URL's path."""

import pytest
from fastapi.testclient import TestClient


def test_openapi_docs_are_served_under_api(client):
    assert client.get("/api/docs").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/health"} <= set(paths)


def test_site_is_served_at_root(client):
    response = client.get("/learn/staking/")
    assert response.status_code == 200 and "staking cooldown" in response.text.lower()


def test_behind_a_proxy_the_public_url_makes_answer_and_faq_links_absolute(fixture_site, fixture_engine):
    from bot.web import make_app
    from bot.answer import Engine

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


def test_a_site_rebuilt_while_serving_is_served_whole_from_the_next_request(fixture_site, fixture_engine, tmp_path):
    from bot.web import make_app
    from kb.site import build_site

    settings = fixture_site.model_copy(update={"site_dir": tmp_path / "site"})
    build_site(settings)
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        before = c.get("/learn/staking/")
        build_site(settings)  # a new version swapped in under the running server
        after = c.get("/learn/staking/")
        css = c.get("/assets/stylesheets/" + next((settings.site_dir / "assets" / "stylesheets").glob("main*.css")).name)
    assert before.status_code == after.status_code == css.status_code == 200
    assert "42 blocks" in after.text
