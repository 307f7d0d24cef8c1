"""/subnets/ and /subnets/{netuid}/: pages of the built site (its header, navigation and assets),
a 404 in the same look for a netuid the snapshot lacks, and redirects to the canonical URLs."""

import pytest
from fastapi.testclient import TestClient


def test_the_screener_is_a_page_of_the_site_that_loads_our_script(client):
    page = client.get("/subnets/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'class="md-header' in html and "assets/images/favicon.png" in html  # the site's header and favicon
    assert "data-tg-screener" in html and "assets/taoguide/numbers.js" in html and "assets/taoguide/screener.js" in html
    assert "<title>Subnet screener - " in html


def test_subnets_without_the_slash_redirects_and_keeps_the_query(client):
    response = client.get("/subnets?q=templar", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "subnets/?q=templar"
    assert client.get("/subnets").status_code == 200


def test_a_known_subnet_has_its_own_page(client):
    page = client.get("/subnets/64/")
    assert page.status_code == 200
    assert 'data-netuid="64"' in page.text and "<title>SN64 Chutes - " in page.text
    assert "assets/taoguide/subnet.js" in page.text and 'class="md-header' in page.text


def test_the_root_subnet_is_a_page_when_the_snapshot_has_it(client):
    snapshot, _ = client.app.state.engine.chain.current()
    expected = 200 if snapshot.subnet(0) else 404
    assert client.get("/subnets/0/").status_code == expected


@pytest.mark.parametrize(("path", "location"), [
    ("/subnets/64", "64/"), ("/subnets/sn64/", "../64/"), ("/subnets/SN%2064/", "../64/"), ("/subnets/SN64", "64/"),
    ("/subnets/064/", "../64/")])
def test_other_spellings_of_a_netuid_redirect_to_its_page(client, path, location):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == location


@pytest.mark.parametrize("ident", ["999", "abc", "subnet", "-1", "%3Cscript%3Ealert(1)"])
def test_an_unknown_or_malformed_netuid_is_a_404_page_in_the_sites_look(client, ident):
    page = client.get(f"/subnets/{ident}/")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'class="md-header' in page.text and "<title>No such subnet - " in page.text
    assert "There is no subnet" in page.text and '<a href="../../subnets/">See every subnet in the screener</a>' in page.text
    assert "<script>alert(1)" not in page.text


def test_without_a_built_site_the_pages_say_how_to_build_it(fixture_site, fixture_engine, tmp_path):
    from bot.web import make_app

    settings = fixture_site.model_copy(update={"site_dir": tmp_path / "no-site"})
    with TestClient(make_app(settings, engine=fixture_engine, store=None)) as c:
        for path in ("/subnets/", "/subnets/64/"):
            page = c.get(path)
            assert page.status_code == 503 and "run `taoguide build`" in page.text and "/api/subnets" in page.text
