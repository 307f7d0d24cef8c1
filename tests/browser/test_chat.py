"""End to end in a real browser: the site renders, and the chat answers with a working citation link."""

import pytest

pytestmark = pytest.mark.browser


def test_chat_answers_a_question_with_a_citation_link(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server}/chat/")
    box = page.get_by_role("textbox")
    box.fill("How long is the staking cooldown on Vortan?")
    box.press("Enter")
    page.get_by_text("42 blocks", exact=False).first.wait_for(timeout=30000)
    link = page.locator("a[href='/learn/staking/#the-staking-cooldown']").first
    link.wait_for(timeout=10000)
    page.close()


def test_site_page_shows_a_glossary_tooltip(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server}/learn/staking/")
    abbr = page.locator("abbr", has_text="Quarnite").first
    assert "native token" in (abbr.get_attribute("title") or "")
    page.close()
