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


def test_the_effective_settings_never_show_a_database_password(monkeypatch):
    monkeypatch.setenv("TAOGUIDE_DATABASE_URL", "postgresql+psycopg://taoguide:s3cr%40t@db.internal:5432/taoguide")
    monkeypatch.setenv("TAOGUIDE_PUBLIC_URL", "https://example.org/guide/")
    shown = Settings().effective()
    assert shown["database_url"] == "postgresql+psycopg://taoguide:***@db.internal:5432/taoguide"
    assert shown["public_url"] == "https://example.org/guide/" and "s3cr" not in str(shown)
    assert Settings().database_url.endswith("s3cr%40t@db.internal:5432/taoguide")  # the server still uses it
