"""The bot on the real content/: the foundation's acceptance questions."""


def test_what_is_tao_used_for(real_engine):
    answer = real_engine.answer("What is TAO used for?")
    assert answer.kind == "answer"
    assert "stak" in answer.text.lower()
    assert any(c.url.startswith(("/learn/tao/", "/faq/")) and "#" in c.url for c in answer.citations)


def test_off_topic_question_is_refused(real_engine):
    assert real_engine.answer("how do I bake sourdough bread?").kind == "refusal"
