"""Validator and portfolio lookups: address checks first, then one short chain read, valued
with the current snapshot's prices (``wallets``). Read-only; nothing here can move funds.

A malformed address is rejected before any chain call, with its own message for an empty field,
an EVM ``0x…`` address and a checksum typo. An unreachable chain is an error in the reader's words
("the chain can't be reached right now; showing the last data from <time>, or try again later");
the technical detail goes to the server log and to ``/api/chain`` (``last_lookup_error``).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC
from typing import Any

from pydantic import BaseModel, Field

from bot.chain.banner import age_text
from bot.chain.model import RAO
from bot.chain.wallets import PortfolioReport, Position, report as value_portfolio
from bot.errors import BadAddress, ChainDown, NotFound

log = logging.getLogger("taoguide.chain.lookups")
EVM = re.compile(r"0x[0-9a-fA-F]{40}")
EXAMPLE = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


class SubnetStake(BaseModel):
    netuid: int
    name: str | None = None
    stake: float = Field(description="Alpha staked on this subnet (TAO on root, netuid 0).")
    tao_value: float | None = Field(description="stake × the subnet's spot price, in TAO (an estimate: no slippage or fees).")


class ValidatorReport(BaseModel):
    hotkey: str
    owner_coldkey: str
    name: str | None = Field(None, description="The owner's on-chain identity name, when it published one.")
    take_percent: float
    nominators: int
    stake_by_subnet: list[SubnetStake]
    total_stake_tao_value: float | None = Field(description="Sum of the per-subnet TAO values.")
    validates_in: list[int] = Field(description="Netuids where the hotkey holds a validator permit.")
    registered_in: list[int]
    block: int
    prices: str = Field(description="Freshness of the prices used for the TAO values.")


def check_address(address: str, role: str) -> str:
    """The address, stripped, or BadAddress with the message for what is wrong with it."""
    from bot.chain.source import ss58_problem

    address = (address or "").strip()
    shown = address if len(address) <= 64 else address[:60] + "..."
    if not address:
        raise BadAddress(f"Enter a {role} address: the SS58 string of about 48 characters that starts with 5, "
                         f"like {EXAMPLE}, copied from your wallet or an explorer.")
    if EVM.fullmatch(address):
        raise BadAddress(f"{shown} is an EVM address (0x and 40 hex digits), from Bittensor's Ethereum-compatible side. "
                         f"These lookups read SS58 {role} addresses, which start with 5: paste the SS58 address your "
                         "Bittensor wallet shows (btcli wallet list, or your wallet app) instead.")
    problem = ss58_problem(address)
    if problem == "checksum":
        raise BadAddress(f"{shown!r} has a typo: it looks like a Bittensor address, but its checksum does not match, "
                         "so a character is wrong or missing. Copy it again from your wallet or an explorer.")
    if problem is not None:
        raise BadAddress(f"{shown!r} is not a valid Bittensor {role} address. Addresses are SS58 strings of about "
                         f"48 characters that start with 5, like {EXAMPLE}; copy it again from your wallet or an explorer.")
    return address


def unreachable_message(chain: Any) -> str:
    """The reader's sentence for an unreachable chain, with the time of the last data the server has."""
    snapshot, _ = chain.current()
    when = (snapshot.chain_time or snapshot.fetched_at).astimezone(UTC)
    return (f"The chain can't be reached right now; showing the last data from {when:%Y-%m-%d %H:%M} UTC "
            f"(block {snapshot.block:,}), or try again later.")


def _read(settings: Any, chain: Any, fetch: Any, address: str) -> Any:
    """One live read for a lookup, bounded and behind the breaker (``guard``); an unreachable chain becomes
    the reader's message, its detail logged and kept for /api/chain."""
    from bot.chain.guard import guard_for
    from bot.chain.source import ChainUnavailable

    try:
        return guard_for(chain, settings, ChainUnavailable).run(
            lambda: fetch(settings.chain_network, address, settings.lookup_timeout_s))
    except ChainUnavailable as exc:
        detail = f"{settings.chain_network}: {exc}"
        log.warning("lookup failed, chain unreachable: %s", detail)
        try:
            chain.last_lookup_error = detail
        except AttributeError:
            pass
        raise ChainDown(unreachable_message(chain)) from exc


def validator(settings: Any, chain: Any, hotkey: str, fetch: Any = None) -> ValidatorReport:
    from bot.chain import source

    hotkey = check_address(hotkey, "hotkey")
    facts, block = _read(settings, chain, fetch or source.fetch_validator, hotkey)
    if facts is None:
        raise NotFound(f"{hotkey} is not a validator (delegate) hotkey on {settings.chain_network}. Check that you "
                       "copied the hotkey, not the coldkey, of the validator.")
    snapshot, fresh = chain.current()
    stakes = []
    for role in facts.subnets:
        subnet = snapshot.subnet(role.netuid)
        price = 1.0 if role.netuid == 0 else (subnet.price_tao_per_alpha if subnet else None)
        stakes.append(SubnetStake(netuid=role.netuid, name="root" if role.netuid == 0 else (subnet.name if subnet else None),
                                  stake=role.stake_rao / RAO, tao_value=None if price is None else role.stake_rao / RAO * price))
    values = [s.tao_value for s in stakes if s.tao_value is not None]
    return ValidatorReport(
        hotkey=facts.hotkey, owner_coldkey=facts.owner_coldkey, name=facts.name, take_percent=round(facts.take * 100, 2),
        nominators=facts.nominators, stake_by_subnet=stakes, total_stake_tao_value=sum(values),
        validates_in=list(facts.permits), registered_in=list(facts.registrations), block=block, prices=fresh.label)


def portfolio(settings: Any, chain: Any, coldkey: str, fetch: Any = None) -> PortfolioReport:
    from bot.chain import source

    coldkey = check_address(coldkey, "coldkey")
    try:
        facts = _read(settings, chain, fetch or source.fetch_portfolio, coldkey)
    except ChainDown:
        stored = _last_recorded(chain, coldkey)  # a tracked wallet: its last stored reading, said so
        if stored is None:
            raise
        snapshot, fresh = chain.current()
        record, facts = stored
        report = value_portfolio(snapshot, facts, fresh.label)
        age = age_text((chain.now() - record.time).total_seconds())
        return report.model_copy(update={"recorded": f"block {record.block:,} ({record.time:%Y-%m-%d %H:%M} UTC, {age} old)"})
    snapshot, fresh = chain.current()
    return value_portfolio(snapshot, facts, fresh.label)


def _last_recorded(chain: Any, coldkey: str) -> tuple[Any, Any] | None:
    """The last stored reading of a tracked wallet, as the facts a live read gives (None: not tracked, or none)."""
    from bot.chain.source import PortfolioFacts, StakeFacts

    tracker = getattr(chain, "tracker", None)
    try:
        records = tracker.records(chain.network, coldkey) if tracker is not None else []
    except Exception:  # noqa: BLE001 - a broken store only means there is nothing to fall back on
        log.exception("could not read the tracked wallet %s", coldkey)
        return None
    if not records:
        return None
    last = max(records, key=lambda r: r.time)
    facts = PortfolioFacts(coldkey=coldkey, block=last.block, free_rao=last.free_rao,
                           positions=[StakeFacts(h.hotkey, h.netuid, h.alpha_rao) for h in last.holdings])
    return last, facts


__all__ = ["PortfolioReport", "Position", "SubnetStake", "ValidatorReport", "check_address", "portfolio",
           "unreachable_message", "validator"]
