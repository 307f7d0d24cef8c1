"""Synonym expansion: a question in the user's words also finds the pages' words."""

import pytest

from kb.thesaurus import GROUPS, expand


def test_a_term_the_pages_do_not_use_brings_its_synonyms():
    pages_say = {"register", "proof of work"}
    assert expand("can i still register with pow?", known=lambda term: term in pages_say) == (
        "can i still register with pow? proof of work proof-of-work")


def test_a_term_the_pages_use_is_left_alone():
    pages_say = {"slippage"}
    assert expand("what is slippage?", known=lambda term: term in pages_say) == "what is slippage?"
    assert expand("what is price impact?", known=lambda term: term in pages_say) == "what is price impact? slippage"


@pytest.mark.parametrize("question", ["is it powerful?", "how do I unstake?", "what is a subnet?"])
def test_terms_match_as_whole_words_only(question):
    assert expand(question, known=lambda term: term == "unstake") == question


def test_every_group_has_at_least_two_distinct_terms():
    assert all(len(set(group)) == len(group) >= 2 for group in GROUPS)
