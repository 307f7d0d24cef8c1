"""Glossary terms → hover tooltips for the whole site, generated from content/glossary.md.

The glossary page is the single source: each ``## Term`` (or ``## Term (ABBR)``) heading
and the first sentence of its definition become an abbreviation that mkdocs-material
shows as a tooltip where the term first appears on a page, so no page keeps its own copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.markdown import MarkdownConfig, parse_page
from kb.records import Section

_PAREN = re.compile(r"^(?P<term>.+?)\s*\((?P<abbr>[^)]+)\)$")


@dataclass(frozen=True)
class Term:
    heading: str
    names: tuple[str, ...]  # the words a reader may meet in running text
    definition: str  # first sentence of the definition, plain text
    anchor: str


def glossary_terms(sections: list[Section]) -> list[Term]:
    """One Term per ``##`` section of the glossary page."""
    terms = []
    for section in sections:
        if section.level != 2 or not section.units:
            continue
        match = _PAREN.match(section.heading)
        names = [match.group("term"), match.group("abbr")] if match else [section.heading]
        variants: list[str] = []
        for name in names:
            variants.append(name)
            if not name.isupper() and name.lower() != name:
                variants.append(name.lower())
        terms.append(Term(section.heading, tuple(dict.fromkeys(variants)), section.units[0].text, section.anchor))
    return terms


def parse_glossary(text: str, config: MarkdownConfig = MarkdownConfig()) -> list[Term]:
    return glossary_terms(parse_page(text, "glossary.md", "/glossary/", config))


def tooltips(terms: list[Term]) -> dict[str, str]:
    """Every name of every term → its tooltip text (the abbr extension's glossary)."""
    return {name: " ".join(term.definition.replace("`", "").split()) for term in terms for name in term.names}


def letter_index(terms: list[Term]) -> list[tuple[str, str | None]]:
    """The A–Z jump bar: each letter with the anchor of its first term in page order (None when no term starts
    with it); headings that start with anything else come last under "#"."""
    first: dict[str, str] = {}
    for term in terms:
        initial = term.heading[:1].upper()
        first.setdefault(initial if "A" <= initial <= "Z" else "#", term.anchor)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + (["#"] if "#" in first else [])
    return [(letter, first.get(letter)) for letter in letters]
