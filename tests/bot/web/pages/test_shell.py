"""Built pages as the server hands them out: read from the site folder, title and placeholders replaced."""

import pytest

from bot.web.pages import SiteNotBuilt, read_page
from bot.web.pages.shell import replace_block, set_attribute, set_title


def test_a_missing_page_says_how_to_build_the_site(tmp_path):
    with pytest.raises(SiteNotBuilt, match=r"subnets/index.html is missing .*run `taoguide build`"):
        read_page(tmp_path, "subnets/index.html")


def test_read_page_returns_the_built_html(tmp_path):
    (tmp_path / "subnets").mkdir()
    (tmp_path / "subnets" / "index.html").write_text("<p>built</p>", encoding="utf-8")
    assert read_page(tmp_path, "subnets/index.html") == "<p>built</p>"


def test_set_title_keeps_the_site_name_and_the_headings_permalink():
    page = '<title>Subnet - TAO Guide</title><h1 id="s">Subnet<a class="headerlink" href="#s">¶</a></h1><h1>Other</h1>'
    assert set_title(page, "SN3 τemplar") == ('<title>SN3 τemplar - TAO Guide</title>'
                                              '<h1 id="s">SN3 τemplar<a class="headerlink" href="#s">¶</a></h1><h1>Other</h1>')


def test_set_attribute_changes_only_the_marked_element():
    page = '<div data-netuid="1"></div><div class="x" data-tg-subnet data-netuid=""></div>'
    assert set_attribute(page, "data-tg-subnet", "data-netuid", "64") == (
        '<div data-netuid="1"></div><div class="x" data-tg-subnet data-netuid="64"></div>')


def test_replace_block_swaps_the_placeholder_and_nothing_else():
    page = '<div id="a">keep</div>\n<div class="tg" data-tg-subnet>\n<p>Loading</p>\n</div>\n<div>after</div>'
    assert replace_block(page, "data-tg-subnet", "<p>gone</p>") == '<div id="a">keep</div>\n<p>gone</p>\n<div>after</div>'


def test_a_page_without_the_marker_is_returned_unchanged():
    assert replace_block("<p>x</p>", "data-tg-subnet", "<p>y</p>") == "<p>x</p>"
    assert set_attribute("<p>x</p>", "data-tg-subnet", "data-netuid", "1") == "<p>x</p>"
