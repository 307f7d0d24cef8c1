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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
        dyn, prices, infos, max_uids, excess, cost, issuance, when = await _read_network(bt, snap)
        return build_snapshot(network, snap.block, when, dyn, prices, infos, max_uids, excess, int(cost.rao),
                              int(issuance) if issuance is not None else None)

    return _run(_read(network, substrate, timeout, work))


@dataclass(frozen=True)
class ValidatorFacts:
    hotkey: str
    owner_coldkey: str
    take: float  # 0..1
    nominators: int
    stake_by_netuid: dict[int, int]  # rao of each subnet's currency (alpha; TAO on root)
    validator_permits: list[int]  # netuids where it holds a permit
    registrations: list[int]
    block: int


@dataclass(frozen=True)
class StakeFacts:
    hotkey: str
    netuid: int
    stake_rao: int  # alpha (TAO on root)


@dataclass(frozen=True)
class PortfolioFacts:
    coldkey: str
    positions: list[StakeFacts]
    block: int


def validator_facts(record: Any, hotkey: str, block: int) -> ValidatorFacts | None:
    """Pure: a decoded DelegateInfo record → our facts (None when the hotkey is not a delegate)."""
    from bittensor.reads.delegation import _take_fraction  # the SDK's own u16 → fraction rule

    if not record:
        return None
    stake: dict[int, int] = {}
    nominators = record.get("nominators") or []
    for entry in nominators:
        per_subnet = entry[1] if isinstance(entry, (list, tuple)) else entry.get("stake", [])
        for pair in per_subnet or []:
            netuid, amount = (pair[0], pair[1]) if isinstance(pair, (list, tuple)) else (pair["netuid"], pair["stake"])
            stake[int(netuid)] = stake.get(int(netuid), 0) + int(amount)
    return ValidatorFacts(
        hotkey=str(record.get("delegate_ss58") or hotkey), owner_coldkey=str(record.get("owner_ss58") or ""),
        take=_take_fraction(int(record.get("take") or 0)), nominators=len(nominators), stake_by_netuid=stake,
        validator_permits=sorted(int(n) for n in record.get("validator_permits") or []),
        registrations=sorted(int(n) for n in record.get("registrations") or []), block=block)


def fetch_validator(network: str, hotkey: str, timeout: float = 10.0, substrate: Any = None) -> ValidatorFacts | None:
    async def work(bt: Any, snap: Any) -> ValidatorFacts | None:
        record = await snap.runtime(bt.runtime_api.DelegateInfoRuntimeApi.get_delegate, [hotkey])
        return validator_facts(record, hotkey, snap.block)

    return _run(_read(network, substrate, timeout, work))


def fetch_portfolio(network: str, coldkey: str, timeout: float = 10.0, substrate: Any = None) -> PortfolioFacts:
    async def work(bt: Any, snap: Any) -> PortfolioFacts:
        positions = await snap.read("stake_for_coldkey", coldkey_ss58=coldkey)
        return PortfolioFacts(coldkey, [StakeFacts(p.hotkey, int(p.netuid), int(p.stake.rao)) for p in positions],
                              snap.block)

    return _run(_read(network, substrate, timeout, work))


__all__ = ["ChainUnavailable", "PortfolioFacts", "StakeFacts", "ValidatorFacts", "build_snapshot",
           "fetch_portfolio", "fetch_snapshot", "fetch_validator", "is_valid_ss58", "sdk_cache_env",
           "validator_facts"]
