"""The subnets of a snapshot as flat rows, one per subnet (root excluded), with the derived
numbers in TAO: the one table behind the screener page, its CSV and JSON, and `taoguide chain
subnets`, so every view of the subnet list shows the same numbers.
"""

from __future__ import annotations

from typing import Any

from bot.chain.model import NetworkSnapshot, SubnetFacts


def rows(snapshot: NetworkSnapshot) -> list[dict[str, Any]]:
    """One row per subnet (root excluded), with the derived numbers in TAO."""
    return [_row(s) for s in snapshot.subnets if s.netuid != 0]


def _row(s: SubnetFacts) -> dict[str, Any]:
    return {"netuid": s.netuid, "name": s.name, "symbol": s.symbol, "price_tao_per_alpha": s.price_tao_per_alpha,
            "tao_in": s.tao_in, "alpha_in": s.alpha_in, "alpha_out": s.alpha_out, "market_cap_tao": s.market_cap_tao,
            "emission_tao_per_day": s.emission_tao_per_day, "burn_tao": s.burn_tao, "tempo": s.tempo,
            "neurons": s.neurons, "max_neurons": s.max_neurons, "owner_coldkey": s.owner_coldkey,
            "owner_hotkey": s.owner_hotkey, "registered_at_block": s.registered_at_block}
