"""POST /api/feedback and /admin/analytics: votes are stored, bad ones get a clear error, the page needs its token."""

import json

import pytest
from fastapi.testclient import TestClient

from tests.bot.web.conftest import assert_error


def test_an_answer_can_be_voted_on_and_the_vote_is_stored(widget_client, store):
    answer = widget_client.post("/api/ask", json={"question": "How many moons does Vortan have?", "widget_client": "widget"}).json()
    assert len(answer["id"]) == 32
    r = widget_client.post("/api/feedback", json={"answer_id": answer["id"], "vote": "down", "comment": "want more detail"})
    assert r.status_code == 200 and r.json() == {"ok": True}
    from bot.feedback import report

    [down] = [d for d in report(store).downvotes if d.comment == "want more detail"]
    assert down.question == "How many moons does Vortan have?" and "17" in down.answer


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"answer_id": "f" * 32, "vote": "up"}, 404, "No answer with id"),
    ({"answer_id": "x", "vote": "meh"}, 422, '"vote": "up" or "down"'),
    ({"vote": "up"}, 422, "answer_id"),
    ({"answer_id": "x", "vote": "up", "comment": "y" * 1001}, 422, "comment"),
])
def test_bad_feedback_gets_a_clear_error(widget_client, body, status, words):
    r = widget_client.post("/api/feedback", json=body)
    assert r.status_code == status and words in r.json()["error"]["message"]


def test_feedback_when_analytics_are_off_is_refused_with_the_reason(fixture_site, fixture_engine):
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        answer = c.get("/api/ask", params={"q": "How many moons does Vortan have?"}).json()
        r = c.post("/api/feedback", json={"answer_id": answer["id"], "vote": "up"})
    assert r.status_code == 503 and "TAOGUIDE_ANALYTICS" in r.json()["error"]["message"]


def test_admin_analytics_needs_the_token_and_escapes_what_people_typed(widget_client):
    widget_client.post("/api/ask", json={"question": "Are 17 moons > 5 & <3 ?"})
    assert widget_client.get("/admin/analytics").status_code == 401
    assert widget_client.get("/admin/analytics?token=wrong").status_code == 401
    page = widget_client.get("/admin/analytics", headers={"Authorization": "Bearer s3cret"})
    assert page.status_code == 200 and "Top questions" in page.text and "Thumbs down" in page.text
    assert "Are 17 moons &gt; 5 &amp; &lt;3" in page.text


def test_admin_analytics_is_off_without_a_token_setting(fixture_site, fixture_engine):
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine, store=None)) as c:
        r = c.get("/admin/analytics?token=")
    assert r.status_code == 404 and "TAOGUIDE_ADMIN_TOKEN" in r.text


def test_a_vote_comment_with_lone_surrogates_is_refused_in_the_error_shape_and_the_vote_can_be_sent_again(widget_client):
    answer_id = widget_client.post("/api/ask", json={"question": "what is tao"}).json()["id"]
    raw = json.dumps({"answer_id": answer_id, "vote": "down", "comment": "wrong \ud800 page"})
    response = widget_client.post("/api/feedback", content=raw, headers={"content-type": "application/json"})
    assert "comment" in assert_error(response, 422, "invalid_request")
    again = widget_client.post("/api/feedback", json={"answer_id": answer_id, "vote": "down", "comment": "wrong page"})
    assert again.status_code == 200, again.text
