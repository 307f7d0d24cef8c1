"""Citation links carry a text fragment that names the quoted sentence as the built page shows it."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from bot.answer import fragments


def test_a_short_sentence_is_matched_whole_and_markup_is_dropped():
    assert fragments.directive("Run `btcli stake add` now.") == "text=Run%20btcli%20stake%20add%20now."


def test_a_long_sentence_is_matched_by_its_first_and_last_words():
    sentence = "A coldkey swap waits 5 days before it executes, and the owner can dispute it meanwhile."
    assert fragments.directive(sentence) == "text=A%20coldkey%20swap%20waits,can%20dispute%20it%20meanwhile."


def test_characters_with_a_meaning_in_the_directive_are_escaped():
    part = fragments.directive("Fees, costs & take-rates differ")
    assert "%2C" in part and "%26" in part and "%2D" in part and "-" not in part


def test_the_anchor_stays_and_a_link_without_a_sentence_is_the_plain_url():
    assert fragments.link("/faq/#x", "Yes it does now.").startswith("/faq/#x:~:text=")
    assert fragments.link("/faq/", "Some words here.").startswith("/faq/#:~:text=")
    assert fragments.link("/faq/#x", None) == "/faq/#x"


class _Text(HTMLParser):
    """The visible text of a built page, with the id of the heading each piece of text follows."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {"": []}
        self.current = ""
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag in ("script", "style"):
            self.skip += 1
        ident = dict(attrs).get("id")
        if re.fullmatch(r"h[1-6]", tag) and ident:
            self.current = ident
            self.sections.setdefault(ident, [])

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self.skip:
            self.sections[self.current].append(data)


def _page_text(site, url: str) -> tuple[str, str]:
    path, _, anchor = url.partition("#")
    parser = _Text()
    parser.feed((site / path.strip("/") / "index.html").read_text(encoding="utf-8"))
    section = " ".join("".join(parser.sections.get(anchor.split(":~:")[0], [])).split())
    return section, anchor


@pytest.mark.parametrize("question", ["How long is the staking cooldown on Vortan?", "how many moons does vortan have",
                                      "What is a glimmerkey?", "What fee does a tide pool swap pay?",
                                      "What share of the harvest do stakers get now?"])
def test_every_fragment_matches_the_text_of_its_section_on_the_built_page(fixture_site, fixture_engine, question):
    answer = fixture_engine.answer(question)
    assert any(":~:text=" in c.link for c in answer.citations)
    for citation in answer.citations:
        if citation.link == citation.url:  # only table rows or code quoted from it: the anchor alone
            continue
        assert citation.link.startswith(citation.url + ":~:text=")
        shown, _ = _page_text(fixture_site.site_dir, citation.url)
        parts = [unquote(p) for p in citation.link.split(":~:text=", 1)[1].split(",")]
        at = shown.find(parts[0])
        assert at >= 0, (parts[0], shown[:300])
        assert len(parts) == 1 or shown.find(parts[1], at) > at, (parts, shown[:300])


def test_fragments_match_the_real_built_pages_for_the_evaluation_questions(real_settings, real_engine):
    from pathlib import Path

    from bot.quality.evaluate import load_items
    from kb import build_site

    if not (real_settings.site_dir / "index.html").exists():
        build_site(real_settings)
    items = [i for i in load_items(Path(__file__).parents[2] / "eval" / "questions.jsonl") if i.scope == "in"][::5]
    checked = 0
    for item in items:
        for citation in real_engine.answer(item.question).citations:
            if citation.link == citation.url:
                continue
            shown, _ = _page_text(real_settings.site_dir, citation.url)
            parts = [unquote(p).lower() for p in citation.link.split(":~:text=", 1)[1].split(",")]
            at = shown.lower().find(parts[0])
            assert at >= 0 and (len(parts) == 1 or shown.lower().find(parts[1], at) > at), (item.id, parts, shown[:200])
            checked += 1
    assert checked >= len(items)
