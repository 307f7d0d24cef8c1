"""End to end in a real browser: the site renders, and the chat answers (streamed) with a working
citation link; its dislike button stores feedback against the answer shown."""

import pytest

from tests.browser.conftest import assert_opens_with_staking_and_repeats_nothing

pytestmark = pytest.mark.browser


def ask_in_chat(page, server, question):
    """Open the chat and send ``question``; returns the message box (for a follow-up)."""
    page.goto(f"{server}/chat/")
    box = page.get_by_role("textbox")
    box.fill(question)
    box.press("Enter")
    return box


def test_chat_answers_a_question_with_a_citation_link(browser, live_server, shot):
    page = browser.new_page()
    ask_in_chat(page, live_server, "How long is the staking cooldown on Vortan?")
    page.get_by_text("42 blocks", exact=False).first.wait_for(timeout=30000)
    link = page.locator("a[href^='../learn/staking/#the-staking-cooldown']").first
    link.wait_for(timeout=10000)
    # the anchor, plus a text fragment that scrolls to the quoted sentence where the browser supports it
    assert link.evaluate("a => a.href").startswith(f"{live_server}/learn/staking/#the-staking-cooldown:~:text=")
    shot(page, "answered")
    page.close()


def test_a_chat_dislike_is_stored_against_the_answer(browser, live_server, chat_store, shot):
    from bot.feedback import report

    page = browser.new_page()
    ask_in_chat(page, live_server, "Who runs the Vortan lighthouse?")
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


def test_a_chat_follow_up_opens_with_the_new_topic_and_repeats_nothing(browser, real_server, shot):
    page = browser.new_page()
    box = ask_in_chat(page, real_server.url, "What is TAO used for?")
    bot = page.locator("[data-testid='bot']")
    bot.first.wait_for(timeout=30000)
    page.get_by_text("Sources", exact=True).first.wait_for(timeout=30000)
    first = bot.first.inner_text()
    box.fill("and how do I stake it?")
    box.press("Enter")
    page.wait_for_function("document.querySelectorAll(\"[data-testid='bot']\").length >= 2", timeout=30000)
    page.get_by_text("Sources", exact=True).nth(1).wait_for(timeout=30000)
    second = bot.nth(1).inner_text()
    assert_opens_with_staking_and_repeats_nothing(first, second)
    shot(page, "follow-up")
    page.close()


def test_what_a_user_types_is_shown_as_typed_never_as_markup(browser, live_server, shot):
    typed = "<img src=x onerror=alert(1)> **what** is [quarnite](http://evil.example) `x` www.evil.example"
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ask_in_chat(page, live_server, typed)
    mine = page.locator(".message.user, [data-testid='user']").last
    mine.wait_for(timeout=30000)
    page.locator(".message.bot, [data-testid='bot']").last.wait_for(timeout=30000)
    assert typed in " ".join(mine.inner_text().split())
    assert mine.locator("img, a, strong, code").count() == 0
    assert dialogs == []
    shot(page, "typed-as-text")
    page.close()


def test_the_chat_wears_the_site_look_and_offers_follow_ups_as_suggestions(browser, real_server, shot):
    from bot.web.chat_look import TEAL

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    fonts = []
    page.on("request", lambda r: r.resource_type == "font" and fonts.append(r.url))
    ask_in_chat(page, real_server.url, "how do i unstake my tao?")
    brand = page.locator(".tg-chat-header .tg-brand")
    assert brand.inner_text() == "TAO Guide"
    assert brand.evaluate("b => getComputedStyle(b).fontVariantCaps") == "normal"
    # the small-capital A ("TᴀO") came from Gradio's bundled Source Sans Pro: the site's system fonts instead
    assert brand.evaluate("b => getComputedStyle(b).fontFamily").startswith("-apple-system")
    header_colour = page.locator(".tg-chat-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header_colour == "rgb(0, 148, 133)" and TEAL == "#009485", "the site's teal, not Gradio's orange"
    send = page.locator("button.submit-button, [data-testid=submit-button]").first
    assert "249, 115, 22" not in send.evaluate("b => getComputedStyle(b).backgroundColor")
    chips = page.locator(".options .option")
    chips.first.wait_for(timeout=30000)
    bot = page.locator("[data-testid='bot']").last.bounding_box()
    user = page.locator("[data-testid='user']").last
    first = chips.first.bounding_box()
    assert abs(first["x"] - bot["x"]) < 40, "on the assistant's side, under its answer"
    bubble = user.evaluate("""u => { for (let e = u; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
        if (c !== 'rgba(0, 0, 0, 0)') return c; } }""")  # the user's message is a filled bubble ...
    assert chips.first.evaluate("c => getComputedStyle(c).backgroundColor") == "rgba(0, 0, 0, 0)" != bubble, "... a chip is not"
    assert float(chips.first.evaluate("c => parseFloat(getComputedStyle(c).borderTopLeftRadius)")) >= first["height"] / 2 - 1, "a chip"
    assert fonts == [], "no font file is loaded: the site's system fonts"
    shot(page, "chat-look")
    asked = chips.first.inner_text()
    chips.first.click()
    page.wait_for_function("n => document.querySelectorAll(\"[data-testid='user']\").length >= 2")
    assert page.locator("[data-testid='user']").last.inner_text().strip() == asked.strip()
    page.close()
