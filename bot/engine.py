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

from bot import compose
from bot.question import clean_question, retrieval_queries
from bot.records import Answer, Candidate, Trace
from bot.settings import Settings
from kb import Hit, Index, load_index


class Engine:
    """Holds the loaded index; answers questions. Safe to share between threads."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self.index = index or load_index(settings)
        self._trace_lock = threading.Lock()

    def answer(self, question: Any, history: Iterable[Any] | None = ()) -> Answer:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        text = clean_question(question, self.settings.max_question_chars)
        queries = retrieval_queries(text, history)

        t = time.perf_counter()
        qvecs = [self.index.embed_query(q) for q in queries]
        timings["embed"] = _ms(t)

        t = time.perf_counter()
        hits = self._retrieve(queries, qvecs)
        timings["search"] = _ms(t)

        t = time.perf_counter()
        qvec = qvecs[-1] if len(qvecs) > 1 else qvecs[0]
        candidates = [
            compose.Candidate(h.section, float(h.dense or 0.0), self.index.unit_similarities(qvec, self._position(h)),
                              float(h.lexical or 0.0))
            for h in hits
        ]
        best = max((c.dense for c in candidates), default=0.0)
        if best >= self.settings.min_dense:
            kind, reason = "answer", f"best section cosine {best:.3f} >= {self.settings.min_dense}"
            # Only sections that are relevant on their own may be quoted (a weak lexical match may rank high).
            quotable = [c for c in candidates if c.dense >= self.settings.min_dense - 0.1]
            result = compose.compose(queries[-1], quotable, self.settings.max_citations, self.settings.max_sentences)
            if not result.passages:
                kind, reason = "refusal", "no quotable sentence in the retrieved sections"
        else:
            kind, reason = "refusal", f"best section cosine {best:.3f} < {self.settings.min_dense}"
        if kind == "refusal":
            result = compose.refusal(sorted(candidates, key=lambda c: -c.dense))
        followups = self._followups(candidates, result) if kind == "answer" else []
        timings["compose"] = _ms(t)
        timings["total"] = _ms(started)

        trace = Trace(
            question=text,
            queries=queries,
            candidates=[Candidate(id=h.section.id, fused=round(h.score, 5), dense=_r(h.dense), lexical=_r(h.lexical),
                                  rank_dense=h.rank_dense, rank_lexical=h.rank_lexical) for h in hits],
            decision=kind,
            reason=reason,
            timings_ms=timings,
        )
        answer = Answer(kind=kind, text=result.text, citations=self._absolute(result.citations),
                        passages=result.passages, followups=followups, trace=trace)
        self._record(answer)
        return answer

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
                if key not in best or (hit.dense or 0.0) > (best[key].dense or 0.0):
                    best[key] = hit
        ranked = sorted(fused, key=lambda key: -fused[key])[: self.settings.top_k]
        return [dataclasses.replace(best[key], score=fused[key]) for key in ranked]

    def _position(self, hit: Hit) -> int:
        if not hasattr(self, "_positions"):
            self._positions = {s.id: i for i, s in enumerate(self.index.sections)}
        return self._positions[hit.section.id]

    @staticmethod
    def _followups(candidates: list[compose.Candidate], result: compose.Composition, limit: int = 3) -> list[str]:
        """Related FAQ questions among the candidates that the answer did not already quote."""
        quoted = {c.url for c in result.citations}
        return [c.section.heading for c in candidates
                if c.section.kind == "faq" and c.section.level >= 3 and c.section.url not in quoted][:limit]

    def _absolute(self, citations: list[Any]) -> list[Any]:
        base = self.settings.public_url.rstrip("/")
        if not base:
            return citations
        return [c.model_copy(update={"url": base + c.url}) for c in citations]

    def _record(self, answer: Answer) -> None:
        if not self.settings.trace_file:
            return
        line = json.dumps({"kind": answer.kind, "citations": [c.url for c in answer.citations],
                           **answer.trace.model_dump()}, ensure_ascii=False)
        with self._trace_lock, Path(self.settings.trace_file).open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
