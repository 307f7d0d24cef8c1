"""A question carrying an address gets the portfolio lookup, or a message saying where to look it up."""

import functools

from bot.answer.engine import Engine
from bot.chain import source
from tests.bot.web.routes.test_chain import COLDKEY, seeded_fake


def test_an_address_in_the_question_gets_its_portfolio_with_block_and_freshness(real_settings, real_engine):
    engine = Engine(real_settings, real_engine.index, real_engine.chain,
                    portfolio_fetch=functools.partial(source.fetch_portfolio, substrate=seeded_fake()))
    answer = engine.answer(f"whats my balance {COLDKEY}")
    assert answer.kind == "live" and answer.live.intent == "portfolio"
    assert "SN64" in answer.text and "read at block" in answer.text and answer.live.label in answer.text


def test_an_unreachable_chain_says_where_to_look_the_address_up(real_settings, real_engine):
    def down(*_args, **_kwargs):
        raise source.ChainUnavailable("no route")

    engine = Engine(real_settings, real_engine.index, real_engine.chain, portfolio_fetch=down)
    answer = engine.answer(f"how much is staked on {COLDKEY}?")
    assert answer.kind == "answer" and "taostats.io" in answer.text and f"taoguide chain portfolio {COLDKEY}" in answer.text


def test_a_cut_off_address_is_explained_not_looked_up(real_engine):
    answer = real_engine.answer("whats my balance 5FHneW46xGXgs5mUiveU4sbTyGBzmstUs")
    assert answer.kind == "answer" and "not a valid Bittensor coldkey address" in answer.text
