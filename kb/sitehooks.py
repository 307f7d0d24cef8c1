"""mkdocs hooks (listed in mkdocs.yml): glossary tooltips and the ask/FAQ widget on every page.

Loaded by mkdocs from this file path. The glossary page is the single source: its terms
and first sentences are handed to the ``abbr`` extension as its glossary once per build,
and ``kb.tooltips`` keeps only the first tooltip of each term per page.

The widget script lives with the server (bot/web/widget/widget.js); the hook links it from every
page and copies it next to the pages, so the built site carries the same bytes the server
hands to other sites.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from kb.glossary import parse_glossary, tooltips

WIDGET = Path(__file__).resolve().parents[1] / "bot" / "web" / "widget" / "widget.js"


def on_config(config: Any) -> Any:
    from mkdocs.config.config_options import ExtraScriptValue

    if WIDGET.is_file() and "widget.js" not in [str(s) for s in config["extra_javascript"]]:
        script = ExtraScriptValue("widget.js")
        script.defer = True
        config["extra_javascript"].append(script)
    _tooltips(config)
    return config


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
