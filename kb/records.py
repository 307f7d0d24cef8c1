"""Typed records passed between modules: sections of pages, their quotable units, search hits."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

UnitKind = Literal["sentence", "item", "row", "code"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One quotable piece of a section: a sentence, a list item, a table row or a code block."""

    text: str
    kind: UnitKind = "sentence"
    block: int = 0  # index of the block (paragraph, list, table) the unit came from


@dataclass(frozen=True)
class Section:
    """The text under one heading of one page; the unit the bot retrieves and cites."""

    page: str  # path inside content/, e.g. "learn/tao.md"
    page_title: str
    kind: str  # "learn", "faq", "glossary", "guide", "home" ...
    heading: str
    path: tuple[str, ...]  # headings from the page title down to this heading
    anchor: str
    url: str  # site URL with anchor, e.g. "/learn/tao/#the-halving"
    level: int
    units: tuple[Unit, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return f"{self.page}#{self.anchor}"

    @property
    def text(self) -> str:
        return " ".join(u.text for u in self.units)

    @property
    def embed_text(self) -> str:
        """What the embedder sees: where the section sits, then what it says."""
        trail = " > ".join(dict.fromkeys((self.page_title, *self.path)))
        return f"{trail}. {self.text}"

    @property
    def heading_text(self) -> str:
        """What the heading alone asks or names; embedded separately, so a question that matches
        an FAQ question or names a glossary term finds that entry even when its text is long."""
        if self.kind == "faq" and self.level >= 3:
            return self.heading
        if self.kind == "glossary" and self.level == 2:
            return f"What is {self.heading}?"
        if self.level <= 1:
            return self.page_title
        return f"{self.heading} ({self.page_title})"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(repr((self.embed_text, [(u.text, u.kind) for u in self.units])).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.id
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Section":
        return cls(
            page=data["page"],
            page_title=data["page_title"],
            kind=data["kind"],
            heading=data["heading"],
            path=tuple(data["path"]),
            anchor=data["anchor"],
            url=data["url"],
            level=data["level"],
            units=tuple(Unit(**u) for u in data["units"]),
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A section found for a query, with the evidence from each retriever."""

    section: Section
    score: float  # the ranking score (a blend of the evidence below; see kb.search)
    dense: float | None = None  # cosine of the query to the whole section
    lexical: float | None = None  # BM25 score
    rank_dense: int | None = None
    rank_lexical: int | None = None
    heading: float | None = None  # cosine of the query to the heading alone (an FAQ question, a term)
    sentence: float | None = None  # best cosine of the query to one sentence of the section

    @property
    def cosine(self) -> float:
        """The strongest semantic evidence: whole section, heading or single sentence."""
        return max(x for x in (self.dense, self.heading, self.sentence, -1.0) if x is not None)
