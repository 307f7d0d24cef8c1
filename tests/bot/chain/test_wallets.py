"""A coldkey valued at the pools: free balance, each position's value at the pool price and after
the swap fee and slippage, its share, totals that say what they leave out, and the Root Reborn
fund shares when the chain offers them (and a sentence when it does not)."""

import pytest

from bot.chain import wallets
from bot.chain.source import fetch_portfolio, fetch_snapshot
from bot.chain.split import FEE_RATE
from tests.bot.chain.fake_substrate import UNPRICED_NETUID, VALIDATOR_A, WALLET_1, WALLET_2, staker_chain


@pytest.fixture(scope="module")
def snapshot():
    return fetch_snapshot("finney", substrate=staker_chain())


def test_a_wallet_with_free_balance_positions_and_a_position_without_a_price(snapshot):
    report = wallets.report(snapshot, fetch_portfolio("finney", WALLET_1, substrate=staker_chain()), "live")
    assert report.free_tao == pytest.approx(12.5)
    by = {p.netuid: p for p in report.positions}
    assert by[64].validator == "Nimbus Validator" and by[64].tao_value == pytest.approx(100 * 0.09049194)
    pool = snapshot.subnet(64)
    net = 100 * (1 - FEE_RATE)
    assert by[64].tao_after_sale == pytest.approx(pool.tao_in * net / (pool.alpha_in + net))
    assert by[64].tao_after_sale < by[64].tao_value and by[64].estimate is False
    assert by[0].tao_value == by[0].tao_after_sale == pytest.approx(5.0)  # root stake is TAO: no swap
    assert by[UNPRICED_NETUID].tao_value is None and by[UNPRICED_NETUID].share is None
    assert report.stake_tao_value == pytest.approx(5 + 100 * 0.09049194)
    assert report.total_tao_value == pytest.approx(12.5 + 5 + 100 * 0.09049194)
    assert by[0].share + by[64].share == pytest.approx(1.0)
    [left] = report.left_out
    assert left.startswith(f"SN{UNPRICED_NETUID} (3.0000 alpha") and "no price" in left


def test_root_fund_shares_and_what_a_claim_would_realize(snapshot):
    report = wallets.report(snapshot, fetch_portfolio("finney", WALLET_1, substrate=staker_chain()), "live")
    [fund] = report.root_funds
    assert (fund.hotkey, fund.validator) == (VALIDATOR_A, "Nimbus Validator")
    assert fund.beta == pytest.approx(4.0) and fund.fund_share == pytest.approx(0.004) and fund.owed_tao == pytest.approx(4.1)
    assert "not part of the totals" in report.root_funds_note


def test_a_chain_without_the_fund_reads_says_so():
    fake = staker_chain()
    fake.missing_runtime.add(("BetaBasketRuntimeApi", "get_root_basket_portfolio"))
    snapshot = fetch_snapshot("finney", substrate=staker_chain())
    report = wallets.report(snapshot, fetch_portfolio("finney", WALLET_1, substrate=fake), "live")
    assert report.root_funds is None and "does not offer Root Reborn fund reads" in report.root_funds_note
    assert len(report.positions) == 3  # the rest of the wallet is still read


def test_a_second_wallet_on_another_validator_without_identity(snapshot):
    report = wallets.report(snapshot, fetch_portfolio("finney", WALLET_2, substrate=staker_chain()), "live")
    [p] = report.positions
    assert p.netuid == 1 and p.validator is None and p.share == pytest.approx(1.0)
    assert report.free_tao == pytest.approx(1.0) and report.root_funds == [] and report.left_out == []


@pytest.mark.parametrize(("alpha", "expected"), [(0, 0.0), (1_000, None)])
def test_a_sale_needs_the_pool_reserves(alpha, expected):
    from bot.chain.model import SubnetFacts

    assert wallets.sell_quote(SubnetFacts(netuid=5, price_tao_per_alpha=0.1), alpha) == (expected, False)
