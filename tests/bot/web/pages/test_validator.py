"""One validator's page: the hotkey goes where its script reads it, and something that is not a
hotkey gets the 404 page with the reason and a link back to the directory."""

from bot.web.pages import bad_hotkey_page, validator_page

SHELL = ('<title>Validator - TAO Guide</title><h1 id="validator">Validator</h1>'
         '<div class="tg-validator" data-tg-validator data-hotkey=""><p>Loading…</p></div>')
HOTKEY = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


def test_the_hotkey_is_set_for_the_script():
    page = validator_page(SHELL, HOTKEY)
    assert f'data-hotkey="{HOTKEY}"' in page and "<title>Validator 5FHneW…94ty - TAO Guide</title>" in page


def test_a_bad_hotkey_says_why_and_links_to_the_directory():
    page = bad_hotkey_page(SHELL, "<b>x</b>", "It has a typo.")
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "It has a typo." in page and 'href="../../validators/"' in page
    assert "data-tg-validator" not in page
