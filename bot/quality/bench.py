"""`taoguide bench`: how long users wait, measured (not asserted in unit tests, where CI noise
would make timings flaky).

Numbers are ratios measured in one run wherever they can be, because this machine is shared
and noisy: warm in-process answers against the floor (encoding plus search on the same
questions); HTTP answers per second at 16 clients against one client, on a real server
(``bot.quality.load``), with p50/p99, start to first answer, and resident memory before and
after 5,000 requests and the hostile set; and a from-scratch index build against the model's
raw encoding rate on the same texts. Results are printed and written as JSON.
"""

from __future__ import annotations

import json
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.settings import Settings, available_cpus

OFF_TOPIC = [
    "how do I bake sourdough bread?", "what's the weather in Paris tomorrow?", "how do I reverse a list in python?",
    "who won the 2018 world cup?", "what is the capital of Australia?",
]


def questions(engine: Any) -> list[str]:
    """A fixed, content-derived set: every FAQ question, "what is X" for glossary terms, and off-topic ones."""
    sections = engine.index.sections
    faq = [s.heading for s in sections if s.kind == "faq" and s.level >= 3]
    terms = [f"what is {s.heading.split(' (')[0].lower()}?" for s in sections if s.kind == "glossary" and s.level == 2]
    return faq + terms[::3] + OFF_TOPIC


def bench_answers(engine: Any, qs: list[str], rounds: int = 3) -> dict[str, Any]:
    """Warm in-process answers, against the floor measured on the same questions in the same run:
    encoding the question and searching the index, which every answer has to do."""
    for q in qs[:5]:  # warm-up: first calls pay one-off allocation costs
        engine.answer(q)
    totals: list[float] = []
    floors: list[float] = []
    stages: dict[str, list[float]] = {}
    for _ in range(rounds):
        for q in qs:
            started = time.perf_counter()
            answer = engine.answer(q)
            totals.append((time.perf_counter() - started) * 1000)
            for name, ms in answer.trace.timings_ms.items():
                stages.setdefault(name, []).append(ms)
            started = time.perf_counter()
            engine.index.search(q, qvec=engine.index.embed_query(q))
            floors.append((time.perf_counter() - started) * 1000)
    median, floor = statistics.median(totals), statistics.median(floors)
    return {
        "questions": len(qs),
        "answers": len(totals),
        "encoder": getattr(engine.index.embedder, "kind", "torch"),
        "median_ms": round(median, 2),
        "p95_ms": round(_percentile(totals, 95), 2),
        "max_ms": round(max(totals), 2),
        "floor_median_ms": round(floor, 2),
        "to_floor": round(median / floor, 2),
        "stage_median_ms": {name: round(statistics.median(v), 2) for name, v in stages.items()},
    }


def bench_http(settings: Settings, qs: list[str], seconds: float = 10.0, total: int = 5000) -> dict[str, Any]:
    """A real server: start to first answer, 1 and 16 clients, memory before and after load and the hostile set."""
    from bot.quality import load

    with load.served(settings.root) as server:
        load.load(server.port, qs, 2, 2.0)  # warm-up
        before = load.rss_mb(server.pid)
        one = load.load(server.port, qs, 1, seconds)
        many = load.load(server.port, qs, 16, seconds)
        sent, rounds = one["requests"] + many["requests"], 0
        while sent < total and rounds < 5:  # up to the 5,000 requests the memory figure is about
            sent += load.load(server.port, qs, 16, seconds)["requests"]
            rounds += 1
        after_load = load.rss_mb(server.pid)
        hostile = load.hostile(server.port)
        answered = load.load(server.port, qs, 1, 2.0)
        after_hostile = load.rss_mb(server.pid)
    return {"start_to_first_answer_s": server.start_to_first_answer_s, "one_client": one, "sixteen_clients": many,
            "scaling": round(many["per_second"] / one["per_second"], 2) if one["per_second"] else None,
            "requests_before_memory_check": sent, "hostile": hostile,
            "answered_after_hostile": answered["requests"] - answered["errors"],
            "rss_mb": {"before": before, "after_load": after_load, "after_hostile": after_hostile,
                       "growth": round((after_hostile - before) / before, 3) if before else None}}


def bench_build(settings: Settings, sample: int = 600) -> dict[str, Any]:
    """A from-scratch build, against the model's raw encoding rate on a sample of the same texts."""
    from kb import build_index, load_index
    from kb.embedder import SentenceTransformerEmbedder

    model = SentenceTransformerEmbedder(settings.model, threads=None)  # as the build uses it; loaded once for both
    with tempfile.TemporaryDirectory() as tmp:
        fresh = settings.model_copy(update={"index_dir": Path(tmp) / "index"})
        report = build_index(fresh, embedder=model, force=True)
        sections = load_index(fresh).sections
    texts = list(dict.fromkeys(t for s in sections for t in (s.embed_text, s.heading_text, *(u.text for u in s.units))))
    picked = texts[:: max(1, len(texts) // sample)][:sample]
    model.embed(picked[:8])
    started = time.perf_counter()
    model.embed(picked, batch_size=settings.embed_batch_size)
    raw = len(picked) / (time.perf_counter() - started)
    rate = report.embedded / report.seconds
    return {"seconds": round(report.seconds, 2), "sections": report.sections, "sentences": report.units,
            "texts_embedded": report.embedded, "texts_per_second": round(rate, 1),
            "model_texts_per_second": round(raw, 1), "to_model": round(rate / raw, 2)}


def run(settings: Settings, build: bool = True, rounds: int = 3, http: bool = True, seconds: float = 10.0) -> dict[str, Any]:
    from bot.answer import Engine

    engine = Engine(settings.model_copy(update={"chain_refresh": False}))
    qs = questions(engine)
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": available_cpus(), "threads_per_query": settings.threads},
        "answers": bench_answers(engine, qs, rounds),
    }
    if http:
        result["http"] = bench_http(settings, qs, seconds)
    if build:
        result["index_build"] = bench_build(settings)
    return result


def summary(result: dict[str, Any]) -> list[str]:
    """The figures as lines for the terminal."""
    a = result["answers"]
    lines = [f"answers    median {a['median_ms']} ms, p95 {a['p95_ms']} ms over {a['answers']} answers; floor "
             f"(encode + search, {a['encoder']}) {a['floor_median_ms']} ms: answer/floor {a['to_floor']}",
             f"           stages {a['stage_median_ms']}"]
    if "http" in result:
        h, one, many, rss = result["http"], result["http"]["one_client"], result["http"]["sixteen_clients"], \
            result["http"]["rss_mb"]
        lines += [f"start      {h['start_to_first_answer_s']} s from `taoguide serve` to its first answer",
                  f"HTTP  1    {one['per_second']} answers/s, p50 {one['p50_ms']} ms, p99 {one['p99_ms']} ms "
                  f"({one['requests']} requests, {one['errors']} errors, {one['tool']})",
                  f"HTTP 16    {many['per_second']} answers/s, p50 {many['p50_ms']} ms, p99 {many['p99_ms']} ms "
                  f"({many['requests']} requests, {many['errors']} errors): {h['scaling']} x one client",
                  f"memory     {rss['before']} MB before load, {rss['after_load']} MB after "
                  f"{h['requests_before_memory_check']} requests, {rss['after_hostile']} MB after the hostile set "
                  f"(growth {rss['growth']:.1%})",
                  "hostile    " + ", ".join(f"{k}: {v or 'closed while sending'}" for k, v in h["hostile"].items())
                  + f"; {h['answered_after_hostile']} answers after it"]
    if "index_build" in result:
        b = result["index_build"]
        lines.append(f"build      {b['seconds']} s for {b['sections']} sections / {b['sentences']} sentences "
                     f"({b['texts_per_second']} texts/s; the model alone {b['model_texts_per_second']}/s: "
                     f"{b['to_model']} of it)")
    return lines


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]



def write(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
