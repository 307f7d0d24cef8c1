"""The embeddable widget in a real browser: on our site, embedded by another origin with the README's
one tag (open by default, refused under an allow-list), under a sub-path, in FAQ mode, with feedback,
hostile input, a failing API, a long answer and a phone screen.

Every state is saved as a screenshot in build/test-artifacts/.
"""

import re
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import assert_opens_with_staking_and_repeats_nothing

pytestmark = pytest.mark.browser

TAG = '<script src="{api}/widget.js" data-api="{api}" {extra} defer></script>'
README = Path(__file__).resolve().parents[2] / "README.md"
HOSTILE_CSS = "<style>* { font-family: serif !important; } button { background: red !important; } div { color: red; }</style>"
QUESTION = "what is TAO used for?"


def host_page(third_party, name, api, extra="", body="<h1>Someone else's page</h1>", tag=None):
    """Write a page on the other origin that embeds the widget with one tag; returns its URL."""
    folder, origin = third_party
    tag = tag or TAG.format(api=api, extra=extra)
    (folder / name).write_text(f"<!doctype html><html lang=en><head><meta charset=utf-8>"
                               f"<meta name=viewport content='width=device-width,initial-scale=1'>{HOSTILE_CSS}</head>"
                               f"<body>{body}{tag}</body></html>", encoding="utf-8")
    return f"{origin}/{name}"


def readme_tag(server):
    """The embed snippet exactly as the README's widget section prints it, with HOST pointing at ``server``."""
    section = README.read_text(encoding="utf-8").split("## The widget", 1)[1]
    [snippet] = re.findall(r"```html\n(<script.*?)\n```", section.split("\n## ", 1)[0], re.S)
    assert "https://HOST" in snippet
    return snippet.replace("https://HOST", server)


def widget(page):
    return page.locator("taoguide-widget").first


def open_and_ask(page, question):
    page.get_by_role("button", name="Ask about Bittensor").click()
    box = page.get_by_label("Your question about Bittensor")
    box.fill(question)
    box.press("Enter")
    return page.locator("taoguide-widget .msg.bot").last


def answered(page, timeout=15000):
    page.locator("taoguide-widget .rate").last.wait_for(timeout=timeout)
    return page.locator("taoguide-widget .msg.bot").last


def assert_anchor_exists(url):
    """The citation's target section exists in the page it links to."""
    page_url, _, anchor = url.partition("#")
    anchor = anchor.split(":~:")[0]  # a text fragment only scrolls to the quoted sentence
    with urllib.request.urlopen(page_url, timeout=10) as response:
        html = response.read().decode()
    assert anchor and f'id="{anchor}"' in html, f"no section #{anchor} in {page_url}"


def test_a_page_of_our_site_has_the_widget_and_it_answers(browser, real_server, shot):
    page = browser.new_page()
    page.goto(f"{real_server.url}/learn/tao/")
    assert page.locator("taoguide-widget").count() == 1
    shot(page, "closed")
    answer = open_and_ask(page, QUESTION)
    answer = answered(page)
    assert "TAO" in answer.inner_text()
    shot(page, "answered")
    page.close()


def test_the_widget_survives_instant_navigation(browser, real_server, shot):
    page = browser.new_page()
    page.goto(f"{real_server.url}/learn/tao/")
    page.locator("nav a[href$='glossary/']").first.click()
    page.wait_for_url("**/glossary/")
    assert page.evaluate("() => typeof window.document$") == "object", "instant navigation is on"
    assert page.locator("taoguide-widget").count() == 1
    open_and_ask(page, "what is a hotkey?")
    assert "hotkey" in answered(page).inner_text().lower()
    shot(page, "after-navigation")
    page.close()


def test_another_origin_embeds_it_with_one_tag_and_gets_cited_answers(browser, real_server, third_party, shot):
    page = browser.new_page()
    page.goto(host_page(third_party, "embed.html", real_server.url))
    launcher = page.get_by_role("button", name="Ask about Bittensor")
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") != "rgb(255, 0, 0)", "host CSS leaked in"
    answer = open_and_ask(page, QUESTION)
    answer = answered(page)
    assert "TAO" in answer.inner_text()
    links = [a.get_attribute("href") for a in answer.locator("a").all()]
    assert links and all(href.startswith(real_server.url + "/") for href in links)
    assert_anchor_exists(links[0])
    shot(page, "answered")
    page.close()


def test_faq_mode_filters_as_you_type_and_expands(browser, real_server, third_party, shot):
    page = browser.new_page()
    page.goto(host_page(third_party, "faq.html", real_server.url, 'data-mode="faq"'))
    entries = page.locator("taoguide-widget details")
    entries.first.wait_for()
    everything = entries.count()
    assert everything >= 60
    page.get_by_label("Search the FAQ").fill("unstake")
    page.wait_for_function(f"n => document.querySelector('taoguide-widget').shadowRoot.querySelectorAll('details').length < {everything}")
    assert 1 <= entries.count() <= 20
    assert "unstake" in entries.first.inner_text().lower()
    shot(page, "filtered")
    entries.first.locator("summary").click()
    answer = entries.first.locator(".answer")
    assert answer.is_visible() and len(answer.inner_text()) > 40
    link = entries.first.locator("a")
    assert link.get_attribute("href").startswith(real_server.url + "/faq/#")
    assert_anchor_exists(link.get_attribute("href"))
    shot(page, "expanded")
    page.close()


def test_thumbs_down_with_a_comment_is_stored(browser, real_server, third_party, shot):
    from bot.feedback import report

    page = browser.new_page()
    page.goto(host_page(third_party, "vote.html", real_server.url))
    open_and_ask(page, "how do i unstake my tao?")
    answered(page)
    answer = page.locator("taoguide-widget .msg.bot").nth(1)  # the first answer (0 is the greeting)
    followup = answer.locator(".chips button").first  # suggested follow-ups are buttons that ask
    asked = followup.inner_text()
    followup.click()
    page.locator("taoguide-widget .rate").nth(1).wait_for()
    assert page.locator("taoguide-widget .msg.user").last.inner_text() == asked
    answer.get_by_role("button", name="Not helpful").click()
    page.get_by_text("Thanks for the feedback.").wait_for()
    page.get_by_label("What was wrong or missing? (optional)").fill("I wanted the fee too")
    page.get_by_role("button", name="Send").click()
    page.wait_for_function("() => !document.querySelector('taoguide-widget').shadowRoot.querySelector('form.comment')")
    shot(page, "voted")
    [down] = [d for d in report(real_server.store).downvotes if d.comment == "I wanted the fee too"]
    assert down.question == "how do i unstake my tao?"
    page.close()


def test_html_and_script_in_a_question_are_shown_as_text_and_run_nothing(browser, real_server, third_party, shot):
    hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> what is TAO?'
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host_page(third_party, "xss.html", real_server.url))
    open_and_ask(page, hostile)
    answered(page)
    assert page.locator("taoguide-widget .msg.user").last.inner_text() == hostile
    injected = page.evaluate("""() => {
        const root = document.querySelector('taoguide-widget').shadowRoot;
        return root.querySelectorAll('img, script, iframe').length + document.querySelectorAll('img').length;
    }""")
    page.wait_for_timeout(300)
    assert injected == 0 and dialogs == []
    shot(page, "hostile-question")
    page.close()


def test_the_panel_fits_a_360px_phone_and_works_by_keyboard(browser, real_server, third_party, shot):
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.goto(host_page(third_party, "phone.html", real_server.url))
    launcher = page.get_by_role("button", name="Ask about Bittensor")
    launcher.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog", name="Ask about Bittensor")
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] >= 0 and box["y"] + box["height"] <= 640
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
    assert page.evaluate("() => document.querySelector('taoguide-widget').shadowRoot.activeElement.getAttribute('aria-label')") == (
        "Your question about Bittensor")
    for _ in range(12):  # focus stays inside the open panel
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.querySelector('taoguide-widget').shadowRoot.activeElement?.closest('.panel')")
    page.keyboard.type(QUESTION)
    page.get_by_label("Your question about Bittensor").press("Enter")
    answered(page)
    shot(page, "answered")
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("() => document.querySelector('taoguide-widget').shadowRoot.activeElement.className").startswith("launcher")
    page.close()


def test_a_failing_api_shows_a_clear_message_and_retry_works(browser, real_server, third_party, shot):
    page = browser.new_page()
    calls = []

    def flaky(route):
        calls.append(route.request.url)
        route.abort() if len(calls) == 1 else route.continue_()

    page.route(re.compile(r".*/api/ask$"), flaky)
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host_page(third_party, "flaky.html", real_server.url))
    open_and_ask(page, QUESTION)
    alert = page.locator("taoguide-widget [role=alert]")
    alert.wait_for()
    assert "Could not reach TAO Guide" in alert.inner_text()
    # the server is up and allows this site: a lost request is not blamed on the site's settings
    assert "not been allowed" not in alert.inner_text() and not any("TAOGUIDE_CORS_ORIGINS" in w for w in warnings)
    shot(page, "api-down")
    page.locator("taoguide-widget .retry").click()
    assert "TAO" in answered(page).inner_text()
    assert len(calls) == 2
    page.close()


def test_under_a_sub_path_the_iframe_page_answers_and_links_stay_under_it(browser, subpath_server, shot):
    page = browser.new_page()
    page.set_content(f'<iframe src="{subpath_server.url}/embed/" style="width:400px;height:600px;border:0"></iframe>')
    frame = page.frame_locator("iframe")
    box = frame.get_by_label("Your question about Bittensor")
    box.fill(QUESTION)
    box.press("Enter")
    frame.locator(".rate").wait_for(timeout=15000)
    href = frame.locator(".msg.bot a").first.get_attribute("href")
    assert href.startswith(subpath_server.url + "/")
    assert_anchor_exists(href)
    shot(page, "iframe")
    page.close()


def test_the_embed_guide_page_has_a_working_live_demo(browser, real_server, shot):
    page = browser.new_page()
    page.goto(f"{real_server.url}/guides/embed-widget/")
    demo = page.locator("article taoguide-widget details")
    demo.first.wait_for()
    page.locator("article").get_by_label("Search the FAQ").fill("seed phrase")
    page.wait_for_timeout(800)
    assert "seed" in demo.first.inner_text().lower()
    shot(page, "demo")
    page.close()


def test_a_slow_api_times_out_with_a_clear_message_and_retry_works(browser, real_server, third_party, shot):
    page = browser.new_page()
    held = []

    def slow_once(route):
        if not held:
            held.append(route)  # never answered: the widget must give up after data-timeout
        else:
            route.continue_()

    page.route(re.compile(r".*/api/ask$"), slow_once)
    page.goto(host_page(third_party, "slow.html", real_server.url, 'data-timeout="1"'))
    open_and_ask(page, QUESTION)
    alert = page.locator("taoguide-widget [role=alert]")
    alert.wait_for(timeout=5000)
    assert "took too long" in alert.inner_text()
    shot(page, "timed-out")
    page.locator("taoguide-widget .retry").click()
    assert "TAO" in answered(page).inner_text()


def test_theme_accent_title_and_position_options_apply(browser, real_server, third_party, shot):
    page = browser.new_page()
    page.goto(host_page(third_party, "options.html", real_server.url,
                        'data-theme="dark" data-accent="#7c3aed" data-title="Bittensor help" data-position="bottom-left" '
                        'data-starters="What is a subnet?|How do I stake?"'))
    launcher = page.get_by_role("button", name="Bittensor help")
    assert launcher.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(124, 58, 237)"
    assert launcher.bounding_box()["x"] < 100, "bottom-left"
    launcher.click()
    panel = page.get_by_role("dialog", name="Bittensor help")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(29, 32, 38)", "dark theme"
    starters = page.get_by_role("group", name="Starter questions").get_by_role("button")
    assert starters.all_inner_texts() == ["What is a subnet?", "How do I stake?"]
    shot(page, "dark-left")


def test_the_conversation_survives_a_page_load_until_a_new_chat(browser, real_server, third_party, shot):
    page = browser.new_page()
    url = host_page(third_party, "memory.html", real_server.url)
    page.goto(url)
    open_and_ask(page, QUESTION)
    answered(page)
    page.goto(url)  # a full page load on a site without instant navigation
    page.get_by_role("button", name="Ask about Bittensor").click()
    assert page.locator("taoguide-widget .msg.user").all_inner_texts() == [QUESTION]
    assert page.locator("taoguide-widget .msg.bot a").count() >= 1, "the restored answer keeps its links"
    shot(page, "restored")
    page.get_by_role("button", name="Start a new conversation").click()
    assert page.locator("taoguide-widget .msg.user").count() == 0
    page.goto(url)
    page.get_by_role("button", name="Ask about Bittensor").click()
    assert page.locator("taoguide-widget .msg.user").count() == 0


def test_under_a_sub_path_the_gradio_chat_answers_with_links_under_it(browser, subpath_server, shot):
    page = browser.new_page()
    page.goto(f"{subpath_server.url}/chat/")
    box = page.get_by_role("textbox")
    box.fill(QUESTION)
    box.press("Enter")
    link = page.locator(f"a[href^='{subpath_server.url}/faq/#']").first
    link.wait_for(timeout=30000)
    assert_anchor_exists(link.get_attribute("href"))
    learn_site = page.get_by_role("link", name="Learn site")
    assert learn_site.evaluate("a => a.href") == subpath_server.url + "/"
    shot(page, "chat")
    page.close()


def test_a_widget_follow_up_opens_with_how_to_stake_and_repeats_nothing(browser, real_server, third_party, shot):
    page = browser.new_page()
    page.goto(host_page(third_party, "follow-up.html", real_server.url))
    open_and_ask(page, "What is TAO used for?")
    first = answered(page).inner_text()
    box = page.get_by_label("Your question about Bittensor")
    box.fill("and how do I stake it?")
    box.press("Enter")
    page.wait_for_function("document.querySelector('taoguide-widget').shadowRoot"
                           ".querySelectorAll('.rate').length >= 2", timeout=15000)
    second = page.locator("taoguide-widget .msg.bot").last.inner_text()
    assert_opens_with_staking_and_repeats_nothing(first, second)
    shot(page, "follow-up")


def test_the_readme_tag_on_another_site_answers_with_the_default_settings(browser, open_server, third_party, shot):
    page = browser.new_page()
    page.goto(host_page(third_party, "readme.html", open_server.url, tag=readme_tag(open_server.url)))
    open_and_ask(page, QUESTION)
    page.get_by_text("Sources", exact=True).wait_for(timeout=15000)
    answer = page.locator("taoguide-widget .msg.bot").last
    assert "TAO" in answer.inner_text() and answer.locator("a").count() >= 1
    assert answer.locator(".rate").count() == 0, "votes from a site not listed would fail: no thumbs there"
    shot(page, "answered")
    page.set_viewport_size({"width": 390, "height": 844})
    panel = page.get_by_role("dialog", name="Ask about Bittensor").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
    shot(page, "answered-390")
    page.close()


def test_a_site_outside_the_allow_list_is_told_it_is_not_allowed_yet_and_how(browser, real_server, third_party, shot):
    folder, allowed = third_party
    page = browser.new_page()
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    url = host_page(third_party, "not-listed.html", real_server.url, tag=readme_tag(real_server.url))
    other = url.replace("//localhost:", "//127.0.0.1:")  # the same page on an origin the server does not list
    assert other != url
    page.goto(other)
    open_and_ask(page, QUESTION)
    alert = page.locator("taoguide-widget [role=alert]")
    alert.wait_for(timeout=15000)
    text = alert.inner_text()
    assert "has not been allowed to use TAO Guide yet" in text and "TAOGUIDE_CORS_ORIGINS" in text
    assert other.rsplit("/", 1)[0] in text, "names the origin to add"
    assert "Check your connection" not in text
    assert page.locator("taoguide-widget .retry").count() == 0, "retrying cannot help"
    assert any("TAOGUIDE_CORS_ORIGINS" in w for w in warnings), "the site's developer is told what to configure"
    shot(page, "not-allowed")
    page.close()


def test_a_long_answer_shows_its_first_line(browser, real_server, third_party, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 520})  # a short panel: the answer is taller than it
    page.goto(host_page(third_party, "long.html", real_server.url))
    open_and_ask(page, "How does staking work and what does it cost?")
    answer = answered(page)
    log = page.locator("taoguide-widget .log")
    box, view = answer.bounding_box(), log.bounding_box()
    assert box["height"] > view["height"], "the test needs an answer longer than the panel"
    assert view["y"] - 1 <= box["y"] < view["y"] + view["height"] / 3, "the answer's first line is near the top"
    question = page.locator("taoguide-widget .msg.user").last.bounding_box()
    assert question["y"] >= view["y"] - 1, "with the question just above it"
    shot(page, "long-answer")
    page.close()
