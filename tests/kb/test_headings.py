"""A heading that only names a topic (a glossary term's "What is X?", a page intro's page title)
is evidence that its section answers a question only when the question asks what something is;
other headings count as they are."""

import pytest

from kb import Section
from kb.headings import asks_what_it_is, heading_evidence
from kb.search import Evidence, blend


def _section(kind: str, level: int, heading: str = "Root claim") -> Section:
    return Section(page=f"{kind}.md", page_title=kind.title(), kind=kind, heading=heading, path=(heading,),
                   anchor="a", url=f"/{kind}/#a", level=level)


@pytest.mark.parametrize(("question", "asks"), [
    pytest.param("what is a hotkey", True, id="what-is"),
    pytest.param("whats dTAO", True, id="whats"),
    pytest.param("so what actually is bittensor, in plain words?", True, id="what-actually-is-mid-sentence"),
    pytest.param("how do i know what my stake is worth", False, id="what-as-a-relative"),
    pytest.param("What's a subnet?", True, id="what-apostrophe-s"),
    pytest.param("define slippage", True, id="define"),
    pytest.param("root proportion meaning?", True, id="meaning"),
    pytest.param("what does SN stand for", True, id="stand-for"),
    pytest.param("when did root claim come in", False, id="when"),
    pytest.param("validator take is 18%, can they raise it", False, id="statement-then-question"),
    pytest.param("how is a subnet's price set", False, id="how"),
])
def test_a_question_asks_what_something_is(question, asks):
    assert asks_what_it_is(question) is asks


@pytest.mark.parametrize(("kind", "level", "definition", "evidence"), [
    pytest.param("glossary", 2, False, 0.4, id="term-named-only-counts-half"),
    pytest.param("glossary", 2, True, 0.6, id="term-asked-near-miss-counts-double"),
    pytest.param("learn", 2, False, 0.8, id="learn-heading-as-is"),
    pytest.param("faq", 3, False, 0.8, id="faq-question-as-is"),
    pytest.param("learn", 1, False, 0.4, id="page-intro-title-named-only-counts-half"),
    pytest.param("learn", 1, True, 0.6, id="page-intro-title-asked-near-miss-counts-double"),
    pytest.param("learn", 3, False, 0.8, id="learn-subheading-as-is"),
])
def test_heading_evidence(kind, level, definition, evidence):
    assert heading_evidence(_section(kind, level), 0.8, definition) == pytest.approx(evidence)


def test_an_exact_definition_match_keeps_its_full_weight():
    assert heading_evidence(_section("glossary", 2), 1.0, definition=True) == pytest.approx(1.0)


def test_naming_a_term_does_not_outrank_the_section_that_answers():
    # "when did root claim come in": the term's heading matches best, the learn section's sentence answers
    term = Evidence(section=0.6, heading=heading_evidence(_section("glossary", 2), 0.8, False), sentence=0.6, lexical=1.0)
    answer = Evidence(section=0.55, heading=heading_evidence(_section("learn", 2, "Root claims"), 0.6, False),
                      sentence=0.62, lexical=1.0)
    assert blend(answer) > blend(term)


def test_asking_what_a_term_is_still_finds_its_entry():
    # "define slippage": the entry's heading is the question; an FAQ about the term is close behind
    term = Evidence(section=0.67, heading=heading_evidence(_section("glossary", 2, "Slippage"), 0.95, True), sentence=0.74,
                    lexical=1.0)
    faq = Evidence(section=0.56, heading=heading_evidence(_section("faq", 3, "What is slippage?"), 0.87, True),
                   sentence=0.78, lexical=1.0)
    assert blend(term) > blend(faq)


def test_a_page_intro_does_not_outrank_the_section_that_answers_on_its_title_alone():
    # "who actually makes the blocks on the bittensor chain": the intro's title "What is Bittensor?" names the
    # topic; the "Who produces the blocks" section's heading says what it answers
    intro = Evidence(section=0.68, heading=heading_evidence(_section("learn", 1, "What is Bittensor?"), 0.65, False),
                     sentence=0.73, lexical=1.0, coverage=0.6)
    answer = Evidence(section=0.58, heading=heading_evidence(_section("learn", 2, "Who produces the blocks"), 0.87, False),
                      sentence=0.69, lexical=0.78, coverage=0.6)
    assert blend(answer) > blend(intro)
