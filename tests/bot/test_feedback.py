"""The feedback store and its reports: answers are remembered, votes change, reports group and count."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot import analytics
from bot.errors import NotFound
from bot.feedback import FeedbackStore, answers, open_store, question_key
from bot.records import Answer, Citation, Trace


def given(question, kind="answer", url="/learn/tao/#uses"):
    citations = [Citation(title="TAO", section="Uses", url=url, score=0.7)] if url else []
    return Answer(kind=kind, text=f"About {question}", citations=citations,
                  trace=Trace(question=question, timings_ms={"total": 4.2}))


@pytest.fixture
def store(tmp_path):
    s = FeedbackStore(f"sqlite:///{tmp_path / 'sub' / 'feedback.sqlite'}")
    yield s
    s.close()


def test_the_sqlite_store_is_created_in_wal_mode(store, tmp_path):
    assert (tmp_path / "sub" / "feedback.sqlite").is_file()
    with store.connect() as db:
        assert db.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_questions_group_regardless_of_case_spacing_and_end_punctuation():
    assert question_key("  What is  TAO used for?? ") == question_key("what is tao used for") == "what is tao used for"


def test_report_counts_top_questions_refusals_downvotes_and_days(store):
    for q in ("What is TAO used for?", "what is tao used for", "How do I stake?"):
        store.record_answer(given(q), "api")
    pizza = given("best pizza dough", kind="refusal", url=None)
    store.record_answer(pizza, "widget")
    stake = given("How do I stake?")
    store.record_answer(stake, "chat")
    store.vote(stake.id, "down", "  it missed the fee  ")

    report = analytics.report(store)
    assert report.total == 5
    # most asked first; ties: most recently asked first, in its latest wording
    assert [(q.question, q.count) for q in report.top_questions] == [("How do I stake?", 2), ("what is tao used for", 2),
                                                                    ("best pizza dough", 1)]
    assert [(q.question, q.kind) for q in report.refusals] == [("best pizza dough", "refusal")]
    assert [(d.question, d.comment) for d in report.downvotes] == [("How do I stake?", "it missed the fee")]
    [day] = report.per_day
    assert (day.answers, day.refusals, day.up, day.down) == (5, 1, 0, 1)


def test_a_second_vote_replaces_the_first(store):
    a = given("What is a subnet?")
    store.record_answer(a, "api")
    store.vote(a.id, "down", "wrong page")
    store.vote(a.id, "up")
    report = analytics.report(store)
    assert report.downvotes == [] and (report.per_day[0].up, report.per_day[0].down) == (1, 0)


def test_a_vote_for_an_answer_never_given_says_so(store):
    with pytest.raises(NotFound, match="id"):
        store.vote("0" * 32, "up")


def test_old_answers_fall_out_of_the_report_window(store):
    old = given("an old question")
    store.record_answer(old, "api")
    with store._engine.begin() as db:
        db.execute(sa.update(answers).values(asked_at=answers.c.asked_at - timedelta(days=40)))
    store.record_answer(given("a new question"), "api")
    assert [q.question for q in analytics.report(store, days=30).top_questions] == ["a new question"]


def test_answers_and_votes_older_than_the_keep_days_are_pruned(store):
    old, new = given("an old question"), given("a new question")
    store.record_answer(old, "api")
    store.vote(old.id, "down")
    with store._engine.begin() as db:
        db.execute(sa.update(answers).values(asked_at=answers.c.asked_at - timedelta(days=400)))
    store.record_answer(new, "api")
    assert store.prune(365) == 1
    report = analytics.report(store, days=3650)
    assert [q.question for q in report.top_questions] == ["a new question"] and report.downvotes == []


def test_a_broken_store_never_costs_an_answer(store, caplog):
    store._engine.dispose()
    with store._engine.begin() as db:
        db.execute(sa.text("DROP TABLE votes"))
        db.execute(sa.text("DROP TABLE answers"))
    store.record_answer(given("still answered?"), "api")  # logs, does not raise
    assert "could not record answer" in caplog.text


def test_analytics_off_means_no_store(fixture_site):
    assert open_store(fixture_site.model_copy(update={"analytics": False})) is None


def test_an_unopenable_store_is_reported_not_raised(fixture_site, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings = fixture_site.model_copy(update={"feedback_url": f"sqlite:///{blocker / 'x' / 'f.sqlite'}"})
    assert open_store(settings) is None
    assert "cannot be opened" in caplog.text and "TAOGUIDE_FEEDBACK_URL" in caplog.text


def test_taoguide_analytics_prints_the_four_tables_and_json(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from bot.cli import main

    monkeypatch.setenv("TAOGUIDE_DATA_DIR", str(tmp_path))
    store = FeedbackStore(f"sqlite:///{tmp_path / 'feedback.sqlite'}")
    asked = given("[bold]What is a subnet?[/bold]")  # people's words are shown as typed, never as terminal markup
    store.record_answer(asked, "widget")
    store.record_answer(given("how to bake bread", kind="refusal", url=None), "api")
    store.vote(asked.id, "down", "too short")
    store.close()

    result = CliRunner().invoke(main, ["analytics", "--days", "7"])
    assert result.exit_code == 0, result.output
    for heading in ("Top questions", "Refused questions", "Thumbs down", "Per day"):
        assert heading in result.output
    assert "[bold]What is a subnet?[/bold]" in result.output and "too short" in result.output
    data = json.loads(CliRunner().invoke(main, ["analytics", "--json"]).output)
    assert data["total"] == 2 and data["refusals"][0]["question"] == "how to bake bread"


def test_taoguide_analytics_when_analytics_are_off_says_how_to_turn_them_on(monkeypatch):
    from click.testing import CliRunner

    from bot.cli import main

    monkeypatch.setenv("TAOGUIDE_ANALYTICS", "false")
    result = CliRunner().invoke(main, ["analytics"])
    assert result.exit_code == 1 and "TAOGUIDE_ANALYTICS=false" in result.output


SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident"


def test_a_seed_phrase_typed_into_a_question_or_comment_is_never_stored(store):
    a = given(f"is this right? {SEED}")
    store.record_answer(a, "chat")
    store.vote(a.id, "down", f"you did not check {SEED}")
    with store.connect() as db:
        stored = " ".join(str(v) for row in db.execute(sa.text("SELECT * FROM answers")) for v in row)
        stored += " ".join(str(v) for row in db.execute(sa.text("SELECT * FROM votes")) for v in row)
    assert "absorb" not in stored and "[seed phrase removed]" in stored
