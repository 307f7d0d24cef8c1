"""The engine on the fixture index with the real model: planted facts, refusals, follow-ups."""

import pytest

from bot.errors import BadQuestion


@pytest.mark.parametrize(
    ("question", "fact", "url"),
    [
        pytest.param("How long is the staking cooldown on Vortan?", "42 blocks", "/learn/staking/#the-staking-cooldown",
                     id="learn-section"),
        pytest.param("how many moons does vortan have", "17 moons", "/faq/#how-many-moons-does-planet-vortan-have",
                     id="faq"),
        pytest.param("What is a glimmerkey?", "signing key", "/glossary/#glimmerkey", id="glossary"),
        pytest.param("What fee does a tide pool swap pay?", "0.3 percent", "/learn/pools/#vortan-pool-commands",
                     id="list-item"),
        pytest.param("What share of the harvest do stakers get now?", "61 percent", "/learn/staking/#whats-new-2026",
                     id="punctuated-heading"),
    ],
)
def test_planted_facts_are_answered_with_the_right_citation(fixture_engine, question, fact, url):
    answer = fixture_engine.answer(question)
    assert answer.kind == "answer"
    assert fact in answer.text
    cited = {c.url for c in answer.citations}
    assert url in cited
    # every sentence of a passage is quoted from the section its citation points to (the opening may be
    # moved ahead of the sentences before it, so a passage need not be one run of the page)
    sections = {s.url: s for s in fixture_engine.index.sections}
    for passage in answer.passages:
        source = sections[answer.citations[passage.citation].url]
        remaining = passage.text
        for unit in sorted((u.text for u in source.units), key=len, reverse=True):
            remaining = remaining.replace(unit, "")
        assert remaining.strip() == "", f"not from {source.url}: {remaining!r}"


def test_every_answer_sentence_exists_in_the_content(fixture_engine):
    units = {u.text for s in fixture_engine.index.sections for u in s.units}
    for question in ("What is Quarnite?", "how is the price of a shell computed?", "who runs the lighthouse"):
        answer = fixture_engine.answer(question)
        for passage in answer.passages:
            remaining = passage.text
            for unit in sorted(units, key=len, reverse=True):
                remaining = remaining.replace(unit, "")
            assert remaining.strip() == "", f"text not from content: {remaining!r}"


def test_unrelated_question_is_refused_with_links_to_close_pages(fixture_engine):
    answer = fixture_engine.answer("how do I bake sourdough bread?")
    assert answer.kind == "refusal"
    assert answer.text.startswith("I don't know")
    assert 1 <= len(answer.citations) <= 2
    assert answer.trace.decision == "refusal" and "cosine" in answer.trace.reason


def test_follow_up_is_retrieved_with_the_previous_question_folded_in(fixture_engine):
    answer = fixture_engine.answer("and what does it cost?", history=["How do tide pool swaps work?"])
    assert answer.trace.queries == ["and what does it cost?", "How do tide pool swaps work? and what does it cost?"]
    assert answer.kind == "answer" and answer.citations[0].url.startswith("/learn/pools/")


def test_follow_up_about_cost_quotes_the_fee(fixture_engine):
    answer = fixture_engine.answer("and what does it cost?", history=["How do tide pool swaps work?"])
    assert "0.3 percent" in answer.text


def test_the_earlier_turn_leans_toward_the_section_that_answered_it(fixture_engine):
    index = fixture_engine.index
    earlier = "How do I unstake Quarnite on Vortan?"
    answered_from = index.search(earlier, k=1)[0].section
    steered = fixture_engine._earlier_turn(earlier)
    plain = index.embed_query(earlier)
    assert float(steered @ index.section_vector(answered_from.id)) > float(plain @ index.section_vector(answered_from.id))
    assert abs(float(steered @ steered) - 1.0) < 1e-5


def test_an_earlier_question_the_pages_do_not_cover_is_not_steered(fixture_engine):
    earlier = "how do I bake sourdough bread?"
    assert fixture_engine._earlier_turn(earlier) == pytest.approx(fixture_engine.index.embed_query(earlier))


@pytest.mark.parametrize("question", ["how long does it take?", "how long do I wait?"])
def test_a_follow_up_about_the_last_answer_is_answered_from_it(fixture_engine, question):
    answer = fixture_engine.answer(question, history=["what happens when I unstake on Vortan?"])
    assert answer.kind == "answer" and "42 blocks" in answer.text


def test_trace_records_candidates_scores_and_timings(fixture_engine):
    trace = fixture_engine.answer("What is Quarnite?").trace
    assert trace.candidates and trace.candidates[0].dense is not None
    assert set(trace.timings_ms) == {"embed", "search", "compose", "total"}
    assert trace.decision == "answer"


def test_bad_question_raises_a_clear_error(fixture_engine):
    with pytest.raises(BadQuestion, match="empty"):
        fixture_engine.answer("   ")


def test_trace_file_gets_one_json_line_per_answer(fixture_site, fixture_engine, tmp_path):
    import json

    from bot.answer import Engine

    path = tmp_path / "trace.jsonl"
    engine = Engine(fixture_site.model_copy(update={"trace_file": str(path)}), fixture_engine.index)
    engine.answer("What is Quarnite?")
    engine.answer("how do I bake bread?")
    engine.answer("legal winner thank year wave sausage worth useful legal winner thank yellow")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["kind"] for line in lines] == ["answer", "refusal", "refusal"]
    assert "sausage" not in path.read_text() and lines[2]["question"] == "[seed phrase removed]"


def test_public_url_makes_citations_absolute(fixture_site, fixture_engine):
    from bot.answer import Engine

    engine = Engine(fixture_site.model_copy(update={"public_url": "https://guide.example.org/"}), fixture_engine.index)
    assert engine.answer("What is Quarnite?").citations[0].url.startswith("https://guide.example.org/glossary/#")
