"""Pure: which units of one retrieved section can be quoted, and which to quote for a question.

A section's units are sentences, list items, table rows and short code. A unit is quotable
unless it is a long code block, a pointer to another page ("See Fees.", "The staking page
explains ..."), or something an earlier answer of the conversation already said, word for
word or restated. FAQ answers and glossary definitions are quoted from their first
paragraph; a short learn section whole; a long one by the sentences most similar to the
question, with a list's lead-in and items kept together, in reading order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.answer import shape
from kb import Section
from kb.terms import content_words

SHORT_SECTION_WORDS = 110  # a learn section this short is quoted whole
DETAIL_MIN_RELEVANCE = 0.5  # a sentence beyond an FAQ/glossary lead must be at least this relevant
RESTATED = 0.3  # a sentence with fewer new content words than this share restates what was said
_LIST_QUESTION = re.compile(r"^(which|what are( the)?|list|name (the|all)|what (subnets|commands|steps))\b", re.IGNORECASE)
# Sentences about the pages themselves ("This page covers ...", "See Fees.", "The staking page explains ...")
_META = re.compile(r"^(this|the) (page|guide|section|article)s?\b|^these questions\b|^see\b|^read (also|more|below)\b"
                   r"|^each of the following (pages|sections)\b"
                   r"|^for [^,]{1,60}, see\b"
                   r"|^the ([\w ,-]{1,40}? )?(page|pages|faq|glossary) (explains?|covers?|answers?|defines?|describes?|lists?|shows?|gives?)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(])")
_ATOM = re.compile(r"`[^`]+`|\d[\d,.]*\d%?|\d%?")  # figures and code spans, compared whole


@dataclass(frozen=True)
class Candidate:
    """A retrieved section with the evidence composition needs."""

    section: Section
    score: float  # ranking score
    cosine: float  # strongest semantic evidence (section, heading or one sentence)
    unit_scores: np.ndarray  # cosine of the question to each unit of the section
    heading: float = 0.0  # cosine of the question to the section's heading (an FAQ heading is a question)
    own_scores: np.ndarray | None = None  # for a follow-up: cosine of its own words alone to each unit


def unit_relevance(question: str, candidate: Candidate) -> np.ndarray:
    """Cosine of each unit plus a small bonus for sharing the question's content words."""
    wanted = content_words(question)
    bonus = np.array([0.1 * len(wanted & content_words(u.text)) / max(1, len(wanted)) for u in candidate.section.units])
    return candidate.unit_scores + bonus if len(bonus) else candidate.unit_scores


def quotable(candidate: Candidate, said: frozenset[str] = frozenset()) -> list[int]:
    """Units that can be quoted: not a long code block, not a pointer to a page, not said earlier in the conversation."""
    return [i for i, u in enumerate(candidate.section.units)
            if (u.kind != "code" or len(u.text) <= 160) and not _META.match(u.text) and not said_before(u.text, said)]


def said_before(text: str, said: frozenset[str]) -> bool:
    """Did an earlier answer of the conversation already give this sentence (with or without its yes/no opener)?"""
    if not said:
        return False
    plain = shape.strip_opener(text) or text
    return (text in said or plain in said or (len(plain) >= 40 and any(plain in s for s in said))
            or any(restates(plain, s) for s in said))


def restates(sentence: str, earlier: str) -> bool:
    """Does `sentence` say nothing that one earlier answer doesn't? (Pages restate key facts in other words.)

    Compared with that answer sentence by sentence: too few new content words and no new figure.
    """
    figures, mine = _profile(sentence)
    if len(mine) < 4:
        return False
    return any(not figures - other_figures and len(mine - other_words) < RESTATED * len(mine)
               for other_figures, other_words in _sentence_profiles(earlier))


@functools.lru_cache(maxsize=4096)
def _profile(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's figures and code spans, and its content words (every unit is compared with every earlier
    sentence several times per answer, so each text is read once)."""
    return frozenset(_ATOM.findall(text)), frozenset(content_words(text))


@functools.lru_cache(maxsize=256)
def _sentence_profiles(earlier: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    return tuple(_profile(other) for other in _SENTENCE_END.split(earlier))


def pick_units(candidate: Candidate, question: str, limit: int, said: frozenset[str] = frozenset()) -> list[int]:
    """Positions of the units to quote from one section, in reading order."""
    units = candidate.section.units
    allowed = quotable(candidate, said)
    if not allowed:
        return []
    scores = unit_relevance(question, candidate)
    if candidate.section.kind in ("faq", "glossary"):
        lead = [i for i in allowed if units[i].block == units[allowed[0]].block][:limit]
        rest = [i for i in allowed if i not in lead]
        if rest and len(lead) < limit:  # the stand-alone answer, plus the most relevant detail after it
            best_rest = max(rest, key=lambda i: scores[i])
            if scores[best_rest] >= DETAIL_MIN_RELEVANCE:
                lead.append(best_rest)
        return _with_lists(sorted(lead), allowed, units, limit)
    if sum(len(units[i].text.split()) for i in allowed) <= SHORT_SECTION_WORDS:
        if len(allowed) <= limit:
            return allowed
        # too many to quote whole: its opening sentence, then the most relevant of the rest
        rest = sorted(allowed[1:], key=lambda i: -scores[i])[: limit - 1]
        return [allowed[0], *sorted(rest)]
    ranked = sorted(allowed, key=lambda i: -scores[i])
    best = ranked[0]
    items = [i for i in allowed if units[i].kind in ("item", "row")]
    if items and _LIST_QUESTION.match(question.strip()):  # "which subnets are in ...": the list is the answer
        lead = [i for i in allowed if units[i].kind == "sentence" and units[i].block < units[items[0]].block][:1]
        room = max(1, limit - len(lead))  # a long list: its items most relevant to the question, in order
        return lead + sorted(sorted(items, key=lambda i: -scores[i])[:room])
    floor = max(DETAIL_MIN_RELEVANCE - 0.2, scores[best] - 0.2)
    chosen = [i for i in ranked[:3] if scores[i] >= floor]
    if len(chosen) == 1:  # one sentence rarely stands alone: add the one that follows it,
        following = [i for i in allowed if i > best and units[i].block == units[best].block]
        chosen += following[:1]
        if not following:  # or, when it ends a paragraph that a list follows ("... takes four steps."), the list
            chosen += [i for i in allowed if units[i].block == units[best].block + 1 and units[i].kind in ("item", "row")]
    return _with_lists(sorted(chosen), allowed, units, limit)


def _with_lists(chosen: list[int], allowed: list[int], units: Sequence[Any], limit: int) -> list[int]:
    """Keep lists whole: a chosen list item brings its lead-in sentence and its siblings, and a chosen
    lead-in sentence (one that ends with ":" before a list) brings the list."""
    out = list(chosen)
    for i in chosen:
        if units[i].kind in ("item", "row"):
            before = [j for j in allowed if j < i and units[j].block < units[i].block and units[j].kind == "sentence"]
            if before and units[before[-1]].text.rstrip().endswith(":") and units[before[-1]].block == units[i].block - 1:
                out.append(before[-1])
            out += [j for j in allowed if units[j].block == units[i].block]
        elif units[i].text.rstrip().endswith(":"):
            out += [j for j in allowed if units[j].block == units[i].block + 1 and units[j].kind in ("item", "row")]
    ordered = sorted(dict.fromkeys(out))
    if len(ordered) <= limit:
        return ordered
    keep = set(chosen[:limit])  # over budget: the chosen units first, then list members in order
    for j in ordered:
        if len(keep) >= limit:
            break
        keep.add(j)
    return sorted(keep)


def leads_in(text: str) -> bool:
    """A sentence that introduces a list ("Staking still carries real risks:") says nothing without it."""
    return text.rstrip().endswith(":")


def repeats(text: str, used: list[str]) -> bool:
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


def is_meta(text: str) -> bool:
    """A sentence about the page itself, not about the subject."""
    return bool(_META.match(text))
