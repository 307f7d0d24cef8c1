"""Markdown → sections: headings, anchors as the site renders them, quotable units."""

from kb.markdown import MarkdownConfig, page_kind, parse_page

CONFIG = MarkdownConfig(("toc", "tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"),
                        {"toc": {"permalink": True}})

PAGE = """---
title: Test page
sources: [https://example.org]
---

# Test page

Intro one. Intro two has `btcli stake add` & more.

## What is TAO (τ)?

TAO is the token. The supply is 21,000,000 TAO.

- First item with [a link](other.md).
- Second item
    - nested item

| Name | Endpoint |
|---|---|
| finney | wss://example |

```bash
btcli stake add --netuid 1
```

!!! note "Careful"
    Admonition text here.

See also: [x](#test-page).

## What is TAO (τ)?

Duplicate heading text.

### Deep heading {#custom-id}

Deep text.
"""


def sections():
    return parse_page(PAGE, "learn/x.md", "/learn/x/", CONFIG)


def test_every_heading_becomes_a_section_with_the_site_anchor():
    assert [(s.anchor, s.level) for s in sections()] == [
        ("test-page", 1), ("what-is-tao", 2), ("what-is-tao_1", 2), ("custom-id", 3)]


def test_section_urls_are_page_url_plus_anchor():
    assert [s.url for s in sections()] == [
        "/learn/x/#test-page", "/learn/x/#what-is-tao", "/learn/x/#what-is-tao_1", "/learn/x/#custom-id"]
    assert sections()[1].id == "learn/x.md#what-is-tao"


def test_heading_path_runs_from_the_page_title_down():
    assert sections()[3].path == ("Test page", "What is TAO (τ)?", "Deep heading")
    assert sections()[1].page_title == "Test page"


def test_units_keep_reading_order_and_kind():
    units = [(u.kind, u.text) for u in sections()[1].units]
    assert units == [
        ("sentence", "TAO is the token."),
        ("sentence", "The supply is 21,000,000 TAO."),
        ("item", "First item with a link."),
        ("item", "Second item"),
        ("item", "nested item"),
        ("row", "finney: wss://example"),
        ("code", "btcli stake add --netuid 1"),
        ("sentence", "Admonition text here."),
    ]


def test_inline_code_keeps_backticks_and_entities_are_decoded():
    assert sections()[0].units[1].text == "Intro two has `btcli stake add` & more."


def test_see_also_lines_are_not_quotable():
    assert not any("See also" in u.text for s in sections() for u in s.units)


def test_page_without_front_matter_title_uses_its_h1():
    (section,) = parse_page("# Only heading\n\nText.\n", "a.md", "/a/", CONFIG)
    assert section.page_title == "Only heading"


def test_page_kind_follows_the_folder():
    assert [page_kind(p) for p in ("index.md", "faq.md", "glossary.md", "learn/tao.md", "guides/v.md", "misc.md")] == [
        "home", "faq", "glossary", "learn", "guide", "page"]
