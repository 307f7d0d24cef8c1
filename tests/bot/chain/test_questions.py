"""Which questions need live chain numbers, and which numbers (a table of phrasings)."""

import pytest

from bot.chain.bundled import load_bundled
from bot.chain.questions import LiveQuery, asks_now, name_index, normalise, parse_live

SNAPSHOT = load_bundled()
COMMON = {normalise(w) for w in "swap score oracle liquidity investing pending reserved beam swarm dojo handshake "
          "chunking satori bittensor subnet price the for".split()}
NAMES = name_index({s.netuid: s.name for s in SNAPSHOT.subnets}, COMMON)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # network-wide numbers
        ("how many subnets are there?", LiveQuery("count")),
        ("How many subnets exist right now", LiveQuery("count")),
        ("number of active subnets?", LiveQuery("count")),
        ("whats the current block height", LiveQuery("block")),
        ("what block is the chain at", LiveQuery("block")),
        ("what's the total issuance of TAO?", LiveQuery("issuance")),
        ("circulating supply?", LiveQuery("issuance")),
        ("how much does it cost to create a subnet right now?", LiveQuery("subnet_cost")),
        ("subnet registration cost today", LiveQuery("subnet_cost")),
        # rankings
        ("top 5 subnets by emission", LiveQuery("rank", rank_by="emission", limit=5)),
        ("top 10 subnets by price", LiveQuery("rank", rank_by="price", limit=10)),
        ("which subnets have the biggest pools", LiveQuery("rank", rank_by="pool")),
        ("highest market cap subnets", LiveQuery("rank", rank_by="market_cap")),
        ("lowest emission subnets", LiveQuery("rank", rank_by="emission", ascending=True)),
        # one subnet, by number
        ("what's the price of SN64 alpha?", LiveQuery("price", (64,))),
        ("sn64 price", LiveQuery("price", (64,))),
        ("price of subnet 64", LiveQuery("price", (64,))),
        ("netuid 64 alpha price?", LiveQuery("price", (64,))),
        ("SN 8 price", LiveQuery("price", (8,))),
        ("who owns subnet 1?", LiveQuery("owner", (1,))),
        ("owner of sn8", LiveQuery("owner", (8,))),
        ("what's the registration cost on netuid 19?", LiveQuery("registration", (19,))),
        ("burn cost sn19", LiveQuery("registration", (19,))),
        ("how much to register on subnet 19", LiveQuery("registration", (19,))),
        ("emission of netuid 1", LiveQuery("emission", (1,))),
        ("how much does sn3 emit per day", LiveQuery("emission", (3,))),
        ("tempo of subnet 19", LiveQuery("tempo", (19,))),
        ("how much tao is in the sn64 pool", LiveQuery("pool", (64,))),
        ("what is subnet 19 called?", LiveQuery("name", (19,))),
        ("name of sn 12", LiveQuery("name", (12,))),
        ("what is sn64's token symbol", LiveQuery("symbol", (64,))),
        ("tell me about sn64", LiveQuery("overview", (64,))),
        ("compare sn1 and sn64 prices", LiveQuery("price", (1, 64))),
        # one subnet, by name (case, typos, the τ in τemplar)
        ("price of chutes", LiveQuery("price", (64,))),
        ("Chutes alpha price?", LiveQuery("price", (64,))),
        ("templar emissions", LiveQuery("emission", (3,))),
        ("τemplar pool size", LiveQuery("pool", (3,))),
        ("price of chutse", LiveQuery("price", (64,))),
        # changes over time and baskets, from the chain history
        ("how did SN64's price change this week?", LiveQuery("change", (64,), window="7d")),
        ("is chutes up today", LiveQuery("change", (64,), window="24h")),
        ("sn64 price change", LiveQuery("change", (64,), window="24h")),
        ("how much did subnet 3 drop in the last hour", LiveQuery("change", (3,), window="1h")),
        ("top movers today", LiveQuery("movers", window="24h")),
        ("biggest losers this week", LiveQuery("movers", window="7d", ascending=True)),
        ("which subnets went up the most in the past 24h?", LiveQuery("movers", window="24h")),
        ("which subnets are in the compute basket?", LiveQuery("basket", basket="compute")),
        ("what's in the inference basket", LiveQuery("basket", basket="inference")),
        ("who owns targon", LiveQuery("owner", (4,))),
        ("lium pool", LiveQuery("pool", (51,))),
        ("what does chutes do", LiveQuery("overview", (64,))),
        # conceptual questions go to the pages
        ("what is a subnet?", None),
        ("how is the alpha price set?", None),
        ("how many subnets can there be?", None),
        ("what's the max number of subnets allowed?", None),
        ("how does the subnet registration price change over time?", None),
        ("why does the price to start a new subnet keep jumping up?", None),
        ("what is netuid 0", None),
        ("who owns a subnet?", None),
        ("what is emission?", None),
        ("is bittensor mining like bitcoin mining?", None),
        ("what is the price of swapping alpha?", None),  # "Swap" is a subnet name, but here a word
        ("tips for a really rich ramen broth", None),
        ("how long does it take to make a block on bittensr", None),  # a typo, not the Gittensor subnet
        # questions that name blocks, prices or subnets as concepts
        ("is the halving triggered by block height?", None),
        ("what determines the price of sn64 alpha?", None),
        ("how is the emission of subnet 8 calculated?", None),
        ("does the block reward depend on the number of subnets?", None),
    ],
)
def test_live_question_recognition(question, expected):
    assert parse_live(question, NAMES, COMMON) == expected


def test_at_least_forty_phrasings_are_specified():
    assert len(test_live_question_recognition.pytestmark[0].args[1]) >= 40


def test_a_misspelt_name_repeated_costs_what_it_costs_once(monkeypatch):
    import difflib

    from bot.chain import questions

    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(questions.difflib, "get_close_matches", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    once = questions.find_subnets("price of chutse", NAMES, COMMON)
    looked_up_once = len(calls)
    repeated = questions.find_subnets("chutse " * 142, NAMES, COMMON)
    assert once == repeated == (64,)
    assert len(calls) - looked_up_once == looked_up_once  # the fuzzy match runs for "chutse" once, not 142 times


def test_typos_are_looked_for_in_a_bounded_number_of_distinct_words():
    from bot.chain.questions import MAX_FUZZY_TOKENS, find_subnets

    words = " ".join(f"zqxw{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(200))  # 200 distinct unknown words
    assert find_subnets(words + " chutse", NAMES, COMMON) == ()  # past the bound: not looked at
    assert find_subnets("chutse " + words, NAMES, COMMON) == (64,)
    assert MAX_FUZZY_TOKENS <= 10


@pytest.mark.parametrize(("question", "now"), [
    ("price of sn64 alpha right now?", True), ("what's the current emission of sn64", True),
    ("live price of chutes", True), ("latest block?", True), ("what is sn64 at currently", True),
    ("what's the price of SN64 alpha?", False), ("is chutes up today?", False),  # "today" is a window, not "now"
    ("top 5 subnets by emission", False),
])
def test_which_questions_ask_for_the_numbers_as_they_are_now(question, now):
    assert asks_now(question) is now
