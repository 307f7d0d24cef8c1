"""The feedback store: every answer given (question, kind, where it came from) and the votes on them.

It is what turns use into work for the people who write the pages: refusals are coverage
gaps, thumbs-down answers are pages to fix. SQLAlchemy Core keeps it one file of SQLite (WAL
mode, so the server's threads read while one writes) by default and any database URL when
several replicas share it (the same tests run on both). Writing is best effort: a broken store
never costs a user an answer. Text is stored as PostgreSQL can hold it (no NUL characters, no
lone surrogates), and times are read back as UTC whatever the database's own time zone.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

import sqlalchemy as sa

from bot.database import create_tables, open_engine
from bot.errors import BotError, NotFound
from bot.answer import Answer, redact

log = logging.getLogger("taoguide.feedback")

Vote = Literal["up", "down"]
Channel = Literal["api", "widget", "chat", "cli"]
MAX_COMMENT = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")

metadata = sa.MetaData()

answers = sa.Table(
    "answers", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("question_key", sa.String(300), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("top_url", sa.Text, nullable=True),  # a URL under a long public_url is stored whole
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("latency_ms", sa.Float, nullable=True),
)

votes = sa.Table(
    "votes", metadata,
    sa.Column("answer_id", sa.String(32), sa.ForeignKey("answers.id"), primary_key=True),
    sa.Column("vote", sa.String(4), nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False, index=True),
)


class FeedbackOff(BotError):
    """Feedback was sent to a server that stores none (TAOGUIDE_ANALYTICS=false)."""

    status = 503
    code = "feedback_off"


def question_key(question: str) -> str:
    """How questions are grouped in the reports: case, spacing and end punctuation ignored."""
    return re.sub(r"\s+", " ", question).strip().strip("?!. ").lower()[:300]


def now() -> datetime:
    return datetime.now(timezone.utc)


def utc(when: datetime) -> datetime:
    """A time read back from the store, in UTC: SQLite gives naive UTC, PostgreSQL its session's zone."""
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def storable(text: str) -> str:
    """Text any database can hold: NUL characters dropped (PostgreSQL refuses them), lone
    surrogates (text that is not Unicode) replaced with U+FFFD."""
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


class FeedbackStore:
    """Answers and votes in one database. Safe to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = open_engine(url, foreign_keys=True)
        create_tables(metadata, self._engine)
        self._lock = threading.Lock()  # SQLite allows one writer; queue ours instead of retrying

    def close(self) -> None:
        self._engine.dispose()

    def record_answer(self, answer: Answer, channel: Channel) -> None:
        """Remember an answer given (never a seed phrase typed into it); logs and carries on if the store fails."""
        question = storable(redact(answer.trace.question))
        row = {
            "id": answer.id, "asked_at": now(), "channel": channel,
            "question": question, "question_key": question_key(question),
            "kind": answer.kind, "text": storable(redact(answer.text)),
            "top_url": answer.citations[0].url if answer.citations else None,
            "score": round(answer.score, 4), "latency_ms": answer.trace.timings_ms.get("total"),
        }
        try:
            with self._lock, self._engine.begin() as db:
                db.execute(answers.insert().values(**row))
        except (sa.exc.SQLAlchemyError, UnicodeError, ValueError):  # text the database cannot encode, too
            log.exception("could not record answer %s in the feedback store", answer.id)

    def vote(self, answer_id: str, vote: Vote, comment: str | None = None) -> None:
        """Store (or change) the vote on an answer this server gave."""
        comment = storable(redact((comment or "").strip()[:MAX_COMMENT])).strip() or None
        with self._lock, self._engine.begin() as db:
            if db.execute(sa.select(answers.c.id).where(answers.c.id == answer_id)).first() is None:
                raise NotFound(f"No answer with id {answer_id!r} was given by this server; send the id from the "
                               "answer you are rating (the \"id\" field of /api/ask).")
            values = {"vote": vote, "comment": comment, "voted_at": now()}
            updated = db.execute(votes.update().where(votes.c.answer_id == answer_id).values(**values))
            if updated.rowcount == 0:
                db.execute(votes.insert().values(answer_id=answer_id, **values))

    def prune(self, keep_days: int) -> int:
        """Forget answers (and their votes) older than ``keep_days``; returns how many answers went."""
        cutoff = now() - timedelta(days=keep_days)
        old = sa.select(answers.c.id).where(answers.c.asked_at < cutoff)
        with self._lock, self._engine.begin() as db:
            db.execute(votes.delete().where(votes.c.answer_id.in_(old)))
            return db.execute(answers.delete().where(answers.c.asked_at < cutoff)).rowcount

    def connect(self) -> sa.Connection:
        """A read connection, for the reports."""
        return self._engine.connect()


def open_store(settings: Any) -> FeedbackStore | None:
    """The store the settings name, or None when analytics are off or the store cannot be opened."""
    if not settings.analytics:
        return None
    try:
        store = FeedbackStore(settings.feedback_db)
        store.prune(settings.analytics_keep_days)
        return store
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        shown = sa.engine.make_url(settings.feedback_db).render_as_string(hide_password=True)
        log.error("feedback store %s cannot be opened (%s); answers are not recorded. Fix TAOGUIDE_FEEDBACK_URL "
                  "(or TAOGUIDE_DATABASE_URL) or TAOGUIDE_DATA_DIR, or set TAOGUIDE_ANALYTICS=false.", shown, exc)
        return None
