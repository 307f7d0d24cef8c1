"""The kind of a question, which sentence may open its answer, and yes/no openers."""

import pytest

from bot.answer import shape


@pytest.mark.parametrize(("question", "kind"), [
    ("what is a hotkey", "definition"),
    ("whats dtao", "definition"),
    ("how do i stake my tao?", "how_to"),
    ("and how do I stake it?", "how_to"),
    ("how much does it cost to register?", "amount"),
    ("how long does that take?", "amount"),
    ("when was the first halving", "when"),
    ("why does my subnet get no emission", "why"),
    ("is staking risky? can i lose my tao", "risk"),
    ("coldkey vs hotkey", "compare"),
    ("what's the difference between root and subnet stake", "compare"),
    ("do i need a hotkey to stake", "yes_no"),
    ("which subnets do storage", "list"),
    ("tell me about yuma", "other"),
])
def test_the_kind_of_question(question, kind):
    assert shape.kind_of(question) == kind


@pytest.mark.parametrize(("kind", "sentence", "fits"), [
    ("amount", "A coldkey swap costs 0.1 TAO.", True),
    ("amount", "A coldkey swap moves everything to a new key.", False),
    ("how_to", "Stake with `btcli stake add --netuid 1`.", True),
    ("how_to", "Staking attaches TAO to a validator.", False),
    ("when", "The first halving happened in December 2025.", True),
    ("risk", "Subnet stake is held in alpha whose TAO value can fall.", True),
    ("risk", "A validator cannot move or spend your stake.", False),
])
def test_which_sentence_answers_a_kind_of_question(kind, sentence, fits):
    assert shape.fits(kind, sentence) is fits


@pytest.mark.parametrize(("sentence", "plain"), [
    ("No, a validator cannot move or spend your stake.", "A validator cannot move or spend your stake."),
    ("Yes, `btcli stake move` moves stake.", "`btcli stake move` moves stake."),
    ("Not directly: fees go to the block author.", "Fees go to the block author."),
    ("No one can recover a seed phrase.", "No one can recover a seed phrase."),  # "No one" is not an opener
    ("It does.", None),
])
def test_a_yes_no_opener_is_dropped_and_a_bare_one_leaves_nothing(sentence, plain):
    assert shape.strip_opener(sentence) == plain


def test_sentences_that_go_on_from_another_cannot_open():
    assert shape.continues("For example, a pool holding 1,000 TAO prices alpha at 0.0625 TAO.")
    assert not shape.continues("A subnet's alpha price comes from its pool.")


@pytest.mark.parametrize("sentence", [
    "Sources differ on the exact day: the halving was announced for 14 December 2025.",
    "An older version of the Subtensor README also lists port 9933.",
    "The official docs also discuss a proposal to make alpha emissions halve.",
    "Before August 2026, root rewards arrived through automatic root claims.",
    "According to the proposal and its code on the main branch: a migration would move each pool.",
    "In btcli 9.x, `btcli subnet burn-cost` shows the subnet-creation price.",
])
def test_a_caveat_about_sources_or_the_past_never_opens(sentence):
    assert shape.continues(sentence)


@pytest.mark.parametrize("sentence", ["Port 9944 is the RPC port.", "Staking is still risky.",
                                      "The first TAO halving happened in mid-December 2025."])
def test_a_plain_statement_may_open(sentence):
    assert not shape.continues(sentence)
