"""Built site pages as the server hands them out, with their title, heading or placeholder
replaced. Plain string edits on the HTML mkdocs wrote: the pages are ours and the markers are
known (the templates in site/), so no HTML parser is needed, and a page that lacks a marker is
returned unchanged rather than broken.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


class SiteNotBuilt(Exception):
    """The built site (or one of its generated pages) is missing: run `taoguide build`."""


def read_page(site_dir: Path, page: str) -> str:
    """The built page at ``page`` (e.g. "subnets/index.html") under the site folder."""
    path = site_dir / page
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SiteNotBuilt(f"The site page {page} is missing from {site_dir}; run `taoguide build` (or `make run`).") from exc


def set_title(page: str, title: str) -> str:
    """Replace the page's <title> and its first <h1> text (keeping the h1's permalink)."""
    text = html.escape(title)
    page = re.sub(r"<title>[^<]*?( - [^<]*)?</title>", lambda m: f"<title>{text}{m.group(1) or ''}</title>", page, count=1)
    return re.sub(r"(<h1[^>]*>)[^<]*", lambda m: m.group(1) + text, page, count=1)


def set_attribute(page: str, marker: str, name: str, value: str) -> str:
    """Set ``name="value"`` on the element carrying the ``marker`` attribute (e.g. data-tg-subnet)."""
    return re.sub(rf'(<[^>]*\b{re.escape(marker)}\b[^>]*?\b{re.escape(name)}=")[^"]*(")',
                  lambda m: m.group(1) + html.escape(value) + m.group(2), page, count=1)


def replace_block(page: str, marker: str, new_html: str) -> str:
    """Replace the <div> carrying ``marker`` (a placeholder without nested divs) by ``new_html``."""
    return re.sub(rf"<div[^>]*\b{re.escape(marker)}\b[^>]*>.*?</div>", lambda _: new_html, page, count=1, flags=re.DOTALL)
