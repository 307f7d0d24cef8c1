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
