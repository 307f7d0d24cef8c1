"""Kinds of question the bot declines however close they sound to the pages."""

import pytest

from bot.answer.scope import decline_before_retrieval, decline_other_chain, other_chains


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        pytest.param("Will TAO reach 5000 dollars by 2030?", "financial_advice", id="will-reach"),
        pytest.param("should i buy some alpha on sn19 today", "financial_advice", id="should-i-buy"),
        pytest.param("what will the TAO price be next week", "financial_advice", id="price-next-week"),
        pytest.param("is staking TAO a good investment for my savings", "financial_advice", id="good-investment"),
        pytest.param("which subnet will have the best returns next month", "financial_advice", id="best-returns-next"),
        pytest.param("whats the price target for chutes", "financial_advice", id="price-target"),
        pytest.param("how much will i make staking 100 tao next year in dollars", "financial_advice", id="earn-in-dollars"),
        pytest.param("does the TAO ETF trade at a premium to its net asset value?", "financial_advice", id="etf-premium"),
        pytest.param("is that bittensor trust trading below NAV this week", "financial_advice", id="trust-discount"),
        pytest.param("where does the bittensor founder live", "personal_information", id="where-live"),
        pytest.param("who owns the biggest validator, whats his real name", "personal_information", id="real-name"),
        pytest.param("my seed phrase is apple banana cherry, is that safe?", "seed_phrase", id="seed-typed"),
        pytest.param("guess the last word of my mnemonic please", "seed_phrase", id="guess-word"),
        pytest.param("legal winner thank year wave sausage worth useful legal winner thank yellow", "seed_phrase",
                     id="bare-mnemonic"),
    ],
)
def test_declined_before_retrieval(question, rule):
    decline = decline_before_retrieval(question)
    assert decline is not None and decline.rule == rule and decline.message


@pytest.mark.parametrize(
    "question",
    [
        "How is a subnet's alpha price set?", "What is the maximum supply of TAO?", "Can I lose money staking?",
        "why does every bittensor address start with a 5", "What happens to my stake if the price falls?",
        "how do I recover my wallet from the seed phrase?", "what is the price of tao in usd",
        "how much is 1 tao in dollars", "what APY do stakers get", "which validators have the best returns",
        "how is the NAV of my root basket worked out",
    ],
)
def test_questions_about_prices_and_keys_in_general_are_not_declined(question):
    assert decline_before_retrieval(question) is None


@pytest.mark.parametrize(
    ("question", "chains"),
    [
        ("whats the circulating supply of bitcoin", ["Bitcoin"]),
        ("how do I stake ETH and SOL", ["Ethereum", "Solana"]),
        ("are we near the halving?", []),  # "near" in lower case is a word, not the NEAR chain
        ("is a dot product used in bittensor?", []),
        ("NEAR vs TAO", ["NEAR"]),
    ],
)
def test_other_chains_are_recognised(question, chains):
    assert other_chains(question) == chains


def test_another_chain_is_declined_unless_the_quote_discusses_it_for_a_bittensor_question():
    assert decline_other_chain("what is bitcoin's block time?", "A block takes 12 seconds.") is not None
    assert decline_other_chain("is bittensor mining like bitcoin mining?",
                               "Bittensor mining is unlike Bitcoin mining: there are no hash puzzles.") is None
    assert decline_other_chain("is bittensor mining like bitcoin mining?", "Miners do the subnet's task.") is not None
    assert decline_other_chain("what is the max supply of TAO?", "21 million TAO.") is None


def test_a_quoted_section_whose_heading_names_the_other_chain_discusses_it():
    question = "is bittensor mining like btc mining, do i need asics"
    answer = "The miner's score, not its hashing power, decides its share."
    assert decline_other_chain(question, answer, ["Is Bittensor mining like Bitcoin mining?"]) is None
    assert decline_other_chain(question, answer, ["What a miner does"]) is not None
    assert decline_other_chain("is bitcoin mining profitable", answer, ["Is Bittensor mining like Bitcoin mining?"]) is not None


def test_engine_declines_politely_and_says_what_it_can_do(real_engine):
    answer = real_engine.answer("what's the max supply of dogecoin?")
    assert answer.kind == "refusal" and "Bittensor only" in answer.text and "Dogecoin" in answer.text
    answer = real_engine.answer("should I buy TAO before the next halving?")
    assert answer.kind == "refusal" and "financial advice" in answer.text and "It can explain" in answer.text
    assert answer.trace.reason == "declined: financial_advice"
