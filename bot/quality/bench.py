"""`taoguide bench`: how long users wait, measured (not asserted in unit tests, where CI noise
would make timings flaky).

Four numbers: a full index build from scratch, a cold start (new process: imports, model
and index load, first answer), warm answer latency in-process over a fixed question set
(median and p95, with the per-stage split from the answers' traces), and the same questions
through the HTTP API the widget uses (routing, JSON, and the feedback store's write).
Results are printed and written as JSON.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.settings import Settings

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
    for q in qs[:5]:  # warm-up: first calls pay one-off allocation costs
        engine.answer(q)
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for _ in range(rounds):
        for q in qs:
            started = time.perf_counter()
            answer = engine.answer(q)
            totals.append((time.perf_counter() - started) * 1000)
            for name, ms in answer.trace.timings_ms.items():
                stages.setdefault(name, []).append(ms)
    return {
        "questions": len(qs),
        "answers": len(totals),
        "median_ms": round(statistics.median(totals), 2),
        "p95_ms": round(_percentile(totals, 95), 2),
        "max_ms": round(max(totals), 2),
        "stage_median_ms": {name: round(statistics.median(v), 2) for name, v in stages.items()},
    }


def bench_api(settings: Settings, engine: Any, qs: list[str]) -> dict[str, Any]:
    """POST /api/ask as the widget sends it, in-process (no network), recording each answer in a fresh SQLite store."""
    from fastapi.testclient import TestClient

    from bot.web import make_app
    from bot.feedback import FeedbackStore

    with tempfile.TemporaryDirectory() as tmp:
        store = FeedbackStore(f"sqlite:///{Path(tmp) / 'feedback.sqlite'}")
        with TestClient(make_app(settings, engine=engine, store=store)) as client:
            for q in qs[:5]:
                client.post("/api/ask", json={"question": q, "client": "widget"})
            totals = []
            for q in qs:
                started = time.perf_counter()
                client.post("/api/ask", json={"question": q, "client": "widget"}).raise_for_status()
                totals.append((time.perf_counter() - started) * 1000)
        store.close()
    return {"requests": len(totals), "median_ms": round(statistics.median(totals), 2),
            "p95_ms": round(_percentile(totals, 95), 2)}


def bench_build(settings: Settings) -> dict[str, Any]:
    from kb import build_index

    with tempfile.TemporaryDirectory() as tmp:
        fresh = settings.model_copy(update={"index_dir": Path(tmp) / "index"})
        report = build_index(fresh, force=True)
    return {"seconds": round(report.seconds, 2), "sections": report.sections, "sentences": report.units,
            "texts_embedded": report.embedded, "texts_per_second": round(report.embedded / report.seconds, 1)}


def bench_cold_start(settings: Settings) -> dict[str, Any]:
    """A new process: import, load model and index, build the app, answer one question."""
    script = (
        "import time; t0 = time.perf_counter()\n"
        "from bot.settings import Settings\nfrom bot.answer import Engine\n"
        "engine = Engine(Settings()); t1 = time.perf_counter()\n"
        "from bot.web import make_app\nmake_app(Settings(), engine=engine); t2 = time.perf_counter()\n"
        "engine.answer('What is TAO used for?'); t3 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1, t3 - t2)\n"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=settings.root).stdout.split()
    wall = time.perf_counter() - started
    engine_s, app_s, first_s = (float(x) for x in out[-3:])
    return {"process_to_first_answer_s": round(wall, 2), "engine_load_s": round(engine_s, 2),
            "app_build_s": round(app_s, 2), "first_answer_ms": round(first_s * 1000, 1)}


def run(settings: Settings, build: bool = True, rounds: int = 3) -> dict[str, Any]:
    from bot.answer import Engine

    engine = Engine(settings)
    qs = questions(engine)
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": _cpus(), "threads_per_query": settings.threads},
        "answers": bench_answers(engine, qs, rounds),
        "api": bench_api(settings.model_copy(update={"chain_refresh": False}), engine, qs),
        "cold_start": bench_cold_start(settings),
    }
    if build:
        result["index_build"] = bench_build(settings)
    return result


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def write(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
