"""Pure composition: scored sections → an extractive answer, or a refusal.

Every sentence of an answer is a unit quoted from a section of our pages (verbatim, except
that a "Yes,"/"No," opener and a "(see X)" link leftover may be dropped), and every passage
names the section it came from; the only other text the bot produces is the fixed wording
below. Which sentences:

- FAQ answers and glossary definitions are quoted from their first paragraph, which the
  writing guide makes stand alone.
- A short learn section is quoted whole (if it has more sentences than fit, its first and
  the most relevant of the others); in a longer one the sentences most similar to the
  question are taken, with a list's lead-in sentence and items kept together, in reading order.
- Up to two more retrieved sections, in rank order, add their most relevant new sentence each,
  if it is relevant enough on its own: the gate is that sentence's similarity to the
  question, not the section's fused rank score, which has no absolute meaning.
- Budget left over after that goes to the most relevant sentences not yet quoted from the
  sections already cited (a fact is often one sentence past where the first pick stopped).
- Then the answer is shaped for a reader: the primary section's sentence that answers this
  kind of question opens it (``shape``), a sentence restating one already quoted (or one an
  earlier answer of the conversation gave) is left out, and an optional word budget stops it
  near a length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer import fragments, shape
from bot.answer.pick import (Candidate, is_meta, leads_in, pick_units, quotable, repeats, restates, unit_relevance)
from bot.answer.records import Citation, Passage
from kb import Section, Unit

__all__ = ["CLOSEST", "REFUSAL", "REFUSAL_HELP", "Candidate", "Composition", "absolute", "citation_for", "compose", "is_meta",
           "refusal"]

REFUSAL = "I don't know: the TAO Guide pages don't cover that question."
REFUSAL_HELP = ("I can answer questions about Bittensor: TAO, subnets, mining and validating, staking, "
                "Dynamic TAO, emissions, fees and wallet safety.")
CLOSEST = "The closest pages are linked below."

SUPPORT_MIN_RELEVANCE = 0.55  # a supporting section must hold a sentence at least this relevant to the question
FILL_MIN_RELEVANCE = 0.45  # a left-over-budget sentence from a cited section must be at least this relevant
SAME_TOPIC = 0.8  # an FAQ or glossary heading this close to the question asks it: its first sentence answers
SAME_QUESTION = 0.9  # an FAQ heading this close to the question is the question: its "Yes,"/"No," answers it
OVERRUN = 1.5  # a sentence may take an answer past its word budget, up to this factor, but none starts beyond it
OWN_WORDS = 0.5  # a follow-up's opening is chosen this much by its own words (the rest: with the conversation folded in)
FITS_BONUS = 0.05  # an opening that fits the kind of question (a figure for "how much") wins a near tie
PRIMARY_BONUS = 0.05  # under a word budget, a sentence of the primary section wins a near tie
LIST_WORDS = 110  # a kept list stays whole up to this many words in all
# point elsewhere; they don't answer. ("Read the expected slippage ..." is an instruction, not a pointer.)
_DISAGREE = re.compile(r"\b(sources|docs) (disagree|differ)\b", re.IGNORECASE)  # a section about that: its caveat answers
_POINTER = re.compile(r"\s*\((see|more in|details in) [^()]{1,40}\)", re.IGNORECASE)  # "(see staking)": a link's leftover


@dataclass(frozen=True)
class Composition:
    passages: list[Passage]
    citations: list[Citation]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)


def compose(question: str, candidates: Sequence[Candidate], max_citations: int = 3, max_sentences: int = 5,
            words: int = 0, said: frozenset[str] = frozenset(), kind: str | None = None) -> Composition:
    """Quote the primary section, then the most relevant new sentence of the next sections that hold one.

    A supporting section qualifies by its own sentence's relevance, however it ranked: an FAQ
    answer or a definition is often followed by the learn section that says more. Budget left
    over goes to the most relevant unquoted sentences of the cited sections. Then the answer is
    shaped for its reader (``shape``): the sentence that answers this kind of question opens it,
    it stops near ``words`` words (0: no word budget), and a yes/no opener stays only for the
    yes/no question it answers. Sentences in ``said`` (earlier answers of the conversation) are
    never quoted again. ``kind`` is the kind of question the user typed (``shape.kind_of``);
    by default the kind of ``question``, which for a follow-up holds the earlier turn too.
    """
    quoted: list[tuple[Candidate, list[int]]] = []  # each cited section and the units quoted from it
    used: list[str] = []
    budget = max_sentences
    # a section of pointers only ("These questions cover ...") or of what was already said can't answer
    candidates = [c for c in candidates if quotable(c, said)]
    for rank, candidate in enumerate(candidates):
        if len(quoted) >= max_citations or budget <= 0 or (words and quoted and _words(quoted) >= words):
            break
        if rank == 0:
            picked = pick_units(candidate, question, budget, said)
        elif candidate.section.kind == "home":  # the home page introduces the site and links on; it never supports
            continue
        else:
            scores = unit_relevance(question, candidate)
            # its most relevant sentence that says something new (pages restate the primary answer)
            picked = [i for i in sorted(quotable(candidate, said), key=lambda i: -scores[i])
                      if scores[i] >= SUPPORT_MIN_RELEVANCE and not leads_in(candidate.section.units[i].text)
                      and not repeats(candidate.section.units[i].text, used)][:1]
        if not picked:
            continue
        used.extend(candidate.section.units[i].text for i in picked)
        budget -= len(picked)
        quoted.append((candidate, picked))
    if budget > 0 and not (words and quoted and _words(quoted) >= words):
        quoted = _fill(question, quoted, used, budget, said)
    kind = kind or shape.kind_of(question)
    ordered = _open_with_answer(kind, question, quoted)
    if words:
        ordered = _within(ordered, question, words)
    citations, passages = [], []
    kept: list[str] = []  # what the answer already says: a sentence restating one of them is dropped
    for candidate, picked in ordered:
        picked = [i for i in picked if not any(restates(candidate.section.units[i].text, k) for k in kept)]
        kept.extend(candidate.section.units[i].text for i in picked)
        if not picked:
            continue
        keep_opener = kind == "yes_no" and candidate.heading >= SAME_QUESTION
        said_here = [(u.text if keep_opener else shape.strip_opener(u.text), u.kind)
                     for u in (candidate.section.units[i] for i in picked)]
        texts = [t for t, _ in said_here if t]
        # the fragment names a sentence or list item (a table row or code is not one run of text on the page)
        first = next((t for t, kind_of_unit in said_here if t and kind_of_unit in ("sentence", "item")), None)
        citations.append(_citation(candidate, first))
        passages.append(Passage(text=_POINTER.sub("", " ".join(texts)), citation=len(passages)))
    return Composition(passages, citations)


def _words(quoted: Sequence[tuple[Candidate, list[int]]]) -> int:
    return sum(len(c.section.units[i].text.split()) for c, picked in quoted for i in picked)


def _open_with_answer(kind: str, question: str, quoted: list[tuple[Candidate, list[int]]]) -> list[tuple[Candidate, list[int]]]:
    """The primary section's sentence that answers this question goes first; the rest follow in reading order.

    The opening is the primary section's quoted sentence most relevant to the question, with a
    small preference for one that fits the kind of question (a figure for "how much", a command
    for "how do I"); for a follow-up, half of that relevance is to its own words alone ("how
    long does that take?" opens with the duration, not with the topic it leans on). An FAQ answer or a definition whose heading is the user's question keeps its
    own first sentence (it was written to open), and so does one whose heading is close to it
    when that sentence fits the kind of question. A list item opens only when it is a sentence
    of its own ("A coldkey swap costs 0.1 TAO."), and a list's lead-in opens with its list; a
    sentence that goes on from another ("For example, …") and a bare "It does." never open.
    (Letting whole list items and lead-ins open: lead accuracy 0.695 -> 0.714, conversations
    0.600 -> 0.646.)
    (Letting a supporting section's sentence open instead was measured: lead accuracy +0.016,
    hit@1 -0.034.)
    """
    if not quoted:
        return quoted
    primary, picked = quoted[0]
    units = primary.section.units
    first = units[picked[0]].text
    if primary.section.kind in ("faq", "glossary") and not _bare(first) and (
            primary.heading >= SAME_QUESTION or primary.heading >= SAME_TOPIC and shape.fits(kind, first)):
        return quoted
    scores = unit_relevance(question, primary)
    if primary.own_scores is not None:  # a follow-up opens with what its own words ask, in the conversation's frame
        scores = (1 - OWN_WORDS) * scores + OWN_WORDS * primary.own_scores
    options = [(float(scores[i]) + (FITS_BONUS if shape.fits(kind, units[i].text) else 0.0), -i) for i in picked
               if _can_open(units[i]) and not _bare(units[i].text)
               and not (shape.continues(units[i].text) and not _DISAGREE.search(primary.section.heading))]
    if not options:
        return quoted
    lead = -max(options)[1]
    if leads_in(units[lead].text):  # "A Subtensor node uses two main ports:" opens with its list
        first = [lead] + [i for i in picked if units[i].block == units[lead].block + 1 and units[i].kind in ("item", "row")]
        return [(primary, first + [i for i in picked if i not in first]), *quoted[1:]]
    return [(primary, [lead] + [i for i in picked if i != lead]), *quoted[1:]]


def _can_open(unit: Unit) -> bool:
    """A sentence, a list's lead-in (which brings its list), or a list item that is a sentence of its own
    ("A coldkey swap costs 0.1 TAO."): not a label ("Stake: run ...", "Switched off. Root can ...")."""
    if unit.kind == "sentence":
        return True
    if unit.kind != "item":
        return False
    text = unit.text.strip()
    head = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return text[:1].isupper() and text.endswith(".") and len(head.split()) >= 5 and ":" not in " ".join(head.split()[:4])


def _bare(text: str) -> bool:
    """A sentence that is only a yes/no ("It does.") cannot open an answer."""
    return shape.strip_opener(text) is None


def _within(ordered: list[tuple[Candidate, list[int]]], question: str, words: int) -> list[tuple[Candidate, list[int]]]:
    """Stop near `words` words: the opening sentence, then the most relevant of the picked sentences, from
    any cited section, while the answer is short; then back to one passage per section, in reading order.

    A sentence may carry the answer past the budget (up to ``OVERRUN`` times it) but none starts
    beyond it. A list stays whole once its lead-in is kept (up to ``LIST_WORDS`` words), and a
    lead-in whose list was dropped goes too.
    """
    if not ordered:
        return ordered
    units = [c.section.units for c, _ in ordered]
    relevance = [unit_relevance(question, c) for c, _ in ordered]
    lead = (0, ordered[0][1][0])
    pool = sorted(((n, i) for n, (_, picked) in enumerate(ordered) for i in picked if (n, i) != lead),
                  key=lambda p: -(relevance[p[0]][p[1]] + (PRIMARY_BONUS if p[0] == 0 else 0.0)))
    keep = [lead]
    total = len(units[0][lead[1]].text.split())
    for n, i in pool:
        size = len(units[n][i].text.split())
        in_list = units[n][i].kind in ("item", "row") and any(m == n and leads_in(units[m][j].text) for m, j in keep)
        if in_list and total + size <= LIST_WORDS or not in_list and total < words and total + size <= words * OVERRUN:
            keep.append((n, i))
            total += size
    out = []
    for n, (candidate, picked) in enumerate(ordered):
        mine = [i for i in picked if (n, i) in keep]
        mine = [i for i in mine if not (leads_in(units[n][i].text) and not any(units[n][j].kind in ("item", "row")
                                                                               for j in mine))]
        if mine:
            out.append((candidate, ([lead[1]] + sorted(i for i in mine if i != lead[1])) if n == 0 else sorted(mine)))
    return out


def _fill(question: str, quoted: list[tuple[Candidate, list[int]]], used: list[str], budget: int,
          said: frozenset[str] = frozenset()) -> list[tuple[Candidate, list[int]]]:
    """Spend the sentence budget that is left on the most relevant new sentences of the sections already cited."""
    pool = []
    for n, (candidate, picked) in enumerate(quoted):
        scores = unit_relevance(question, candidate)
        pool += [(float(scores[i]), n, i) for i in quotable(candidate, said)
                 if i not in picked and scores[i] >= FILL_MIN_RELEVANCE and not leads_in(candidate.section.units[i].text)]
    extra: dict[int, list[int]] = {}
    for _, n, i in sorted(pool, key=lambda p: -p[0]):
        if budget <= 0:
            break
        text = quoted[n][0].section.units[i].text
        if not repeats(text, used):
            used.append(text)
            budget -= 1
            extra.setdefault(n, []).append(i)
    return [(c, sorted(picked + extra.get(n, []))) for n, (c, picked) in enumerate(quoted)]


def refusal(closest: Sequence[Candidate], lead: str = f"{REFUSAL} {REFUSAL_HELP}", links: int = 2) -> Composition:
    """A fixed refusal ("I don't know", or a declined kind of question), pointing at the closest pages we have."""
    seen: set[str] = set()
    citations = []
    for candidate in closest:
        if len(citations) >= links:
            break
        if candidate.section.page not in seen:
            seen.add(candidate.section.page)
            citations.append(_citation(candidate))
    text = f"{lead} {CLOSEST}" if citations else lead
    return Composition([Passage(text=text)], citations)


def _citation(candidate: Candidate, quoted: str | None = None) -> Citation:
    return citation_for(candidate.section, candidate.cosine, quoted)


def absolute(citations: Sequence[Citation], base: str) -> list[Citation]:
    """Citations with absolute links when the site has a public URL (TAOGUIDE_PUBLIC_URL); as they are otherwise."""
    base = base.rstrip("/")
    if not base:
        return list(citations)
    return [c.model_copy(update={"url": base + c.url, "link": base + (c.link or c.url)}) for c in citations]


def citation_for(section: Section, score: float, quoted: str | None = None) -> Citation:
    """A citation of a section; with the sentence quoted from it, its link scrolls to that sentence."""
    return Citation(title=section.page_title, section=section.heading, url=section.url,
                    link=fragments.link(section.url, quoted), score=round(float(score), 4))
