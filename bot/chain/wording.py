"""Pure: a live query + the current snapshot → the answer's words and numbers.

Numbers come only from the snapshot and always carry its freshness label; a field the
snapshot lacks is said to be unknown (with where to look), never filled in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.chain import movement
from bot.chain.baskets import Basket
from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts
from bot.chain.service import Freshness
from bot.chain.questions import LiveQuery
from bot.chain.timeline import History

EXPLORERS = "Explorers such as taostats.io and tao.app show it"

# The page sentence that explains each kind of number (searched in the index, quoted with its link).
CONCEPTS = {
    "count": "how many subnets can exist at once subnet limit of 128",
    "price": "how is a subnet's alpha price set",
    "pool": "subnet pool TAO reserve and alpha reserve",
    "emission": "how TAO emission is split across subnets",
    "owner": "what is a subnet owner",
    "tempo": "what is a tempo",
    "registration": "how much does it cost to register a hotkey on a subnet",
    "subnet_cost": "how much does it cost to create a subnet",
    "issuance": "what is total issuance",
    "block": "how long is a block",
    "symbol": "what is an alpha token",
    "neurons": "UID slots on a subnet",
    "rank": "how TAO emission is split across subnets",
    "change": "how is a subnet's alpha price set",
    "movers": "how is a subnet's alpha price set",
}


@dataclass(frozen=True)
class LiveText:
    text: str
    concept: str | None  # what to explain from the pages, or None
    facts: dict


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# "As of December 2026, ...", "Since August 2026, ...": the date a page's sentence describes the chain at
_DATED = re.compile(r"\b(as of|since)\s+(?:(\d{1,2})\s+)?(" + "|".join(_MONTHS) + r")\s+(20\d\d)\b", re.I)


def rule_predates(sentence: str, f: Freshness) -> str:
    """When a page's sentence quoted next to the numbers is dated after the numbers' snapshot ("As of December
    2026, ..." next to a March 2026 snapshot), the sentence that says the snapshot predates it; else ""."""
    found = _DATED.search(sentence)
    if found is None or f.as_of is None:
        return ""
    month = _MONTHS.index(found.group(3).lower()) + 1
    dated = datetime(int(found.group(4)), month, int(found.group(2) or 1), tzinfo=UTC)
    if f.as_of.astimezone(UTC) >= dated:
        return ""
    words = f"{found.group(2) + ' ' if found.group(2) else ''}{found.group(3).capitalize()} {found.group(4)}"
    when = f"{f.as_of.astimezone(UTC).day} {f.as_of.astimezone(UTC):%B %Y}"
    return (f"The snapshot predates that rule: the pages describe the chain {found.group(1).lower()} {words}, and "
            f"these numbers are from {when} (block {f.block:,}), so they may follow an earlier rule.")


def tao(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return "unknown"
    if digits is None:
        digits = 0 if abs(value) >= 1000 else 2 if abs(value) >= 10 else 4
    return f"{value:,.{digits}f}"


def _missing(what: str, freshness: Freshness) -> str:
    return f"{what} is unknown here: the chain data I have ({freshness.label}) does not include it. {EXPLORERS}."


def _subnet_line(s: SubnetFacts, intent: str, f: Freshness) -> str:
    label = s.label
    if intent == "price":
        if s.price_tao_per_alpha is None:
            return _missing(f"The price of {label} alpha", f)
        ema = f"; moving average {tao(s.ema_price_tao_per_alpha)}" if s.ema_price_tao_per_alpha else ""
        return f"{label} alpha costs {tao(s.price_tao_per_alpha)} TAO per alpha (spot price{ema}), {f.label}."
    if intent == "pool":
        if s.tao_in_rao is None:
            return _missing(f"The pool of {label}", f)
        cap = f" Its market cap (price × alpha outstanding) is about {tao(s.market_cap_tao)} TAO." if s.market_cap_tao else ""
        return (f"{label}'s pool holds {tao(s.tao_in)} TAO and {tao(s.alpha_in)} alpha, with {tao(s.alpha_out)} alpha "
                f"outstanding as stake, {f.label}.{cap}")
    if intent == "emission":
        if s.emission_tao_per_day is None:
            return _missing(f"The emission of {label}", f)
        per_block = s.tao_in_emission_rao_per_block / RAO if s.tao_in_emission_rao_per_block is not None else None
        return (f"{label} receives {tao(s.emission_tao_per_day, 2)} TAO per day in pool emission "
                f"({tao(per_block, 6)} TAO per block), {f.label}.")
    if intent == "owner":
        if not s.owner_coldkey:
            return _missing(f"The owner of {label}", f)
        hot = f" (owner hotkey {s.owner_hotkey})" if s.owner_hotkey and s.owner_hotkey != s.owner_coldkey else ""
        return f"{label} is owned by the coldkey {s.owner_coldkey}{hot}, {f.label}."
    if intent == "tempo":
        if s.tempo is None:
            return _missing(f"The tempo of {label}", f)
        return f"{label} has a tempo of {s.tempo:,} blocks (about {s.tempo * 12 / 60:,.0f} minutes), {f.label}."
    if intent == "symbol":
        if not s.symbol:
            return _missing(f"The token symbol of {label}", f)
        return f"{label}'s alpha token symbol is {s.symbol}, {f.label}."
    if intent == "neurons":
        if s.neurons is None:
            return _missing(f"The neuron count of {label}", f)
        cap = f" of {s.max_neurons:,} slots" if s.max_neurons else ""
        return f"{label} has {s.neurons:,} registered neurons{cap}, {f.label}."
    if intent == "registration":
        if s.burn_rao is None:
            return _missing(f"The cost to register a neuron (UID) on {label}", f)
        return f"Registering a hotkey (a UID) on {label} costs {tao(s.burn_tao)} TAO, burned, {f.label}."
    if intent == "name":
        return f"Netuid {s.netuid} is {s.name or 'unnamed (no identity set)'}, {f.label}."
    # overview
    parts = [f"{label}: price {tao(s.price_tao_per_alpha)} TAO per alpha",
             f"pool {tao(s.tao_in)} TAO / {tao(s.alpha_in)} alpha",
             f"emission {tao(s.emission_tao_per_day, 2)} TAO per day"]
    if s.burn_rao is not None:
        parts.append(f"registration {tao(s.burn_tao)} TAO")
    if s.owner_coldkey:
        parts.append(f"owner {s.owner_coldkey}")
    return "; ".join(parts) + f", {f.label}."


def subnet_cost_line(snapshot: NetworkSnapshot, f: Freshness) -> str:
    if snapshot.subnet_registration_cost_rao is None:
        return _missing("The current cost to create a new subnet", f)
    return f"Creating a new subnet costs {tao(snapshot.subnet_registration_cost_rao / RAO)} TAO right now, {f.label}."


def _sort_value(s: SubnetFacts, by: str) -> float | None:
    return {"emission": s.emission_tao_per_day, "price": s.price_tao_per_alpha, "pool": s.tao_in,
            "market_cap": s.market_cap_tao}[by]


def live_text(query: LiveQuery, snapshot: NetworkSnapshot, f: Freshness, history: History | None = None,
              baskets: Sequence[Basket] = ()) -> LiveText:
    """The answer to a live query from one snapshot (and, for changes over time and baskets, the chain history)."""
    concept = CONCEPTS.get(query.intent)
    if query.intent in ("change", "movers", "basket"):
        return _over_time(query, snapshot, f, history or History(snapshot.source, 1, None), baskets, concept)
    if query.intent == "count":
        netuids = sorted(s.netuid for s in snapshot.subnets if s.netuid != 0)
        span = f" (netuids {netuids[0]} to {netuids[-1]})" if netuids else ""
        return LiveText(f"There are {snapshot.subnet_count} subnets{span} plus the root subnet (netuid 0), {f.label}.",
                        concept, {"subnet_count": snapshot.subnet_count})
    if query.intent == "block":
        text = (f"The latest block I have is {snapshot.block:,}, {f.label}." if f.state != "live"
                else f"The chain is at block {snapshot.block:,}, {f.label}.")
        return LiveText(text, concept, {"block": snapshot.block})
    if query.intent == "issuance":
        if snapshot.total_issuance_rao is None:
            return LiveText(_missing("Total issuance", f), concept, {})
        return LiveText(f"Total issuance is {tao(snapshot.total_issuance_rao / RAO)} TAO of the 21,000,000 TAO cap, "
                        f"{f.label}.", concept, {"total_issuance_tao": snapshot.total_issuance_rao / RAO})
    if query.intent == "subnet_cost":
        return LiveText(subnet_cost_line(snapshot, f), concept, {})
    if query.intent == "rank":
        ranked = [s for s in snapshot.subnets if s.netuid != 0 and _sort_value(s, query.rank_by) is not None]
        if query.rank_by == "price":  # near-empty pools have meaningless prices: need some liquidity
            ranked = [s for s in ranked if (s.tao_in or 0) >= 100]
        ranked.sort(key=lambda s: _sort_value(s, query.rank_by) or 0.0, reverse=not query.ascending)
        unit = {"emission": "TAO/day", "price": "TAO per alpha", "pool": "TAO in pool", "market_cap": "TAO market cap"}
        rows = [f"{i}. {s.label}: {tao(_sort_value(s, query.rank_by))} {unit[query.rank_by]}"
                for i, s in enumerate(ranked[: query.limit], start=1)]
        order = "lowest" if query.ascending else "top"
        by = {"emission": "emission", "price": "alpha price", "pool": "TAO in pool", "market_cap": "market cap"}
        return LiveText(f"The {order} {len(rows)} subnets by {by[query.rank_by]}, {f.label}: " + " ".join(rows),
                        concept, {"ranking": [s.netuid for s in ranked[: query.limit]]})
    lines, known = [], []
    for netuid in query.netuids:
        subnet = snapshot.subnet(netuid)
        if netuid == 0:
            lines.append("Netuid 0 is the root subnet: it has no alpha token, pool or miners.")
            concept = "root subnet netuid 0"
            continue
        if subnet is None:
            others = sorted(s.netuid for s in snapshot.subnets if s.netuid != 0)
            span = f" (netuids {others[0]} to {others[-1]})" if others else ""
            lines.append(f"There is no subnet {netuid}: the network has {snapshot.subnet_count} subnets{span} plus root, "
                         f"{f.label}.")
            continue
        known.append(netuid)
        lines.append(_subnet_line(subnet, query.intent, f))
        if query.intent == "registration":  # "registration cost" has two meanings: give both
            line = subnet_cost_line(snapshot, f)
            lines.append(f"Separately, {line[0].lower()}{line[1:]}")
    return LiveText(" ".join(lines), concept if known or query.netuids == (0,) else None, {"netuids": known})


def _over_time(query: LiveQuery, snapshot: NetworkSnapshot, f: Freshness, history: History, baskets: Sequence[Basket],
               concept: str | None) -> LiveText:
    if query.intent == "movers":
        text, netuids = movement.movers(snapshot, history, query.window, f, query.ascending)
        return LiveText(text, concept, {"window": query.window, "ranking": netuids})
    if query.intent == "basket":
        basket = movement.find_basket(baskets, query.basket)
        if basket is None:
            return LiveText("", None, {})
        text, netuids = movement.basket_members(basket, snapshot, history, f)
        return LiveText(text, None, {"basket": basket.slug, "netuids": netuids, "url": basket.url})
    lines, moved = [], {}
    for netuid in query.netuids:
        subnet = snapshot.subnet(netuid)
        if subnet is None or netuid == 0:
            continue
        line, change = movement.subnet_change(subnet, history, query.window, f)
        lines.append(line)
        moved[netuid] = change
    return LiveText(" ".join(lines), concept if lines else None, {"window": query.window, "changes": moved})
