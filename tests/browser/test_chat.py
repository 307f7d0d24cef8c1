"""End to end in a real browser: the site renders, and the chat answers (streamed) with a working
citation link; its dislike button stores feedback against the answer shown."""

import pytest

pytestmark = pytest.mark.browser


def test_chat_answers_a_question_with_a_citation_link(browser, live_server, shot):
    page = browser.new_page()
    page.goto(f"{live_server}/chat/")
    box = page.get_by_role("textbox")
    box.fill("How long is the staking cooldown on Vortan?")
    box.press("Enter")
    page.get_by_text("42 blocks", exact=False).first.wait_for(timeout=30000)
    link = page.locator("a[href='../learn/staking/#the-staking-cooldown']").first
    link.wait_for(timeout=10000)
    assert link.evaluate("a => a.href") == f"{live_server}/learn/staking/#the-staking-cooldown"
    shot(page, "answered")
    page.close()


def test_a_chat_dislike_is_stored_against_the_answer(browser, live_server, chat_store, shot):
    from bot.feedback import report

    page = browser.new_page()
    page.goto(f"{live_server}/chat/")
    box = page.get_by_role("textbox")
    box.fill("Who runs the Vortan lighthouse?")
    box.press("Enter")
    page.locator("a[href^='../faq/#who-runs']").first.wait_for(timeout=30000)
    page.get_by_role("button", name="Dislike").last.click()
    for _ in range(50):
        downs = [d.question for d in report(chat_store).downvotes]
        if downs:
            break
        page.wait_for_timeout(100)
    assert downs == ["Who runs the Vortan lighthouse?"]
    shot(page, "disliked")
    page.close()


def test_site_page_shows_a_glossary_tooltip(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server}/learn/staking/")
    abbr = page.locator("abbr", has_text="Quarnite").first
    assert "native token" in (abbr.get_attribute("title") or "")
    page.close()
