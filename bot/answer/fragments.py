"""Pure: links that scroll to the quoted sentence itself, with a URL text fragment.

A citation's link is the section's URL plus ``:~:text=start,end`` built from the first
sentence quoted from it; browsers that support text fragments scroll to that sentence and
highlight it, and every other browser still lands on the section's anchor. The fragment is
written from the sentence as the page renders it (code ticks and emphasis marks dropped),
and a long sentence is named by its first and last words so small rendering differences in
the middle never break the match.
"""

from __future__ import annotations

import re
from urllib.parse import quote

EDGE_WORDS = 4  # a long sentence is matched by this many words at its start and at its end
SHORT_WORDS = 2 * EDGE_WORDS + 1  # a sentence this short is matched whole

_MARKS = re.compile(r"`|\*\*|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def rendered(sentence: str) -> str:
    """The sentence as a browser shows it: Markdown marks and link targets dropped, spaces collapsed."""
    text = _LINK.sub(r"\1", sentence)
    return " ".join(_MARKS.sub("", text).split())


def _encode(text: str) -> str:
    # "-", "," and "&" have a meaning inside a text directive, so they are escaped too
    return quote(text, safe="").replace("-", "%2D")


def directive(sentence: str) -> str:
    """The ``text=`` part for a sentence ("" when there is nothing to match)."""
    words = rendered(sentence).split()
    if not words:
        return ""
    if len(words) <= SHORT_WORDS:
        return "text=" + _encode(" ".join(words))
    return f"text={_encode(' '.join(words[:EDGE_WORDS]))},{_encode(' '.join(words[-EDGE_WORDS:]))}"


def link(url: str, sentence: str | None) -> str:
    """The section URL with a text fragment for `sentence` (the plain URL when there is no sentence)."""
    part = directive(sentence or "")
    if not part:
        return url
    joiner = ":~:" if "#" in url else "#:~:"
    return f"{url}{joiner}{part}"
