from kb.glossary import abbreviations, parse_glossary

GLOSSARY = """# Glossary

Intro.

## Hotkey

A hotkey is the key a miner uses to sign work. It holds no funds.

See also: [Coldkey](#coldkey).

## Yuma Consensus (YC)

Yuma Consensus is the on-chain scoring algorithm.

## TAO

TAO is the token.
"""


def test_each_term_yields_its_names_and_first_sentence():
    terms = parse_glossary(GLOSSARY)
    assert [(t.names, t.definition, t.anchor) for t in terms] == [
        (("Hotkey", "hotkey"), "A hotkey is the key a miner uses to sign work.", "hotkey"),
        (("Yuma Consensus", "yuma consensus", "YC"), "Yuma Consensus is the on-chain scoring algorithm.",
         "yuma-consensus-yc"),
        (("TAO",), "TAO is the token.", "tao"),
    ]


def test_abbreviations_are_markdown_abbr_definitions():
    lines = abbreviations(parse_glossary(GLOSSARY)).splitlines()
    assert lines[0] == "*[Hotkey]: A hotkey is the key a miner uses to sign work."
    assert "*[YC]: Yuma Consensus is the on-chain scoring algorithm." in lines
