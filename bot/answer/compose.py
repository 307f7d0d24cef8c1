"""Pure composition: scored sections → an extractive answer, or a refusal.

Every sentence of an answer is a unit quoted verbatim from a section of our pages, and
every passage names the section it came from; the only other text the bot produces is
the fixed wording below. Which sentences:

- FAQ answers and glossary definitions are quoted from their first paragraph, which the
  writing guide makes stand alone.
- A short learn section is quoted whole (if it has more sentences than fit, its first and
  the most relevant of the others); in a longer one the sentences most similar to the
  question are taken, with a list's lead-in sentence and items kept together, in reading order.
- Up to two more retrieved sections, in rank order, add their most relevant new sentence each,
  if it is relevant enough on its own: the gate is that sentence's similarity to the
  question, not the section's fused rank score, which has no absolute meaning.
- Budget left over after that goes to the most relevant sentences not yet quoted from the
  sections already cited (a fact is often one sentence past where the first pick stopped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.answer.records import Citation, Passage
from kb import Section
from kb.terms import content_words

REFUSAL = "I don't know: the TAO Guide pages don't cover that question."
REFUSAL_HELP = ("I can answer questions about Bittensor: TAO, subnets, mining and validating, staking, "
                "Dynamic TAO, emissions, fees and wallet safety.")
CLOSEST = "The closest pages are linked below."

SHORT_SECTION_WORDS = 110  # a learn section this short is quoted whole
SUPPORT_MIN_RELEVANCE = 0.55  # a supporting section must hold a sentence at least this relevant to the question
DETAIL_MIN_RELEVANCE = 0.5  # a sentence beyond an FAQ/glossary lead must be at least this relevant
FILL_MIN_RELEVANCE = 0.45  # a left-over-budget sentence from a cited section must be at least this relevant

_LIST_QUESTION = re.compile(r"^(which|what are( the)?|list|name (the|all)|what (subnets|commands|steps))\b", re.IGNORECASE)
# Sentences about the pages themselves ("This page covers ...", "See Fees.", "The staking page explains ...")
# point elsewhere; they don't answer. ("Read the expected slippage ..." is an instruction, not a pointer.)
_META = re.compile(r"^(this|the) (page|guide|section|article)s?\b|^these questions\b|^see\b|^read (also|more|below)\b"
                   r"|^each of the following (pages|sections)\b"
                   r"|^for [^,]{1,60}, see\b"
                   r"|^the ([\w ,-]{1,40}? )?(page|pages|faq|glossary) (explains?|covers?|answers?|defines?|describes?|lists?|shows?|gives?)\b", re.IGNORECASE)

_ATOM = re.compile(r"`[^`]+`|\d[\d,.]*\d%?|\d%?")  # figures and code spans, compared whole

@dataclass(frozen=True)
class Candidate:
    """A retrieved section with the evidence composition needs."""

    section: Section
    score: float  # ranking score
    cosine: float  # strongest semantic evidence (section, heading or one sentence)
    unit_scores: np.ndarray  # cosine of the question to each unit of the section


@dataclass(frozen=True)
class Composition:
    passages: list[Passage]
    citations: list[Citation]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)


def unit_relevance(question: str, candidate: Candidate) -> np.ndarray:
    """Cosine of each unit plus a small bonus for sharing the question's content words."""
    wanted = content_words(question)
    bonus = np.array([0.1 * len(wanted & content_words(u.text)) / max(1, len(wanted)) for u in candidate.section.units])
    return candidate.unit_scores + bonus if len(bonus) else candidate.unit_scores


def _quotable(candidate: Candidate) -> list[int]:
    return [i for i, u in enumerate(candidate.section.units)
            if (u.kind != "code" or len(u.text) <= 160) and not _META.match(u.text)]


def pick_units(candidate: Candidate, question: str, limit: int) -> list[int]:
    """Positions of the units to quote from one section, in reading order."""
    units = candidate.section.units
    quotable = _quotable(candidate)
    if not quotable:
        return []
    scores = unit_relevance(question, candidate)
    if candidate.section.kind in ("faq", "glossary"):
        lead = [i for i in quotable if units[i].block == units[quotable[0]].block][:limit]
        rest = [i for i in quotable if i not in lead]
        if rest and len(lead) < limit:  # the stand-alone answer, plus the most relevant detail after it
            best_rest = max(rest, key=lambda i: scores[i])
            if scores[best_rest] >= DETAIL_MIN_RELEVANCE:
                lead.append(best_rest)
        return _with_lists(sorted(lead), quotable, units, limit)
    if sum(len(units[i].text.split()) for i in quotable) <= SHORT_SECTION_WORDS:
        if len(quotable) <= limit:
            return quotable
        # too many to quote whole: its opening sentence, then the most relevant of the rest
        rest = sorted(quotable[1:], key=lambda i: -scores[i])[: limit - 1]
        return [quotable[0], *sorted(rest)]
    ranked = sorted(quotable, key=lambda i: -scores[i])
    best = ranked[0]
    items = [i for i in quotable if units[i].kind in ("item", "row")]
    if items and _LIST_QUESTION.match(question.strip()):  # "which subnets are in ...": the list is the answer
        lead = [i for i in quotable if units[i].kind == "sentence" and units[i].block < units[items[0]].block][:1]
        room = max(1, limit - len(lead))  # a long list: its items most relevant to the question, in order
        return lead + sorted(sorted(items, key=lambda i: -scores[i])[:room])
    floor = max(DETAIL_MIN_RELEVANCE - 0.2, scores[best] - 0.2)
    chosen = [i for i in ranked[:3] if scores[i] >= floor]
    if len(chosen) == 1:  # one sentence rarely stands alone: add the one that follows it,
        following = [i for i in quotable if i > best and units[i].block == units[best].block]
        chosen += following[:1]
        if not following:  # or, when it ends a paragraph that a list follows ("... takes four steps."), the list
            chosen += [i for i in quotable if units[i].block == units[best].block + 1 and units[i].kind in ("item", "row")]
    return _with_lists(sorted(chosen), quotable, units, limit)


def _with_lists(chosen: list[int], quotable: list[int], units: Sequence[Any], limit: int) -> list[int]:
    """Keep lists whole: a chosen list item brings its lead-in sentence and its siblings, and a chosen
    lead-in sentence (one that ends with ":" before a list) brings the list."""
    out = list(chosen)
    for i in chosen:
        if units[i].kind in ("item", "row"):
            before = [j for j in quotable if j < i and units[j].block < units[i].block and units[j].kind == "sentence"]
            if before and units[before[-1]].text.rstrip().endswith(":") and units[before[-1]].block == units[i].block - 1:
                out.append(before[-1])
            out += [j for j in quotable if units[j].block == units[i].block]
        elif units[i].text.rstrip().endswith(":"):
            out += [j for j in quotable if units[j].block == units[i].block + 1 and units[j].kind in ("item", "row")]
    ordered = sorted(dict.fromkeys(out))
    if len(ordered) <= limit:
        return ordered
    keep = set(chosen[:limit])  # over budget: the chosen units first, then list members in order
    for j in ordered:
        if len(keep) >= limit:
            break
        keep.add(j)
    return sorted(keep)


def compose(question: str, candidates: Sequence[Candidate], max_citations: int = 3, max_sentences: int = 5) -> Composition:
    """Quote the primary section, then the most relevant new sentence of the next sections that hold one.

    A supporting section qualifies by its own sentence's relevance, however it ranked: an FAQ
    answer or a definition is often followed by the learn section that says more. Budget left
    over goes to the most relevant unquoted sentences of the cited sections.
    """
    quoted: list[tuple[Candidate, list[int]]] = []  # each cited section and the units quoted from it
    used: list[str] = []
    budget = max_sentences
    candidates = [c for c in candidates if _quotable(c)]  # a section of pointers only ("These questions cover ...") can't answer
    for rank, candidate in enumerate(candidates):
        if len(quoted) >= max_citations or budget <= 0:
            break
        if rank == 0:
            picked = pick_units(candidate, question, budget)
        elif candidate.section.kind == "home":  # the home page introduces the site and links on; it never supports
            continue
        else:
            scores = unit_relevance(question, candidate)
            # its most relevant sentence that says something new (pages restate the primary answer)
            picked = [i for i in sorted(_quotable(candidate), key=lambda i: -scores[i])
                      if scores[i] >= SUPPORT_MIN_RELEVANCE and not _leads_in(candidate.section.units[i].text)
                      and not _repeats(candidate.section.units[i].text, used)][:1]
        if not picked:
            continue
        used.extend(candidate.section.units[i].text for i in picked)
        budget -= len(picked)
        quoted.append((candidate, picked))
    if budget > 0:
        quoted = _fill(question, quoted, used, budget)
    citations = [_citation(candidate) for candidate, _ in quoted]
    passages = [Passage(text=" ".join(c.section.units[i].text for i in picked), citation=n)
                for n, (c, picked) in enumerate(quoted)]
    return Composition(passages, citations)


def _fill(question: str, quoted: list[tuple[Candidate, list[int]]], used: list[str], budget: int) -> list[tuple[Candidate, list[int]]]:
    """Spend the sentence budget that is left on the most relevant new sentences of the sections already cited."""
    pool = []
    for n, (candidate, picked) in enumerate(quoted):
        scores = unit_relevance(question, candidate)
        pool += [(float(scores[i]), n, i) for i in _quotable(candidate)
                 if i not in picked and scores[i] >= FILL_MIN_RELEVANCE and not _leads_in(candidate.section.units[i].text)]
    extra: dict[int, list[int]] = {}
    for _, n, i in sorted(pool, key=lambda p: -p[0]):
        if budget <= 0:
            break
        text = quoted[n][0].section.units[i].text
        if not _repeats(text, used):
            used.append(text)
            budget -= 1
            extra.setdefault(n, []).append(i)
    return [(c, sorted(picked + extra.get(n, []))) for n, (c, picked) in enumerate(quoted)]


def _leads_in(text: str) -> bool:
    """A sentence that introduces a list ("Staking still carries real risks:") says nothing without it."""
    return text.rstrip().endswith(":")


def _repeats(text: str, used: list[str]) -> bool:
    """Does this sentence add little beyond what is already quoted? Pages restate key facts; say them once.

    A sentence that brings a new figure or code span ("0.18", "`wss://test...`") is never a repeat,
    however many of its words were already said: the figure is the news.
    """
    if set(_ATOM.findall(text)) - {a for u in used for a in _ATOM.findall(u)}:
        return False
    words = content_words(text)
    if len(words) < 4:  # a short list item ("Miners") repeats only if it is literally the same
        return text in used
    seen = set().union(*(content_words(u) for u in used)) if used else set()
    return len(words - seen) < max(2, 0.3 * len(words))


def refusal(closest: Sequence[Candidate], lead: str = f"{REFUSAL} {REFUSAL_HELP}", links: int = 2) -> Composition:
    """A fixed refusal ("I don't know", or a declined kind of question), pointing at the closest pages we have."""
    seen: set[str] = set()
    citations = []
    for candidate in closest:
        if len(citations) >= links:
            break
        if candidate.section.page not in seen:
            seen.add(candidate.section.page)
            citations.append(_citation(candidate))
    text = f"{lead} {CLOSEST}" if citations else lead
    return Composition([Passage(text=text)], citations)


def _citation(candidate: Candidate) -> Citation:
    return citation_for(candidate.section, candidate.cosine)


def citation_for(section: Section, score: float) -> Citation:
    return Citation(title=section.page_title, section=section.heading, url=section.url, score=round(float(score), 4))


def is_meta(text: str) -> bool:
    """A sentence about the page itself, not about the subject."""
    return bool(_META.match(text))
