"""The one orchestration of an answer: question → retrieve → decide → compose → Answer.

Every shell (CLI, JSON API, Gradio chat, widget) calls ``Engine.answer``. The decision to
answer or refuse uses the best dense cosine of the question to a section (an absolute,
calibratable number), never the fused rank score.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from bot.answer import compose, scope, shape
from bot.answer.question import clean_question, previous_answers, previous_questions, recent_turns, retrieval_queries
from bot.answer.live import LiveAnswers
from bot.chain import make_chain_facts
from bot.answer.seedphrase import redact
from bot.answer.records import Answer, Candidate, Trace
from bot.settings import Settings
from kb import Hit, Index, load_index
from kb.terms import content_words, stem


FOLLOW_UP_WEIGHT = 0.5  # share of a follow-up's own words in its folded query vector (the rest: the earlier turn)
OFF_THE_PAGES = 0.4  # a question whose words are this much foreign to the pages is never read as a follow-up
# Words of any chat, on any subject: never a sign that a question is about something else.
CHAT_WORDS = frozenset(stem(w) for w in """ok okay cool thanks thx what whats gonna wanna tho dont cant wont im ive long
take takes cost costs much many work works mean means happen happens need needs pay time get make wait risky safe
thing things one really actually like even exactly sure kind sort way ways""".split())
LEAN_MARGIN = 0.1  # a refused question this close to the answer threshold is retried as a follow-up
QUOTED_BEFORE = 0.75  # in a follow-up, a section the earlier answers quoted keeps this share of its rank score
ANSWERED_FROM_WEIGHT = 0.3  # share of the earlier turn that is the section answering it (the rest: its words)


class Engine:
    """Holds the loaded index; answers questions. Safe to share between threads."""

    def __init__(self, settings: Settings, index: Index | None = None, chain: Any = None,
                 portfolio_fetch: Any = None) -> None:
        self.settings = settings
        self.index = index or load_index(settings)
        self.chain = chain if chain is not None else make_chain_facts(settings, refresh=False)
        self.live = LiveAnswers(settings, self.index, self.chain, portfolio_fetch)
        self._trace_lock = threading.Lock()
        self._vocabulary = set().union(*(content_words(u.text) for s in self.index.sections for u in s.units))

    def answer(self, question: Any, history: Iterable[Any] | None = ()) -> Answer:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        text = clean_question(question, self.settings.max_question_chars)
        routed = self.live.answer(text, started)  # chain data: live numbers, or the stake of an address
        if routed is not None:
            self._record(routed)
            return routed
        history = recent_turns(history)  # bounded: the last turns, each cut short
        said = frozenset(previous_answers(history))
        if self._off_the_pages(text):  # "ok cool. whats a good pasta recipe": no earlier turn makes it ours
            history = [turn for turn in history if isinstance(turn, dict) and turn.get("role") == "assistant"]
        queries = retrieval_queries(text, history)
        hits, candidates, (kind, reason, result) = self._search(text, queries, said, timings)
        own = max((c.cosine for c in candidates), default=0.0)
        if (kind == "refusal" and len(queries) == 1 and history and reason.startswith("best cosine")
                and own >= self.settings.min_dense - LEAN_MARGIN):
            # close, but too little to go on alone ("whats the least i can put in"): read it as a follow-up after
            # all; a question far from every page ("a good pasta recipe?") stays refused whatever came before
            leaning = retrieval_queries(text, history, lean=True)
            if len(leaning) > 1:
                retry = self._search(text, leaning, said, timings)
                if retry[2][0] == "answer":
                    queries, (hits, candidates, (kind, reason, result)) = leaning, retry
        t = time.perf_counter()
        asked = {q.lower().strip(" ?") for q in [*previous_questions(history), text]}
        followups = self._followups(candidates, result, asked) if kind == "answer" else []
        timings["compose"] = round(timings.get("compose", 0.0) + _ms(t), 2)
        timings["total"] = _ms(started)

        trace = Trace(
            question=text,
            queries=queries,
            candidates=[Candidate(id=h.section.id, fused=round(h.score, 5), dense=_r(h.dense), lexical=_r(h.lexical),
                                  heading=_r(h.heading), sentence=_r(h.sentence), rank_dense=h.rank_dense,
                                  rank_lexical=h.rank_lexical) for h in hits],
            decision=kind,
            reason=reason,
            timings_ms=timings,
        )
        answer = Answer(kind=kind, text=result.text, citations=compose.absolute(result.citations, self.settings.public_url),
                        passages=result.passages, followups=followups, trace=trace)
        self._record(answer)
        return answer

    def _off_the_pages(self, text: str) -> bool:
        """Is the question mostly about things our pages never mention (three or more such words, 40% of them)?"""
        words = content_words(text)
        foreign = {w for w in words if w not in self._vocabulary and w not in CHAT_WORDS and not w.isdigit()}
        return len(foreign) >= 3 and len(foreign) >= OFF_THE_PAGES * len(words)

    def _search(self, text: str, queries: list[str], said: frozenset[str], timings: dict[str, float]) -> tuple[Any, ...]:
        """Retrieve for the queries, then decide and compose: (hits, candidates, (kind, reason, composition))."""
        t = time.perf_counter()
        qvecs = [self.index.embed_query(queries[0])]
        if len(queries) > 1:  # a follow-up: the question's own meaning leads, the earlier turn steers
            context = self._earlier_turn(queries[1][: -len(queries[0])].strip())
            folded = FOLLOW_UP_WEIGHT * qvecs[0] + (1 - FOLLOW_UP_WEIGHT) * context
            qvecs.append(folded / np.linalg.norm(folded))
        timings["embed"] = _ms(t)

        t = time.perf_counter()
        hits = self._retrieve(queries, qvecs)
        if said:  # a follow-up asks for something new: sections the last answers quoted from step back
            hits = sorted(hits, key=lambda h: -h.score * (QUOTED_BEFORE if _quoted_from(h.section, said) else 1.0))
        timings["search"] = _ms(t)

        t = time.perf_counter()
        qvec = qvecs[-1]
        candidates = [
            compose.Candidate(h.section, h.score, h.cosine, self.index.unit_similarities(qvec, self._position(h)),
                              heading=h.heading or 0.0,
                              own_scores=self.index.unit_similarities(qvecs[0], self._position(h)) if len(qvecs) > 1 else None)
            for h in hits
        ]
        decision = self._decide(text, queries[-1], candidates, said)
        timings["compose"] = _ms(t)
        return hits, candidates, decision

    def _earlier_turn(self, earlier: str) -> np.ndarray:
        """The earlier question as a vector, steered toward the section that answered it.

        "How long does it take?" asks about what the last answer said, not only about the words
        typed before it; an earlier question the pages don't cover is not steered.
        """
        vector = self.index.embed_query(earlier)
        hits = self.index.search(earlier, k=1, qvec=vector, mode=self.settings.retrieval)
        if not hits or hits[0].cosine < self.settings.min_dense:
            return vector
        steered = (1 - ANSWERED_FROM_WEIGHT) * vector + ANSWERED_FROM_WEIGHT * self.index.section_vector(hits[0].section.id)
        return steered / np.linalg.norm(steered)

    def _decide(self, question: str, query: str, candidates: list[compose.Candidate],
                said: frozenset[str] = frozenset()) -> tuple[str, str, compose.Composition]:
        """Answer or refuse: declined kinds of question, then calibrated evidence, then composition."""
        closest = sorted(candidates, key=lambda c: -c.cosine)
        declined = scope.decline_before_retrieval(question)
        if declined:
            links = 0 if declined.rule == "personal_information" else 2
            return "refusal", f"declined: {declined.rule}", compose.refusal(closest, declined.message, links)
        best = closest[0].cosine if closest else 0.0
        if best < self.settings.min_dense:
            return "refusal", f"best cosine {best:.3f} < {self.settings.min_dense}", compose.refusal(closest)
        # Only sections that are relevant on their own may be quoted (a weak lexical match may rank high).
        quotable = [c for c in candidates if c.cosine >= self.settings.min_dense]
        result = compose.compose(query, quotable, self.settings.max_citations, self.settings.max_sentences,
                                 self.settings.answer_words, said, shape.kind_of(question))
        if not result.passages:
            return "refusal", "no quotable sentence in the retrieved sections", compose.refusal(closest)
        declined = scope.decline_other_chain(question, result.text, [c.section for c in result.citations])
        if declined:
            return "refusal", f"declined: other chain ({declined.detail})", compose.refusal(closest, declined.message)
        return "answer", f"best cosine {best:.3f} >= {self.settings.min_dense}", result

    def _retrieve(self, queries: list[str], qvecs: list[Any]) -> list[Hit]:
        """Search with each query; a section ranks by its best (weighted) fused score from any of them.

        A follow-up's folded query leads and the user's literal words still count, at half weight.

        A section keeps the best cosine it got from any query (the refusal decision uses it).
        """
        weights = [1.0] if len(queries) == 1 else [0.5] + [1.0] * (len(queries) - 1)
        fused: dict[str, float] = {}
        best: dict[str, Hit] = {}
        for weight, query, qvec in zip(weights, queries, qvecs):
            for hit in self.index.search(query, k=self.settings.top_k, qvec=qvec, mode=self.settings.retrieval):
                key = hit.section.id
                fused[key] = max(fused.get(key, 0.0), weight * hit.score)
                if key not in best or hit.cosine > best[key].cosine:
                    best[key] = hit
        ranked = sorted(fused, key=lambda key: -fused[key])[: self.settings.top_k]
        return [dataclasses.replace(best[key], score=fused[key]) for key in ranked]

    def _position(self, hit: Hit) -> int:
        if not hasattr(self, "_positions"):
            self._positions = {s.id: i for i, s in enumerate(self.index.sections)}
        return self._positions[hit.section.id]

    @staticmethod
    def _followups(candidates: list[compose.Candidate], result: compose.Composition, asked: set[str],
                   limit: int = 3) -> list[str]:
        """Related FAQ questions among the candidates that the answer did not already quote, never one already asked."""
        quoted = {c.url for c in result.citations}
        return [c.section.heading for c in candidates
                if c.section.kind == "faq" and c.section.level >= 3 and c.section.url not in quoted
                and c.section.heading.lower().strip(" ?") not in asked][:limit]

    def _record(self, answer: Answer) -> None:
        if not self.settings.trace_file:
            return
        trace = answer.trace.model_dump()
        trace["question"] = redact(trace["question"])  # a pasted seed phrase never reaches a file
        trace["queries"] = [redact(q) for q in trace["queries"]]
        line = json.dumps({"kind": answer.kind, "citations": [c.url for c in answer.citations], **trace},
                          ensure_ascii=False)
        with self._trace_lock, Path(self.settings.trace_file).open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def _quoted_from(section: Any, said: frozenset[str]) -> bool:
    return any(len(u.text) >= 30 and u.text in answer for u in section.units for answer in said)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
