"""The README documents every setting, CLI command and API route the code has."""

import re
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


def test_the_first_screen_says_what_needs_internet_and_what_chain_numbers_show_without_it():
    first = README.split("## Layout", 1)[0]
    assert "## What you will see" in first and "## A five-minute tour" in first
    offline = first.split("## What needs internet, and what does not", 1)[1].split("\n## ", 1)[0]
    assert "package index" in offline and "block 7,801,029 of 2026-03-22" in offline
    assert "Everything runs offline" not in README  # the first install does not


def test_the_evaluation_tables_live_in_the_quality_page_the_readme_links_to():
    quality = (Path(__file__).resolve().parents[1] / "docs-dev" / "quality.md").read_text(encoding="utf-8")
    assert "](docs-dev/quality.md)" in README
    hybrid = re.search(r"\| \*\*hybrid\*\* \(default\) \| \*\*([\d.]+)\*\* \| \*\*([\d.]+)\*\* \|", quality)
    assert hybrid, "docs-dev/quality.md holds the ranking table"
    summary = README.split("## Quality and speed in short", 1)[1].split("\n## ", 1)[0]
    assert hybrid.group(1) in summary and hybrid.group(2) in summary  # the summary quotes the table's hit@1, hit@5
    assert "| BM25 only |" not in README and "Tried on this set and kept out" in quality
