"""Pure: a coldkey's positions valued at the snapshot's pools: the TAO value at the pool price, what
selling now would pay after the swap fee and slippage, each position's share of the wallet, and
totals that say what they leave out.

Selling x alpha into a pool holding T TAO and A alpha: the swap fee (``split.FEE_RATE``, about
0.0504 %) comes off the alpha first, then the constant-product curve pays T × x' ÷ (A + x') TAO
for the x' left (the fees page's formula, the one the split calculator uses for buying). Root
stake is TAO and leaves root without a swap. A pool whose price is off its reserve ratio
(``split.PRICE_MATCH``) is not on that curve: its quote is marked an estimate. A position on a
subnet the snapshot has no price for is listed with no value, and the total names it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts
from bot.chain.split import FEE_RATE, PRICE_MATCH


class Position(BaseModel):
    hotkey: str
    netuid: int
    name: str | None = Field(None, description="The subnet's name.")
    validator: str | None = Field(None, description="The validator's on-chain identity name, when it published one.")
    alpha: float = Field(description="Amount staked, in the subnet's alpha (TAO on root).")
    price: float | None = Field(None, description="The pool's spot price, TAO per alpha (1 on root).")
    tao_value: float | None = Field(description="alpha × the pool price, in TAO; None when the snapshot has no price.")
    tao_after_sale: float | None = Field(None, description="TAO received if sold now: after the swap fee and the pool's slippage.")
    estimate: bool = Field(False, description="The pool is not on the constant-product curve, so the sale is an estimate.")
    share: float | None = Field(None, description="This position's part of the wallet's valued stake (0..1).")


class RootFundShare(BaseModel):
    hotkey: str
    validator: str | None = None
    beta: float = Field(description="Fund shares (β) held in this validator's Root Reborn fund.")
    fund_share: float = Field(description="The part of the whole fund these shares are (0..1).")
    owed_tao: float = Field(description="TAO a claim would realize now, as the chain quotes it.")


class PortfolioReport(BaseModel):
    coldkey: str
    free_tao: float = Field(0.0, description="Free (unstaked) TAO balance.")
    positions: list[Position]
    stake_tao_value: float = Field(0.0, description="Sum of the positions that have a value, in TAO.")
    stake_after_sale: float = Field(0.0, description="Sum of what selling those positions now would pay.")
    total_tao_value: float = Field(description="Free balance plus the valued stake, in TAO.")
    left_out: list[str] = Field(default_factory=list, description="Positions the totals leave out, and why.")
    root_funds: list[RootFundShare] | None = Field(None, description="Root Reborn fund shares; None when the chain does not offer them.")
    root_funds_note: str = ""
    block: int
    prices: str
    recorded: str | None = Field(None, description="Set when the chain could not be reached: the stored reading of this "
                                                  "tracked wallet the positions come from (block and time).")


def sell_quote(subnet: SubnetFacts | None, alpha: float) -> tuple[float | None, bool]:
    """(TAO received for selling ``alpha`` now, whether it is an estimate); (None, False) without the pool's reserves."""
    if subnet is None or not subnet.tao_in_rao or not subnet.alpha_in_rao or alpha <= 0:
        return (0.0, False) if alpha == 0 else (None, False)
    tao_in, alpha_in = subnet.tao_in_rao / RAO, subnet.alpha_in_rao / RAO
    net = alpha * (1 - FEE_RATE)
    price = subnet.price_tao_per_alpha
    estimate = price is not None and abs(price / (tao_in / alpha_in) - 1) > PRICE_MATCH
    return tao_in * net / (alpha_in + net), estimate


def position(snapshot: NetworkSnapshot, hotkey: str, netuid: int, amount_rao: int, validator: str | None) -> Position:
    alpha = amount_rao / RAO
    subnet = snapshot.subnet(netuid)
    if netuid == 0:
        return Position(hotkey=hotkey, netuid=0, name="root", validator=validator, alpha=alpha, price=1.0,
                        tao_value=alpha, tao_after_sale=alpha)
    price = subnet.price_tao_per_alpha if subnet else None
    after, estimate = sell_quote(subnet, alpha) if price is not None else (None, False)
    return Position(hotkey=hotkey, netuid=netuid, name=subnet.name if subnet else None, validator=validator, alpha=alpha,
                    price=price, tao_value=None if price is None else alpha * price, tao_after_sale=after, estimate=estimate)


def _name_of(snapshot: NetworkSnapshot, names: dict[str, str], hotkey: str) -> str | None:
    known = snapshot.validator(hotkey)
    return (known.name if known else None) or names.get(hotkey)


def report(snapshot: NetworkSnapshot, facts: Any, prices: str) -> PortfolioReport:
    """A ``source.PortfolioFacts`` valued at ``snapshot``'s pools."""
    names = dict(getattr(facts, "names", {}) or {})
    positions = [position(snapshot, p.hotkey, p.netuid, p.stake_rao, _name_of(snapshot, names, p.hotkey))
                 for p in sorted(facts.positions, key=lambda p: (p.netuid, p.hotkey)) if p.stake_rao]
    valued = [p for p in positions if p.tao_value is not None]
    stake = sum(p.tao_value or 0.0 for p in valued)
    for p in valued:
        p.share = p.tao_value / stake if stake else None
    left_out = [f"SN{p.netuid} ({p.alpha:,.4f} alpha on {p.hotkey[:6]}…{p.hotkey[-4:]}): the snapshot has no price "
                "for this subnet" for p in positions if p.tao_value is None]
    after = sum(p.tao_after_sale for p in valued if p.tao_after_sale is not None)
    left_out += [f"SN{p.netuid}: no pool reserves to quote a sale, so the after-sale total leaves it out"
                 for p in valued if p.tao_after_sale is None]
    funds, note = None, "This chain does not offer Root Reborn fund reads (BetaBasketRuntimeApi), so fund shares and owed amounts are not shown."
    if getattr(facts, "root_funds", None) is not None:
        funds = [RootFundShare(hotkey=f.hotkey, validator=_name_of(snapshot, names, f.hotkey), beta=f.beta,
                               fund_share=f.fund_fraction, owed_tao=f.value_tao) for f in facts.root_funds]
        note = ("Owed is what claiming with `btcli root claim --hotkey …` would realize now; it is not part of the totals."
                if funds else "No Root Reborn fund shares on this coldkey.")
    free = getattr(facts, "free_rao", 0) / RAO
    return PortfolioReport(coldkey=facts.coldkey, free_tao=free, positions=positions, stake_tao_value=stake,
                           stake_after_sale=after, total_tao_value=free + stake, left_out=left_out, root_funds=funds,
                           root_funds_note=note, block=facts.block, prices=prices)
