"""Finding one's way in a real browser: the site's top navigation reaches the chat and the chat's header
reaches back; the main pages are in view at 1280×800; the Ask button never covers the page or its table
of contents; the glossary's A–Z bar jumps; the FAQ's filter narrows the questions; on a 390 px phone no
inline command breaks inside a flag and no fixed element covers text.

Screenshots of the home page, the chat and the glossary at 1280 px and 390 px go to build/test-artifacts/.
"""

import pytest

from tests.browser.conftest import api, open_page

pytestmark = pytest.mark.browser

MAIN_PAGES = ["Glossary", "FAQ", "Subnet screener", "Portfolio", "Validators", "Ask"]
LAUNCHER = "taoguide-widget[data-mode=button]"


def page_id(path):
    return path.strip("/").replace("/", "-") or "home"


def rect(page, selector):
    return page.locator(selector).first.bounding_box()


def overlaps(a, b):
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("path", ["", "learn/staking/", "glossary/"], ids=page_id)
def test_the_main_pages_are_in_view_at_1280_by_800(browser, real_server, path):
    page = open_page(browser, f"{real_server.url}/{path}", ".md-tabs", height=800)
    tabs = page.locator(".md-tabs")
    for name in MAIN_PAGES:
        link = tabs.get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert link.is_visible() and box and 0 <= box["y"] and box["y"] + box["height"] <= 800, name
    page.close()


def test_the_top_navigation_reaches_the_chat_and_the_chat_header_reaches_back(browser, real_server, shot):
    page = open_page(browser, f"{real_server.url}/", ".md-tabs", height=800)
    shot(page, "home-1280")
    page.locator(".md-tabs").get_by_role("link", name="Ask", exact=True).click()
    page.wait_for_url(f"{real_server.url}/chat/")
    header = page.locator(".tg-chat-header")
    header.wait_for(timeout=30000)
    assert header.get_by_role("link", name="TAO Guide").is_visible()
    expected = {"Learn site": "/", "Subnet screener": "/subnets/", "Portfolio": "/portfolio/", "Validators": "/validators/",
                "Glossary": "/glossary/", "FAQ": "/faq/"}
    for name, path in expected.items():
        assert header.get_by_role("link", name=name).evaluate("a => a.href") == real_server.url + path, name
    shot(page, "chat-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert header.get_by_role("link", name="Validators").is_visible(), "the header wraps on a phone, links still shown"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(page, "chat-390")
    page.set_viewport_size({"width": 1280, "height": 800})
    header.get_by_role("link", name="Validators").click()
    page.wait_for_url(f"{real_server.url}/validators/")
    page.locator(".md-tabs").wait_for()
    page.close()


def test_the_home_page_has_a_button_to_the_chat(browser, real_server, shot):
    page = open_page(browser, f"{real_server.url}/", "article", width=390, height=844)
    button = page.locator("article").get_by_role("link", name="Ask the assistant")
    assert button.evaluate("a => a.href") == f"{real_server.url}/chat/"
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= 844, "in view on a phone"
    assert page.locator("article a", has_text="/chat").evaluate("a => a.href") == f"{real_server.url}/chat/"
    shot(page, "home-390")
    page.close()


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
@pytest.mark.parametrize("path", ["glossary/", "faq/"], ids=page_id)
def test_the_ask_button_sits_in_the_header_and_covers_neither_text_nor_the_contents(browser, real_server, path, width, height):
    page = open_page(browser, f"{real_server.url}/{path}", LAUNCHER, width=width, height=height)
    button = page.locator(f"{LAUNCHER} >> .launcher")
    button.wait_for()
    header = rect(page, ".md-header__inner")
    for scroll in (0, 5000, 10 ** 6):  # top, middle and the very end, where the contents' last entries show
        page.evaluate(f"window.scrollTo(0, {scroll})")
        page.wait_for_timeout(150)
        box = button.bounding_box()
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], "inside the header bar"
        # text that has scrolled under the header is hidden by the header itself; what shows below it must stay clear
        covered = page.evaluate("""(b) => { const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return [...document.querySelectorAll('article p, article li, article h2, article h3, .md-nav--secondary a')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height && r.bottom > top && r.top < innerHeight)
            .filter(r => r.left < b.x + b.width && b.x < r.right && Math.max(r.top, top) < b.y + b.height && b.y < r.bottom).length }""", box)
        assert covered == 0
    button.click()
    assert page.get_by_role("dialog", name="Ask about Bittensor").is_visible(), "it still opens the panel"
    page.close()


def test_the_glossary_a_to_z_bar_jumps_to_the_first_term_of_a_letter(browser, real_server, shot):
    from kb.glossary import letter_index, parse_glossary

    terms = parse_glossary((real_server_root() / "content" / "glossary.md").read_text(encoding="utf-8"))
    expected = dict(letter_index(terms))
    page = open_page(browser, f"{real_server.url}/glossary/", ".tg-az", height=800)
    bar = page.get_by_role("navigation", name="Glossary A to Z")
    assert [a.inner_text() for a in bar.get_by_role("link").all()] == [k for k, v in expected.items() if v]
    shot(page, "glossary-1280")
    bar.get_by_role("link", name="S", exact=True).click()
    page.wait_for_url(f"**/glossary/#{expected['S']}")
    page.wait_for_timeout(300)
    heading = page.locator(f"h2#{expected['S']}").bounding_box()
    below = bar.bounding_box()
    assert heading["y"] >= below["y"] + below["height"] - 1, "the heading is not hidden under the bar"
    assert heading["y"] < 800 / 2
    assert bar.is_visible(), "the bar stays at hand"
    page.close()


def real_server_root():  # the repository: the test reads the same glossary the site is built from
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_the_faq_filter_narrows_the_questions_and_clearing_it_shows_all(browser, real_server, shot):
    page = open_page(browser, f"{real_server.url}/faq/", "[data-taoguide=faq-filter] taoguide-widget", height=800)
    visible = "() => [...document.querySelectorAll('article h3')].filter(h => h.offsetParent !== null).length"
    everything = page.evaluate(visible)
    assert everything >= 60
    box = page.get_by_label("Search the FAQ")
    box.fill("unstake")
    page.wait_for_function(f"() => [...document.querySelectorAll('article h3')].filter(h => h.offsetParent !== null).length < {everything}")
    shown = {h.get_attribute("id") for h in page.locator("article h3").all() if h.is_visible()}
    same_filter = {e["url"].split("#")[1].split(":~:")[0] for e in api(real_server.url, "/api/faq?limit=20&q=unstake")["entries"]}
    assert shown == same_filter and 1 <= len(shown) <= 20, "the page shows exactly what the widget's FAQ search finds"
    assert any("unstake" in page.locator(f"h3#{a}").inner_text().lower() for a in shown)
    assert "match “unstake”" in page.locator("[data-taoguide=faq-filter] taoguide-widget [role=status]").inner_text()
    shot(page, "filtered")
    box.fill("")
    page.wait_for_function(f"() => [...document.querySelectorAll('article h3')].filter(h => h.offsetParent !== null).length == {everything}")
    page.close()


COMMAND_PAGES = ["learn/btcli/", "learn/staking/", "guides/validators/", "learn/wallets-and-keys/"]


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=page_id)
def test_on_a_390px_phone_no_inline_command_breaks_inside_a_flag(browser, real_server, path):
    page = open_page(browser, f"{real_server.url}/{path}", "article", width=390, height=844)
    broken = page.evaluate("""() => {
        const out = []; let flags = 0;
        for (const code of document.querySelectorAll('article code')) {
            if (code.closest('pre')) continue;
            const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
                for (const m of node.data.matchAll(/\\S*-\\S*/g)) {
                    const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                    flags++;
                    if (r.getClientRects().length > 1) out.push(m[0]);
                }
            }
        }
        return {flags, broken: out};
    }""")
    assert broken["flags"] > 0 and broken["broken"] == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    page.close()


@pytest.mark.parametrize("path", ["glossary/", "faq/", "learn/btcli/"], ids=page_id)
def test_on_a_390px_phone_no_fixed_element_covers_text(browser, real_server, path, shot):
    page = open_page(browser, f"{real_server.url}/{path}", LAUNCHER, width=390, height=844)
    for scroll in (0, 3000):
        page.evaluate(f"window.scrollTo(0, {scroll})")
        page.wait_for_timeout(200)
        covering = page.evaluate("""() => {
            const header = document.querySelector('.md-header');
            const fixed = [...document.querySelectorAll('body *')].filter(e => getComputedStyle(e).position === 'fixed'
                && !header.contains(e) && e.getBoundingClientRect().width && getComputedStyle(e).visibility !== 'hidden'
                && getComputedStyle(e).opacity !== '0');  // the theme's idle dialogs and back-to-top button are transparent
            const text = [...document.querySelectorAll('article p, article li, article td, article h2, article h3')]
                .map(e => e.getBoundingClientRect()).filter(r => r.height && r.bottom > 0 && r.top < innerHeight);
            return fixed.filter(f => { const b = f.getBoundingClientRect();
                return text.some(r => r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom); })
              .map(f => f.tagName + '.' + f.className);
        }""")
        assert covering == [], covering
    if path == "glossary/":
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "glossary-390")
    page.close()


def test_code_blocks_have_a_copy_button_on_a_phone(browser, real_server):
    page = open_page(browser, f"{real_server.url}/learn/btcli/", "article pre", width=390, height=844)
    blocks = page.locator("article pre")
    assert blocks.count() >= 1
    page.wait_for_function("() => [...document.querySelectorAll('article pre')].every(p => p.querySelector('.md-code__nav button[data-md-type=copy]'))")
    button = blocks.first.locator(".md-code__nav button[data-md-type=copy]")
    assert button.get_attribute("title") and button.bounding_box()["x"] + button.bounding_box()["width"] <= 390
    page.close()
