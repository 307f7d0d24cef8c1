from kb.glossary import parse_glossary, tooltips

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


def test_tooltips_map_every_name_to_the_first_sentence():
    tips = tooltips(parse_glossary(GLOSSARY))
    assert tips["Hotkey"] == tips["hotkey"] == "A hotkey is the key a miner uses to sign work."
    assert tips["YC"] == "Yuma Consensus is the on-chain scoring algorithm."


def test_only_the_first_occurrence_outside_headings_and_links_gets_a_tooltip():
    import markdown

    html = markdown.markdown(
        "## Hotkey basics\n\nA [hotkey](x.md) signs. The hotkey is hot. Every Hotkey is online.\n",
        extensions=["abbr", "kb.tooltips"], extension_configs={"abbr": {"glossary": tooltips(parse_glossary(GLOSSARY))}})
    assert html.count("<abbr") == 1
    assert '<h2>Hotkey basics</h2>' in html
    assert 'The <abbr title="A hotkey is the key a miner uses to sign work.">hotkey</abbr> is hot.' in html
    assert "Every Hotkey is online." in html
