"""Pure: how much a heading's similarity to a question says that its section answers it.

Some headings only name a topic: a glossary entry's heading is embedded as "What is X?", and
a page intro's heading is the page's title. Their cosine is high for any question that
names the topic. When the question asks what something is, that similarity is the point,
but a near miss ("Net TAO flow" for "what was tao flow") says another term is meant; when
the question asks something else about the topic ("when did root claim come in", "what
goes into Yuma Consensus"), the heading only says that the topic is named, and the section
that answers should not lose to it.
"""

from __future__ import annotations

import re

from kb.records import Section

# "what is X", "so what actually is X", "what's X", "define X", "meaning of X", "X meaning?", "what does X stand for"
_ASKS_WHAT = re.compile(r"\bwhat(\s+(actually|exactly|really))?('s|s|\s+is|\s+are|\s+was|\s+were)\b"
                        r"|^\s*(define|definition of|meaning of)\b|\b(mean|meaning|definition|stand for)\W*$", re.IGNORECASE)

NEAR_MISS_STRETCH = 2.0  # a definition question: each bit a naming heading falls short of the question counts double
NAMED_ONLY_WEIGHT = 0.5  # any other question: a naming heading counts at half weight


def asks_what_it_is(question: str) -> bool:
    """Does the question ask what something is (rather than something else about it)?"""
    return bool(_ASKS_WHAT.search(question))


def names_a_topic(section: Section) -> bool:
    """Is the section's heading only a name: a glossary term, or the title of the page it introduces?"""
    return (section.kind == "glossary" and section.level == 2) or section.level <= 1


def heading_evidence(section: Section, cosine: float, definition: bool) -> float:
    """The heading's cosine as ranking evidence (a heading that says what its section is about: the cosine).

    ``definition`` is ``asks_what_it_is(question)``, computed once per question.
    """
    if not names_a_topic(section):
        return cosine
    if definition:
        return 1 - NEAR_MISS_STRETCH * (1 - cosine)
    return NAMED_ONLY_WEIGHT * cosine
