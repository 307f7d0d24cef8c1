"""`taoguide` in-process against the fixture site, with the engine loaded once."""

import pytest
from click.testing import CliRunner

from bot.cli import main


@pytest.fixture
def run(fixture_site, fixture_engine, monkeypatch):
    """Invoke `taoguide` in-process against the fixture site (engine loaded once)."""
    for name in ("root", "content_dir", "mkdocs_config", "site_dir", "index_dir"):
        monkeypatch.setenv(f"TAOGUIDE_{name.upper()}", str(getattr(fixture_site, name)))
    monkeypatch.setattr("bot.cli.options.load_engine", lambda: fixture_engine)
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, list(args), input=input)
