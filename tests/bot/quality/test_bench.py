"""The benchmark's parts run and report what they claim (the timings themselves are not asserted)."""

import pytest

from bot.quality.bench import bench_answers, questions, summary


def test_the_question_set_comes_from_the_pages_plus_off_topic(fixture_engine):
    qs = questions(fixture_engine)
    assert "How many moons does Planet Vortan have?" in qs and "how do I bake sourdough bread?" in qs


def test_answers_are_measured_against_the_encode_and_search_floor_of_the_same_run(fixture_engine):
    qs = ["How many moons does Vortan have?", "Who runs the Vortan lighthouse?", "how do I bake sourdough bread?"]
    answers = bench_answers(fixture_engine, qs, rounds=2)
    assert answers["answers"] == 6 and 0 < answers["median_ms"] <= answers["p95_ms"] <= answers["max_ms"]
    assert {"embed", "search", "compose", "total"} <= set(answers["stage_median_ms"])
    assert answers["encoder"] == "onnx" and 0 < answers["floor_median_ms"]
    # the ratio is of the unrounded medians; the printed medians are rounded to 0.01 ms
    assert answers["to_floor"] == pytest.approx(answers["median_ms"] / answers["floor_median_ms"], abs=0.011)
    assert "answer/floor" in summary({"answers": answers})[0]
