"""The only module that imports the bittensor SDK: one block-pinned read of the whole network,
and the on-demand validator and portfolio lookups.

Every SDK await sits under an outer ``asyncio.wait_for`` (the SDK's own limits allow a silent
node to stall a call for minutes) and the client is always closed in ``finally``. The pure
``build_snapshot`` turns decoded values, shaped exactly as the SDK returns them (names as
lists of UTF-8 byte values, balances as plain rao integers, the moving price as a
fixed-point ``{"bits": ...}``, ``None`` entries for missing subnets), into our model.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.chain import delegates
from bot.chain.model import NetworkSnapshot, SubnetFacts

CONNECT_TIMEOUT_S = 10.0


class ChainUnavailable(Exception):
    """The chain could not be read (unreachable, too slow, or an error on its side)."""


def sdk_cache_env(cache_dir: Path) -> None:
    """Point the SDK's disk caches (runtime metadata, token symbols) at our own cache folder."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    os.environ["BITTENSOR_RUNTIME_CACHE_DIR"] = str(cache_dir / "runtime-cache")
    os.environ["BTCLI_TOKEN_SYMBOLS_CACHE"] = str(cache_dir / "token_symbols.json")
    os.environ["BTCLI_SUBNET_NAMES_CACHE"] = str(cache_dir / "subnet_names.json")


def is_valid_ss58(address: str) -> bool:
    """A syntactically valid Bittensor (SS58 format 42) address; no chain call."""
    from bittensor.sp_core import ss58_decode, ss58_encode

    if not isinstance(address, str) or not 40 <= len(address) <= 56:
        return False
    try:
        return ss58_encode(bytes(ss58_decode(address)), 42) == address
    except Exception:  # the codec raises several types for malformed input
        return False


def ss58_problem(address: str) -> str | None:
    """Why a string is not a valid address: "checksum" (the shape is right, a character is wrong), "format", or None."""
    from bittensor.sp_core import ss58_decode

    if is_valid_ss58(address):
        return None
    try:
        ss58_decode(address)
    except Exception as exc:  # the codec's message names the failure
        return "checksum" if "checksum" in str(exc).lower() else "format"
    return "format"  # decodes, but not as a format-42 address


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    text = bytes(int(b) for b in value).decode("utf-8", "replace")
    return text or None


def _fixed(value: Any) -> float | None:
    """I96F32 / U64F64-style fixed point as decoded ({"bits": n}) → float."""
    if value is None:
        return None
    bits = value.get("bits") if isinstance(value, dict) else value
    return int(bits) / 2**32


def _pairs(rows: Iterable[Any]) -> dict[int, Any]:
    out = {}
    for row in rows or ():
        key, value = (row[0], row[1]) if len(row) > 1 else (row[0], None)
        key = key[0] if isinstance(key, (list, tuple)) else key
        out[int(key)] = value
    return out


def build_snapshot(network: str, block: int, chain_time: datetime | None, dynamic_info: list[Any],
                   prices: dict[int, float], subnet_infos: list[Any], max_uids: Iterable[Any],
                   excess_tao: Iterable[Any], registration_cost_rao: int | None,
                   total_issuance_rao: int | None) -> NetworkSnapshot:
    """Pure: decoded chain values → our snapshot (root, netuid 0, is kept but not counted as a subnet)."""
    infos = {int(i.netuid): i for i in subnet_infos}
    max_uid = {k: int(v) for k, v in _pairs(max_uids).items() if v is not None}
    excess = {k: int(v) for k, v in _pairs(excess_tao).items() if v is not None}
    subnets = []
    for d in dynamic_info or ():
        if not d:
            continue
        netuid = int(d["netuid"])
        tao_in, alpha_in = int(d.get("tao_in") or 0), int(d.get("alpha_in") or 0)
        price = prices.get(netuid)
        if price is None and alpha_in:
            price = tao_in / alpha_in
        info = infos.get(netuid)
        identity = d.get("subnet_identity") or {}
        subnets.append(SubnetFacts(
            netuid=netuid,
            name=_text(d.get("subnet_name")),
            symbol=_text(d.get("token_symbol")),
            owner_coldkey=d.get("owner_coldkey"),
            owner_hotkey=d.get("owner_hotkey"),
            tempo=int(d["tempo"]) if d.get("tempo") is not None else (info.tempo if info else None),
            price_tao_per_alpha=price,
            ema_price_tao_per_alpha=_fixed(d.get("moving_price")),
            tao_in_rao=tao_in,
            alpha_in_rao=alpha_in,
            alpha_out_rao=int(d.get("alpha_out") or 0),
            tao_in_emission_rao_per_block=int(d.get("tao_in_emission") or 0),  # dynamic-info "emission" is always 0
            excess_tao_rao_per_block=excess.get(netuid),
            burn_rao=int(info.burn.rao) if info else None,
            neurons=int(info.neuron_count) if info else None,
            max_neurons=max_uid.get(netuid),
            registered_at_block=int(d["network_registered_at"]) if d.get("network_registered_at") is not None else None,
            identity={k: str(v) for k, v in identity.items() if v} if isinstance(identity, dict) else {},
        ))
    return NetworkSnapshot(network=network, block=int(block), chain_time=chain_time, fetched_at=datetime.now(UTC),
                           source="live", subnets=tuple(sorted(subnets, key=lambda s: s.netuid)),
                           subnet_registration_cost_rao=registration_cost_rao, total_issuance_rao=total_issuance_rao)


def _client(network: str, substrate: Any = None) -> Any:
    import bittensor as bt

    if substrate is not None:
        return bt.Client(network, substrate=substrate)
    return bt.Client(network)


async def _read_network(bt: Any, snap: Any) -> tuple[Any, ...]:
    return await asyncio.gather(
        snap.runtime(bt.runtime_api.SubnetInfoRuntimeApi.get_all_dynamic_info, []),
        snap.read("alpha_prices"),
        snap.read("subnets"),
        snap.query_map(bt.storage.SubtensorModule.MaxAllowedUids),
        snap.query_map(bt.storage.SubtensorModule.SubnetExcessTao),
        snap.read("subnet_registration_cost"),
        snap.query(bt.storage.SubtensorModule.TotalIssuance),
        snap.timestamp(),
    )


async def _read(network: str, substrate: Any, timeout: float, work: Any) -> Any:
    """Connect, pin the head block, run ``work(bt, snapshot)``; every await under one outer timeout."""
    import bittensor as bt

    client = _client(network, substrate)
    try:
        async def run() -> Any:
            await asyncio.wait_for(client.connect(), min(CONNECT_TIMEOUT_S, timeout))
            return await work(bt, await client.at())

        return await asyncio.wait_for(run(), timeout)
    except (TimeoutError, asyncio.TimeoutError) as exc:
        raise ChainUnavailable(f"no answer from {network} within {timeout:.0f} s") from exc
    except (bt.BittensorError, OSError, KeyError, TypeError, ValueError) as exc:
        raise ChainUnavailable(f"{network}: {exc}") from exc
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.close(), 2)  # avoids "Task exception was never retrieved" noise


def _run(coro: Any) -> Any:
    """Run a coroutine to completion from blocking code, even when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch_snapshot(network: str, timeout: float = 25.0, substrate: Any = None) -> NetworkSnapshot:
    """Read the whole network at one block (blocking; runs its own event loop)."""
    async def work(bt: Any, snap: Any) -> NetworkSnapshot:
        (dyn, prices, infos, max_uids, excess, cost, issuance, when), validators = await asyncio.gather(
            _read_network(bt, snap), _read_validators(bt, snap))
        snapshot = build_snapshot(network, snap.block, when, dyn, prices, infos, max_uids, excess, int(cost.rao),
                                  int(issuance) if issuance is not None else None)
        return replace(snapshot, validators=validators)

    return _run(_read(network, substrate, timeout, work))


@dataclass(frozen=True)
class StakeFacts:
    hotkey: str
    netuid: int
    stake_rao: int  # alpha (TAO on root)


@dataclass(frozen=True)
class RootFund:
    """A root position's share of its validator's Root Reborn fund, as the SDK's ``root_basket_portfolio`` reads it."""

    hotkey: str
    beta: float  # fund shares held
    fund_fraction: float  # 0..1 of the whole fund
    value_tao: float  # what claiming would realize now (the chain's own quote, net of fees)


@dataclass(frozen=True)
class PortfolioFacts:
    coldkey: str
    positions: list[StakeFacts]
    block: int
    free_rao: int = 0
    root_funds: list[RootFund] | None = None  # None: this chain does not offer the read
    names: dict[str, str] = field(default_factory=dict)  # hotkey → its owner's identity name


def _take(raw: int) -> float:
    from bittensor.reads.delegation import _take_fraction  # the SDK's own u16 → fraction rule

    return _take_fraction(raw)


async def _read_validators(bt: Any, snap: Any) -> tuple[Any, ...]:
    """Every delegate, its owner's identity and, per subnet it validates, its trust and last update."""

    sm = bt.storage.SubtensorModule
    records = [r for r in await snap.runtime(bt.runtime_api.DelegateInfoRuntimeApi.get_delegates, []) or [] if r]
    if not records:
        return ()
    owners = sorted({str(r.get("owner_ss58")) for r in records if r.get("owner_ss58")})
    keys = delegates.uid_keys(records)
    found, trust, last, uids = await asyncio.gather(
        snap.query_batch(sm.IdentitiesV2, [[o] for o in owners]) if owners else _none(),
        snap.query_map(sm.ValidatorTrust), snap.query_map(sm.LastUpdate),
        snap.query_batch(sm.Uids, [[n, h] for n, h in keys]) if keys else _none())
    identities = dict(zip(owners, found or []))
    uid_of = {k: (int(u) if u is not None else None) for k, u in zip(keys, uids or [])}
    return delegates.validators(records, _take, identities, trust, last, uid_of)


async def _none() -> list[Any]:
    return []


def fetch_validators(network: str, timeout: float = 25.0, substrate: Any = None) -> tuple[Any, ...]:
    """Every delegate at the head block (the directory; ``fetch_snapshot`` reads the same with the subnets)."""
    return _run(_read(network, substrate, timeout, _read_validators))


def fetch_validator(network: str, hotkey: str, timeout: float = 10.0, substrate: Any = None) -> Any:
    """One delegate, live: ``(ValidatorFacts, block)``, or ``(None, block)`` when the hotkey is no delegate."""

    async def work(bt: Any, snap: Any) -> Any:
        record = await snap.runtime(bt.runtime_api.DelegateInfoRuntimeApi.get_delegate, [hotkey])
        if not record:
            return None, snap.block
        found = await snap.query(bt.storage.SubtensorModule.IdentitiesV2, [str(record.get("owner_ss58"))])
        return delegates.validator(record, _take, {str(record.get("owner_ss58")): found}, {}, {}, {}), snap.block

    return _run(_read(network, substrate, timeout, work))


async def _root_funds(snap: Any, coldkey: str) -> list[RootFund] | None:
    import bittensor as bt

    try:
        rows = await snap.read("root_basket_portfolio", coldkey_ss58=coldkey)
    except (bt.BittensorError, KeyError, AttributeError):  # a runtime without BetaBasketRuntimeApi
        return None
    return [RootFund(str(r["hotkey"]), float(r["beta"]), float(r["fund_fraction"]), int(r["value_tao"].rao) / 1e9)
            for r in rows or []]


def fetch_portfolio(network: str, coldkey: str, timeout: float = 10.0, substrate: Any = None) -> PortfolioFacts:
    """A coldkey's free balance, stake positions, Root Reborn fund shares and its validators' identity names."""
    async def work(bt: Any, snap: Any) -> PortfolioFacts:
        positions, account, funds = await asyncio.gather(
            snap.read("stake_for_coldkey", coldkey_ss58=coldkey), snap.query(bt.storage.System.Account, [coldkey]),
            _root_funds(snap, coldkey))
        stakes = [StakeFacts(p.hotkey, int(p.netuid), int(p.stake.rao)) for p in positions]
        hotkeys = sorted({p.hotkey for p in stakes})
        found = await snap.read("hotkey_identities", hotkey_ss58s=hotkeys) if hotkeys else {}
        names = {h: n for h, i in (found or {}).items() if (n := (i or {}).get("name"))}
        free = int(((account or {}).get("data") or {}).get("free") or 0)  # no account record: nothing free
        return PortfolioFacts(coldkey, stakes, snap.block, free, funds, names)

    return _run(_read(network, substrate, timeout, work))


__all__ = ["ChainUnavailable", "PortfolioFacts", "RootFund", "StakeFacts", "build_snapshot", "fetch_portfolio",
           "fetch_snapshot", "fetch_validator", "fetch_validators", "is_valid_ss58", "sdk_cache_env", "ss58_problem"]
