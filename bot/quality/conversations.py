"""Conversations replayed as a chat would send them: each later turn carries the real earlier answers.

A follow-up is judged the way its reader sees it: does it open with the new thing asked
(lead keys in the first 40 words), hold the key facts, cite a gold section, and say nothing
that the previous answer already said? ``tests/eval/conversations.jsonl`` holds the turns;
the history sent with turn n is every earlier user turn and the bot's own answer to it, as
role/content messages (the shape the chat, the widget and ``POST /api/ask`` send).
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import BadQuestion
from bot.quality import reading
from bot.quality.evaluate import Item, parse_keys, site_path


@dataclass(frozen=True)
class Conversation:
    id: str
    topic: str
    turns: tuple[Item, ...]


@dataclass
class Turn:
    conversation: str
    number: int  # 1 for the opening question
    item: Item
    kind: str
    text: str
    led: bool
    has_facts: bool
    cited_gold: bool
    repeated: int  # sentences restating the previous answer
    asked_again: int  # suggested follow-ups that repeat a question already asked
    ms: float


@dataclass
class ConversationMetrics:
    conversations: int = 0
    turns: int = 0
    later_turns: int = 0
    lead_accuracy: float | None = None  # later turns
    fact_accuracy: float | None = None  # later turns: every key fact and a gold section cited
    repeated_sentences: int = 0  # over all later turns
    turns_with_repeats: int = 0
    suggestions_asked_again: int = 0
    median_words: float = 0.0
    per_turn: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        out.pop("per_turn")
        return out


def load(path: Path) -> list[Conversation]:
    conversations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            turns = tuple(Item(id=f"{row['id']}.{n}", topic=row.get("topic", "other"), question=t["question"], scope="in",
                               gold=tuple(t.get("gold", ())), facts=parse_keys(t.get("facts", ())), lead=parse_keys(t.get("lead", ())))
                          for n, t in enumerate(row["turns"], start=1))
            if len(turns) < 2:
                raise ValueError("a conversation needs at least two turns")
            conversations.append(Conversation(str(row["id"]), row.get("topic", "other"), turns))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a valid conversation ({exc})") from exc
    return conversations


def replay(engine: Any, conversations: list[Conversation]) -> list[Turn]:
    out = []
    for conversation in conversations:
        history: list[dict[str, str]] = []
        asked: list[str] = []
        previous = ""
        for number, item in enumerate(conversation.turns, start=1):
            started = time.perf_counter()
            try:
                answer = engine.answer(item.question, list(history))
            except BadQuestion:
                answer = None
            ms = (time.perf_counter() - started) * 1000
            asked.append(item.question.lower().strip())
            text = answer.text if answer else ""
            answered = answer is not None and answer.kind != "refusal"
            cited = [site_path(c.url) for c in answer.citations] if answered else []
            out.append(Turn(
                conversation=conversation.id, number=number, item=item, kind=answer.kind if answer else "refusal",
                text=text, led=answered and reading.leads_with(text, item.lead),
                has_facts=answered and reading.has_keys(text, item.facts),
                cited_gold=any(url in set(item.gold) for url in cited),
                repeated=reading.repeated_sentences(text, previous) if number > 1 and answered else 0,
                asked_again=sum(f.lower().strip() in asked for f in (answer.followups if answer else [])),
                ms=ms,
            ))
            history += [{"role": "user", "content": item.question}, {"role": "assistant", "content": text}]
            previous = text
    return out


def score(turns: list[Turn]) -> ConversationMetrics:
    later = [t for t in turns if t.number > 1]
    m = ConversationMetrics(conversations=len({t.conversation for t in turns}), turns=len(turns), later_turns=len(later))
    if later:
        m.lead_accuracy = sum(t.led for t in later) / len(later)
        m.fact_accuracy = sum(t.has_facts and t.cited_gold for t in later) / len(later)
        m.repeated_sentences = sum(t.repeated for t in later)
        m.turns_with_repeats = sum(t.repeated > 0 for t in later)
    m.suggestions_asked_again = sum(t.asked_again for t in turns)
    lengths = [len(reading.words(t.text)) for t in turns if t.kind != "refusal"]
    m.median_words = statistics.median(lengths) if lengths else 0.0
    m.per_turn = [{"id": t.item.id, "kind": t.kind, "led": t.led, "facts": t.has_facts, "cited_gold": t.cited_gold,
                   "repeated": t.repeated, "ms": round(t.ms, 2)} for t in turns]
    return m
