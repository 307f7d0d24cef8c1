"""/widget.js and /embed/: the one-tag embed and its iframe fallback, served as static files."""


def test_widget_script_and_iframe_page_are_served(widget_client):
    js = widget_client.get("/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in js.text and "innerHTML" not in js.text
    embed = widget_client.get("/embed/")
    assert embed.status_code == 200 and 'src="../widget.js"' in embed.text and 'data-mode="chat"' in embed.text


def test_widget_script_is_small_never_parses_html_and_the_readme_states_its_size():
    import gzip
    import re
    from pathlib import Path

    from bot.web.routes import WIDGET_JS

    source = WIDGET_JS.read_bytes()
    text = source.decode()
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in text, f"widget.js must not use {risky}"
    assert len(source) < 32_000, "the widget's budget is 32 KB unminified"
    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"(\d+) KB as\s+served, ([\d.]+) KB gzipped", readme)
    assert stated, "README states the widget's size"
    assert abs(int(stated.group(1)) - len(source) / 1000) < 1.5
    assert abs(float(stated.group(2)) - len(gzip.compress(source, 9)) / 1000) < 0.5
