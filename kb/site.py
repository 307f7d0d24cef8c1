"""Everything about the mkdocs site: its configuration, its pages, their URLs, and building it.

The knowledge base reads the same ``mkdocs.yml`` the site is built from, so the Markdown
extensions (and therefore the heading anchors) the bot cites are the ones the site renders.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb import versions
from kb.errors import ContentMissing, SiteBuildFailed
from kb.markdown import MarkdownConfig, parse_page
from kb.records import Section
from kb.settings import KBSettings

# Extensions that change how text reads on the page but never the heading ids; the
# knowledge base leaves them out (snippets would append the glossary tooltips to every page).
_SKIPPED_EXTENSIONS = {"abbr", "pymdownx.snippets", "kb.tooltips"}


@dataclass(frozen=True)
class SiteConfig:
    docs_dir: Path
    site_dir: Path
    use_directory_urls: bool
    markdown: MarkdownConfig


def read_site_config(settings: KBSettings) -> SiteConfig:
    """Read the parts of mkdocs.yml the knowledge base depends on."""
    from mkdocs.utils.yaml import yaml_load  # mkdocs' own loader (supports !ENV and !relative)

    with settings.mkdocs_config.open(encoding="utf-8") as fh:
        raw: dict[str, Any] = yaml_load(fh) or {}
    extensions: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in raw.get("markdown_extensions", []):
        name, cfg = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name in _SKIPPED_EXTENSIONS:
            continue
        extensions.append(name)
        if cfg:
            configs[name] = dict(cfg)
    if "toc" not in extensions:  # mkdocs always adds toc (and tables, fenced_code)
        extensions.append("toc")
    for builtin in ("tables", "fenced_code"):
        if builtin not in extensions and not (builtin == "fenced_code" and "pymdownx.superfences" in extensions):
            extensions.append(builtin)
    return SiteConfig(
        docs_dir=settings.content_dir,
        site_dir=settings.site_dir,
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        markdown=MarkdownConfig(tuple(extensions), configs),
    )


def list_pages(content_dir: Path) -> list[Path]:
    """Every Markdown page of the site, as paths relative to content/ (includes/ holds snippets, not pages)."""
    if not content_dir.is_dir():
        raise ContentMissing(content_dir)
    pages = sorted(
        p.relative_to(content_dir)
        for p in content_dir.rglob("*.md")
        if not any(part.startswith((".", "_")) or part == "includes" for part in p.relative_to(content_dir).parts)
    )
    if not pages:
        raise ContentMissing(content_dir)
    return pages


def page_url(page: Path | str, use_directory_urls: bool = True) -> str:
    """The site path of a page, as mkdocs computes it: learn/tao.md → /learn/tao/."""
    parts = Path(page).with_suffix("").parts
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
        return "/" + "".join(f"{p}/" for p in parts)
    if use_directory_urls:
        return "/" + "/".join(parts) + "/"
    return "/" + "/".join(parts) + ".html"


def load_sections(settings: KBSettings) -> list[Section]:
    """Parse every page into sections."""
    config = read_site_config(settings)
    sections: list[Section] = []
    for page in list_pages(config.docs_dir):
        text = (config.docs_dir / page).read_text(encoding="utf-8")
        sections.extend(parse_page(text, page.as_posix(), page_url(page, config.use_directory_urls), config.markdown))
    return sections


def content_fingerprint(settings: KBSettings) -> dict[str, str]:
    """Hash of every input file of the index: the pages and the mkdocs configuration."""
    files = [settings.mkdocs_config] + [settings.content_dir / p for p in list_pages(settings.content_dir)]
    return {
        (f.relative_to(settings.content_dir).as_posix() if f.is_relative_to(settings.content_dir) else f.name): hashlib.sha256(
            f.read_bytes()
        ).hexdigest()[:16]
        for f in files
    }


SITE_STAMP = ".taoguide-inputs.json"


def site_inputs(settings: KBSettings) -> dict[str, str]:
    """Hashes of everything the site is built from: pages, mkdocs.yml, the build hooks and the files they add."""
    from kb.sitehooks import WIDGET, page_files

    hooks = Path(__file__).parent
    extra = {f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()[:16]
             for p in (hooks / "sitehooks.py", hooks / "glossary.py", hooks / "markdown.py", hooks / "tooltips.py", WIDGET,
                       *page_files())
             if p.is_file()}
    return {**content_fingerprint(settings), **extra}


def site_damage(settings: KBSettings) -> str | None:
    """What is wrong with the built site ("no site", "assets/stylesheets/main.css is missing"), or None.

    The stamp written last holds the inputs and a checksum of every file, so a site cut short,
    built by an older version in place, or changed by hand is found here.
    """
    stamp = settings.site_dir / SITE_STAMP
    if not (settings.site_dir / "index.html").is_file():
        return f"no site at {settings.site_dir}"
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"the site at {settings.site_dir} has no build record (an interrupted or older build)"
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return f"the site at {settings.site_dir} has no build record (an interrupted or older build)"
    problem = versions.damage(settings.site_dir.resolve(), files, frozenset({SITE_STAMP}))
    return f"the site at {settings.site_dir} is damaged ({problem})" if problem else None


def site_is_current(settings: KBSettings) -> bool:
    """Built from exactly the current inputs, and every file as the build wrote it."""
    try:
        data = json.loads((settings.site_dir / SITE_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("inputs") == site_inputs(settings) and site_damage(settings) is None


def build_site(settings: KBSettings, force: bool = True) -> bool:
    """Build the static site with mkdocs in strict mode, beside the live one, and swap it in whole.

    Returns False when it was already current. A failed or interrupted build leaves the
    previous site serving (``kb.versions``).
    """
    if not force and site_is_current(settings):
        return False
    inputs = site_inputs(settings)
    with versions.new_version(settings.site_dir) as folder:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(settings.mkdocs_config),
               "--site-dir", str(folder)]
        proc = subprocess.run(cmd, cwd=settings.root, capture_output=True, text=True, env=_quiet_env())
        if proc.returncode != 0:
            # (--quiet would hide the warnings from strict mode's count, so filter the log here instead)
            problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                        if line.startswith(("WARNING", "ERROR", "Aborted")) or "Error" in line]
            raise SiteBuildFailed("\n".join(problems) or proc.stdout + proc.stderr)
        record = {"inputs": inputs, "files": versions.checksums(folder, frozenset({SITE_STAMP}))}
        (folder / SITE_STAMP).write_text(json.dumps(record), encoding="utf-8")  # last: marks the build complete
    return True


def _quiet_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env
