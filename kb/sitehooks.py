"""mkdocs hooks (listed in mkdocs.yml): glossary tooltips on every page.

Loaded by mkdocs from this file path. The glossary page is the single source: its terms
and first sentences are handed to the ``abbr`` extension as its glossary once per build,
and ``kb.tooltips`` keeps only the first tooltip of each term per page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb.glossary import parse_glossary, tooltips


def on_config(config: Any) -> Any:
    glossary = Path(config["docs_dir"]) / "glossary.md"
    if not glossary.is_file():
        return config
    for name in ("abbr", "kb.tooltips"):
        if name not in config["markdown_extensions"]:
            config["markdown_extensions"].append(name)
    abbr = config["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {**tooltips(parse_glossary(glossary.read_text(encoding="utf-8"))), **abbr.get("glossary", {})}
    return config
