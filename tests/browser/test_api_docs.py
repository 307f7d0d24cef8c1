"""The API docs at /api/docs render in a real browser with no network: Swagger UI comes from the package."""

import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_render_offline_from_our_own_server(browser, live_server, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    elsewhere = []
    page.on("request", lambda r: None if r.url.startswith(live_server) or r.url.startswith("data:")
            else elsewhere.append(r.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server)
               else route.abort())  # as on a machine with no internet
    page.goto(f"{live_server}/api/docs")
    page.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
    assert "TAO Guide" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/ask").first.wait_for()
    assert elsewhere == [], f"the docs asked other hosts for {elsewhere}"
    shot(page, "docs")
