"""Pure measures of an answer as a person reads it: from its first sentence.

Recall anywhere in an answer is not what a reader meets. These measures look at the text
the way a reader does, and are kept independent of how the bot composes (they see only the
answer's text, its passages and their sections' headings):

- lead: every lead key of the question appears within the first ``LEAD_WORDS`` words;
- words: the answer's length in words;
- misleading opener: the answer opens with a bare "Yes,", "No,", "Not directly." or the like,
  although the question is not a yes/no question, or the section that sentence comes from
  answers another yes/no question (fewer than half of its heading's content words are in the
  question: "No, a validator cannot move your stake" is no answer to "can I lose my TAO?");
- redundant sentence: a sentence that restates an earlier sentence of the same answer (fewer than
  ``NEW_WORDS_NEEDED`` of its content words are new, and no new figure or code span);
- repeated sentence: a sentence that restates a sentence of the previous answer of the conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb.terms import content_words

LEAD_WORDS = 40
SHORT = 4  # a sentence with fewer content words than this restates another only word for word
NEW_WORDS_NEEDED = 0.3  # a sentence whose content words are less than this share new is redundant

_NEWS = re.compile(r"`[^`]+`|\d[\d,.]*")  # figures and code spans: new ones are news, whatever the words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(•-])")
_YES_NO = re.compile(r"^(is|are|am|was|were|can|could|do|does|did|will|would|should|shall|has|have|had|may|might|"
                     r"must|isn't|aren't|can't|cannot|don't|doesn't|didn't|won't|wouldn't|shouldn't|hasn't|haven't)\b",
                     re.IGNORECASE)
_LEAD_IN = re.compile(r"^((hey|hi|hello|ok|okay|so|and|but|also|quick question|question|sorry|um+|hmm+)\b[\s,:!-]*)+",
                      re.IGNORECASE)
OPENER = re.compile(r"^(yes|no|nope|yep|yeah|not (directly|really|quite|exactly|always|usually|yet|necessarily)|"
                    r"(it|they|you) (does|do|doesn't|don't|is|isn't|are|aren't|can|can't|cannot|will|won't)|"
                    r"correct|right|partly|sometimes|usually|generally)\s*[,.;:!]", re.IGNORECASE)


def words(text: str) -> list[str]:
    return text.split()


def opening(text: str, limit: int = LEAD_WORDS) -> str:
    return " ".join(words(text)[:limit])


def has_keys(text: str, keys: Iterable[Sequence[str]]) -> bool:
    lowered = text.lower()
    return all(any(alt.lower() in lowered for alt in alternatives) for alternatives in keys)


def leads_with(text: str, keys: Sequence[Sequence[str]], limit: int = LEAD_WORDS) -> bool:
    """Every lead key within the first `limit` words (a key may straddle the cut: the words are joined first)."""
    return has_keys(opening(text, limit), keys)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_yes_no_question(question: str) -> bool:
    """Does the question (any of its clauses) ask yes or no? ("is staking risky? can i lose my tao" does.)"""
    clauses = [c for c in re.split(r"[?.!;]\s*|\b(?:and|or|but)\s+(?=(?:is|are|can|do|does|will|should)\b)", question)
               if c and c.strip()]
    return any(_YES_NO.match(_LEAD_IN.sub("", c.strip())) for c in clauses)


def misleading_opener(question: str, answer_text: str, opening_heading: str = "") -> bool:
    """A bare yes/no opener to a question that did not ask it, or that the quoted section does not answer."""
    if not OPENER.match(answer_text.strip()):
        return False
    if not is_yes_no_question(question):
        return True
    heading = content_words(opening_heading)
    return bool(heading) and len(heading & content_words(question)) < 0.5 * len(heading)


def _restates(sentence: str, other: str) -> bool:
    """Does `sentence` say (almost) only what `other` says? Exact, or too few new content words and no new
    figure or command (a code span)."""
    if sentence == other:
        return True
    mine = content_words(sentence)
    if len(mine) < SHORT:  # a label such as "Not started." restates only when it is the same words
        return False
    news = set(_NEWS.findall(sentence)) - set(_NEWS.findall(other))
    return not news and len(mine - content_words(other)) < NEW_WORDS_NEEDED * len(mine)


def redundant_sentences(text: str) -> int:
    """Sentences that restate one before them in the same answer."""
    parts = sentences(text)
    return sum(any(_restates(s, t) for t in parts[:n]) for n, s in enumerate(parts))


def repeated_sentences(text: str, previous: str) -> int:
    """Sentences of this answer that restate a sentence of the previous answer, word for word or nearly."""
    earlier = sentences(previous)
    return sum(any(_restates(s, t) for t in earlier) for s in sentences(text))
