"""Retrieval: rank fusion, and planted facts found by the real model on the fixture index."""

import pytest

from kb import load_index
from kb.search import fuse_ranks


def test_fuse_ranks_rewards_agreement():
    fused = fuse_ranks([[1, 2, 3], [3, 1, 4]], k=60)
    assert max(fused, key=fused.get) == 1
    assert fused[4] == pytest.approx(1 / 63)


def test_fuse_ranks_respects_weights():
    fused = fuse_ranks([[1], [2]], weights=[1.0, 2.0], k=60)
    assert fused[2] == pytest.approx(2 * fused[1])


@pytest.fixture(scope="module")
def index(fixture_site, embedder):
    return load_index(fixture_site, embedder=embedder)


@pytest.mark.parametrize(
    ("query", "section"),
    [
        pytest.param("how long is the cooldown after unstaking", "learn/staking.md#the-staking-cooldown", id="paraphrase"),
        pytest.param("vortan pool swap fee", "learn/pools.md#vortan-pool-commands", id="jargon"),
        pytest.param("number of moons around Vortan", "faq.md#how-many-moons-does-planet-vortan-have", id="faq"),
        pytest.param("what is a glimmerkey", "glossary.md#glimmerkey", id="glossary"),
    ],
)
def test_planted_facts_rank_first(index, query, section):
    assert index.search(query, k=3)[0].section.id == section


def test_hits_carry_both_retrievers_evidence(index):
    hit = index.search("staking cooldown 42 blocks", k=1)[0]
    assert hit.dense is not None and 0 < hit.dense <= 1
    assert hit.lexical and hit.lexical > 0
    assert hit.rank_dense and hit.rank_lexical


def test_unrelated_question_has_low_cosine_everywhere(index):
    assert max(h.dense for h in index.search("how do I bake sourdough bread?", k=5)) < 0.3


@pytest.mark.parametrize(("term", "known"), [("unstake", True), ("cooldown", True), ("remove stake", True),
                                              ("withdraw stake", False), ("halvening", False)])
def test_a_term_counts_as_the_pages_own_in_any_inflection(index, term, known):
    # the fixture pages say "unstakes" and "stake remove"; synonyms are expanded only for terms they never use
    assert index._known(term) is known


def test_every_candidate_keeps_its_own_bm25_score_beyond_the_bm25_list(index):
    # with a BM25 list of one section, the others are found by dense search; those sharing the
    # question's words still carry their BM25 score (a section just outside the list is not a zero)
    query = "how long is the cooldown after unstaking"
    scores = index.lexical(query)
    hits = index.search(query, k=10, depth=1)
    positions = {s.id: i for i, s in enumerate(index.sections)}
    beyond = [h for h in hits if h.rank_lexical is None and scores[positions[h.section.id]] > 0]
    assert beyond, "the fixture should have a dense-only candidate that shares a word with the query"
    for hit in beyond:
        assert hit.lexical == pytest.approx(scores[positions[hit.section.id]])


def test_lexical_scores_cover_every_section(index):
    scores = index.lexical("vortan pool swap fee")
    assert scores.shape == (len(index.sections),)
    assert scores[[s.id for s in index.sections].index("learn/pools.md#vortan-pool-commands")] == scores.max() > 0
    assert not index.lexical("!!!").any()
