"""The site hooks add the screener pages, their scripts and styles, and the baskets page's marker."""

import json
from pathlib import Path

from kb.site import build_site
from kb.sitehooks import ASSET_DIR, BASKETS_MARKER, PAGES, SCRIPTS, STYLES
from tests.conftest import DATA, fixture_settings


def test_the_screener_and_the_subnet_page_are_pages_of_the_site(fixture_site):
    site = fixture_site.site_dir
    screener = (site / "subnets" / "index.html").read_text(encoding="utf-8")
    subnet = (site / "subnets" / "subnet" / "index.html").read_text(encoding="utf-8")
    assert "data-tg-screener" in screener and 'class="md-header' in screener
    assert 'data-tg-subnet data-netuid=""' in subnet
    assert "<title>Subnet screener - " in screener


def test_the_scripts_and_styles_are_copied_and_linked_from_every_page(fixture_site):
    site = fixture_site.site_dir
    for name in SCRIPTS + STYLES:
        assert (site / ASSET_DIR / name).read_bytes() == (PAGES / name).read_bytes()
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in SCRIPTS:
        assert f'src="{ASSET_DIR}/{name}" defer' in home
    assert f'href="{ASSET_DIR}/pages.css"' in home
    order = [home.index(f"{ASSET_DIR}/{name}") for name in SCRIPTS]
    assert order == sorted(order)  # numbers.js, which the others use, comes first


def test_only_the_screener_is_in_the_navigation_and_the_search(fixture_site):
    site = fixture_site.site_dir
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="subnets/"' in home and 'href="subnets/subnet/"' not in home
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    assert "subnets/" in locations and "subnets/subnet/" not in locations


def test_the_baskets_page_alone_gets_the_live_numbers_marker(tmp_path):
    content = tmp_path / "content"
    (content / "guides").mkdir(parents=True)
    (content / "index.md").write_text("# Home\n\nHello.\n")
    (content / "guides" / "subnet-baskets.md").write_text("# Subnet baskets\n\n## Compute basket\n\n- **SN51 lium.io**: GPUs.\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((DATA / "mkdocs.yml").read_text().replace("../../kb/sitehooks.py",
                                                                str(Path(__file__).resolve().parents[2] / "kb" / "sitehooks.py")))
    settings = fixture_settings(tmp_path, root=tmp_path, content_dir=content, mkdocs_config=config, site_dir=tmp_path / "site")
    build_site(settings)
    baskets = (settings.site_dir / "guides" / "subnet-baskets" / "index.html").read_text(encoding="utf-8")
    home = (settings.site_dir / "index.html").read_text(encoding="utf-8")
    assert BASKETS_MARKER.strip() in baskets and "data-tg-baskets" not in home
