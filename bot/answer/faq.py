"""The FAQ as a list the widget can filter as people type, ranked by the bot's own retrieval.

A typed filter must feel literal ("stak" keeps every staking question) and still find
paraphrases ("get my tao back" finds the unstaking question), so entries that match every
typed word come with the ones retrieval rates close enough, in retrieval order first.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from kb import Index
from kb.records import Section

MAX_FILTER_CHARS = 200


class FaqEntry(BaseModel):
    question: str
    answer: str = Field(description="The whole answer as plain text; list items on their own lines, starting with •.")
    url: str = Field(description="The entry's section on the site.")
    topic: str


def is_entry(section: Section) -> bool:
    return section.kind == "faq" and section.level >= 3


def entry(section: Section, base_url: str = "") -> FaqEntry:
    lines: list[str] = []
    for unit in section.units:
        if unit.kind == "item":
            lines.append(f"• {unit.text}")
        elif lines and not lines[-1].startswith("•") and unit.kind == "sentence":
            lines[-1] += " " + unit.text
        else:
            lines.append(unit.text)
    topic = section.path[-2] if len(section.path) >= 2 else section.page_title
    return FaqEntry(question=section.heading, answer="\n".join(lines), url=base_url + section.url, topic=topic)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def matches_words(section: Section, typed: list[str]) -> bool:
    """Every typed word starts some word of the question or its answer."""
    words = _words(f"{section.heading} {section.text}")
    return all(any(w.startswith(t) for w in words) for t in typed)


def search_faq(index: Index, query: str, min_cosine: float, limit: int = 20, base_url: str = "") -> list[FaqEntry]:
    """FAQ entries for a typed filter; every entry, in page order, when the filter is empty."""
    entries = [s for s in index.sections if is_entry(s)]
    query = " ".join(query.split())[:MAX_FILTER_CHARS]
    if not query:
        return [entry(s, base_url) for s in entries][:limit]
    typed = _words(query)
    literal = [s for s in entries if matches_words(s, typed)]
    hits = index.search(query, k=40, depth=60)
    ranked = [h.section for h in hits if is_entry(h.section) and (h.cosine >= min_cosine or h.section in literal)]
    ordered = list(dict.fromkeys(ranked + literal))
    return [entry(s, base_url) for s in ordered[:limit]]
