"""The knowledge base's quality rules, checked on every page of content/."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from kb.markdown import page_kind
from kb.site import list_pages

CONTENT = Path(__file__).resolve().parents[2] / "content"
PAGES = [p.as_posix() for p in list_pages(CONTENT)]


def front_matter(page: str) -> dict:
    text = (CONTENT / page).read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{page} has no front matter"
    return yaml.safe_load(match.group(1))


def body(page: str) -> str:
    return re.sub(r"^---\n.*?\n---\n", "", (CONTENT / page).read_text(encoding="utf-8"), count=1, flags=re.DOTALL)


def headings(page: str, level: int) -> list[str]:
    text = re.sub(r"```.*?```", "", body(page), flags=re.DOTALL)
    return [m.group(1).strip() for m in re.finditer(rf"^{'#' * level} (.+)$", text, re.MULTILINE)]


@pytest.mark.parametrize("page", PAGES)
def test_front_matter_has_title_description_sources_and_date(page):
    meta = front_matter(page)
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert isinstance(meta.get("description"), str) and len(meta["description"]) > 20
    assert meta.get("sources") and all(re.match(r"^https?://\S+$", s) for s in meta["sources"]), "sources must be URLs"
    assert isinstance(meta.get("updated"), date)


@pytest.mark.parametrize("page", PAGES)
def test_page_starts_with_its_title_as_h1(page):
    assert headings(page, 1) == [front_matter(page)["title"]]


@pytest.mark.parametrize("page", PAGES)
def test_no_placeholder_text(page):
    assert not re.search(r"\b(TODO|TBD|FIXME|lorem ipsum|coming soon|being written)\b", body(page), re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES)
def test_no_empty_sections(page):
    """A heading must have text before the next heading of the same or a higher level."""
    lines = re.sub(r"```.*?```", "CODE", body(page), flags=re.DOTALL).splitlines()
    open_heading, level, has_text = None, 0, True
    for line in lines + ["# END"]:
        match = re.match(r"^(#{1,6}) ", line)
        if match:
            new_level = len(match.group(1))
            if open_heading and not has_text and new_level <= level:
                pytest.fail(f"{page}: empty section {open_heading!r}")
            if open_heading and not has_text and new_level > level:
                has_text = True  # a grouping heading followed by its subsections
            open_heading, level, has_text = line, new_level, False
        elif line.strip():
            has_text = True


@pytest.mark.parametrize("page", PAGES)
def test_headings_are_unique_within_a_page(page):
    all_headings = [h for level in range(2, 5) for h in headings(page, level)]
    assert len(all_headings) == len(set(all_headings))


def test_learn_path_has_at_least_sixteen_pages():
    assert len([p for p in PAGES if page_kind(p) == "learn"]) >= 16


def test_glossary_terms_are_unique_alphabetical_and_at_least_100():
    terms = headings("glossary.md", 2)
    assert len(terms) >= 100
    assert len({t.lower() for t in terms}) == len(terms)
    assert [t.lower() for t in terms] == sorted(t.lower() for t in terms)


def test_faq_has_at_least_60_questions_ending_in_a_question_mark():
    questions = headings("faq.md", 3)
    assert len(questions) >= 60
    assert all(q.endswith("?") for q in questions)


def test_each_faq_answer_opens_with_at_most_four_sentences():
    from kb.sentences import split_sentences

    for block in re.split(r"^### ", body("faq.md"), flags=re.MULTILINE)[1:]:
        question, _, rest = block.partition("\n")
        first_paragraph = rest.strip().split("\n\n")[0]
        count = len(split_sentences(first_paragraph))
        assert 1 <= count <= 4, f"{question}: first paragraph has {count} sentences"


@pytest.mark.parametrize("question", [
    "Is Bittensor only an AI model?", "Can support recover my seed phrase?", "Do validators produce blocks?",
    "Is staking to a subnet the same as staking to root?"])
def test_faq_answers_the_questions_people_get_wrong(question):
    assert question in headings("faq.md", 3)


@pytest.mark.parametrize("page", PAGES)
def test_volatile_wording_is_dated(page):
    """Phrases that go out of date ("currently", "right now", "at the moment") must sit next to a date."""
    for sentence in re.split(r"(?<=[.!?])\s+", body(page)):
        if re.search(r"\b(currently|right now|at the moment|nowadays)\b", sentence, re.IGNORECASE):
            assert re.search(r"\b(19|20)\d\d\b|as of|live data|live\b", sentence, re.IGNORECASE), \
                f"{page}: undated volatile statement: {sentence.strip()[:120]}"
