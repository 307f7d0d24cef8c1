"""Pure: "stake across this basket": an amount of TAO split equally or by market cap, and what
each pool would give for its part, from the snapshot's pool reserves.

The formula is the one the fees and Dynamic TAO pages document: the swap fee (FeeRate 33 of
65,535, about 0.0504 %, paid in TAO when staking) comes off first, then a constant-product
pool holding T TAO and A alpha pays A × x ÷ (T + x) alpha for x TAO (the pages' example: 5 TAO
into 10 TAO / 100 alpha gives 33.33 alpha). Slippage is measured against the spot price
T ÷ A and equals x ÷ (T + x).

Whether a pool follows that curve: since June 2026 the chain's pools are Balancer-style
weighted pools whose price is (w1 × T) ÷ (w2 × A); with equal weights that is T ÷ A and the
swap is exactly constant-product. The snapshot carries no weights, but it does carry the price,
so a price that differs from T ÷ A by more than ``PRICE_MATCH`` (0.1 %, well above the rounding
of the bundled snapshot's reserves) means the curve is not the one the formula assumes, and
that member is flagged ``estimate`` with a note that says so. Every result is a quote at the
snapshot's block: other trades before yours change it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from bot.chain.model import SubnetFacts
from bot.errors import BotError

FEE_RATE = 33 / 65_535  # the default FeeRate (content/learn/fees.md)
MIN_STAKE_TAO = 0.002  # DefaultMinStake, 2,000,000 rao, plus the fee (content/learn/staking.md)
# Upper bound of an amount: half of all TAO in every subnet pool of the bundled snapshot (2.05
# million); a larger amount is a typo, and no pool quote means anything at that size.
MAX_AMOUNT_TAO = 1_000_000.0
PRICE_MATCH = 0.001
Weighting = Literal["equal", "cap"]


class BadSplit(BotError):
    """The calculator was given an amount or a weighting it cannot use."""

    status = 422
    code = "bad_split"


@dataclass(frozen=True)
class Leg:
    netuid: int
    tao: float  # this member's part of the amount, fee included
    alpha_out: float | None
    fee_tao: float
    slippage: float | None  # fraction lost against the spot price
    estimate: bool
    note: str


def parse_amount(text: str | float) -> float:
    """The amount the reader typed, or BadSplit with the accepted range."""
    try:
        amount = float(str(text).strip().replace(",", "").replace("_", ""))
    except ValueError:
        amount = math.nan
    if not math.isfinite(amount) or not 0 < amount <= MAX_AMOUNT_TAO:
        raise BadSplit(f"The amount must be a number of TAO greater than 0 and at most {MAX_AMOUNT_TAO:,.0f} "
                       f"(got {str(text)[:40]!r}); for example ?amount=100&by=equal.")
    return amount


def quote(subnet: SubnetFacts, tao: float) -> Leg:
    """What staking ``tao`` into one subnet's pool would give, fee first, constant product after."""
    fee = tao * FEE_RATE
    below = (f" {tao:.6g} TAO is below the chain's staking minimum of {MIN_STAKE_TAO} TAO plus the fee, so the chain "
             "would reject this stake." if tao < MIN_STAKE_TAO * (1 + FEE_RATE) else "")
    pool_tao, pool_alpha = subnet.tao_in, subnet.alpha_in
    if not pool_tao or not pool_alpha:
        return Leg(subnet.netuid, tao, None, fee, None, True,
                   "This snapshot has no pool reserves for this subnet, so no quote can be made." + below)
    net = tao - fee
    alpha_out = pool_alpha * net / (pool_tao + net)
    ratio, price = pool_tao / pool_alpha, subnet.price_tao_per_alpha
    if price is not None and abs(price / ratio - 1) <= PRICE_MATCH:
        estimate, note = False, ("The pool's price matches its reserves (TAO ÷ alpha), so the constant-product formula "
                                 "applies; trades before yours change the result.")
    else:
        seen = "has no price" if price is None else (f"price {price:.6g} differs from its reserve ratio {ratio:.6g} "
                                                     f"by {abs(price / ratio - 1):.1%}")
        estimate, note = True, (f"Estimate: the pool's {seen}, so its curve is not the plain constant product this "
                                "formula assumes (a weighted pool or extra liquidity).")
    return Leg(subnet.netuid, tao, alpha_out, fee, net / (pool_tao + net), estimate, note + below)


def split(members: list[SubnetFacts], amount: float, by: str) -> list[Leg]:
    """The amount shared out over the members (equally, or in proportion to market cap)."""
    if by not in ("equal", "cap"):
        raise BadSplit(f"by must be 'equal' or 'cap' (got {by[:20]!r}); for example ?amount=100&by=cap.")
    if not members:
        return []
    if by == "cap":
        caps = [m.market_cap_tao for m in members]
        if any(c is None for c in caps) or sum(caps) <= 0:  # type: ignore[arg-type]
            raise BadSplit("This snapshot lacks the market cap of a member of this basket, so it cannot be split by "
                           "cap; use by=equal.")
        weights = [c / sum(caps) for c in caps]  # type: ignore[operator, arg-type]
    else:
        weights = [1 / len(members)] * len(members)
    return [quote(m, amount * w) for m, w in zip(members, weights)]


def summary(legs: list[Leg]) -> dict[str, Any]:
    """The totals of a split: TAO in, fees, and the TAO lost to slippage (None when a member has no quote)."""
    lost = [leg.slippage * (leg.tao - leg.fee_tao) if leg.slippage is not None else None for leg in legs]
    return {"tao": sum(leg.tao for leg in legs), "fee_tao": sum(leg.fee_tao for leg in legs),
            "slippage_tao": None if None in lost else sum(lost),  # type: ignore[arg-type]
            "estimate": any(leg.estimate for leg in legs)}
