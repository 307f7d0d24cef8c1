"""What the feedback store says about the pages: the questions people ask most, the ones the bot
had to refuse (coverage gaps), the answers voted down, and the traffic per day.

Pure reads into typed records; the shells (`taoguide analytics`, /admin/analytics) only render them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from pydantic import BaseModel, Field

from bot.feedback.store import FeedbackStore, answers, now, utc, votes


class QuestionCount(BaseModel):
    question: str = Field(description="The latest wording of the question.")
    count: int
    kind: str = Field(description="How it was last answered: answer, live or refusal.")
    top_url: str | None = None


class Downvote(BaseModel):
    voted_at: datetime
    question: str
    answer: str
    comment: str | None
    top_url: str | None


class Day(BaseModel):
    day: str
    answers: int
    refusals: int
    up: int
    down: int


class Report(BaseModel):
    since: datetime
    days: int
    total: int
    top_questions: list[QuestionCount]
    refusals: list[QuestionCount]
    downvotes: list[Downvote]
    per_day: list[Day]


def report(store: FeedbackStore, days: int = 30, limit: int = 20) -> Report:
    since = now() - timedelta(days=days)
    recent = answers.c.asked_at >= since
    with store.connect() as db:
        total = db.execute(sa.select(sa.func.count()).select_from(answers).where(recent)).scalar_one()
        return Report(
            since=since, days=days, total=total,
            top_questions=_grouped(db, recent, limit),
            refusals=_grouped(db, sa.and_(recent, answers.c.kind == "refusal"), limit),
            downvotes=_downvotes(db, since, limit),
            per_day=_per_day(db, recent),
        )


def _grouped(db: sa.Connection, where: sa.ColumnElement[bool], limit: int) -> list[QuestionCount]:
    groups = (sa.select(answers.c.question_key, sa.func.count().label("n"), sa.func.max(answers.c.asked_at).label("last"))
              .where(where).group_by(answers.c.question_key)
              .order_by(sa.desc("n"), sa.desc("last")).limit(limit).subquery())
    rows = db.execute(
        sa.select(groups.c.n, answers.c.question, answers.c.kind, answers.c.top_url)
        .join(groups, sa.and_(answers.c.question_key == groups.c.question_key, answers.c.asked_at == groups.c.last))
        .order_by(sa.desc(groups.c.n), sa.desc(groups.c.last))
    ).all()
    seen: set[str] = set()
    out = []
    for n, question, kind, top_url in rows:  # two answers in the same instant: keep one
        if question not in seen:
            seen.add(question)
            out.append(QuestionCount(question=question, count=n, kind=kind, top_url=top_url))
    return out


def _downvotes(db: sa.Connection, since: datetime, limit: int) -> list[Downvote]:
    rows = db.execute(
        sa.select(votes.c.voted_at, answers.c.question, answers.c.text, votes.c.comment, answers.c.top_url)
        .join(answers, answers.c.id == votes.c.answer_id)
        .where(votes.c.vote == "down", votes.c.voted_at >= since)
        .order_by(sa.desc(votes.c.voted_at)).limit(limit)
    ).all()
    return [Downvote(voted_at=utc(r[0]), question=r[1], answer=r[2], comment=r[3], top_url=r[4]) for r in rows]


def _per_day(db: sa.Connection, recent: sa.ColumnElement[bool]) -> list[Day]:
    """Counted in Python, per UTC day: date functions differ between SQLite and PostgreSQL, and a day's rows are few."""
    days: dict[str, Day] = {}

    def day(value: datetime) -> Day:
        key = utc(value).date().isoformat()
        return days.setdefault(key, Day(day=key, answers=0, refusals=0, up=0, down=0))

    for asked_at, kind, vote in db.execute(
        sa.select(answers.c.asked_at, answers.c.kind, votes.c.vote)
        .select_from(answers.outerjoin(votes, votes.c.answer_id == answers.c.id)).where(recent)
    ):
        d = day(asked_at)
        d.answers += 1
        d.refusals += kind == "refusal"
        d.up += vote == "up"
        d.down += vote == "down"
    return sorted(days.values(), key=lambda d: d.day, reverse=True)
