"""The analytics report: top questions, refusals, thumbs-down answers and days, over a window."""

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.feedback import report as analytics_report
from bot.feedback.store import answers, votes
from tests.bot.feedback.conftest import given


def test_report_counts_top_questions_refusals_downvotes_and_days(store):
    for q in ("What is TAO used for?", "what is tao used for", "How do I stake?"):
        store.record_answer(given(q), "api")
    pizza = given("best pizza dough", kind="refusal", url=None)
    store.record_answer(pizza, "widget")
    stake = given("How do I stake?")
    store.record_answer(stake, "chat")
    store.vote(stake.id, "down", "  it missed the fee  ")

    report = analytics_report(store)
    assert report.total == 5
    # most asked first; ties: most recently asked first, in its latest wording
    assert [(q.question, q.count) for q in report.top_questions] == [("How do I stake?", 2), ("what is tao used for", 2),
                                                                    ("best pizza dough", 1)]
    assert [(q.question, q.kind) for q in report.refusals] == [("best pizza dough", "refusal")]
    assert [(d.question, d.comment) for d in report.downvotes] == [("How do I stake?", "it missed the fee")]
    [day] = report.per_day
    assert (day.answers, day.refusals, day.up, day.down) == (5, 1, 0, 1)


def test_old_answers_fall_out_of_the_report_window(store):
    old = given("an old question")
    store.record_answer(old, "api")
    with store._engine.begin() as db:
        db.execute(sa.update(answers).values(asked_at=answers.c.asked_at - timedelta(days=40)))
    store.record_answer(given("a new question"), "api")
    assert [q.question for q in analytics_report(store, days=30).top_questions] == ["a new question"]


def test_days_and_vote_times_are_counted_in_utc_whatever_the_database_time_zone(store):
    """PostgreSQL hands times back in its session's time zone (the test server runs at UTC+14)."""
    late = given("asked late in the UTC day")
    store.record_answer(late, "api")
    store.vote(late.id, "down", "late")
    when = datetime(2026, 11, 30, 23, 30, tzinfo=timezone.utc)
    with store._engine.begin() as db:
        db.execute(sa.update(answers).values(asked_at=when))
        db.execute(sa.update(votes).values(voted_at=when))
    report = analytics_report(store, days=3650)
    assert [d.day for d in report.per_day] == ["2026-11-30"]
    assert report.downvotes[0].voted_at == when and report.downvotes[0].voted_at.utcoffset() == timedelta(0)
