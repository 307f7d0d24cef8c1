"""Pure composition: which sentences are quoted, from where, and the refusal wording."""

import numpy as np

from bot.compose import REFUSAL, Candidate, compose, refusal
from kb import Section, Unit


def section(page, anchor, kind, units, level=2, title="Page"):
    return Section(page=page, page_title=title, kind=kind, heading=anchor.replace("-", " "), path=(title,),
                   anchor=anchor, url=f"/{page[:-3]}/#{anchor}", level=level,
                   units=tuple(Unit(t, "sentence", b) for t, b in units))


def test_quotes_the_most_relevant_sentences_in_reading_order():
    s = section("learn/tao.md", "supply", "learn",
                [("TAO has a history.", 0), ("The maximum supply is 21 million TAO.", 0), ("Blocks take 12 s.", 1),
                 ("Supply is capped at 21 million forever.", 1)])
    result = compose("max supply", [Candidate(s, 0.7, np.array([0.1, 0.8, 0.05, 0.75]))])
    assert result.text == "The maximum supply is 21 million TAO. Supply is capped at 21 million forever."
    assert [c.url for c in result.citations] == ["/learn/tao/#supply"]
    assert result.passages[0].citation == 0


def test_faq_answers_quote_the_first_paragraph():
    s = section("faq.md", "is-staking-safe", "faq",
                [("Staking keeps TAO under your coldkey.", 0), ("The validator cannot move it.", 0),
                 ("Prices can still fall.", 1)], level=3)
    result = compose("is staking safe", [Candidate(s, 0.8, np.array([0.2, 0.1, 0.9]))])
    assert result.text == "Staking keeps TAO under your coldkey. The validator cannot move it."


def test_a_supporting_section_adds_one_new_sentence_with_its_own_citation():
    a = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0)])
    b = section("glossary.md", "alpha", "glossary", [("Each subnet has an alpha token with its own pool.", 0)])
    result = compose("what is alpha", [Candidate(a, 0.7, np.array([0.8])), Candidate(b, 0.68, np.array([0.7]))])
    assert [p.citation for p in result.passages] == [0, 1]
    assert len(result.citations) == 2


def test_weak_or_repeated_sections_are_not_quoted():
    a = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0)])
    same = section("learn/b.md", "b", "learn", [("Alpha is a subnet token.", 0)])
    weak = section("learn/c.md", "c", "learn", [("Something else entirely.", 0)])
    result = compose("what is alpha", [Candidate(a, 0.7, np.array([0.8])), Candidate(same, 0.7, np.array([0.8])),
                                       Candidate(weak, 0.4, np.array([0.3]))])
    assert len(result.citations) == 1


def test_sentences_about_the_page_itself_are_never_quoted():
    s = section("learn/a.md", "a", "learn", [("This page covers alpha.", 0), ("Alpha is a subnet token.", 0)])
    assert compose("alpha", [Candidate(s, 0.7, np.array([0.9, 0.8]))]).text == "Alpha is a subnet token."


def test_refusal_is_fixed_wording_with_the_closest_distinct_pages():
    a = section("learn/a.md", "a", "learn", [("x", 0)])
    a2 = section("learn/a.md", "a2", "learn", [("y", 0)])
    b = section("learn/b.md", "b", "learn", [("z", 0)])
    result = refusal([Candidate(a, 0.2, np.array([0.1])), Candidate(a2, 0.19, np.array([0.1])),
                      Candidate(b, 0.1, np.array([0.1]))])
    assert result.text.startswith(REFUSAL)
    assert [c.url for c in result.citations] == ["/learn/a/#a", "/learn/b/#b"]
    assert result.passages[0].citation is None
