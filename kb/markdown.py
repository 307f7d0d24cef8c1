"""One Markdown page → its sections, each with the anchor the built site gives its heading.

Why Python-Markdown instead of a hand-written splitter: mkdocs renders pages with
Python-Markdown, and the ``toc`` extension gives every heading its id (slugify, then
de-duplication with ``_1``, ``_2`` ...). Parsing with the same library and the same
extension configuration (read from mkdocs.yml by ``kb.site``) makes every citation anchor
equal to the site's by construction; ``tests/kb/test_site_anchors.py`` checks it against
the built HTML anyway. Text is taken from the rendered tree, so links, emphasis and
escapes read as they do on the page.
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils.meta import get_data

from kb.records import Section, Unit
from kb.sentences import split_sentences

_HEADING = re.compile(r"^h([1-6])$")
_CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)
# Navigation lines ("See also: ...", "More: ...") point elsewhere; they are not answers.
_NAV_LINE = re.compile(r"^(see also|more|read more|related)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class MarkdownConfig:
    """The Markdown extensions (and their options) the site is rendered with."""

    extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "attr_list", "admonition")
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Block:
    level: int
    anchor: str
    heading: str
    units: list[Unit] = field(default_factory=list)


class _Collector(Treeprocessor):
    """Runs after every other tree step (toc ids included) and splits the tree at headings."""

    def run(self, root: etree.Element) -> None:
        blocks: list[_Block] = [_Block(level=0, anchor="", heading="")]
        for index, el in enumerate(root):
            level = _heading_level(el)
            if level:
                blocks.append(_Block(level=level, anchor=el.get("id", ""), heading=_heading_text(el, self.md)))
            else:
                blocks[-1].units.extend(_units(el, self.md, index))
        self.md.kb_blocks = blocks  # type: ignore[attr-defined]


class _CollectorExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown API)
        md.treeprocessors.register(_Collector(md), "kb_collect", -100)


def parse_page(text: str, page: str, url: str, config: MarkdownConfig = MarkdownConfig()) -> list[Section]:
    """Split one page into sections; ``url`` is the page's site URL (e.g. ``/learn/tao/``)."""
    body, meta = get_data(text)
    md = markdown.Markdown(extensions=[*config.extensions, _CollectorExtension()], extension_configs=config.configs)
    md.convert(body)
    blocks: list[_Block] = md.kb_blocks  # type: ignore[attr-defined]

    h1 = next((b.heading for b in blocks if b.level == 1), "")
    title = str(meta.get("title") or h1 or page.rsplit("/", 1)[-1].removesuffix(".md"))
    kind = str(meta.get("kind") or page_kind(page))

    sections: list[Section] = []
    trail: list[tuple[int, str]] = []  # (level, heading) of the open headings
    for block in blocks:
        if block.level == 0 and not block.units:
            continue
        while trail and trail[-1][0] >= block.level:
            trail.pop()
        if block.level:
            trail.append((block.level, block.heading))
        sections.append(
            Section(
                page=page,
                page_title=title,
                kind=kind,
                heading=block.heading or title,
                path=tuple(h for _, h in trail) or (title,),
                anchor=block.anchor,
                url=f"{url}#{block.anchor}" if block.anchor else url,
                level=block.level,
                units=tuple(block.units),
            )
        )
    return sections


def page_kind(page: str) -> str:
    """What kind of page this is, from where it sits in content/."""
    name = page.rsplit("/", 1)[-1]
    top = page.split("/", 1)[0] if "/" in page else ""
    if page == "index.md":
        return "home"
    if name in ("faq.md", "glossary.md"):
        return name.removesuffix(".md")
    return {"learn": "learn", "guides": "guide"}.get(top, "page")


def _heading_level(el: etree.Element) -> int:
    match = _HEADING.match(el.tag) if isinstance(el.tag, str) else None
    return int(match.group(1)) if match else 0


def _heading_text(el: etree.Element, md: markdown.Markdown) -> str:
    el = copy.copy(el)
    for child in list(el):
        if "headerlink" in (child.get("class") or ""):
            el.remove(child)
    return _plain(render_inner_html(el, md))


def _plain(rendered_html: str) -> str:
    """Rendered inline HTML → readable text; code spans keep their backticks."""
    return html.unescape(strip_tags(_CODE.sub(lambda m: f"`{m.group(1)}`", rendered_html)))


def _inner_text(el: etree.Element, md: markdown.Markdown) -> str:
    return _plain(render_inner_html(el, md)) if len(el) or (el.text or "").strip() else ""


def _units(el: etree.Element, md: markdown.Markdown, block: int) -> list[Unit]:
    tag = el.tag if isinstance(el.tag, str) else ""
    classes = set((el.get("class") or "").split())
    if tag == "p":
        rendered = render_inner_html(el, md) if len(el) or (el.text or "").strip() else ""
        if rendered.startswith(('<div class="highlight"', "<pre")):  # a fenced block stashed by superfences
            code = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
            return [Unit(code, "code", block)] if code else []
        text = _plain(rendered)
        if not text or _NAV_LINE.match(text):
            return []
        return [Unit(s, "sentence", block) for s in split_sentences(text)]
    if tag in ("ul", "ol"):
        units: list[Unit] = []
        for li in el.findall("li"):
            own = copy.copy(li)
            nested = [c for c in own if c.tag in ("ul", "ol")]
            for child in nested:
                own.remove(child)
            text = " ".join(_inner_text(own, md).split())
            if text and not _NAV_LINE.match(text):
                units.append(Unit(text, "item", block))
            for child in nested:
                units.extend(_units(child, md, block))
        return units
    if tag == "table":
        headers = [_inner_text(th, md) for th in el.iter("th")]
        units = []
        for tr in el.iter("tr"):
            cells = [_inner_text(td, md) for td in tr.findall("td")]
            if not cells:
                continue
            if len(cells) == 2 or not headers:
                text = ": ".join(c for c in cells[:2] if c) + ("; " + "; ".join(cells[2:]) if len(cells) > 2 else "")
            else:
                text = "; ".join(f"{h}: {c}" if h else c for h, c in zip(headers, cells) if c)
            units.append(Unit(text, "row", block))
        return units
    if tag == "pre":
        code = html.unescape("".join(el.itertext())).strip()
        return [Unit(code, "code", block)] if code else []
    if tag == "dl":
        units, term = [], ""
        for child in el:
            if child.tag == "dt":
                term = _inner_text(child, md)
            elif child.tag == "dd":
                units.append(Unit(f"{term}: {_inner_text(child, md)}" if term else _inner_text(child, md), "item", block))
        return units
    if "footnote" in classes or tag in ("hr", "script", "style"):
        return []
    if tag in ("div", "blockquote", "details", "section"):
        units = []
        for child in el:
            child_classes = set((child.get("class") or "").split())
            if "admonition-title" in child_classes or child.tag == "summary":
                continue
            units.extend(_units(child, md, block))
        return units
    text = _inner_text(el, md)
    return [Unit(s, "sentence", block) for s in split_sentences(text)] if text else []
