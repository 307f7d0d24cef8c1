"""Validator and portfolio lookups: address checks first, then one short chain read, valued
with the current snapshot's prices. Read-only; nothing here can move funds.

A malformed address is rejected before any chain call. An unreachable chain is an error that
says what to do, never an empty result.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.chain.model import RAO
from bot.errors import BadAddress, ChainDown, NotFound


class SubnetStake(BaseModel):
    netuid: int
    name: str | None = None
    stake: float = Field(description="Alpha staked on this subnet (TAO on root, netuid 0).")
    tao_value: float | None = Field(description="stake × the subnet's spot price, in TAO (an estimate: no slippage or fees).")


class ValidatorReport(BaseModel):
    hotkey: str
    owner_coldkey: str
    take_percent: float
    nominators: int
    stake_by_subnet: list[SubnetStake]
    total_stake_tao_value: float | None = Field(description="Sum of the per-subnet TAO values.")
    validates_in: list[int] = Field(description="Netuids where the hotkey holds a validator permit.")
    registered_in: list[int]
    block: int
    prices: str = Field(description="Freshness of the prices used for the TAO values.")


class Position(BaseModel):
    hotkey: str
    netuid: int
    name: str | None = None
    alpha: float = Field(description="Amount staked, in the subnet's alpha (TAO on root).")
    tao_value: float | None


class PortfolioReport(BaseModel):
    coldkey: str
    positions: list[Position]
    total_tao_value: float | None
    block: int
    prices: str


def check_address(address: str, role: str) -> str:
    from bot.chain.source import is_valid_ss58

    address = (address or "").strip()
    if not is_valid_ss58(address):
        shown = address if len(address) <= 64 else address[:60] + "..."
        raise BadAddress(f"{shown!r} is not a valid Bittensor {role} address. Addresses are SS58 strings of about "
                         "48 characters that start with 5, like 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty; "
                         "copy it again from your wallet or an explorer.")
    return address


def _value(snapshot: Any, netuid: int, amount_rao: int) -> float | None:
    if netuid == 0:
        return amount_rao / RAO
    subnet = snapshot.subnet(netuid)
    if subnet is None or subnet.price_tao_per_alpha is None:
        return None
    return amount_rao / RAO * subnet.price_tao_per_alpha


def _name(snapshot: Any, netuid: int) -> str | None:
    subnet = snapshot.subnet(netuid)
    return "root" if netuid == 0 else (subnet.name if subnet else None)


def _read(settings: Any, chain: Any, fetch: Any, address: str) -> Any:
    """One live read for a lookup, bounded and behind the breaker (``guard``); an unreachable chain becomes
    an error that says what to do."""
    from bot.chain.guard import guard_for
    from bot.chain.source import ChainUnavailable

    try:
        return guard_for(chain, settings, ChainUnavailable).run(
            lambda: fetch(settings.chain_network, address, settings.lookup_timeout_s))
    except ChainUnavailable as exc:
        raise ChainDown(f"The chain ({settings.chain_network}) can't be reached right now ({exc}). Lookups need a "
                        "live connection: try again in a minute, or set TAOGUIDE_CHAIN_NETWORK to a reachable "
                        "endpoint.") from exc


def validator(settings: Any, chain: Any, hotkey: str, fetch: Any = None) -> ValidatorReport:
    from bot.chain import source

    hotkey = check_address(hotkey, "hotkey")
    facts = _read(settings, chain, fetch or source.fetch_validator, hotkey)
    if facts is None:
        raise NotFound(f"{hotkey} is not a validator (delegate) hotkey on {settings.chain_network}. Check that you "
                       "copied the hotkey, not the coldkey, of the validator.")
    snapshot, fresh = chain.current()
    stakes = [SubnetStake(netuid=n, name=_name(snapshot, n), stake=r / RAO, tao_value=_value(snapshot, n, r))
              for n, r in sorted(facts.stake_by_netuid.items())]
    values = [s.tao_value for s in stakes]
    return ValidatorReport(
        hotkey=facts.hotkey, owner_coldkey=facts.owner_coldkey, take_percent=round(facts.take * 100, 2),
        nominators=facts.nominators, stake_by_subnet=stakes,
        total_stake_tao_value=sum(v for v in values if v is not None) if stakes else 0.0,
        validates_in=facts.validator_permits, registered_in=facts.registrations, block=facts.block, prices=fresh.label)


def portfolio(settings: Any, chain: Any, coldkey: str, fetch: Any = None) -> PortfolioReport:
    from bot.chain import source

    coldkey = check_address(coldkey, "coldkey")
    facts = _read(settings, chain, fetch or source.fetch_portfolio, coldkey)
    snapshot, fresh = chain.current()
    positions = [Position(hotkey=p.hotkey, netuid=p.netuid, name=_name(snapshot, p.netuid), alpha=p.stake_rao / RAO,
                          tao_value=_value(snapshot, p.netuid, p.stake_rao))
                 for p in sorted(facts.positions, key=lambda p: (p.netuid, p.hotkey)) if p.stake_rao]
    values = [p.tao_value for p in positions if p.tao_value is not None]
    return PortfolioReport(coldkey=coldkey, positions=positions, total_tao_value=sum(values), block=facts.block,
                           prices=fresh.label)
