"""Pure: the chat's answers about change over time and baskets, from the chain history.

"How did SN64's price change this week?", "top movers today" and "which subnets are in the
compute basket?" are answered from the same numbers as the screener and the baskets page: a
change is measured from the stored record nearest to one window ago (``changes.change``),
and every answer says which blocks it compares and how fresh they are. When the history does
not span the window (a new server, or only the bundled snapshot), the answer says so and
what it would need, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.chain.baskets import Basket
from bot.chain.changes import WINDOWS, change, reference, thin_pool
from bot.chain.model import NetworkSnapshot, SubnetFacts
from bot.chain.service import Freshness
from bot.chain.timeline import History

SPOKEN = {"1h": "the last hour", "24h": "the last 24 hours", "7d": "the last 7 days"}
CHARTS = "Explorers such as taostats.io and tao.app chart subnet prices over time"


def _percent(value: float) -> str:
    return f"{'up' if value >= 0 else 'down'} {abs(value) * 100:.1f}%"


def _price(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.4f}" if value < 10 else f"{value:,.2f}"


def no_history(history: History, window: str, f: Freshness, labelled: bool = False) -> str:
    """Why a change over ``window`` cannot be given yet, and where to see one (``labelled``: the freshness
    label was already said)."""
    if history.source == "bundled":
        data = "that stored snapshot" if labelled else f.label
        return (f"I have no price history to compare with: a change over {SPOKEN[window]} needs readings of the chain "
                f"from that long, and the only chain data here is {data}. {CHARTS}.")
    since = history.since.strftime("%d %B %Y %H:%M UTC") if history.since else "now"
    numbers = "" if labelled else f" The numbers I have now are {f.label}."
    return (f"This server's chain history starts at {since} ({history.records:,} readings), which does not yet "
            f"span {SPOKEN[window]}.{numbers} {CHARTS}.")


def subnet_change(subnet: SubnetFacts, history: History, window: str, f: Freshness) -> tuple[str, float | None]:
    """One subnet's price change over the window, with the block it is measured from."""
    series = history.of(subnet.netuid)
    moved = change(series, WINDOWS[window])
    ref = reference(series, WINDOWS[window])
    if moved is None or ref is None:
        return f"{subnet.label} alpha is {_price(subnet.price_tao_per_alpha)} TAO, {f.label}. " + no_history(
            history, window, f, labelled=True), None
    return (f"{subnet.label} alpha is {_price(subnet.price_tao_per_alpha)} TAO, {_percent(moved)} over "
            f"{SPOKEN[window]} (from {_price(ref.subnet.price_tao_per_alpha)} TAO at block {ref.block:,}, "
            f"{ref.time.strftime('%d %B %H:%M UTC')}), {f.label}."), moved


def movers(snapshot: NetworkSnapshot, history: History, window: str, f: Freshness, losers: bool,
           limit: int = 5) -> tuple[str, list[int]]:
    """The subnets whose price rose (or fell) most over the window; thin pools are left out (their prices jump)."""
    moved = [(c, s) for s in snapshot.subnets if s.netuid != 0 and not thin_pool(s)
             for c in [change(history.of(s.netuid), WINDOWS[window])] if c is not None]
    if not moved:
        return no_history(history, window, f), []
    moved.sort(key=lambda p: p[0], reverse=not losers)
    picked = [(c, s) for c, s in moved[:limit] if (c < 0 if losers else c > 0)]
    if not picked:
        return (f"No subnet's price {'fell' if losers else 'rose'} over {SPOKEN[window]} among the {len(moved)} "
                f"with enough history and a pool of at least 1,000 TAO, {f.label}."), []
    rows = " ".join(f"{i}. {s.label}: {_percent(c)}, now {_price(s.price_tao_per_alpha)} TAO"
                    for i, (c, s) in enumerate(picked, start=1))
    kind = "fell the most" if losers else "rose the most"
    return (f"The subnets whose alpha price {kind} over {SPOKEN[window]}, {f.label}: {rows}. "
            f"Pools under 1,000 TAO are left out, since small trades move their prices."), [s.netuid for _, s in picked]


def find_basket(baskets: Sequence[Basket], word: str) -> Basket | None:
    """The basket a question names by a word of its title ("compute" → "Compute and hardware basket")."""
    word = word.lower().strip("-")
    return next((b for b in baskets if b.slug == word or word in b.title.lower().split()), None)


def basket_members(basket: Basket, snapshot: NetworkSnapshot, history: History, f: Freshness) -> tuple[str, list[int]]:
    """A basket's subnets, as our baskets page lists them, with their numbers now and their 24-hour change."""
    parts, pools = [], []
    for member in basket.members:
        subnet = snapshot.subnet(member.netuid)
        if subnet is None:
            parts.append(f"SN{member.netuid} {member.name} (not in the current snapshot)")
            continue
        moved = change(history.of(member.netuid), WINDOWS["24h"])
        day = f", {_percent(moved)} in 24 h" if moved is not None else ""
        pool = f", {subnet.tao_in:,.0f} TAO in its pool" if subnet.tao_in is not None else ""
        parts.append(f"{subnet.label} at {_price(subnet.price_tao_per_alpha)} TAO{pool}{day}")
        pools.append(subnet.tao_in)
    total = (f" Together their pools hold {sum(pools):,.0f} TAO." if pools and None not in pools else "")
    return (f"Our baskets page lists {len(basket.members)} subnets in the {basket.title[0].lower()}{basket.title[1:]}: "
            + "; ".join(parts) + f", {f.label}.{total}"), basket.netuids
