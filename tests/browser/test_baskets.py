"""The live baskets on the real baskets page, in a real browser: each basket's members with their
numbers and totals under the page's own list, a link to the screener filtered to the basket, and
the "stake across this basket" estimate with a typed amount (and a clear message for a bad one).
Also on the real site: a subnet's page quotes the baskets page's line for it, and the screener
follows the site's dark mode.

Every state is saved as a screenshot in build/test-artifacts/.
"""

import json
import re
import urllib.request

import pytest

from tests.browser.conftest import api, open_page

pytestmark = pytest.mark.browser
BASKETS = "/guides/subnet-baskets/"


def open_baskets(browser, url, width=1280):
    return open_page(browser, f"{url}{BASKETS}", ".tg-basket-live", width)


def listed_netuids(page, anchor):
    """The SN numbers the page's own list shows under a basket's heading."""
    return page.evaluate("""a => { let n = document.getElementById(a).nextElementSibling;
        while (n && n.tagName !== 'UL') n = n.nextElementSibling;
        return [...n.querySelectorAll(':scope > li > strong:first-child')].map(s => Number(/^SN(\\d+)/.exec(s.textContent)[1])); }""",
                         anchor)


def test_each_basket_shows_its_members_numbers_and_totals_under_its_list(browser, real_server, shot):
    body = api(real_server.url, "/api/baskets")
    page = open_baskets(browser, real_server.url)
    assert len(body["baskets"]) >= 8
    for basket in body["baskets"]:
        anchor = basket["url"].split("#")[1]
        block = page.locator(f'.tg-basket-live[data-basket="{basket["slug"]}"]')
        rows = [int(n) for n in block.locator("table.tg-members tbody tr").evaluate_all("rs => rs.map(r => r.dataset.netuid)")]
        assert rows == basket["netuids"] == listed_netuids(page, anchor)
        total = block.locator("table.tg-members tfoot").inner_text()
        assert f"Total, {len(rows)} subnets" in total and re.search(r"\d", total)
        assert block.get_by_role("link", name=f"Open the {basket['title']} in the screener").count() == 1
    assert page.locator(".tg-basket-live .tg-fresh").count() == 1  # the freshness line once, above the first basket
    assert page.errors == []
    page.locator(".tg-basket-live").first.scroll_into_view_if_needed()
    shot(page, "first-basket")


def test_the_screener_link_shows_only_the_baskets_subnets(browser, real_server, shot):
    body = api(real_server.url, "/api/baskets")
    compute = next(b for b in body["baskets"] if "compute" in b["slug"])
    page = open_baskets(browser, real_server.url)
    page.get_by_role("link", name=f"Open the {compute['title']} in the screener").click()
    page.locator("table.tg-table tbody tr").first.wait_for()
    assert f"basket={compute['slug']}" in page.url
    page.locator(".tg-basket-filter").wait_for()
    shown = [int(n) for n in page.locator("table.tg-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.netuid)")]
    assert sorted(shown) == sorted(compute["netuids"])
    assert page.locator("#tg-count").inner_text().startswith(f"{len(compute['netuids'])} of ")
    shot(page, "screener-filtered")


def test_staking_across_a_basket_estimates_each_pool_for_a_typed_amount(browser, real_server, shot):
    body = api(real_server.url, "/api/baskets")
    basket = body["baskets"][0]
    page = open_baskets(browser, real_server.url)
    block = page.locator(f'.tg-basket-live[data-basket="{basket["slug"]}"]')
    block.get_by_label("Stake across this basket").fill("100")
    block.get_by_label("how to split").select_option("cap")
    block.get_by_role("button", name="Estimate").click()
    table = block.locator("table.tg-splits")
    table.wait_for()
    rows = table.locator("tbody tr")
    assert [int(n) for n in rows.evaluate_all("rs => rs.map(r => r.dataset.netuid)")] == basket["netuids"]
    assert "estimate" in block.locator(".tg-split .tg-warn").inner_text().lower()
    tao = [float(t.replace(",", "")) for t in rows.evaluate_all("rs => rs.map(r => r.cells[1].textContent)")]
    assert sum(tao) == pytest.approx(100, rel=1e-3)
    fees = rows.evaluate_all("rs => rs.map(r => r.cells[3].textContent)")
    assert all(f.strip() for f in fees)
    expected = api(real_server.url, f"/api/baskets/{basket['slug']}/split?amount=100&by=cap")
    members = expected.get("members") or expected.get("split")
    assert tao == pytest.approx([m["tao"] for m in members], rel=1e-3)
    article = page.locator("article").bounding_box()
    right = table.bounding_box()
    assert right["x"] + right["width"] <= article["x"] + article["width"] + 1, "the estimate runs past the page's column"
    block.scroll_into_view_if_needed()
    shot(page, "estimate")


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "1e30"])
def test_a_bad_amount_gets_the_servers_message_with_the_accepted_range(browser, real_server, shot, amount):
    page = open_baskets(browser, real_server.url)
    block = page.locator(".tg-basket-live").first
    block.get_by_label("Stake across this basket").fill(amount)
    block.get_by_role("button", name="Estimate").click()
    error = block.locator(".tg-split .tg-error")
    error.wait_for()
    slug = block.get_attribute("data-basket")
    try:
        urllib.request.urlopen(f"{real_server.url}/api/baskets/{slug}/split?amount={amount}&by=equal", timeout=10)
        pytest.fail("the API accepted a bad amount")
    except urllib.error.HTTPError as exc:
        assert exc.code == 422
        message = json.loads(exc.read())["error"]["message"]
    assert error.inner_text() == message and block.locator("table.tg-splits").count() == 0
    if amount == "-5":
        shot(page, "bad-amount")


def test_an_empty_amount_asks_for_one_without_calling_the_server(browser, real_server):
    page = open_baskets(browser, real_server.url)
    block = page.locator(".tg-basket-live").first
    block.get_by_role("button", name="Estimate").click()
    assert "Type an amount of TAO" in block.locator(".tg-split .tg-error").inner_text()


def test_a_subnets_page_quotes_the_baskets_page_line_with_its_source(browser, real_server, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{real_server.url}/subnets/3/")
    describe = page.locator(".tg-describe")
    describe.wait_for()
    text = describe.inner_text()
    assert "τemplar trains large models across the internet" in text
    assert describe.locator('a[href="https://github.com/tplr-ai/templar"]').count() == 1
    assert describe.get_by_role("link", name="Training and model-building basket").get_attribute("href").endswith(
        f"{BASKETS}#training-and-model-building-basket")
    shot(page, "templar")
    page.goto(f"{real_server.url}/subnets/2/")  # not on the baskets page: nothing invented
    page.locator(".tg-facts").wait_for()
    assert page.locator(".tg-describe").count() == 0
    assert "does not describe this subnet" in page.locator("[data-tg-subnet]").inner_text()


def test_the_screener_follows_the_sites_dark_mode(browser, real_server, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{real_server.url}/subnets/")
    page.locator("table.tg-table tbody tr").first.wait_for()
    page.locator("label[title='Switch to dark mode']").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    background = page.locator("table.tg-table tbody td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    r, g, b = (int(v) for v in re.findall(r"\d+", background)[:3])
    assert r + g + b < 200, background  # dark cells, not a white table on a dark page
    assert page.locator("link[rel=icon]").get_attribute("href").endswith("assets/images/favicon.png")
    shot(page, "dark")


def test_the_baskets_banner_says_the_block_and_the_age_of_its_numbers(browser, real_server):
    body = api(real_server.url, "/api/baskets")
    page = open_baskets(browser, real_server.url)
    shown = page.locator(".tg-basket-live .tg-fresh").inner_text()
    assert shown == body["freshness"]["banner"]
    assert "(block 7,801,029), " in shown and re.search(r"\d+ days old", shown)
    page.close()
