"""The README documents every setting, CLI command and API route the code has."""

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert f"`TAOGUIDE_{name.upper()}`" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_cli_command_is_documented(command):
    assert f"taoguide {command}" in README


@pytest.mark.parametrize("route", ["/api/ask", "/api/health", "/api/docs", "/api/faq", "/api/feedback", "/widget.js",
                                   "/embed/", "/admin/analytics"])
def test_every_api_route_is_documented(route):
    assert route in README
