"""Pure: how much a heading's similarity to a question says that its section answers it.

A glossary entry's heading is embedded as "What is X?", so its cosine is high for any
question that names X. When the question asks what something is, that similarity is the
point, but a near miss ("Net TAO flow" for "what was tao flow") says another term is meant;
when the question asks something else about X ("when did root claim come in"), the heading
only says that X is named, and the section that answers should not lose to it.
"""

from __future__ import annotations

import re

from kb.records import Section

# "what is X", "what's X", "define X", "meaning of X", "X meaning?", "what does X stand for"
_ASKS_WHAT = re.compile(r"^\s*(what('s|s| is| are| was| were)|define|definition of|meaning of)\b"
                        r"|\b(mean|meaning|definition|stand for)\W*$", re.IGNORECASE)

NEAR_MISS_STRETCH = 2.0  # a definition question: each bit a term's heading falls short of the question counts double
NAMED_ONLY_WEIGHT = 0.5  # any other question: a term's heading counts at half weight


def asks_what_it_is(question: str) -> bool:
    """Does the question ask what something is (rather than something else about it)?"""
    return bool(_ASKS_WHAT.search(question))


def heading_evidence(section: Section, cosine: float, definition: bool) -> float:
    """The heading's cosine as ranking evidence (other headings: the cosine itself).

    ``definition`` is ``asks_what_it_is(question)``, computed once per question.
    """
    if not (section.kind == "glossary" and section.level == 2):
        return cosine
    if definition:
        return 1 - NEAR_MISS_STRETCH * (1 - cosine)
    return NAMED_ONLY_WEIGHT * cosine
