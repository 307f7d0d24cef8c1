"""CI runs the evaluation on the real content and fails below the floors in floors.json."""

import json
from pathlib import Path

import pytest

from bot.quality import evaluate as ev
from bot.answer import Engine

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "floors.json").read_text())
ITEMS = ev.load_items(HERE / "questions.jsonl")


@pytest.fixture(scope="module")
def results(real_settings, real_engine):
    out = {"hybrid": ev.score(ev.run(real_engine, ITEMS))}
    for mode in ("lexical", "dense"):
        out[mode] = ev.score(ev.run(Engine(real_settings.model_copy(update={"retrieval": mode}), real_engine.index), ITEMS))
    return out


def test_the_set_is_large_and_varied_enough():
    assert len(ITEMS) >= 250
    assert sum(i.scope == "out" for i in ITEMS) >= 50
    assert sum(i.followup for i in ITEMS) >= 20


def test_every_gold_section_exists_and_holds_its_facts(real_engine):
    texts = {s.url: " ".join(u.text for u in s.units).lower() for s in real_engine.index.sections}
    for item in ITEMS:
        assert all(url in texts for url in item.gold), f"{item.id}: unknown gold section"
        for alternatives in item.facts:
            assert any(a.lower() in texts[url] for url in item.gold for a in alternatives), f"{item.id}: {alternatives}"


@pytest.mark.parametrize("metric", ["hit1", "hit5", "mrr", "fact_accuracy", "refusal_precision", "refusal_recall",
                                    "followup_accuracy"])
def test_metric_is_at_or_above_its_floor(results, metric):
    assert getattr(results["hybrid"], metric) >= FLOORS[metric]


def test_false_refusals_stay_below_the_ceiling(results):
    assert results["hybrid"].false_refusals <= FLOORS["max_false_refusals"]


def test_median_latency_stays_below_the_ceiling(results):
    assert results["hybrid"].median_ms <= FLOORS["max_median_ms"]


@pytest.mark.parametrize("baseline", ["lexical", "dense"])
def test_hybrid_beats_each_baseline_on_hit_at_1_and_answer_accuracy(results, baseline):
    assert results["hybrid"].hit1 > results[baseline].hit1
    assert results["hybrid"].fact_accuracy > results[baseline].fact_accuracy
