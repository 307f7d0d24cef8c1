"""The evaluation's definitions, on hand-made outcomes."""

import pytest

from bot.quality.evaluate import Item, Outcome, contains_facts, coverable, score


def outcome(id_, scope, kind, ranking=(), facts=True, cited=True, topic="t", history=(), gold=("/a/#x",)):
    item = Item(id_, topic, "q", scope, gold if scope == "in" else (), (), history)
    return Outcome(item, kind, list(ranking), facts, cited, 10.0)


def test_metrics_follow_their_definitions():
    outcomes = [
        outcome("1", "in", "answer", ["/a/#x"]),                      # rank 1
        outcome("2", "in", "answer", ["/b/#y", "/a/#x"], facts=False),  # rank 2, facts missing
        outcome("3", "in", "refusal", [], facts=False, cited=False),   # a false refusal
        outcome("4", "out", "refusal"),
        outcome("5", "out", "answer"),                                 # answered out of scope
        outcome("6", "in", "live", ["/a/#x"], history=("earlier",)),   # a follow-up answered live, cited
    ]
    m = score(outcomes)
    assert (m.hit1, m.hit5) == (pytest.approx(2 / 4), pytest.approx(3 / 4))
    assert m.mrr == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert m.fact_accuracy == pytest.approx(2 / 4)  # 1 and 6 (the refusal has no facts)
    assert m.false_refusals == pytest.approx(1 / 4)
    assert m.refusal_precision == pytest.approx(1 / 2) and m.refusal_recall == pytest.approx(1 / 2)
    assert m.followup_accuracy == 1.0
    assert set(m.per_topic) == {"t"}


@pytest.mark.parametrize(("text", "facts", "expected"), [
    ("The cap is 21,000,000 TAO.", [("21 million", "21,000,000")], True),
    ("The cap is 21 million.", [("21 million",), ("rao",)], False),
    ("FEE IS 0.05%", [("0.05%",)], True),
])
def test_contains_facts_needs_every_fact_in_any_of_its_forms(text, facts, expected):
    assert contains_facts(text, facts) is expected


def test_live_answers_count_their_citations(real_engine):
    from bot.quality.evaluate import judge

    item = Item("x", "baskets", "what does chutes do", "in", ("/guides/subnet-baskets/#inference-and-ai-services-basket",),
                (("Chutes",),))
    answer = real_engine.answer(item.question)
    assert answer.kind == "live"
    assert judge(item, answer, 1.0, []).rank() == 1


@pytest.mark.parametrize(("sentences", "limit", "expected"), [
    (["The cap is 21 million TAO.", "One TAO is 1e9 rao."], 2, True),
    (["The cap is 21 million TAO.", "One TAO is 1e9 rao."], 1, False),  # two facts in two sentences need both
    (["21 million TAO, or 21e15 rao.", "Unrelated."], 1, True),
    (["The cap is 21 million TAO."], 6, False),  # "rao" is nowhere
    ([], 6, False),
])
def test_coverable_asks_whether_that_many_sentences_could_hold_every_fact(sentences, limit, expected):
    assert coverable((("21 million", "21,000,000"), ("rao",)), sentences, limit) is expected


def test_the_ceiling_bounds_what_the_answers_reach_on_the_real_index(real_engine):
    from bot.quality.evaluate import ceilings, run

    items = [i for i in ev_items() if i.scope == "in"][:40]
    reached = score(run(real_engine, items)).fact_accuracy
    top_k = real_engine.settings.top_k
    bound = ceilings(real_engine, items, (1, 3, top_k), 6)
    assert bound[1] <= bound[3] <= 1.0
    assert reached <= bound[top_k]  # answers quote only retrieved sections


def ev_items():
    from pathlib import Path

    from bot.quality.evaluate import load_items

    return load_items(Path(__file__).parents[2] / "eval" / "questions.jsonl")


def test_reading_measures_follow_their_definitions():
    from bot.answer import Answer, Citation, Passage, Trace
    from bot.quality.evaluate import judge

    def answer(text, heading="How do I stake?"):
        return Answer(kind="answer", text=text, passages=[Passage(text=text, citation=0)], trace=Trace(question="q"),
                      citations=[Citation(title="FAQ", section=heading, url="/faq/#a", score=0.9)])

    item = Item("1", "t", "what are the risks of staking", "in", ("/faq/#a",), (("fall",),), lead=(("fall",),))
    led = judge(item, answer("Alpha prices can fall. " + "More words here. " * 20), 5.0, [])
    late = judge(item, answer("No, a validator cannot move it. " + "Filler words. " * 20 + "Prices can fall."), 5.0, [])
    assert (led.led, led.opener, led.words) == (True, False, 64)
    assert (late.led, late.opener, late.has_facts) == (False, True, True)
    m = score([led, late])
    assert m.lead_accuracy == 0.5 and m.misleading_openers == 1 and m.median_words == (64 + 49) / 2
    assert m.redundant_sentences == 19 + 19  # each filler sentence after the first restates it


def test_conversations_are_replayed_with_the_bots_own_answers(fixture_engine, tmp_path):
    import json

    from bot.quality import conversations

    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "v-1", "topic": "staking", "turns": [
        {"question": "How long is the staking cooldown on Vortan?", "gold": ["/learn/staking/#the-staking-cooldown"],
         "facts": ["42 blocks"], "lead": ["42 blocks"]},
        {"question": "and how many moons does vortan have?", "gold": ["/faq/#how-many-moons-does-planet-vortan-have"],
         "facts": ["17 moons"], "lead": ["17 moons"]}]}) + "\n", encoding="utf-8")
    seen = []
    real_answer = fixture_engine.answer

    class Recording:
        index = fixture_engine.index

        def answer(self, question, history):
            seen.append(list(history))
            return real_answer(question, history)

    turns = conversations.replay(Recording(), conversations.load(path))
    assert seen[0] == [] and seen[1][0] == {"role": "user", "content": "How long is the staking cooldown on Vortan?"}
    assert seen[1][1]["role"] == "assistant" and "42 blocks" in seen[1][1]["content"]
    metrics = conversations.score(turns)
    assert (metrics.conversations, metrics.turns, metrics.later_turns) == (1, 2, 1)
    assert turns[1].led and turns[1].has_facts and turns[1].cited_gold and metrics.repeated_sentences == 0


def test_a_conversation_needs_two_turns(tmp_path):
    from bot.quality import conversations

    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "v-1", "turns": [{"question": "hi"}]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="c.jsonl:1"):
        conversations.load(path)
