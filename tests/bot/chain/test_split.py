"""The stake-across-a-basket calculator: fee first, then the constant-product pool, as the
fees and Dynamic TAO pages document; members off that curve are flagged as estimates."""

import math

import pytest

from bot.chain.bundled import load_bundled
from bot.chain.model import RAO, SubnetFacts
from bot.chain.split import FEE_RATE, MAX_AMOUNT_TAO, BadSplit, parse_amount, quote, split, summary


def pool(tao, alpha, price=None, netuid=5, alpha_out=None):
    return SubnetFacts(netuid=netuid, tao_in_rao=round(tao * RAO), alpha_in_rao=round(alpha * RAO),
                       price_tao_per_alpha=tao / alpha if price is None else price,
                       alpha_out_rao=None if alpha_out is None else round(alpha_out * RAO))


GROSS_5 = 5 / (1 - FEE_RATE)  # the pages' examples swap 5 TAO; this much pays the fee and leaves 5 for the pool


def test_the_fees_page_example_5_tao_into_10_tao_and_100_alpha():
    leg = quote(pool(10, 100), GROSS_5)
    assert leg.alpha_out == pytest.approx(33.33, abs=0.01) and leg.slippage == pytest.approx(5 / 15)
    assert leg.fee_tao == pytest.approx(0.0025, abs=1e-4)  # "only about 0.0025 TAO"
    assert leg.estimate is False and "constant-product formula applies" in leg.note
    net = 5 * (1 - FEE_RATE)
    assert quote(pool(10, 100), 5).alpha_out == pytest.approx(100 * net / (10 + net))  # the fee comes off first


def test_the_fee_is_the_default_fee_rate():
    assert FEE_RATE == 33 / 65_535 and quote(pool(10_000, 100_000), 100).fee_tao == pytest.approx(0.0504, abs=1e-4)


def test_a_deep_pool_has_almost_no_slippage():
    assert quote(pool(10_000, 100_000), GROSS_5).alpha_out == pytest.approx(49.975, abs=0.001)


def test_a_pool_whose_price_is_off_its_reserves_is_an_estimate_that_says_why():
    leg = quote(pool(10, 100, price=0.2), 5)
    assert leg.estimate is True and "differs from its reserve ratio" in leg.note and "100.0%" in leg.note


def test_bundled_pools_off_the_curve_are_flagged():
    bundled = load_bundled()
    assert quote(bundled.subnet(103), 10).estimate is True  # price 14 % under its reserve ratio
    assert quote(bundled.subnet(64), 10).estimate is False


def test_no_reserves_no_quote():
    leg = quote(SubnetFacts(netuid=9), 1)
    assert leg.alpha_out is None and leg.estimate is True and "no pool reserves" in leg.note


def test_a_part_below_the_staking_minimum_is_noted():
    assert "below the chain's staking minimum" in quote(pool(10, 100), 0.001).note


def test_equal_and_cap_splits():
    a, b = pool(1000, 10_000, netuid=1, alpha_out=3000), pool(100, 1000, netuid=2, alpha_out=1000)
    assert [leg.tao for leg in split([a, b], 10, "equal")] == [5, 5]
    by_cap = split([a, b], 10, "cap")  # caps 300 and 100 TAO
    assert [leg.tao for leg in by_cap] == pytest.approx([7.5, 2.5])
    totals = summary(by_cap)
    assert totals["tao"] == pytest.approx(10) and totals["fee_tao"] == pytest.approx(10 * FEE_RATE)
    assert totals["slippage_tao"] == pytest.approx(sum(l.slippage * (l.tao - l.fee_tao) for l in by_cap))


def test_a_cap_split_needs_every_market_cap():
    with pytest.raises(BadSplit, match="use by=equal"):
        split([pool(10, 100), pool(10, 100, netuid=6, alpha_out=5)], 10, "cap")
    with pytest.raises(BadSplit, match="'equal' or 'cap'"):
        split([pool(10, 100)], 10, "weird")


@pytest.mark.parametrize("text", ["-5", "0", "abc", "", "nan", "inf", "1e300", str(MAX_AMOUNT_TAO * 2), "1/2"])
def test_bad_amounts_are_refused_with_the_accepted_range(text):
    with pytest.raises(BadSplit, match="greater than 0 and at most 1,000,000") as error:
        parse_amount(text)
    assert error.value.status == 422


@pytest.mark.parametrize(("text", "value"), [("100", 100.0), (" 2.5 ", 2.5), ("1,000", 1000.0), ("1e3", 1000.0)])
def test_good_amounts(text, value):
    assert math.isclose(parse_amount(text), value)
