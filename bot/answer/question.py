"""Pure checks and normalisation of what users type, and of the conversation before it.

A question is text: markup is dropped before retrieval (it is never rendered), odd Unicode
is normalised, and empty or oversized input gets a message saying what to do instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bot.errors import BadQuestion

_TAG = re.compile(r"<[^<>]{0,500}>")
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
RAW_FACTOR = 4  # raw input longer than this many times the limit is refused before any normalisation
EXAMPLE = "What is TAO used for?"

# Words that only make sense with the previous turn ("how much does that cost?").
_REFERENCES = {"it", "its", "it's", "that", "this", "those", "these", "they", "them", "their", "there", "he", "she",
               "one", "ones", "same", "some", "rest", "else", "other", "others"}
_CONTINUATIONS = ("and ", "what about", "how about", "but ", "also ", "so ", "then ", "or ", "same for", "why not",
                  "and?", "why?", "how?", "ok ", "okay ", "ah ", "hmm ", "wait ")
MAX_CONTEXT_TURNS = 3  # a chain of follow-ups leans on at most this many earlier questions
MAX_HISTORY_TURNS = 12  # turns of the conversation an answer reads (six questions and their answers)
MAX_TURN_CHARS = 6000  # of each turn's text (an answer is under 2,000 characters)
MAX_TURN_PARTS = 20  # content parts of one message
SHORT_FOLLOW_UP_WORDS = 5  # after a conversation, a question this short leans on it


def clean_question(raw: Any, max_chars: int = 1000) -> str:
    """Normalised question text, or BadQuestion with a message saying how to fix it."""
    if not isinstance(raw, str):
        raise BadQuestion(f"The question must be text. Send it as a string, for example {EXAMPLE!r}.")
    if len(raw) > RAW_FACTOR * max_chars:  # checked before normalising, whose cost grows with the length
        raise _too_long(len(raw), max_chars)
    text = unicodedata.normalize("NFKC", plain_text(raw))
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    text = _TAG.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion(f"The question is empty. Type a question about Bittensor, for example {EXAMPLE!r}.")
    if len(text) > max_chars:
        raise _too_long(len(text), max_chars)
    return text


def _too_long(length: int, max_chars: int) -> BadQuestion:
    return BadQuestion(f"The question is {length:,} characters long; the limit is {max_chars:,}. "
                       "Ask the main question in a sentence or two (you can ask follow-ups after).")


def plain_text(text: str) -> str:
    """The text without lone surrogates (valid in JSON, not in UTF-8: the tokenizer and the database refuse them)."""
    return _SURROGATE.sub("", text) if _SURROGATE.search(text) else text


def recent_turns(history: Any) -> list[Any]:
    """The part of a conversation an answer reads: its last ``MAX_HISTORY_TURNS`` turns, each cut to
    ``MAX_TURN_CHARS`` characters (a follow-up leans on at most three questions; a long pasted history
    or a 5 MB message costs no more than a short one). Anything but a list of turns counts as none."""
    if not isinstance(history, (list, tuple)):
        return []
    return [_cut(turn) for turn in history[-MAX_HISTORY_TURNS:]]


def _cut(turn: Any) -> Any:
    if isinstance(turn, str):
        return turn[:MAX_TURN_CHARS]
    if isinstance(turn, dict):
        return {k: (v[:MAX_TURN_CHARS] if isinstance(v, str) else v[:MAX_TURN_PARTS] if isinstance(v, list) else v)
                for k, v in list(turn.items())[:8]}
    if isinstance(turn, (list, tuple)):
        return [t[:MAX_TURN_CHARS] if isinstance(t, str) else t for t in turn[:2]]
    return turn


def previous_questions(history: Iterable[Any] | None) -> list[str]:
    """The user's earlier questions, oldest first, from any common history shape.

    Accepts plain strings (earlier questions), (question, answer) pairs, and role/content
    messages as Gradio and OpenAI-style clients send them.
    """
    return _said_by("user", history)


def previous_answers(history: Iterable[Any] | None) -> list[str]:
    """The assistant's earlier answers, oldest first (role/content messages, or (question, answer) pairs)."""
    return _said_by("assistant", history)


def _said_by(role: str, history: Iterable[Any] | None) -> list[str]:
    texts = (" ".join(plain_text(text).split()) for who, text in _turns(history) if who == role)
    return [text for text in texts if text]


def _turns(history: Iterable[Any] | None) -> Iterator[tuple[str, str]]:
    """(role, text) for each turn of any common history shape, oldest first; other shapes are skipped."""
    for turn in history or ():
        if isinstance(turn, str):
            yield "user", turn
        elif isinstance(turn, dict):
            if turn.get("role") == "user":
                yield "user", _message_text(turn.get("content"))
            elif isinstance(turn.get("question"), str):
                yield "user", turn["question"]
            if turn.get("role") == "assistant":
                yield "assistant", _message_text(turn.get("content"))
            elif isinstance(turn.get("answer"), str):
                yield "assistant", turn["answer"]
        elif isinstance(turn, Sequence) and turn:
            if isinstance(turn[0], str):
                yield "user", turn[0]
            if len(turn) >= 2 and isinstance(turn[1], str):
                yield "assistant", turn[1]


def _message_text(content: Any) -> str:
    """Message content as text: a string, or a list of parts such as {"type": "text", "text": ...}."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # parts that are not text (an image, a number, a nested list) are skipped
        parts = (p.get("text") if isinstance(p, dict) else p for p in content)
        return " ".join(p for p in parts if isinstance(p, str))
    return ""


# Openings that say the question starts afresh ("different question: what's a hotkey").
_NEW_TOPIC = re.compile(r"^\W*((ok(ay)?|so|and|also|btw|hey)[\s,]+)*(a |one )?(different|unrelated|new|another|separate|"
                        r"other|random|off[- ]topic|changing|change of) (thing|question|topic|subject|q)\b[\s,:;.!?-]*|"
                        r"^\W*(unrelated|btw|by the way|on another note|switching gears|off[- ]topic)\b[\s,:;.!?-]*", re.IGNORECASE)


def new_topic(question: str) -> str:
    """The question without an opening that announces a new topic, or "" when it has none."""
    match = _NEW_TOPIC.match(question)
    rest = question[match.end():].strip() if match and match.end() else ""
    return rest if len(rest.split()) >= 2 else ""


def depends_on_context(question: str) -> bool:
    """Does the question lean on the previous turn ("and for validators?", "how much does that cost")?

    A question that announces a new topic ("unrelated: can subnets talk to each other?") never does.
    """
    if new_topic(question):
        return False
    lowered = question.lower().strip()
    words = re.findall(r"[a-z0-9']+", lowered)
    if not words:
        return False
    if lowered.startswith(_CONTINUATIONS):
        return True
    return len(words) <= SHORT_FOLLOW_UP_WORDS or (len(words) <= 12 and any(w in _REFERENCES for w in words))


# Words people use for something the pages name otherwise: "registering a subnet" is creating one (registering
# is what a hotkey does on a subnet), and "pow" is proof of work.
_PAGE_WORDS = ((re.compile(r"\bregist(er|ering|ration of)\s+(a|an|my|our|your|the)?\s*(new\s+|own\s+)*subnet\b", re.I),
                "create a new subnet"),
               (re.compile(r"\bpow\b", re.I), "proof-of-work (PoW)"))


def in_page_words(question: str) -> str:
    """The question with phrasings the pages word differently put in the pages' words (for retrieval only)."""
    for pattern, words in _PAGE_WORDS:
        question = pattern.sub(words, question)
    return question


def retrieval_queries(question: str, history: Iterable[Any] | None, lean: bool = False) -> list[str]:
    """The user's words (in the pages' terms) first, then (for a follow-up) the question with the earlier ones folded in."""
    context = follow_up_context(question, history, lean)
    words = in_page_words(new_topic(question) or question)
    return [words, f"{context} {words}"] if context else [words]


def follow_up_context(question: str, history: Iterable[Any] | None, lean: bool = False) -> str:
    """The earlier questions a follow-up leans on ("" when the question stands alone).

    That is the last question, and, when it was itself a follow-up ("how much is that gonna cost me"),
    the ones before it back to the question that named the topic (at most three). ``lean`` reads
    the question as a follow-up whatever its words (used when it cannot be answered alone).
    """
    earlier = previous_questions(history)
    if not earlier or not (lean or depends_on_context(question)):
        return ""
    chain = [earlier[-1]]
    for before in reversed(earlier[:-1]):
        if len(chain) >= MAX_CONTEXT_TURNS or not depends_on_context(chain[0]):
            break
        chain.insert(0, before)
    return " ".join(chain)
