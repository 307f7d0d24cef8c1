"""Live answers on the bundled snapshot (no network): numbers with units, freshness, and the page sentence."""

import re

import pytest


def test_how_many_subnets_is_live_with_the_stored_snapshot_label(real_engine):
    answer = real_engine.answer("how many subnets are there?")
    assert answer.kind == "live" and answer.live.state == "bundled"
    assert "There are 128 subnets" in answer.text
    assert re.search(r"from the stored snapshot of 2026-03-22 \(block 7,801,029, \d+ days old\), not live; live reads "
                     r"are off on this server", answer.text)


def test_a_price_answer_explains_the_concept_with_its_citation(real_engine):
    answer = real_engine.answer("what's the price of SN64 alpha?")
    assert "SN64 (Chutes) alpha costs 0.0905 TAO per alpha" in answer.text
    assert answer.passages[0].citation == 0 and "#" in answer.citations[0].url
    assert answer.passages[-1].citation is None  # the numbers are chain data, not a quote


@pytest.mark.parametrize(("question", "words"), [
    ("who owns subnet 1?", "unknown here"),  # owners are not in the bundled snapshot: never invented
    ("what's the registration cost on netuid 19?", "unknown here"),
    ("total issuance?", "unknown here"),
])
def test_fields_the_snapshot_lacks_are_reported_unknown(real_engine, question, words):
    answer = real_engine.answer(question)
    assert answer.kind == "live" and words in answer.text and "taostats.io" in answer.text


def test_registration_cost_gives_both_meanings(real_engine):
    text = real_engine.answer("what's the registration cost on netuid 19?").text
    assert "register a neuron (UID) on SN19" in text and "Separately, the current cost to create a new subnet" in text


def test_a_subnet_that_does_not_exist_says_so(real_engine):
    answer = real_engine.answer("what's the price of subnet 300?")
    assert answer.kind == "live" and "There is no subnet 300" in answer.text and "128 subnets" in answer.text


def test_ranking_by_emission_has_units(real_engine):
    text = real_engine.answer("top 3 subnets by emission").text
    assert "1. SN3 (τemplar): 305.72 TAO/day" in text and "3. SN75 (Hippius)" in text


def test_overview_quotes_what_our_pages_say_about_the_subnet(real_engine):
    answer = real_engine.answer("tell me about sn64")
    assert any(c.url.startswith("/guides/subnet-baskets/#") for c in answer.citations)
    assert "SN64 (Chutes): price 0.0905 TAO per alpha" in answer.text


def test_price_questions_about_the_future_are_declined_not_answered_live(real_engine):
    assert real_engine.answer("what will sn64 alpha be worth in 6 months?").kind == "refusal"


def test_conceptual_questions_still_go_to_the_pages(real_engine):
    assert real_engine.answer("what is a subnet?").kind == "answer"


@pytest.mark.parametrize("question", ["what's the latest block on ethereum?", "current solana block height?"])
def test_another_chains_numbers_are_never_answered_with_ours(real_engine, question):
    answer = real_engine.answer(question)
    assert answer.kind == "refusal" and "7,801,029" not in answer.text


@pytest.mark.parametrize("question", ["whats the price target for sn64", "give me a target price for chutes alpha"])
def test_price_targets_are_declined_before_any_live_lookup(real_engine, question):
    answer = real_engine.answer(question)
    assert answer.kind == "refusal" and answer.live is None and "financial advice" in answer.text


def test_a_question_about_how_the_halving_is_triggered_is_answered_from_the_pages(real_engine):
    answer = real_engine.answer("is the halving triggered by block height?")
    assert answer.kind == "answer" and answer.live is None and "issuance" in answer.text


def _engine_with_history(real_settings, real_engine, tmp_path, prices):
    """The real pages' engine over a chain whose refreshes (through the fake substrate) are in a real history store."""
    from datetime import timedelta

    from bot.answer import Engine
    from bot.chain.history import HistoryStore
    from bot.chain.service import ChainFacts
    from tests.bot.chain.test_history import START, snap

    reads = iter([snap(step, minutes=60, price=p) for step, p in prices])
    store = HistoryStore(f"sqlite:///{tmp_path / 'history.sqlite'}")
    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=lambda: next(reads), history=store,
                       clock=lambda: START + timedelta(hours=prices[-1][0], minutes=1))
    for _ in prices:
        assert facts.refresh_once()
    return Engine(real_settings, real_engine.index, chain=facts), store


def test_a_price_change_this_week_is_answered_from_the_history_first(real_settings, real_engine, tmp_path):
    engine, store = _engine_with_history(real_settings, real_engine, tmp_path, [(0, 0.08), (100, 0.085), (168, 0.088)])
    try:
        answer = engine.answer("how did SN64's price change this week?")
        assert answer.kind == "live" and answer.live.intent == "change"
        assert answer.text.startswith("SN64 (Chutes) alpha is 0.0880 TAO, up 10.0% over the last 7 days")
        assert "block 8,000,000" in answer.text and "live" in answer.live.state
        movers = engine.answer("top movers this week")
        assert movers.live.intent == "movers" and "rose the most over the last 7 days" in movers.text
    finally:
        store.close()


def test_a_change_without_history_says_so_and_where_to_look(real_engine):
    answer = real_engine.answer("is chutes up today?")
    assert answer.kind == "live" and answer.text.startswith("SN64 (Chutes) alpha is 0.0905 TAO")
    assert "no price history" in answer.text and "taostats.io" in answer.text


def test_a_baskets_subnets_come_with_their_numbers_and_the_baskets_page_cited(real_engine):
    answer = real_engine.answer("which subnets are in the compute basket?")
    assert answer.kind == "live" and answer.text.startswith("Our baskets page lists")
    assert "SN51 (lium.io) at" in answer.text and "from the stored snapshot" in answer.text
    assert answer.citations[0].url == "/guides/subnet-baskets/#compute-and-hardware-basket"
    assert real_engine.answer("what's in the meme basket").kind != "live"  # a basket we don't list: the pages answer
