"""Pure: the content words of a text, lightly stemmed, for overlap between questions and pages.

Deliberately small (a stop list and three suffixes): it only has to say whether the words a
user asked about appear in a section, not to be a linguistic analyser.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset("""a an the and or of to in on for with by from at as is are was were be been being do does did
how what when where which who whom why can could should would will shall may might must i me my we our you your it its
this that these those there their they them he she his her not no yes if then than so about into over under per vs via
much many any some more most other such just also only very get gets got have has had tell explain s""".split())


def stem(word: str) -> str:
    for suffix in ("ing", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=8192)  # the pages' sentences are scored on every answer; bounded, so hostile text cannot grow it
def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def coverage(question_words: frozenset[str], section_words: frozenset[str]) -> float:
    """Share of the question's content words that the section contains (0 when the question has none)."""
    return len(question_words & section_words) / len(question_words) if question_words else 0.0
