"""Site configuration, page discovery and URLs; and the anchor promise checked on real HTML."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.errors import ContentMissing, SiteBuildFailed
from kb.site import (SITE_STAMP, build_site, list_pages, load_sections, page_url, read_site_config, site_damage,
                     site_is_current)
from tests.conftest import DATA, fixture_settings


@pytest.mark.parametrize(("page", "url"), [
    ("index.md", "/"), ("learn/tao.md", "/learn/tao/"), ("learn/index.md", "/learn/"), ("faq.md", "/faq/")])
def test_page_url_matches_mkdocs_directory_urls(page, url):
    assert page_url(page) == url


def test_list_pages_skips_includes_and_hidden(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbr.md").write_text("x")
    (tmp_path / ".draft.md").write_text("x")
    (tmp_path / "a.md").write_text("# A")
    assert list_pages(tmp_path) == [Path("a.md")]


def test_missing_content_says_what_to_do(tmp_path):
    with pytest.raises(ContentMissing, match="TAOGUIDE_ROOT"):
        list_pages(tmp_path / "nowhere")


def test_site_config_comes_from_mkdocs_yml(tmp_path):
    config = read_site_config(fixture_settings(tmp_path))
    assert "toc" in config.markdown.extensions
    assert "abbr" not in config.markdown.extensions  # tooltips never change anchors or text
    assert config.markdown.configs["toc"] == {"permalink": True}


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.ids.update(v for k, v in attrs if k == "id" and v)


def _anchors_missing_from_site(settings) -> list[str]:  # type: ignore[no-untyped-def]
    missing = []
    for section in load_sections(settings):
        path = section.url.split("#")[0].strip("/")
        html_file = settings.site_dir / path / "index.html"
        parser = _Ids()
        parser.feed(html_file.read_text(encoding="utf-8"))
        if section.anchor and section.anchor not in parser.ids:
            missing.append(section.url)
    return missing


def test_every_fixture_section_anchor_exists_in_the_built_html(fixture_site):
    assert _anchors_missing_from_site(fixture_site) == []


@pytest.mark.slow
def test_every_real_section_anchor_exists_in_the_built_html(tmp_path):
    from bot.settings import Settings

    settings = Settings(root=Path(__file__).resolve().parents[2], site_dir=tmp_path / "site")
    build_site(settings)
    assert len(load_sections(settings)) > 100
    assert _anchors_missing_from_site(settings) == []


def test_glossary_terms_become_tooltips_on_other_pages(fixture_site):
    html = (fixture_site.site_dir / "learn" / "staking" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="Quarnite is the native token of the imaginary Vortan network[^"]*">Quarnite</abbr>', html)


def test_site_build_is_skipped_when_inputs_are_unchanged(fixture_site):
    assert site_is_current(fixture_site)
    assert build_site(fixture_site, force=False) is False


def test_strict_build_failure_names_the_problem(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# Home\n\nA [broken link](missing.md).\n")
    (content / "glossary.md").write_text("# Glossary\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((DATA / "mkdocs.yml").read_text().replace("../../kb/sitehooks.py", str(Path(__file__).resolve().parents[2] / "kb" / "sitehooks.py")))
    settings = fixture_settings(tmp_path, root=tmp_path, content_dir=content, mkdocs_config=config)
    with pytest.raises(SiteBuildFailed, match="missing.md"):
        build_site(settings)


def _copy_of_fixture_site(fixture_site, tmp_path):
    """A site built from the fixture content into its own folder, so it can be damaged."""
    settings = fixture_site.model_copy(update={"site_dir": tmp_path / "site"})
    build_site(settings)
    return settings


def test_the_site_is_built_beside_the_live_one_and_swapped_in(fixture_site, tmp_path):
    settings = _copy_of_fixture_site(fixture_site, tmp_path)
    first = settings.site_dir.resolve()
    assert settings.site_dir.is_symlink() and site_damage(settings) is None
    build_site(settings)
    assert settings.site_dir.resolve() != first and (settings.site_dir / "index.html").is_file()


def test_a_failed_build_leaves_the_previous_site_serving(fixture_site, tmp_path, monkeypatch):
    import subprocess

    settings = _copy_of_fixture_site(fixture_site, tmp_path)
    served = settings.site_dir.resolve()

    def killed(cmd, **kwargs):  # mkdocs wrote part of the site, then died
        out = Path(cmd[cmd.index("--site-dir") + 1])
        (out / "index.html").write_text("<p>half")
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess, "run", killed)
    with pytest.raises(KeyboardInterrupt):
        build_site(settings)
    assert settings.site_dir.resolve() == served and site_damage(settings) is None
    assert not list(tmp_path.glob(".site-*.tmp"))


@pytest.mark.parametrize("harm", ["delete-css", "truncate-page", "no-record"])
def test_check_and_build_notice_a_damaged_or_half_built_site(fixture_site, tmp_path, harm):
    from kb.check import run_checks

    settings = _copy_of_fixture_site(fixture_site, tmp_path)
    root = settings.site_dir.resolve()
    if harm == "delete-css":
        next(root.glob("assets/stylesheets/*.css")).unlink()
    elif harm == "truncate-page":
        page = root / "learn" / "staking" / "index.html"
        page.write_text(page.read_text()[:200])
    else:
        (root / SITE_STAMP).unlink()  # what an in-place build cut short looked like
    site = next(c for c in run_checks(settings) if c.name == "site")
    assert not site.ok and "taoguide build" in site.detail
    assert not site_is_current(settings)
    assert build_site(settings, force=False) is True and site_damage(settings) is None
