"""The chat's look: the site's teal and fonts, no web font to fetch, and a header of links back to the site."""

from bot.web import chat_look


def test_the_theme_names_only_local_system_fonts_so_no_font_file_is_fetched():
    import gradio as gr

    theme = chat_look.theme()
    assert all(isinstance(f, str) for f in theme._font + theme._font_mono)
    assert not [f for f in theme._font + theme._font_mono if isinstance(f, (gr.themes.GoogleFont, gr.themes.LocalFont))]
    assert "@import" not in theme._get_theme_css() and "fonts.googleapis" not in theme._get_theme_css()


def test_the_theme_uses_the_sites_teal():
    css = chat_look.theme()._get_theme_css()
    assert chat_look.TEAL in css


def test_the_header_links_back_to_the_site_and_its_tools_relatively():
    html = chat_look.header_html()
    for href in ('href="../"', 'href="../subnets/"', 'href="../portfolio/"', 'href="../validators/"'):
        assert href in html
    assert ">TAO Guide<" in html and "http" not in html
