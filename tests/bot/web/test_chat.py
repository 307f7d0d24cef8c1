"""The Gradio chat: it builds, its handler returns the engine's answer, and it answers over HTTP."""

import json
import re

from fastapi.testclient import TestClient

import pytest

from bot.feedback import FeedbackStore
from bot.web.chat import STARTERS, make_chat, record_vote, render_markdown, reveal, reply


def test_handler_returns_the_engines_answer_with_links_and_followups(fixture_engine):
    message, answer_id = reply(fixture_engine, "How long is the staking cooldown?", [])
    expected = fixture_engine.answer("How long is the staking cooldown?")
    assert answer_id and answer_id != expected.id  # every answer has its own id
    assert message["role"] == "assistant"
    assert message["content"] == render_markdown(expected)
    # relative to /chat/, scrolling to the quoted sentence where the browser supports text fragments
    assert "[[1]](../learn/staking/#the-staking-cooldown:~:text=" in message["content"]
    assert message["options"] == [{"value": q} for q in expected.followups]


def test_handler_passes_the_chat_history_for_follow_ups(fixture_engine):
    history = [{"role": "user", "content": "How do tide pool swaps work?"},
               {"role": "assistant", "content": "..."}]
    assert "(../learn/pools/" in reply(fixture_engine, "and what does it cost?", history)[0]["content"]


def test_bad_input_gets_the_message_not_a_crash(fixture_engine):
    message, answer_id = reply(fixture_engine, "  ", [])
    assert "empty" in message["content"] and answer_id is None


@pytest.mark.parametrize("text", ["one", "Quoted from [the page](/learn/a/#b) and more words here [[1]](/x/#y)\n\n**Sources**",
                                  " ".join(f"w{i}" for i in range(100))])
def test_streaming_reveals_growing_prefixes_that_never_cut_a_link(text):
    parts = reveal(text)
    assert parts[-1] == text
    assert all(text.startswith(p) and len(p) < len(q) for p, q in zip(parts, parts[1:]))
    assert all(p.count("[") == p.count("]") and p.count("(") == p.count(")") for p in parts)
    assert len(parts) <= 14


def test_chat_thumbs_are_stored_against_the_answer_shown(fixture_engine, tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'fb.sqlite'}")
    message, answer_id = reply(fixture_engine, "How long is the staking cooldown?", [], store)
    ids = {message["content"]: answer_id}
    as_gradio_sends_it = [{"type": "text", "text": message["content"]}]
    assert record_vote(store, ids, as_gradio_sends_it, False)
    assert not record_vote(store, ids, "some other reply", False)
    assert not record_vote(store, ids, message["content"], None)
    from bot.feedback import report

    downs = report(store).downvotes
    assert [d.question for d in downs] == ["How long is the staking cooldown?"]


def test_chat_builds_with_starters(fixture_engine):
    import gradio as gr

    with gr.Blocks():
        chat = make_chat(fixture_engine)
    assert [e[0] if isinstance(e, list) else e for e in chat.examples] == STARTERS


def test_chat_answers_through_the_mounted_app(fixture_site, fixture_engine):
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine)) as client:
        assert client.get("/chat/").status_code == 200
        event = client.post("/chat/gradio_api/call/ask", json={"data": ["How many moons does Vortan have?"]})
        event_id = event.json()["event_id"]
        stream = client.get(f"/chat/gradio_api/call/ask/{event_id}").text
    data_lines = [line[len("data: "):] for line in stream.splitlines() if line.startswith("data: ")]
    assert "17 moons" in json.dumps(json.loads(data_lines[-1]))
    assert len(data_lines) > 2, "the answer is streamed in parts"


def test_the_staker_tabs_link_to_the_portfolio_and_validator_pages():
    from bot.web.chat import STAKER_PAGES

    tabs = dict(STAKER_PAGES)
    assert "(../portfolio/)" in tabs["Portfolio"] and "(../validators/)" in tabs["Validators"]
    assert "seed phrase" in tabs["Portfolio"]


def test_the_chat_explains_a_mistyped_address_in_a_question(fixture_engine):
    from bot.web.chat import reply

    message, _ = reply(fixture_engine, "whats my balance 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694tx", [])
    assert "has a typo" in message["content"]


@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", "**bold** and _it_", "[a](http://evil.example)",
                                  "www.evil.example", "a\\\\b `code` # heading", "what is tao?", "5:30 & <b>"])
def test_a_users_message_is_shown_as_typed_and_read_back_as_typed(text):
    from bot.web.chat import as_text, typed

    shown = as_text(text)
    assert typed(shown) == text
    assert not re.search(r"(?<!\\)[<*\[`]", shown)  # every character Markdown or HTML would act on is escaped
