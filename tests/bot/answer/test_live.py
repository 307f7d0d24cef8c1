"""Every live answer says how old its data is; a "right now" question whose data is not current is told so
first; a page's rule dated after the snapshot is followed by a sentence saying the snapshot predates it.

The chains here are real ``ChainFacts`` over the SDK with the fake substrate at its seam: one read at the
fake's block, then the chain fails, so the numbers are the last known and the failure's time is known.
"""

from datetime import UTC, datetime, timedelta

import pytest

from bot.answer import Engine
from bot.chain import source
from bot.chain.banner import age_text
from bot.chain.questions import INTENTS
from bot.chain.service import ChainFacts
from tests.bot.chain.fake_substrate import WALLET_1, staker_chain

READ_AT = datetime.fromtimestamp(1_775_000_000, UTC)  # the fake chain's block time
FAILED_AT = READ_AT + timedelta(hours=3)

# One question per kind of live answer (every intent the question parser knows, the validator take by name
# and an address's portfolio).
QUESTIONS = {
    "count": "how many subnets are there?",
    "rank": "top 3 subnets by emission",
    "block": "which block is the chain at?",
    "issuance": "total issuance?",
    "registration": "what's the registration cost on netuid 1?",
    "subnet_cost": "how much does it cost to create a subnet?",
    "owner": "who owns subnet 1?",
    "price": "what's the price of SN64 alpha?",
    "emission": "emission of sn64",
    "pool": "how much TAO is in the sn64 pool?",
    "tempo": "what is the tempo of sn64?",
    "symbol": "what is the symbol of sn64?",
    "neurons": "how many neurons on sn64?",
    "name": "what is the name of netuid 64?",
    "overview": "tell me about sn64",
    "change": "how did SN64's price change this week?",
    "movers": "top movers this week",
    "basket": "which subnets are in the compute basket?",
    "validator": "what's the take of Nimbus Validator?",
    "portfolio": f"whats my balance {WALLET_1}",
}


@pytest.fixture
def unreachable_engine(real_settings, real_engine, tmp_path):
    """The real pages over a chain read once and unreachable since (its last attempt three hours later)."""
    reads = iter([lambda: source.fetch_snapshot("finney", substrate=staker_chain())])
    now = [READ_AT]

    def fetch():
        read = next(reads, None)
        if read is None:
            raise source.ChainUnavailable("no route to the endpoint")
        return read()

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=fetch, clock=lambda: now[0])
    assert facts.refresh_once()
    now[0] = FAILED_AT
    assert facts.refresh_once() is False
    now[0] = FAILED_AT + timedelta(minutes=5)
    return Engine(real_settings, real_engine.index, chain=facts,
                  portfolio_fetch=lambda network, coldkey, timeout: source.fetch_portfolio(
                      network, coldkey, substrate=staker_chain()))


def test_the_questions_cover_every_kind_of_live_answer():
    assert set(QUESTIONS) == set(INTENTS) | {"validator", "portfolio"}


@pytest.mark.parametrize("intent", sorted(QUESTIONS))
def test_every_live_answer_includes_the_age_of_its_data(unreachable_engine, intent):
    answer = unreachable_engine.answer(QUESTIONS[intent])
    assert answer.kind == "live" and answer.live.intent == intent, answer.text
    age = f"{age_text(answer.live.age_s)} old"
    assert answer.live.age_s == int((FAILED_AT + timedelta(minutes=5) - READ_AT).total_seconds())
    assert age == "3 hours old" and age in answer.text and answer.live.label in answer.text
    assert "the chain can't be reached right now (last attempt " in answer.text
    assert answer.live.time == READ_AT.isoformat()


@pytest.mark.parametrize("question", ["price of sn64 alpha right now?", "what's the current emission of sn64?",
                                      "live price of chutes"])
def test_a_right_now_question_is_told_first_that_its_data_is_not_current(unreachable_engine, question):
    answer = unreachable_engine.answer(question)
    assert answer.kind == "live"
    assert answer.text.startswith("These are not current numbers: the chain can't be reached right now (last attempt "
                                  f"{FAILED_AT:%H:%M} UTC), so the numbers below are the last known, from block "
                                  "8,000,000 at ")
    assert answer.passages[0].text.endswith(", 3 hours old.")


def test_a_question_without_right_now_opens_with_the_page_sentence_as_before(unreachable_engine):
    answer = unreachable_engine.answer("what's the price of SN64 alpha?")
    assert not answer.text.startswith("These are not current numbers") and answer.passages[0].citation == 0


def test_a_right_now_question_answered_live_gets_no_warning(real_settings, real_engine, tmp_path):
    facts = ChainFacts("finney", tmp_path / "snap.json", clock=lambda: READ_AT + timedelta(seconds=30),
                       fetch=lambda: source.fetch_snapshot("finney", substrate=staker_chain()))
    assert facts.refresh_once()
    answer = Engine(real_settings, real_engine.index, chain=facts).answer("price of sn64 alpha right now?")
    assert answer.live.state == "live" and "not current" not in answer.text and "30 seconds old" in answer.text


def test_a_rule_dated_after_the_snapshot_is_followed_by_the_sentence_that_the_snapshot_predates_it(real_engine):
    """The emission answer quotes the pages' rule "As of December 2026, ..." next to the March 2026 snapshot."""
    answer = real_engine.answer("emission of sn64")
    rule = answer.passages[0].text
    assert rule.startswith("As of December 2026,") and answer.passages[0].citation == 0
    assert answer.passages[1].text == ("The snapshot predates that rule: the pages describe the chain as of December "
                                       "2026, and these numbers are from 22 March 2026 (block 7,801,029), so they may "
                                       "follow an earlier rule.")
    assert answer.passages[2].text.startswith("SN64 (Chutes) receives ")


def test_an_undated_concept_sentence_gets_no_such_sentence(real_engine):
    answer = real_engine.answer("what's the price of SN64 alpha?")
    assert "predates" not in answer.text and len(answer.passages) == 2
