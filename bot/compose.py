"""Pure composition: scored sections → an extractive answer, or a refusal.

Every sentence of an answer is a unit quoted verbatim from a section of our pages, and
every passage names the section it came from; the only other text the bot produces is
the fixed refusal wording below. Choosing *which* sentences: FAQ answers and glossary
definitions are quoted from their first paragraph (written to stand alone); elsewhere the
units most similar to the question are taken, kept in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.records import Citation, Passage
from kb import Section

REFUSAL = "I don't know: the TAO Guide pages don't cover that question."
REFUSAL_HELP = ("I can answer questions about Bittensor: TAO, subnets, mining and validating, staking, "
                "Dynamic TAO, emissions, fees and wallet safety.")
CLOSEST = "The closest pages are linked below."

_WORD = re.compile(r"[a-z0-9]+")
# Sentences about the page itself ("This page covers ...") describe, they don't answer.
_META = re.compile(r"^(this|the) (page|guide|section|article)s?\b|^(see|read) (also|more|below|the)\b", re.IGNORECASE)
_STOP = set("""a an the and or of to in on for with by from at as is are was were be been being do does did how what
when where which who whom why can could should would will shall may might must i me my we our you your it its this
that these those there their they them he she his her not no yes if then than so about into over under per vs via
much many any some more most other such just also only very get gets got have has had tell explain""".split())


@dataclass(frozen=True)
class Candidate:
    """A retrieved section with the evidence composition needs."""

    section: Section
    dense: float  # cosine of the question to the whole section
    unit_scores: np.ndarray  # cosine of the question to each unit of the section
    lexical: float = 0.0


@dataclass(frozen=True)
class Composition:
    passages: list[Passage]
    citations: list[Citation]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def unit_relevance(question: str, candidate: Candidate) -> np.ndarray:
    """Cosine of each unit plus a small bonus for sharing the question's content words."""
    wanted = content_words(question)
    bonus = np.array([
        0.1 * len(wanted & content_words(u.text)) / max(1, len(wanted)) for u in candidate.section.units
    ])
    return candidate.unit_scores + bonus if len(bonus) else candidate.unit_scores


def pick_units(candidate: Candidate, question: str, limit: int) -> list[int]:
    """Positions of the units to quote from one section, in reading order."""
    units = candidate.section.units
    if not units:
        return []
    if candidate.section.kind in ("faq", "glossary"):
        first_block = units[0].block
        lead = [i for i, u in enumerate(units) if u.block == first_block and u.kind != "code"]
        return lead[:limit]
    scores = unit_relevance(question, candidate)
    quotable = [i for i, u in enumerate(units) if (u.kind != "code" or len(u.text) <= 160) and not _META.match(u.text)]
    if not quotable:
        return []
    best = max(quotable, key=lambda i: scores[i])
    floor = max(scores[best] - 0.12, 0.6 * scores[best])
    chosen = sorted((i for i in quotable if scores[i] >= floor), key=lambda i: -scores[i])[:limit]
    return sorted(chosen)


def compose(question: str, candidates: Sequence[Candidate], max_citations: int = 3, max_sentences: int = 4) -> Composition:
    """Quote the primary section, then add a sentence from up to two other sections that say something new."""
    passages: list[Passage] = []
    citations: list[Citation] = []
    used_text: set[str] = set()
    budget = max_sentences
    for rank, candidate in enumerate(candidates):
        if len(citations) >= max_citations or budget <= 0:
            break
        if rank > 0:
            primary = candidates[0]
            best_unit = float(unit_relevance(question, candidate).max()) if len(candidate.unit_scores) else 0.0
            # A supporting section must be nearly as relevant as the primary one.
            if candidate.dense < primary.dense - 0.08 or best_unit < 0.5:
                continue
        limit = budget if rank == 0 else 1
        picked = [i for i in pick_units(candidate, question, limit)
                  if not _repeats(candidate.section.units[i].text, used_text)]
        if not picked:
            continue
        texts = [candidate.section.units[i].text for i in picked]
        used_text.update(texts)
        budget -= len(texts)
        citations.append(_citation(candidate))
        passages.append(Passage(text=" ".join(texts), citation=len(citations) - 1))
    return Composition(passages, citations)


def _repeats(text: str, used: set[str]) -> bool:
    """Does this sentence add little beyond what is already quoted? Pages restate key facts; say them once."""
    words = content_words(text)
    seen = set().union(*(content_words(u) for u in used)) if used else set()
    return len(words - seen) < max(2, 0.3 * len(words))


def refusal(closest: Sequence[Candidate], links: int = 2) -> Composition:
    """The fixed "I don't know" answer, pointing at the closest pages we do have."""
    seen: set[str] = set()
    citations = []
    for candidate in closest:
        if candidate.section.page in seen:
            continue
        seen.add(candidate.section.page)
        citations.append(_citation(candidate))
        if len(citations) >= links:
            break
    text = " ".join([REFUSAL, REFUSAL_HELP] + ([CLOSEST] if citations else []))
    return Composition([Passage(text=text)], citations)


def _citation(candidate: Candidate) -> Citation:
    s = candidate.section
    return Citation(title=s.page_title, section=s.heading, url=s.url, score=round(float(candidate.dense), 4))
