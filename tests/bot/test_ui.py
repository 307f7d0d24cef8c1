"""The Gradio chat: it builds, its handler returns the engine's answer, and it answers over HTTP."""

import json

from fastapi.testclient import TestClient

from bot.ui import STARTERS, make_chat, render_markdown, reply


def test_handler_returns_the_engines_answer_with_links_and_followups(fixture_engine):
    message = reply(fixture_engine, "How long is the staking cooldown?", [])
    expected = fixture_engine.answer("How long is the staking cooldown?")
    assert message["role"] == "assistant"
    assert message["content"] == render_markdown(expected)
    assert "[[1]](/learn/staking/#the-staking-cooldown)" in message["content"]
    assert message["options"] == [{"value": q} for q in expected.followups]


def test_handler_passes_the_chat_history_for_follow_ups(fixture_engine):
    history = [{"role": "user", "content": "How do tide pool swaps work?"},
               {"role": "assistant", "content": "..."}]
    assert "(/learn/pools/" in reply(fixture_engine, "and what does it cost?", history)["content"]


def test_bad_input_gets_the_message_not_a_crash(fixture_engine):
    assert "empty" in reply(fixture_engine, "  ", [])["content"]


def test_chat_builds_with_starters(fixture_engine):
    chat = make_chat(fixture_engine)
    assert chat.examples == [[s] for s in STARTERS] or chat.examples == STARTERS


def test_chat_answers_through_the_mounted_app(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine)) as client:
        assert client.get("/chat/").status_code == 200
        event = client.post("/chat/gradio_api/call/ask", json={"data": ["How many moons does Vortan have?"]})
        event_id = event.json()["event_id"]
        stream = client.get(f"/chat/gradio_api/call/ask/{event_id}").text
    data_lines = [line[len("data: "):] for line in stream.splitlines() if line.startswith("data: ")]
    assert "17 moons" in json.dumps(json.loads(data_lines[-1]))


def test_lookup_tabs_answer_through_the_mounted_app(fixture_site, fixture_engine):
    from bot.app import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine)) as client:
        assert {"/ask", "/validator", "/portfolio"} <= set(client.get("/chat/gradio_api/info").json()["named_endpoints"])
        event_id = client.post("/chat/gradio_api/call/portfolio", json={"data": ["not-an-address"]}).json()["event_id"]
        stream = client.get(f"/chat/gradio_api/call/portfolio/{event_id}").text
    assert "is not a valid Bittensor coldkey address" in stream
