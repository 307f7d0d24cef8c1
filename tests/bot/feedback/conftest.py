"""The feedback store under test: a fresh empty database per test, SQLite and PostgreSQL
(``database_url``, tests/conftest.py), and answers to record in it."""

import pytest

from bot.answer import Answer, Citation, Trace
from bot.feedback import FeedbackStore


def given(question, kind="answer", url="/learn/tao/#uses"):
    """An Answer as the engine would give it (one citation unless ``url`` is None)."""
    citations = [Citation(title="TAO", section="Uses", url=url, score=0.7)] if url else []
    return Answer(kind=kind, text=f"About {question}", citations=citations,
                  trace=Trace(question=question, timings_ms={"total": 4.2}))


@pytest.fixture
def store(database_url):
    s = FeedbackStore(database_url)
    yield s
    s.close()
