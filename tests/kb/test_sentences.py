import pytest

from kb.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One. Two.", ["One.", "Two."], id="two-sentences"),
        pytest.param("Fees are small, e.g. 0.05% of a trade. Slippage is not a fee.",
                     ["Fees are small, e.g. 0.05% of a trade.", "Slippage is not a fee."], id="e.g."),
        pytest.param("It happened in Dec. 2025 in the U.S. region. Then it stopped.",
                     ["It happened in Dec. 2025 in the U.S. region.", "Then it stopped."], id="abbreviations"),
        pytest.param("Emission fell from 1 TAO to 0.5 TAO per block. Version 10.2.0 followed.",
                     ["Emission fell from 1 TAO to 0.5 TAO per block.", "Version 10.2.0 followed."], id="decimals"),
        pytest.param("Is it safe? Yes! Keep the seed offline.", ["Is it safe?", "Yes!", "Keep the seed offline."],
                     id="question-exclamation"),
        pytest.param('He said "stop." Then left.', ['He said "stop."', "Then left."], id="closing-quote"),
        pytest.param("Run `btcli stake add`. It asks for an amount.", ["Run `btcli stake add`.", "It asks for an amount."],
                     id="code-span"),
        pytest.param("   ", [], id="blank"),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected
