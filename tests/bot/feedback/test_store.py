"""The feedback store: answers are remembered, votes change, old rows are pruned, a broken store
never costs an answer, and a seed phrase is never stored."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot.errors import NotFound
from bot.feedback import FeedbackStore, open_store, question_key, report as analytics_report
from bot.feedback.store import answers
from tests.bot.feedback.conftest import given

SEED = "abandon ability able about above absent absorb abstract absurd abuse access accident"


def test_the_sqlite_store_is_created_in_wal_mode(tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'sub' / 'feedback.sqlite'}")
    assert (tmp_path / "sub" / "feedback.sqlite").is_file()
    with store.connect() as db:
        assert db.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_questions_group_regardless_of_case_spacing_and_end_punctuation():
    assert question_key("  What is  TAO used for?? ") == question_key("what is tao used for") == "what is tao used for"


def test_a_second_vote_replaces_the_first(store):
    a = given("What is a subnet?")
    store.record_answer(a, "api")
    store.vote(a.id, "down", "wrong page")
    store.vote(a.id, "up")
    report = analytics_report(store)
    assert report.downvotes == [] and (report.per_day[0].up, report.per_day[0].down) == (1, 0)


def test_a_vote_for_an_answer_never_given_says_so(store):
    with pytest.raises(NotFound, match="id"):
        store.vote("0" * 32, "up")


def test_answers_and_votes_older_than_the_keep_days_are_pruned(store):
    old, new = given("an old question"), given("a new question")
    store.record_answer(old, "api")
    store.vote(old.id, "down")
    with store._engine.begin() as db:
        db.execute(sa.update(answers).values(asked_at=answers.c.asked_at - timedelta(days=400)))
    store.record_answer(new, "api")
    assert store.prune(365) == 1
    report = analytics_report(store, days=3650)
    assert [q.question for q in report.top_questions] == ["a new question"] and report.downvotes == []


def test_a_broken_store_never_costs_an_answer(store, caplog):
    store._engine.dispose()
    with store._engine.begin() as db:
        db.execute(sa.text("DROP TABLE votes"))
        db.execute(sa.text("DROP TABLE answers"))
    store.record_answer(given("still answered?"), "api")  # logs, does not raise
    assert "could not record answer" in caplog.text


def test_text_the_database_cannot_encode_is_stored_with_the_bad_characters_replaced(store, caplog):
    a = given("what is tao \ud800")  # a lone surrogate: no database can encode it
    store.record_answer(a, "api")
    store.vote(a.id, "down", "no \udfff")
    assert "could not record answer" not in caplog.text
    report = analytics_report(store)
    assert report.top_questions[0].question == "what is tao \ufffd" and report.downvotes[0].comment == "no \ufffd"


def test_analytics_off_means_no_store(fixture_site):
    assert open_store(fixture_site.model_copy(update={"analytics": False})) is None


def test_an_unopenable_store_is_reported_not_raised(fixture_site, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings = fixture_site.model_copy(update={"feedback_url": f"sqlite:///{blocker / 'x' / 'f.sqlite'}"})
    assert open_store(settings) is None
    assert "cannot be opened" in caplog.text and "TAOGUIDE_FEEDBACK_URL" in caplog.text


def test_a_seed_phrase_typed_into_a_question_or_comment_is_never_stored(store):
    a = given(f"is this right? {SEED}")
    store.record_answer(a, "chat")
    store.vote(a.id, "down", f"you did not check {SEED}")
    with store.connect() as db:
        stored = " ".join(str(v) for row in db.execute(sa.text("SELECT * FROM answers")) for v in row)
        stored += " ".join(str(v) for row in db.execute(sa.text("SELECT * FROM votes")) for v in row)
    assert "absorb" not in stored and "[seed phrase removed]" in stored


def test_a_nul_character_in_a_question_or_comment_is_dropped_not_refused(store):
    """PostgreSQL text cannot hold NUL; a vote carrying one must not fail."""
    a = given("what is\x00 tao")
    store.record_answer(a, "api")
    store.vote(a.id, "down", "bad\x00 answer")
    with store.connect() as db:
        assert db.execute(sa.select(answers.c.question)).scalar_one() == "what is tao"
    assert [d.comment for d in analytics_report(store).downvotes] == ["bad answer"]


def test_a_long_source_url_is_stored_whole(store):
    a = given("a deep page", url="/learn/" + "x" * 400 + "/#anchor")
    store.record_answer(a, "api")
    assert analytics_report(store).top_questions[0].top_url == a.citations[0].url
