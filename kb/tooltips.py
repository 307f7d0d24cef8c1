"""Markdown extension: keep only the first glossary tooltip of each term on a page.

The ``abbr`` extension (fed with the glossary by ``kb.sitehooks``) wraps every occurrence
of every term, which underlines half the words of a page about staking. Readers need the
hint once: this tree step, run right after ``abbr``, unwraps every repeat and every
tooltip inside a heading or a link, leaving the text exactly as it was.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_NO_TOOLTIP_INSIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr"}


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace ``child`` by its text, merged into the surrounding text."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(child)


class FirstTooltipOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()

        def visit(el: etree.Element, suppressed: bool) -> None:
            for child in list(el):
                if child.tag == "abbr" and child.get("title") is not None:
                    term = (child.text or "").lower()
                    if suppressed or term in seen:
                        _unwrap(el, child)
                    else:
                        seen.add(term)
                else:
                    visit(child, suppressed or child.tag in _NO_TOOLTIP_INSIDE)

        visit(root, False)


class TooltipExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        md.treeprocessors.register(FirstTooltipOnly(md), "kb_first_tooltip", 6.5)  # abbr runs at 7


def makeExtension(**kwargs: object) -> TooltipExtension:  # noqa: N802 (Python-Markdown entry point)
    return TooltipExtension(**kwargs)
