"""The subnet screener and the subnet pages in a real browser, over the bundled snapshot: at 1280 px
and on a 390 px phone, nothing runs off the right edge and the header stays in view; the filter
folds accents and Greek letters and reads netuids; an empty result says so; numbers sort largest
first; the CSV downloads and parses; a subnet page and an unknown netuid's 404.

Every state is saved as a screenshot in build/test-artifacts/.
"""


import pytest

from tests.browser.conftest import api, open_page

pytestmark = pytest.mark.browser


def open_screener(browser, server, width, height=800, query=""):
    return open_page(browser, f"{server}/subnets/{query}", "table.tg-table tbody tr", width, height)


def shown_netuids(page):
    return [int(n) for n in page.locator("table.tg-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.netuid)")]


def count_text(page):
    return page.locator("#tg-count").inner_text()


def assert_nothing_past_the_right_edge(page):
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".tg-scroll").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_the_screener_at_1280_px_fits_and_keeps_its_header_in_view(browser, live_server, shot):
    body = api(live_server, "/api/subnets")
    page = open_screener(browser, live_server, 1280)
    shot(page, "top")
    assert len(shown_netuids(page)) == len(body["subnets"])
    assert_nothing_past_the_right_edge(page)
    right = page.evaluate("window.innerWidth")
    for th in page.locator("table.tg-table thead th").all():  # every column's header is on screen, none clipped
        b = th.bounding_box()
        assert b["x"] + b["width"] <= right, th.inner_text()
    page.mouse.move(640, 500)
    page.mouse.wheel(0, 4000)  # scrolls the page, then the table inside its box
    page.wait_for_timeout(300)
    assert page.locator(".tg-scroll").evaluate("b => b.scrollTop") > 0
    header = page.locator("table.tg-table thead th").nth(2)
    b = header.bounding_box()
    assert 0 <= b["y"] < 800
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('th') !== null", [b["x"] + 5, b["y"] + b["height"] / 2])
    assert hit, "the header is covered after scrolling"
    shot(page, "scrolled")
    assert page.errors == []


def test_the_screener_on_a_phone_scrolls_sideways_with_its_first_columns_fixed(browser, live_server, shot):
    page = open_screener(browser, live_server, 390, 844)
    assert_nothing_past_the_right_edge(page)
    name = page.locator("table.tg-table tbody tr").first.locator("td").nth(1)
    before = name.bounding_box()["x"]
    page.locator(".tg-scroll").evaluate("b => b.scrollLeft = 400")
    page.wait_for_timeout(100)
    assert page.locator(".tg-scroll").evaluate("b => b.scrollLeft") > 0
    assert name.bounding_box()["x"] == pytest.approx(before, abs=1)  # netuid and name stay put
    price = page.locator("table.tg-table tbody tr").first.locator("td").nth(2)
    assert price.bounding_box()["x"] < before  # the numbers moved under them
    shot(page, "scrolled-sideways")


@pytest.mark.parametrize(("query", "netuids"), [("templar", [3]), ("TEMPLAR", [3]), ("platform", [100]), ("sn64", [64]),
                                               ("SN 64", [64]), ("64", [64]), ("404-gen", [17]), ("sn64, sn3", [3, 64])])
def test_the_filter_finds_names_without_accents_and_netuids_however_written(browser, live_server, query, netuids):
    page = open_screener(browser, live_server, 1280)
    total = len(shown_netuids(page))
    page.locator("#tg-filter").fill(query)
    assert shown_netuids(page) == netuids
    assert count_text(page) == f"{len(netuids)} of {total} subnets"
    assert page.locator(".tg-empty").is_hidden()


def test_a_filter_that_matches_nothing_says_so(browser, live_server, shot):
    page = open_screener(browser, live_server, 1280)
    total = len(shown_netuids(page))
    page.locator("#tg-filter").fill("zzzz")
    assert shown_netuids(page) == []
    assert count_text(page) == f"0 of {total} subnets"
    empty = page.locator(".tg-empty")
    assert empty.is_visible() and "No subnet matches “zzzz”" in empty.inner_text() and "SN64" in empty.inner_text()
    shot(page, "empty")
    page.locator("#tg-filter").fill("")
    assert count_text(page) == f"{total} subnets"


def test_the_filter_comes_from_the_address(browser, live_server):
    page = open_screener(browser, live_server, 1280, query="?q=chutes")
    assert page.locator("#tg-filter").input_value() == "chutes" and shown_netuids(page) == [64]


def test_numbers_sort_largest_first_on_the_first_click(browser, live_server):
    body = api(live_server, "/api/subnets")
    page = open_screener(browser, live_server, 1280)
    header = page.locator("table.tg-table thead th", has_text="TAO in pool")
    header.locator("button").click()
    deepest = max((r for r in body["subnets"] if not r.get("root") and r["tao_in"] is not None), key=lambda r: r["tao_in"])
    first = [n for n in shown_netuids(page) if n != 0][0]
    assert first == deepest["netuid"] and header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    names = page.locator("table.tg-table thead th", has_text="Name")
    names.locator("button").click()
    assert names.get_attribute("aria-sort") == "ascending"  # text sorts A to Z first


def test_columns_without_values_are_left_out_and_say_why(browser, live_server, shot):
    body = api(live_server, "/api/subnets")
    page = open_screener(browser, live_server, 1280)
    headers = page.locator("table.tg-table thead th").all_inner_texts()
    for key, title in [("symbol", "Symbol"), ("burn_tao", "Registration burn"), ("owner_coldkey", "Owner")]:
        has = any(r.get(key) is not None for r in body["subnets"])
        assert any(title in h for h in headers) == has
        if not has:
            assert title.lower() in page.locator(".tg-note", has_text="Not shown").inner_text().lower()
    assert "unknown" not in page.locator("table.tg-table").inner_text().lower()
    assert "stored snapshot" in page.locator(".tg-fresh").inner_text()  # the freshness banner


def test_the_csv_downloads_and_loads_with_pandas(browser, live_server, tmp_path):
    import pandas

    body = api(live_server, "/api/subnets")
    page = open_screener(browser, live_server, 1280)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    path = tmp_path / "subnets.csv"
    download.value.save_as(path)
    frame = pandas.read_csv(path)
    assert {"netuid", "name", "block", "price_tao_per_alpha"} <= set(frame.columns)
    assert len(frame) == len(body["subnets"])
    assert frame.set_index("netuid").loc[64, "name"] == "Chutes"


def test_a_subnets_page_shows_its_numbers_and_an_unknown_one_is_a_friendly_404(browser, live_server, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/subnets/")
    page.locator("table.tg-table tbody tr").first.wait_for()
    page.locator("table.tg-table a", has_text="Chutes").click()
    page.locator(".tg-facts").wait_for()
    assert page.url.endswith("/subnets/64/")
    assert page.locator("article h1").inner_text().startswith("SN64 Chutes")
    facts = page.locator(".tg-facts").inner_text()
    assert "Price (TAO per α)" in facts and "0.09049" in facts and "unknown" not in facts.lower()
    page.locator(".tg-charts .tg-empty, .tg-charts svg").first.wait_for()
    assert "null" not in page.locator("article").inner_text().split()  # no empty part written out as text
    shot(page, "subnet")
    response = page.goto(f"{live_server}/subnets/999/")
    assert response.status == 404
    assert page.locator("article h1").inner_text().startswith("No such subnet")
    page.get_by_role("link", name="See every subnet in the screener").click()
    page.locator("table.tg-table tbody tr").first.wait_for()
    shot(page, "back-from-404")


def test_the_banner_shows_the_block_and_age_and_says_when_the_chain_cannot_be_reached(browser, fixture_site,
                                                                                       fixture_engine, tmp_path, shot):
    """A server whose chain read failed: the screener's banner leads with the failure and its time, then the
    block, the day and the age of the numbers below it, exactly as the API words it."""
    from datetime import UTC, datetime

    from bot.answer import Engine
    from bot.chain import source
    from bot.chain.service import ChainFacts
    from bot.web import make_app
    from tests.browser.conftest import _serve

    def down():
        raise source.ChainUnavailable("no route to the endpoint")

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=down, clock=lambda: datetime(2026, 12, 1, 16, 45, tzinfo=UTC))
    assert facts.refresh_once() is False
    app = make_app(fixture_site, engine=Engine(fixture_site, fixture_engine.index, chain=facts))
    server = _serve(app)
    url = next(server)
    try:
        body = api(url, "/api/subnets")
        page = open_screener(browser, url, 1280)
        shown = page.locator(".tg-fresh").inner_text()
        shot(page, "unreachable")
        assert shown == body["freshness"]["banner"] == (
            "The chain can't be reached right now (last attempt 16:45 UTC); these numbers are from the stored "
            "snapshot of 22 March 2026 (block 7,801,029), 254 days old.")
        page.close()
    finally:
        server.close()


def test_the_banner_of_the_bundled_snapshot_shows_its_block_and_age(browser, live_server):
    body = api(live_server, "/api/subnets")
    page = open_screener(browser, live_server, 1280)
    shown = page.locator(".tg-fresh").inner_text()
    assert shown == body["freshness"]["banner"]
    assert shown.startswith("From the stored snapshot of 22 March 2026 (block 7,801,029), ") and " days old; " in shown
