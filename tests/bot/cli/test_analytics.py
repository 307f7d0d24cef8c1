"""`taoguide analytics`: the four tables and JSON from the store the settings name; a clear message when off."""

from bot.feedback import FeedbackStore
from tests.bot.feedback.conftest import given


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
