"""The portfolio and the validator directory in a real browser, over a server whose chain is the
fake substrate (through the SDK seam), at 1280 px and on a 390 px phone: add two coldkeys, see
per-wallet and combined totals, download the CSV, track and untrack, open a validator from the
directory, and the unreachable-chain message. Screenshots go to build/test-artifacts/."""

import functools

import pytest

from bot.chain import source
from tests.bot.chain.fake_substrate import VALIDATOR_A, WALLET_1, WALLET_2, staker_chain
from tests.browser.conftest import _serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staker_server(real_settings, real_engine, tmp_path_factory):
    from kb import build_site
    from tests.bot.web.routes.test_staker import staker_app

    build_site(real_settings, force=False)
    patch = pytest.MonkeyPatch()
    patch.setattr(source, "fetch_portfolio", functools.partial(source.fetch_portfolio, substrate=staker_chain()))
    app = staker_app(real_settings, real_engine.index, tmp_path_factory.mktemp("staker"), featured=VALIDATOR_A)
    yield from _serve(app)
    patch.undo()


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_two_wallets_totals_csv_and_tracking(browser, staker_server, shot, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{staker_server}/portfolio/")
    page.locator("#tg-coldkey").press("Enter")
    assert "Enter a coldkey address" in page.locator("#tg-add-msg").inner_text()
    for key in (WALLET_1, WALLET_2):
        page.fill("#tg-coldkey", key)
        page.locator("#tg-coldkey").press("Enter")  # Enter submits
        page.locator(f'section[data-coldkey="{key}"] table').wait_for()
    wallet_1 = page.locator(f'section[data-coldkey="{WALLET_1}"]')
    assert "Nimbus Validator" in wallet_1.inner_text() and "The totals leave out: SN99" in wallet_1.inner_text()
    assert "12.5" in wallet_1.locator('tr[data-total="Free balance"]').inner_text()
    page.locator('[data-tg-total="total"]').wait_for()
    total = 12.5 + 5 + 100 * 0.09049194 + 1.0 + 40 * 0.01104766
    assert page.locator('[data-tg-total="total"]').inner_text() == f"{total:.4g} TAO"
    assert "null" not in page.locator("[data-tg-combined]").inner_text()
    fits(page)
    shot(page, f"{width}-two-wallets")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("coldkey,block,netuid") and len(lines) == 1 + 3 + 1
    track = wallet_1.locator("[data-tg-track]")
    track.click()
    page.get_by_text("Tracking 5FLSig").wait_for()
    assert track.inner_text() == "Untrack"
    shot(page, f"{width}-tracked")
    track.click()
    page.get_by_text("No longer tracking").wait_for()
    page.reload()  # the coldkeys are kept in this browser
    page.locator(f'section[data-coldkey="{WALLET_2}"] table').wait_for()
    assert page.locator("section.tg-wallet").count() == 2
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_directory_opens_a_validator(browser, staker_server, shot, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{staker_server}/validators/")
    page.locator("table.tg-table tbody tr").first.wait_for()
    assert "This site's validator: Nimbus Validator" in page.locator("[data-tg-featured-box]").inner_text()
    page.fill("#tg-vfilter", "nimbus")
    assert page.locator("table.tg-table tbody tr").count() == 1
    fits(page)
    shot(page, f"{width}-directory")
    page.locator("table.tg-table tbody tr a").first.click()
    page.locator("[data-tg-validator] table").wait_for()
    assert page.locator("article h1").inner_text().startswith("Nimbus Validator")
    assert f"--hotkey {VALIDATOR_A}" in page.locator("[data-tg-validator]").inner_text()
    fits(page)
    shot(page, f"{width}-validator")
    page.close()


def test_an_unreachable_chain_says_so_in_the_readers_words(browser, staker_server, shot):
    patch = pytest.MonkeyPatch()
    fake = staker_chain()
    import bittensor as bt

    fake.fail_with = bt.RpcConnectionError("could not connect to any endpoint: [Errno -2] Name or service not known")
    patch.setattr(source, "fetch_portfolio", functools.partial(source.fetch_portfolio, substrate=fake))
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{staker_server}/portfolio/")
        page.fill("#tg-coldkey", WALLET_1)
        page.locator("#tg-coldkey").press("Enter")
        alert = page.locator(f'section[data-coldkey="{WALLET_1}"] [role=alert]')
        alert.wait_for()
        text = alert.inner_text()
        assert text.startswith("The chain can't be reached right now; showing the last data from ") and "or try again later" in text
        assert "Errno" not in text and "TAOGUIDE_" not in text
        shot(page, "390-unreachable")
        page.close()
    finally:
        patch.undo()


def test_the_home_page_leads_with_the_featured_validator_only_when_one_is_set(browser, staker_server, real_server, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{staker_server}/")
    box = page.locator("[data-tg-featured] [data-tg-featured-box]")
    box.wait_for(timeout=15_000)
    text = box.inner_text()
    assert "Nimbus Validator" in text and f"--hotkey {VALIDATOR_A}" in text
    shot(page, "home-featured")
    page.goto(f"{real_server.url}/")  # no TAOGUIDE_FEATURED_VALIDATOR: nothing is featured
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-tg-featured-box]").count() == 0
    page.close()


def test_the_directorys_banner_says_the_block_and_the_age_of_its_numbers(browser, staker_server):
    from tests.browser.conftest import api

    body = api(staker_server, "/api/validators")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{staker_server}/validators/")
    page.locator("table.tg-table tbody tr").first.wait_for()
    shown = page.locator(".tg-fresh").first.inner_text()
    assert shown == body["freshness"]["banner"] and "block 8,000,000" in shown and " old" in shown
    page.close()
