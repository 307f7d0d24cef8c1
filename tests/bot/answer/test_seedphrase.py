"""Seed phrases are recognised as runs of BIP39 words, and only those."""

import pytest

from bot.answer.seedphrase import REDACTED, contains_seed_phrase, redact, wordlist

TWELVE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


def test_the_bip39_english_list_is_available():
    assert len(wordlist()) == 2048


@pytest.mark.parametrize("text", [TWELVE, f"my words: {TWELVE.upper()}", f"{TWELVE} {TWELVE}", TWELVE.replace(" ", ", ")])
def test_twelve_or_more_list_words_in_a_row_are_a_seed_phrase(text):
    assert contains_seed_phrase(text)
    assert "sausage" not in redact(text).lower() and REDACTED in redact(text)


@pytest.mark.parametrize("text", [
    "How do I stake TAO to a validator and what fees do I pay when I unstake later from the root subnet?",
    "legal winner thank year wave sausage worth useful legal winner thank",  # eleven
    "what is the maximum supply of tao and when is the next halving expected to happen on the network",
])
def test_ordinary_questions_and_short_runs_are_not(text):
    assert not contains_seed_phrase(text) and redact(text) == text


def test_redaction_keeps_the_words_around_the_phrase():
    assert redact(f"hmm, {TWELVE}. thanks") == f"hmm, {REDACTED}. thanks"
