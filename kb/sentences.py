"""Split prose into sentences, the unit the bot quotes.

A small rule-based splitter rather than a trained tokenizer: our pages are written to a
style guide (docs-dev/WRITING.md), and the common failure of generic splitters on this
text is abbreviations ("e.g.", "Dec.", "U.S.") and version numbers, which the rules
below handle explicitly.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "approx", "cf", "al", "no", "fig", "mr", "mrs", "dr", "st",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "inc", "ltd", "co", "v",
}
# A sentence ends at . ! or ? (optionally followed by closing quotes/brackets) and whitespace,
# when the next sentence starts like a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?])(['")\]]*)\s+(?=[A-Z0-9"'(`\[*])""")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations and initials intact."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start(1) + len(match.group(1))
        candidate = text[start:end]
        last_word = candidate.rstrip("'\")]").rsplit(" ", 1)[-1].rstrip(".!?").lower()
        if candidate.endswith(".") or candidate.rstrip("'\")]").endswith("."):
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
        sentences.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
