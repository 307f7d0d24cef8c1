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
    score: float  # fused score used for ranking (no absolute meaning)
    dense: float | None = None  # cosine similarity of the query to the section
    lexical: float | None = None  # BM25 score
    rank_dense: int | None = None
    rank_lexical: int | None = None
