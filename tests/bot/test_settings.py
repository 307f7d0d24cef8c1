"""Where the stores live: one TAOGUIDE_DATABASE_URL points every store at one database (replicas
share it); a store's own URL beats it; with neither, each store is an SQLite file in data_dir."""

import pytest

from bot.settings import Settings

PG = "postgresql+psycopg://taoguide@db.internal/taoguide"


@pytest.mark.parametrize(("env", "feedback", "history"), [
    pytest.param({}, "sqlite:///{data}/feedback.sqlite", "sqlite:///{data}/chain-history.sqlite", id="defaults"),
    pytest.param({"TAOGUIDE_DATABASE_URL": PG}, PG, PG, id="one-url-for-all"),
    pytest.param({"TAOGUIDE_DATABASE_URL": PG, "TAOGUIDE_FEEDBACK_URL": "sqlite:///f.sqlite"}, "sqlite:///f.sqlite", PG,
                 id="feedback-url-beats-it"),
    pytest.param({"TAOGUIDE_DATABASE_URL": PG, "TAOGUIDE_HISTORY_URL": "sqlite:///h.sqlite"}, PG, "sqlite:///h.sqlite",
                 id="history-url-beats-it"),
])
def test_store_urls(env, feedback, history, tmp_path, monkeypatch):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings(data_dir=tmp_path)
    assert (settings.feedback_db, settings.history_db) == (feedback.format(data=tmp_path), history.format(data=tmp_path))
