"""Pure composition: which sentences are quoted, from where, and the refusal wording."""

import numpy as np
import pytest

from bot.answer.compose import REFUSAL, Candidate, compose, refusal
from kb import Section, Unit


def section(page, anchor, kind, units, level=2, title="Page"):
    return Section(page=page, page_title=title, kind=kind, heading=anchor.replace("-", " "), path=(title,),
                   anchor=anchor, url=f"/{page[:-3]}/#{anchor}", level=level,
                   units=tuple(Unit(t, "sentence", b) for t, b in units))


FILLER = "This sentence talks at length about something else entirely, to make the section long enough."


def test_a_short_learn_section_is_quoted_whole_in_reading_order_when_it_opens_with_the_answer():
    s = section("learn/tao.md", "supply", "learn", [("TAO has a cap.", 0), ("The cap is 21 million TAO.", 0)])
    assert compose("max supply", [Candidate(s, 0.7, 0.7, np.array([0.8, 0.3]))]).text == (
        "TAO has a cap. The cap is 21 million TAO.")


def test_the_sentence_that_answers_opens_the_answer_and_the_rest_follow_in_reading_order():
    s = section("learn/tao.md", "supply", "learn", [("TAO has a cap.", 0), ("The cap is 21 million TAO.", 0),
                                                    ("Issuance slows over time.", 0)])
    assert compose("max supply", [Candidate(s, 0.7, 0.7, np.array([0.3, 0.8, 0.2]))]).text == (
        "The cap is 21 million TAO. TAO has a cap. Issuance slows over time.")


def test_for_a_how_much_question_a_sentence_with_the_figure_wins_a_near_tie():
    s = section("learn/fees.md", "swap", "learn", [("Swaps pay a fee.", 0), ("The fee is 0.05% of the amount.", 0)])
    assert compose("how much is the swap fee", [Candidate(s, 0.7, 0.7, np.array([0.62, 0.64]))]).text == (
        "The fee is 0.05% of the amount. Swaps pay a fee.")


def test_a_sentence_that_goes_on_from_another_never_opens():
    s = section("learn/p.md", "price", "learn", [("A pool sets the price.", 0),
                                                  ("For example, 1,000 TAO and 16,000 alpha give 0.0625.", 0)])
    assert compose("how is the price set", [Candidate(s, 0.7, 0.7, np.array([0.5, 0.9]))]).text.startswith("A pool")


def test_a_list_item_that_is_a_sentence_of_its_own_can_open():
    s = section("learn/fees.md", "key-swaps", "learn", [("Swapping keys has fixed charges:", 0),
                                                        ("A hotkey swap replaces the key but keeps its stake.", 2)])
    items = tuple(Unit(t, "item", 1) for t in ("A coldkey swap costs 0.1 TAO in the runtime code.",
                                               "A hotkey swap costs 0.1 TAO."))
    s = Section(**{**s.__dict__, "units": s.units[:1] + items + s.units[1:]})
    result = compose("coldkey swap fee?", [Candidate(s, 0.7, 0.7, np.array([0.6, 0.93, 0.58, 0.46]))])
    assert result.text.startswith("A coldkey swap costs 0.1 TAO")


@pytest.mark.parametrize("label", ["Stake: run `btcli stake add` and confirm the amount.",
                                   "Switched off. Root can zero a subnet's TAO emission."])
def test_a_labelled_list_item_never_opens(label):
    s = section("guides/v.md", "steps", "guide", [("Before staking, pick a subnet and a validator you trust.", 0)])
    s = Section(**{**s.__dict__, "units": s.units + (Unit(label, "item", 1),)})
    result = compose("how do i stake", [Candidate(s, 0.7, 0.7, np.array([0.4, 0.9]))])
    assert result.text.startswith("Before staking")


def test_a_lead_in_that_answers_opens_with_its_list():
    s = section("learn/n.md", "ports", "learn", [("Public nodes accept one request per second from each address.", 0),
                                                 ("A node uses two main ports:", 1)])
    items = tuple(Unit(t, "item", 2) for t in ("Port 9944 is the RPC port; keep it closed.",
                                               "Port 30333 is the peer port; keep it open."))
    s = Section(**{**s.__dict__, "units": s.units + items})
    result = compose("which ports should be open", [Candidate(s, 0.7, 0.7, np.array([0.35, 0.79, 0.42, 0.57]))])
    assert result.text.startswith("A node uses two main ports: Port 9944 is the RPC port; keep it closed. Port 30333")


def test_a_caveat_opens_when_the_section_is_about_sources_disagreeing():
    s = section("learn/evm.md", "sources-disagree-on-the-chain-id", "learn",
                [("The runtime reads the chain ID from storage.", 0),
                 ("The official docs give two different chain IDs for mainnet, so check it.", 0)])
    s = Section(**{**s.__dict__, "heading": "Sources disagree on the chain ID"})
    result = compose("evm chain id for mainnet?", [Candidate(s, 0.7, 0.7, np.array([0.66, 0.99]))])
    assert result.text.startswith("The official docs give two")


def test_a_short_section_with_more_sentences_than_fit_keeps_its_first_and_most_relevant():
    s = section("learn/x.md", "move", "learn", [("Move a miner in order.", 0), ("First, start it.", 0), ("Second, wait.", 0),
                                                ("Third, stop the old one.", 0), ("The UID belongs to the hotkey.", 0)])
    result = compose("keep my uid", [Candidate(s, 0.7, 0.7, np.array([0.4, 0.3, 0.1, 0.2, 0.9]))], max_sentences=3)
    assert result.text == "The UID belongs to the hotkey. Move a miner in order. First, start it."


def test_a_long_section_gives_its_most_relevant_sentences_in_reading_order():
    units = [(FILLER, 0)] * 4 + [("The maximum supply is 21 million TAO.", 1)] + [(FILLER, 1)] * 3 + [
        ("Supply is capped at 21 million forever.", 2)]
    scores = np.array([0.1] * 4 + [0.8] + [0.1] * 3 + [0.75])
    result = compose("max supply", [Candidate(section("learn/tao.md", "supply", "learn", units), 0.7, 0.7, scores)])
    assert result.text == "The maximum supply is 21 million TAO. Supply is capped at 21 million forever."
    assert [c.url for c in result.citations] == ["/learn/tao/#supply"]
    assert result.passages[0].citation == 0


def test_a_list_is_quoted_with_its_lead_in():
    s = section("learn/x.md", "roles", "learn", [(FILLER, 0)] * 8 + [("Bittensor has four roles:", 1)])
    s = Section(**{**s.__dict__, "units": s.units + tuple(Unit(t, "item", 2) for t in ("Miners", "Validators", "Owners", "Stakers"))})
    scores = np.array([0.1] * 8 + [0.8, 0.3, 0.3, 0.3, 0.3])
    result = compose("roles", [Candidate(s, 0.7, 0.7, scores)], max_sentences=5)
    assert result.text == "Bittensor has four roles: Miners Validators Owners Stakers"


def test_a_lone_sentence_that_announces_a_list_brings_the_list():
    s = section("guides/v.md", "steps", "guide", [("Staking takes three steps.", 0)] + [(FILLER, 3)] * 8)
    items = tuple(Unit(t, "item", 1) for t in ("Pick the subnet.", "Pick the validator.", "Stake."))
    s = Section(**{**s.__dict__, "units": s.units[:1] + items + s.units[1:]})
    scores = np.array([0.8, 0.3, 0.3, 0.3] + [0.1] * 8)
    result = compose("staking step by step", [Candidate(s, 0.7, 0.7, scores)])
    assert result.text == "Staking takes three steps. Pick the subnet. Pick the validator. Stake."


def test_faq_answers_quote_the_first_paragraph_and_a_relevant_detail():
    s = section("faq.md", "is-staking-safe", "faq",
                [("Staking keeps TAO under your coldkey.", 0), ("The validator cannot move it.", 0),
                 ("Prices can still fall.", 1), ("Unrelated trivia.", 2)], level=3)
    result = compose("is staking safe", [Candidate(s, 0.8, 0.8, np.array([0.2, 0.1, 0.9, 0.1]), heading=0.95)])
    assert result.text == "Staking keeps TAO under your coldkey. The validator cannot move it. Prices can still fall."


def test_an_faq_asked_in_other_words_opens_with_its_sentence_that_answers():
    s = section("faq.md", "is-staking-safe", "faq",
                [("No, staking keeps TAO under your coldkey.", 0), ("The validator cannot move it.", 0),
                 ("Prices can still fall.", 1)], level=3)
    result = compose("what are the risks of staking", [Candidate(s, 0.8, 0.8, np.array([0.2, 0.1, 0.9]), heading=0.6)])
    assert result.text == "Prices can still fall. Staking keeps TAO under your coldkey. The validator cannot move it."


def test_a_yes_or_no_stays_only_when_the_faq_heading_is_the_question_asked():
    s = section("faq.md", "hotkey", "faq", [("No, you only need a coldkey to stake.", 0)], level=3)
    same = compose("do i need a hotkey to stake", [Candidate(s, 0.9, 0.9, np.array([0.9]), heading=0.97)])
    other = compose("do i need a hotkey to mine", [Candidate(s, 0.7, 0.7, np.array([0.7]), heading=0.7)])
    assert same.text.startswith("No, you only") and other.text.startswith("You only need")


def test_sentences_an_earlier_answer_gave_are_not_quoted_again():
    s = section("learn/k.md", "keys", "learn", [("A coldkey holds funds.", 0), ("A hotkey signs for miners.", 0)])
    result = compose("keys", [Candidate(s, 0.7, 0.7, np.array([0.9, 0.8]))], said=frozenset({"A coldkey holds funds."}))
    assert result.text == "A hotkey signs for miners."


def test_a_word_budget_keeps_the_opening_and_stops_near_the_budget():
    units = [(f"Sentence number {n} says one more thing about fees here.", 0) for n in range(6)]
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    result = compose("fees", [Candidate(section("learn/f.md", "f", "learn", units), 0.7, 0.7, scores)],
                     max_sentences=6, words=20)
    assert result.text.startswith("Sentence number 0") and 20 <= len(result.text.split()) <= 30


def test_a_citation_link_names_the_first_quoted_sentence():
    s = section("learn/tao.md", "supply", "learn", [("TAO has a cap.", 0)])
    citation = compose("cap", [Candidate(s, 0.7, 0.7, np.array([0.8]))]).citations[0]
    assert citation.link == "/learn/tao/#supply:~:text=TAO%20has%20a%20cap."


def test_faq_detail_below_the_relevance_floor_is_left_out():
    s = section("faq.md", "is-staking-safe", "faq",
                [("Staking keeps TAO under your coldkey.", 0), ("Unrelated trivia.", 1)], level=3)
    result = compose("is staking safe", [Candidate(s, 0.8, 0.8, np.array([0.7, 0.2]))])
    assert result.text == "Staking keeps TAO under your coldkey."


def test_a_supporting_section_adds_one_new_sentence_with_its_own_citation():
    a = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0)])
    b = section("glossary.md", "alpha", "glossary", [("Each subnet has an alpha token with its own pool.", 0)])
    result = compose("what is alpha", [Candidate(a, 0.7, 0.7, np.array([0.8])), Candidate(b, 0.68, 0.68, np.array([0.7]))])
    assert [p.citation for p in result.passages] == [0, 1]
    assert len(result.citations) == 2


def test_a_supporting_section_whose_best_sentence_repeats_the_answer_adds_its_next_new_one():
    a = section("glossary.md", "stake-weight", "glossary", [("Stake weight is alpha stake plus root stake times the TAO weight.", 0)])
    b = section("learn/v.md", "sw", "learn", [("Stake weight is alpha stake plus root stake times the TAO weight, roughly.", 0),
                                             ("Only the top validators by stake weight hold permits.", 0)])
    result = compose("stake weight", [Candidate(a, 0.8, 0.8, np.array([0.8])), Candidate(b, 0.79, 0.79, np.array([0.9, 0.6]))])
    assert result.text == ("Stake weight is alpha stake plus root stake times the TAO weight. "
                           "Only the top validators by stake weight hold permits.")


def test_a_restatement_that_brings_a_new_figure_is_not_a_repeat():
    a = section("glossary.md", "stake-weight", "glossary", [("Stake weight is alpha stake plus root stake times the TAO weight.", 0)])
    b = section("learn/v.md", "sw", "learn", [("Stake weight is alpha stake plus 0.18 times root stake.", 0)])
    result = compose("stake weight", [Candidate(a, 0.8, 0.8, np.array([0.8])), Candidate(b, 0.79, 0.79, np.array([0.9]))])
    assert "0.18" in result.text and len(result.citations) == 2


def test_weak_or_repeated_sections_are_not_quoted():
    a = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0)])
    same = section("learn/b.md", "b", "learn", [("Alpha is a subnet token.", 0)])
    weak = section("learn/c.md", "c", "learn", [("Something else entirely.", 0)])
    result = compose("what is alpha", [Candidate(a, 0.7, 0.7, np.array([0.8])), Candidate(same, 0.7, 0.7, np.array([0.8])),
                                       Candidate(weak, 0.4, 0.4, np.array([0.3]))])
    assert len(result.citations) == 1


def test_sentences_about_the_page_itself_are_never_quoted():
    s = section("learn/a.md", "a", "learn", [("This page covers alpha.", 0), ("Alpha is a subnet token.", 0)])
    assert compose("alpha", [Candidate(s, 0.7, 0.7, np.array([0.9, 0.8]))]).text == "Alpha is a subnet token."


def test_pointers_to_other_pages_are_never_quoted_but_instructions_are():
    s = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0), ("See Fees for details.", 0),
                                             ("The staking page explains how to stake.", 0),
                                             ("Read the expected slippage before you confirm.", 0)])
    result = compose("alpha", [Candidate(s, 0.7, 0.7, np.array([0.8, 0.9, 0.9, 0.5]))])
    assert result.text == "Alpha is a subnet token. Read the expected slippage before you confirm."


def test_refusal_is_fixed_wording_with_the_closest_distinct_pages():
    a = section("learn/a.md", "a", "learn", [("x", 0)])
    a2 = section("learn/a.md", "a2", "learn", [("y", 0)])
    b = section("learn/b.md", "b", "learn", [("z", 0)])
    result = refusal([Candidate(a, 0.2, 0.2, np.array([0.1])), Candidate(a2, 0.19, 0.19, np.array([0.1])),
                      Candidate(b, 0.1, 0.1, np.array([0.1]))])
    assert result.text.startswith(REFUSAL)
    assert [c.url for c in result.citations] == ["/learn/a/#a", "/learn/b/#b"]
    assert result.passages[0].citation is None


def test_a_which_question_gets_the_list_with_its_lead():
    s = section("guides/b.md", "compute", "guide", [("The compute basket sells machine power.", 0)] + [(FILLER, 0)] * 8)
    s = Section(**{**s.__dict__, "units": s.units + tuple(Unit(t, "item", 1) for t in ("SN51 lium.io rents GPUs.", "SN12 Compute Horde runs jobs."))})
    scores = np.array([0.8] + [0.1] * 8 + [0.4, 0.4])
    result = compose("which subnets are in the compute basket", [Candidate(s, 0.7, 0.7, scores)])
    assert result.text == "The compute basket sells machine power. SN51 lium.io rents GPUs. SN12 Compute Horde runs jobs."


def test_a_section_that_only_points_at_what_follows_gives_way_to_the_next_one():
    contents = section("faq.md", "subnets", "faq", [("These questions cover what subnets are and how they are made.", 0)])
    answer = section("learn/subnets.md", "what", "learn", [("A subnet is a competition market inside Bittensor.", 0)])
    result = compose("what are subnets", [Candidate(contents, 0.8, 0.5, np.array([0.9])),
                                         Candidate(answer, 0.6, 0.5, np.array([0.4]))])
    assert result.text == "A subnet is a competition market inside Bittensor."
    assert [c.url for c in result.citations] == ["/learn/subnets/#what"]


def test_a_supporting_sentence_that_announces_a_list_is_not_quoted_without_it():
    a = section("faq.md", "slippage", "faq", [("Slippage is the gap between spot price and the price you get.", 0)])
    b = section("learn/staking.md", "safe", "learn", [("Staking still carries real risks:", 0),
                                                      ("Large trades lose value to slippage in the pool.", 0)])
    result = compose("slippage", [Candidate(a, 0.8, 0.8, np.array([0.8])), Candidate(b, 0.79, 0.79, np.array([0.9, 0.6]))])
    assert "risks:" not in result.text
    assert result.text.endswith("Large trades lose value to slippage in the pool.")


def test_budget_left_over_goes_to_relevant_unquoted_sentences_of_cited_sections_in_reading_order():
    units = [("The review track lets a wider group stop or speed up a proposal.", 0), (FILLER, 0), (FILLER, 0),
             ("If 75% of voters vote aye, the proposal runs at the next block.", 1), (FILLER, 1),
             ("If 51% vote nay, the proposal is cancelled.", 1), ("Otherwise the proposal runs when the wait ends.", 1),
             (FILLER, 2), (FILLER, 2)]
    scores = np.array([0.9, 0.1, 0.1, 0.85, 0.1, 0.5, 0.2, 0.1, 0.1])
    s = section("learn/gov.md", "review", "learn", units)
    result = compose("who can kill a proposal", [Candidate(s, 0.7, 0.7, scores)], max_sentences=6)
    assert result.text == ("The review track lets a wider group stop or speed up a proposal. "
                           "If 75% of voters vote aye, the proposal runs at the next block. "
                           "If 51% vote nay, the proposal is cancelled.")
    assert compose("who can kill a proposal", [Candidate(s, 0.7, 0.7, scores)], max_sentences=2).text.count(".") == 2


def test_a_supporting_section_qualifies_by_its_sentence_relevance_not_its_rank_score():
    a = section("learn/tao.md", "decimals", "learn", [("Outside the EVM TAO has 9 decimals.", 0)])
    b = section("learn/evm.md", "amounts", "learn", [("Inside the EVM, TAO amounts use 18 decimals.", 0)])
    weak = section("learn/c.md", "c", "learn", [("Something else entirely.", 0)])
    result = compose("how many decimals does tao have in the evm",
                     [Candidate(a, 0.95, 0.7, np.array([0.8])), Candidate(weak, 0.9, 0.6, np.array([0.3])),
                      Candidate(b, 0.5, 0.6, np.array([0.7]))])
    assert [c.url for c in result.citations] == ["/learn/tao/#decimals", "/learn/evm/#amounts"]


def test_the_home_page_never_supports_an_answer():
    a = section("learn/validators.md", "become", "learn", [("A validator needs a validator permit.", 0)])
    home = section("index.md", "reading-path", "home", [("Validators: who scores the work.", 0)])
    result = compose("how do i become a validator", [Candidate(a, 0.9, 0.7, np.array([0.8])),
                                                     Candidate(home, 0.88, 0.6, np.array([0.7]))])
    assert [c.url for c in result.citations] == ["/learn/validators/#become"]


@pytest.mark.parametrize("pointer", ["The SDK and networks page lists every endpoint.",
                                     "The glossary defines the other dTAO terms used on this page.",
                                     "For the keys that `btcli` manages, see wallets and keys.",
                                     "These questions cover staking and unstaking."])
def test_more_kinds_of_pointer_are_never_quoted(pointer):
    s = section("learn/a.md", "a", "learn", [("Alpha is a subnet token.", 0), (pointer, 0)])
    assert compose("alpha", [Candidate(s, 0.7, 0.7, np.array([0.6, 0.9]))]).text == "Alpha is a subnet token."


def test_a_follow_up_opens_with_what_its_own_words_ask():
    s = section("learn/k.md", "swap", "learn", [("Use a coldkey swap if your coldkey leaked.", 0),
                                                ("The swap waits 5 days before it executes.", 0)])
    folded, own = np.array([0.9, 0.6]), np.array([0.2, 0.9])  # "how long does that take?" after a swap question
    plain = compose("how long does that take", [Candidate(s, 0.7, 0.7, folded)])
    follow_up = compose("how long does that take", [Candidate(s, 0.7, 0.7, folded, own_scores=own)])
    assert plain.text.startswith("Use a coldkey swap") and follow_up.text.startswith("The swap waits 5 days")
