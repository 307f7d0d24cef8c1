"""The evaluation harness behind `taoguide eval`: the question set through the same answer().

Definitions (per question of tests/eval/questions.jsonl):
- ranking: the answer's citations in order, then the remaining retrieval candidates;
  hit@k: a gold section is in the first k; MRR: 1 / rank of the first gold section.
- fact accuracy: the answer (not a refusal) contains every key fact (any listed
  alternative, case-insensitive).
- refusals: precision = refused questions that are out of scope / refused questions;
  recall = out-of-scope questions refused / out-of-scope questions; false refusals =
  in-scope questions refused / in-scope questions.
- follow-up accuracy: follow-ups answered with every key fact and a gold section cited.
- reading (``bot.quality.reading``): lead accuracy = answered in-scope questions with lead keys
  whose lead keys all appear in the first 40 words, over in-scope questions with lead keys;
  words per answer (median, 90th percentile, over answers); misleading openers and redundant
  sentences, counted over all answers.
- latency: wall time of answer() per question, warm, in-process.
- ceiling (optional): the share of in-scope questions whose key facts some choice of at
  most `limit` sentences from the first k retrieved sections holds. It bounds what any
  choice of sentences could reach on the same retrieval, so it tells a ranking limit
  from a sentence-choice limit.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import BadQuestion
from bot.answer import Answer
from bot.quality import reading


@dataclass(frozen=True)
class Item:
    id: str
    topic: str
    question: str
    scope: str  # "in" | "out"
    gold: tuple[str, ...] = ()
    facts: tuple[tuple[str, ...], ...] = ()
    history: tuple[str, ...] = ()
    lead: tuple[tuple[str, ...], ...] = ()

    @property
    def followup(self) -> bool:
        return bool(self.history)


@dataclass
class Outcome:
    item: Item
    kind: str
    ranking: list[str]
    has_facts: bool
    cited_gold: bool
    ms: float
    led: bool = False  # every lead key in the first 40 words
    words: int = 0
    opener: bool = False  # a misleading yes/no opener
    redundant: int = 0  # sentences that restate an earlier one of the same answer

    def rank(self) -> int | None:
        gold = set(self.item.gold)
        return next((i for i, url in enumerate(self.ranking, start=1) if site_path(url) in gold), None)


@dataclass
class Metrics:
    n: int = 0
    hit1: float = 0.0
    hit5: float = 0.0
    mrr: float = 0.0
    fact_accuracy: float = 0.0
    refusal_precision: float | None = None
    refusal_recall: float | None = None
    false_refusals: float | None = None
    followup_accuracy: float | None = None
    lead_accuracy: float | None = None
    median_words: float = 0.0
    p90_words: float = 0.0
    misleading_openers: int = 0
    redundant_sentences: int = 0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    per_topic: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def load_items(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(Item(
                id=str(row["id"]), topic=row.get("topic", "other"), question=row["question"], scope=row["scope"],
                gold=tuple(row.get("gold", ())),
                facts=parse_keys(row.get("facts", ())),
                history=tuple(row.get("history", ())),
                lead=parse_keys(row.get("lead", ())),
            ))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a valid evaluation item ({exc})") from exc
    return items


def parse_keys(raw: Iterable[Any]) -> tuple[tuple[str, ...], ...]:
    """Key facts as written in the set: each a string or a list of alternatives."""
    return tuple((f,) if isinstance(f, str) else tuple(f) for f in raw)


def contains_facts(text: str, facts: Iterable[tuple[str, ...]]) -> bool:
    lowered = text.lower()
    return all(any(alt.lower() in lowered for alt in alternatives) for alternatives in facts)


def judge(item: Item, answer: Answer | None, ms: float, candidate_urls: list[str]) -> Outcome:
    if answer is None:  # the bot rejected the input itself (e.g. gibberish): counts as a refusal
        return Outcome(item, "refusal", [], False, False, ms)
    cited = [c.url for c in answer.citations] if answer.kind in ("answer", "live") else []
    ranking = list(dict.fromkeys(cited + candidate_urls))
    answered = answer.kind in ("answer", "live")
    has_facts = answered and contains_facts(answer.text, item.facts)
    cited_gold = any(site_path(url) in set(item.gold) for url in cited)
    if not answered:
        return Outcome(item, answer.kind, ranking, has_facts, cited_gold, ms)
    return Outcome(item, answer.kind, ranking, has_facts, cited_gold, ms,
                   led=reading.leads_with(answer.text, item.lead), words=len(reading.words(answer.text)),
                   opener=reading.misleading_opener(item.question, answer.text, opening_heading(answer)),
                   redundant=reading.redundant_sentences(answer.text))


def opening_heading(answer: Answer) -> str:
    """The heading of the section the answer's first passage quotes ("" for fixed or live wording)."""
    first = answer.passages[0] if answer.passages else None
    if first is None or first.citation is None or first.citation >= len(answer.citations):
        return ""
    return answer.citations[first.citation].section


def run(engine: Any, items: list[Item]) -> list[Outcome]:
    urls = {s.id: s.url for s in engine.index.sections}
    outcomes = []
    for item in items:
        started = time.perf_counter()
        try:
            answer: Answer | None = engine.answer(item.question, list(item.history))
        except BadQuestion:
            answer = None
        ms = (time.perf_counter() - started) * 1000
        candidates = [urls[c.id] for c in answer.trace.candidates] if answer else []
        outcomes.append(judge(item, answer, ms, candidates))
    return outcomes


def score(outcomes: list[Outcome]) -> Metrics:
    metrics = _score(outcomes)
    for topic in sorted({o.item.topic for o in outcomes}):
        metrics.per_topic[topic] = _score([o for o in outcomes if o.item.topic == topic]).as_dict()
        metrics.per_topic[topic].pop("per_topic")
    return metrics


def _score(outcomes: list[Outcome]) -> Metrics:
    inside = [o for o in outcomes if o.item.scope == "in"]
    outside = [o for o in outcomes if o.item.scope == "out"]
    refused = [o for o in outcomes if o.kind == "refusal"]
    followups = [o for o in inside if o.item.followup]
    ranks = [o.rank() for o in inside]
    times = sorted(o.ms for o in outcomes)
    m = Metrics(n=len(outcomes))
    if inside:
        m.hit1 = sum(1 for r in ranks if r == 1) / len(inside)
        m.hit5 = sum(1 for r in ranks if r and r <= 5) / len(inside)
        m.mrr = sum(1 / r for r in ranks if r) / len(inside)
        m.fact_accuracy = sum(o.has_facts for o in inside) / len(inside)
        m.false_refusals = sum(o.kind == "refusal" for o in inside) / len(inside)
    if refused:
        m.refusal_precision = sum(o.item.scope == "out" for o in refused) / len(refused)
    if outside:
        m.refusal_recall = sum(o.kind == "refusal" for o in outside) / len(outside)
    if followups:
        m.followup_accuracy = sum(o.has_facts and o.cited_gold for o in followups) / len(followups)
    led = [o for o in inside if o.item.lead]
    if led:
        m.lead_accuracy = sum(o.led for o in led) / len(led)
    answered = sorted(o.words for o in outcomes if o.kind != "refusal")
    if answered:
        m.median_words = statistics.median(answered)
        m.p90_words = answered[min(len(answered) - 1, int(round(0.9 * (len(answered) - 1))))]
    m.misleading_openers = sum(o.opener for o in outcomes)
    m.redundant_sentences = sum(o.redundant for o in outcomes)
    if times:
        m.median_ms = statistics.median(times)
        m.p95_ms = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return m


def coverable(facts: tuple[tuple[str, ...], ...], sentences: Iterable[str], limit: int) -> bool:
    """Could at most `limit` of these sentences hold every key fact between them? (exact, not greedy)"""
    if not facts:
        return True
    full = (1 << len(facts)) - 1
    # only which facts a sentence holds matters, so sentences collapse to at most 2^facts distinct sets
    sets = {sum(1 << n for n, alts in enumerate(facts) if any(a.lower() in text.lower() for a in alts))
            for text in sentences} - {0}
    for k in range(1, min(limit, len(facts)) + 1):  # each needed sentence adds a fact, so never more than facts
        if any(functools.reduce(operator.or_, combo) == full for combo in itertools.combinations(sets, k)):
            return True
    return False


def ceilings(engine: Any, items: list[Item], tops: Iterable[int], limit: int) -> dict[int, float]:
    """For each depth k in `tops`: the share of in-scope questions whose key facts `limit` sentences of
    the first k candidates could hold. Each question is answered once, whatever the number of depths."""
    sections = {s.id: s for s in engine.index.sections}
    inside = [item for item in items if item.scope == "in"]
    reachable = dict.fromkeys(tops, 0)
    for item in inside:
        try:
            answer = engine.answer(item.question, list(item.history))
        except BadQuestion:
            continue
        for top in reachable:
            units = [u.text for c in answer.trace.candidates[:top] for u in sections[c.id].units]
            reachable[top] += coverable(item.facts, units, limit)
    return {top: count / len(inside) if inside else 0.0 for top, count in reachable.items()}


def site_path(url: str) -> str:
    """Citation URLs may be absolute (TAOGUIDE_PUBLIC_URL); gold URLs are site paths."""
    if "://" in url:
        url = "/" + url.split("://", 1)[1].split("/", 1)[-1]
    return url
