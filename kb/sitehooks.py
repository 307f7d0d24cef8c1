"""mkdocs hooks (listed in mkdocs.yml): glossary tooltips on every page.

Loaded by mkdocs from this file path. The abbreviations are computed once per build from
content/glossary.md and appended to each page's Markdown (except the glossary itself),
which is the same effect as pymdownx.snippets' auto_append without a second file to keep.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb.glossary import abbreviations, parse_glossary

_state: dict[str, str] = {}


def on_config(config: Any) -> Any:
    glossary = Path(config["docs_dir"]) / "glossary.md"
    _state["abbr"] = abbreviations(parse_glossary(glossary.read_text(encoding="utf-8"))) if glossary.is_file() else ""
    return config


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.file.src_uri == "glossary.md" or not _state.get("abbr"):
        return markdown
    return f"{markdown}\n\n{_state['abbr']}"
