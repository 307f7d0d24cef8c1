"""The ways around the site, generated at build time: the glossary's A–Z bar from its headings, the Ask
button's slot in the header, links to the server's routes made relative, and flags kept whole."""

from kb import sitenav
from kb.glossary import letter_index, parse_glossary

GLOSSARY = """# Glossary

## Alpha

Alpha is a subnet token.

## Axon

An axon serves a miner.

## Coldkey

A coldkey holds funds.

## 1-block rule

A made-up term that starts with a digit.
"""


def test_each_letter_jumps_to_its_first_term_and_missing_letters_have_none():
    index = dict(letter_index(parse_glossary(GLOSSARY)))
    assert index["A"] == "alpha" and index["C"] == "coldkey" and index["B"] is None
    assert list(index)[:3] == ["A", "B", "C"] and list(index)[-1] == "#" and index["#"] == "1-block-rule"


def test_the_bar_links_only_letters_that_have_terms():
    bar = sitenav.az_bar(parse_glossary(GLOSSARY))
    assert '<a href="#alpha">A</a>' in bar and '<span aria-hidden="true">B</span>' in bar
    assert bar.count("<a ") == 3 and 'aria-label="Glossary A to Z"' in bar


def test_the_bar_follows_the_headings_of_the_real_glossary(fixture_site):
    html = (fixture_site.site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    for letter, anchor in letter_index(parse_glossary((fixture_site.content_dir / "glossary.md").read_text(encoding="utf-8"))):
        if anchor:
            assert f'<a href="#{anchor}">{letter}</a>' in html and f'id="{anchor}"' in html


def test_the_launcher_slot_goes_into_the_header_before_the_search():
    page = ('<header class="md-header"><nav class="md-header__inner"><form class="md-header__option"></form>'
            '<label class="md-header__button md-icon" for="__search">S</label></nav><nav class="md-tabs"></nav></header>')
    out = sitenav.with_launcher_slot(page)
    assert out.index(sitenav.LAUNCHER_SLOT) < out.index('for="__search"') < out.index("md-tabs")
    assert sitenav.with_launcher_slot("<p>no header</p>") == "<p>no header</p>"


def test_links_to_the_chat_are_made_relative_to_the_page():
    html = '<a href="/chat/">/chat</a> <a href="/chat/?q=x">ask</a> <a href="/elsewhere/">x</a>'
    assert sitenav.relative_server_links(html, "") == '<a href="chat/">/chat</a> <a href="chat/?q=x">ask</a> <a href="/elsewhere/">x</a>'
    assert 'href="../chat/"' in sitenav.relative_server_links(html, "faq/")
    assert 'href="../../chat/"' in sitenav.relative_server_links(html, "learn/tao/")


def test_words_with_hyphens_in_inline_code_are_kept_whole_but_code_blocks_are_left_alone():
    html = "<p>Run <code>btcli stake add --netuid 64</code>.</p><pre><code>btcli --help</code></pre><code>btcli</code>"
    out = sitenav.unbroken_flags(html)
    assert '<code>btcli stake add <span class="tg-nw">--netuid</span> 64</code>' in out
    assert "<pre><code>btcli --help</code></pre>" in out and out.endswith("<code>btcli</code>")
