"""A subnet's page: the netuid a URL names, the page filled for a known subnet, and the 404 page."""

import pytest

from bot.web.pages import parse_netuid, subnet_page, unknown_subnet_page

SHELL = """<html><head><title>Subnet - TAO Guide</title></head><body><article>
<h1 id="subnet">Subnet<a class="headerlink" href="#subnet">&para;</a></h1>
<div class="tg-subnet" data-tg-subnet data-netuid="">
<p class="tg-note">Loading…</p>
</div>
<p><a href="../">All subnets in the screener</a></p></article></body></html>"""


@pytest.mark.parametrize(("text", "netuid"), [
    ("64", 64), ("0", 0), ("sn64", 64), ("SN64", 64), ("SN 64", 64), ("subnet-64", 64), ("netuid_64", 64), (" 7 ", 7),
    ("", None), ("abc", None), ("-1", None), ("6.4", None), ("64x", None), ("sn", None), ("123456", None), ("٦٤", None),
])
def test_parse_netuid_accepts_the_ways_people_write_one(text, netuid):
    assert parse_netuid(text) == netuid


def test_a_known_subnets_page_carries_its_netuid_title_and_heading():
    page = subnet_page(SHELL, 64, "Chutes")
    assert 'data-netuid="64"' in page
    assert "<title>SN64 Chutes - TAO Guide</title>" in page
    assert '<h1 id="subnet">SN64 Chutes<a class="headerlink"' in page


def test_a_subnet_without_a_name_is_titled_by_its_netuid():
    assert "<title>SN7 - TAO Guide</title>" in subnet_page(SHELL, 7, None)


def test_a_name_from_the_chain_is_escaped():
    page = subnet_page(SHELL, 5, "<img src=x onerror=alert(1)>")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_unknown_subnet_page_says_so_and_links_to_the_screener():
    page = unknown_subnet_page(SHELL, "999", 128)
    assert "<title>No such subnet - TAO Guide</title>" in page
    assert "There is no subnet “999” in the current snapshot (128 subnets)" in page
    assert '<a href="../../subnets/">See every subnet in the screener</a>' in page
    assert "data-tg-subnet" not in page  # the script has nothing to load


def test_the_unknown_subnet_page_escapes_what_was_asked():
    page = unknown_subnet_page(SHELL, '<script>alert("x")</script>', 128)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
