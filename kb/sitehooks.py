"""mkdocs hooks (listed in mkdocs.yml): glossary tooltips, the ask/FAQ widget on every page,
the pages the server fills with chain numbers, and the ways around the site (kb.sitenav: the Ask tab,
the Ask button's slot in the header, the glossary's A–Z bar, the FAQ's filter box).

Loaded by mkdocs from this file path. The glossary page is the single source: its terms
and first sentences are handed to the ``abbr`` extension as its glossary once per build,
and ``kb.tooltips`` keeps only the first tooltip of each term per page.

The widget script lives with the server (bot/web/widget/widget.js); the hook links it from every
page and copies it next to the pages, so the built site carries the same bytes the server
hands to other sites.

The subnet screener and the per-subnet page are pages of this site, generated from the
templates in bot/web/pages/site/ (never from content/, so the bot never answers from them):
they get the site's header, navigation, dark mode, search and favicon, and their script
(also linked from every page, so instant navigation finds it) reads the server's JSON. The
baskets page gets an empty marker after its text, where the script shows live numbers.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from kb import sitenav
from kb.glossary import parse_glossary, tooltips

BOT_WEB = Path(__file__).resolve().parents[1] / "bot" / "web"
WIDGET = BOT_WEB / "widget" / "widget.js"
PAGES = BOT_WEB / "pages" / "site"
# (template, page in the site, shown in the navigation): the server answers /subnets/ and /subnets/{netuid}/ with these
GENERATED_PAGES = [("screener.md", "subnets/index.md", True), ("subnet.md", "subnets/subnet/index.md", False),
                   ("portfolio.md", "portfolio/index.md", True), ("validators.md", "validators/index.md", True),
                   ("validator.md", "validators/validator/index.md", False)]
SCRIPTS = ["numbers.js", "screener.js", "subnet.js", "baskets.js", "portfolio.js", "validators.js"]  # the first defines the helpers
STYLES = ["pages.css"]
ASSET_DIR = "assets/taoguide"
BASKETS_PAGE = "guides/subnet-baskets.md"
BASKETS_MARKER = '\n<div class="tg-baskets-live" data-tg-baskets hidden></div>\n'
# the home page leads with the featured validator when the server features one (hidden otherwise)
HOME_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
FAQ_PAGE = "faq.md"
FEATURED_MARKER = '<div class="tg-featured" data-tg-featured hidden></div>\n'


def page_files() -> list[Path]:
    """Every file the generated pages are made of (the site is rebuilt when one changes)."""
    return [PAGES / name for name, _, _ in GENERATED_PAGES] + [PAGES / name for name in SCRIPTS + STYLES]


def on_config(config: Any) -> Any:
    from mkdocs.config.config_options import ExtraScriptValue

    if WIDGET.is_file() and "widget.js" not in [str(s) for s in config["extra_javascript"]]:
        script = ExtraScriptValue("widget.js")
        script.defer = True
        config["extra_javascript"].append(script)
    if PAGES.is_dir():
        for name in SCRIPTS:
            script = ExtraScriptValue(f"{ASSET_DIR}/{name}")
            script.defer = True
            config["extra_javascript"].append(script)
        config["extra_css"].extend(f"{ASSET_DIR}/{name}" for name in STYLES)
    _tooltips(config)
    return config


def on_files(files: Any, config: Any) -> Any:
    if not PAGES.is_dir():
        return files
    from mkdocs.structure.files import File, InclusionLevel

    for template, page, in_nav in GENERATED_PAGES:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page, abs_src_path=str(PAGES / template), inclusion=inclusion))
    for name in SCRIPTS + STYLES:
        files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(PAGES / name)))
    return files


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """The chat as the last entry of the top navigation (a tab), relative to each page like every nav link."""
    from mkdocs.structure.nav import Link

    nav.items.append(Link(sitenav.ASK_TITLE, sitenav.CHAT_URL))
    return nav


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    html = sitenav.unbroken_flags(sitenav.relative_server_links(html, page.url))
    if page.file.src_uri == BASKETS_PAGE:
        return html + BASKETS_MARKER
    if page.file.src_uri == HOME_PAGE:
        return FEATURED_MARKER + sitenav.after_title(html, sitenav.ASK_BUTTON)
    if page.file.src_uri == GLOSSARY_PAGE:
        terms = parse_glossary(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
        return sitenav.after_title(html, sitenav.az_bar(terms))
    if page.file.src_uri == FAQ_PAGE:
        return sitenav.before_first_section(html, sitenav.FAQ_FILTER)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return sitenav.with_launcher_slot(output)


def on_post_build(config: Any) -> None:
    if WIDGET.is_file():
        shutil.copyfile(WIDGET, Path(config["site_dir"]) / "widget.js")


def _tooltips(config: Any) -> Any:
    glossary = Path(config["docs_dir"]) / "glossary.md"
    if not glossary.is_file():
        return config
    for name in ("abbr", "kb.tooltips"):
        if name not in config["markdown_extensions"]:
            config["markdown_extensions"].append(name)
    abbr = config["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {**tooltips(parse_glossary(glossary.read_text(encoding="utf-8"))), **abbr.get("glossary", {})}
    return config
