"""The site's way around, added to the built pages by the hooks (kb/sitehooks.py): the "Ask" entry of the
top navigation, the Ask button's place in the header, links to the server's own routes, and the glossary's
A–Z bar and the FAQ's filter box.

Everything here is pure (HTML in, HTML out), so it is generated from the same sources on every build and
never hand-edited into the Markdown: the A–Z bar comes from the glossary's headings, so it follows them.
"""

from __future__ import annotations

import re
from html import escape

from kb.glossary import Term, letter_index

ASK_TITLE = "Ask"
CHAT_URL = "chat/"  # the Gradio chat, served by the same server next to the site
# where the widget puts its Ask button (bot/web/widget/widget.js): in the header, so it never covers the page
LAUNCHER_SLOT = '<span class="tg-launcher" data-taoguide="launcher"></span>'
ASK_BUTTON = ('<p class="tg-ask"><a class="md-button md-button--primary" href="chat/">Ask the assistant</a> '
              '<span>answers quoted from these pages, with links to the exact section</span></p>\n')
FAQ_FILTER = '<div class="tg-faq-filter" data-taoguide="faq-filter"></div>\n'
_SEARCH_BUTTON = re.compile(r'<label class="md-header__button md-icon" for="__search">')
# content links to the server's own routes are written as absolute paths (mkdocs cannot check them) ...
SERVER_ROUTES = ("/chat/",)
_SERVER_HREF = re.compile(r'href="(?P<route>' + "|".join(re.escape(r) for r in SERVER_ROUTES) + r')(?P<rest>[^"]*)"')


def with_launcher_slot(html: str) -> str:
    """The page with an empty slot in its header bar, just before the search, where the widget mounts its
    Ask button (a page without the theme's search keeps the floating button)."""
    return _SEARCH_BUTTON.sub(lambda m: LAUNCHER_SLOT + m.group(), html, count=1)


def relative_server_links(html: str, page_url: str) -> str:
    """... and made relative to the page here, so they keep working when the site is served under a sub-path."""
    up = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    return _SERVER_HREF.sub(lambda m: f'href="{up}{m.group("route").lstrip("/")}{m.group("rest")}"', html)


def az_bar(terms: list[Term]) -> str:
    """The glossary's jump bar: a link per letter that starts a term, a dimmed letter for the others."""
    items = [f'<a href="#{escape(anchor)}">{letter}</a>' if anchor else f'<span aria-hidden="true">{letter}</span>'
             for letter, anchor in letter_index(terms)]
    return f'<nav class="tg-az" aria-label="Glossary A to Z">{"".join(items)}</nav>\n'


def after_title(html: str, insert: str) -> str:
    """``insert`` right after the page's first <h1> (or at the start when it has none)."""
    end = html.find("</h1>")
    return html[: end + 5] + "\n" + insert + html[end + 5:] if end >= 0 else insert + html


def before_first_section(html: str, insert: str) -> str:
    """``insert`` before the page's first <h2> (after its introduction), or at the end when it has none."""
    start = html.find("<h2")
    return html[:start] + insert + html[start:] if start >= 0 else html + insert


_PRE = re.compile(r"<pre\b.*?</pre>", re.S)
_INLINE_CODE = re.compile(r"<code>([^<]*)</code>")
_WITH_HYPHEN = re.compile(r"[^\s-]*-[^\s]*")


def unbroken_flags(html: str) -> str:
    """Inline code whose words hold a hyphen (``--netuid``, ``stake-add``) gets each such word in a no-wrap
    span: browsers may break a line after a hyphen, which on a phone splits ``--`` from ``netuid``; the
    command still wraps between words. Code blocks (<pre>) scroll sideways instead and are left alone."""
    out, last = [], 0
    for block in _PRE.finditer(html):
        out.append(_INLINE_CODE.sub(_nowrap, html[last:block.start()]))
        out.append(block.group())
        last = block.end()
    out.append(_INLINE_CODE.sub(_nowrap, html[last:]))
    return "".join(out)


def _nowrap(code: re.Match[str]) -> str:
    return "<code>" + _WITH_HYPHEN.sub(lambda w: f'<span class="tg-nw">{w.group()}</span>', code.group(1)) + "</code>"
