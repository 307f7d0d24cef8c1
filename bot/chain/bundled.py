"""The floor under live data: a real mainnet snapshot shipped in the package.

``data/snapshot-2026-03-22.json`` was converted, in our own schema, from the public
snapshot of Bittensor mainnet at block 7,801,029 (22 March 2026) published in the
benbergandy/tao-signal-site repository (commit dce674f6, file
data/chain_history/2026-03-22.json). That file carries pool reserves, prices and
per-block TAO emission for 128 subnets; it has no owners, symbols, tempo, burn costs,
neuron counts, registration blocks, identities, subnet creation cost or total issuance,
so those fields stay empty here. ``convert`` is the conversion that produced it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any

from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts

BUNDLED_FILE = "snapshot-2026-03-22.json"
SOURCE_NOTE = ("Bittensor mainnet at block 7,801,029 (2026-03-22), converted from the public snapshot in "
               "github.com/benbergandy/tao-signal-site (commit dce674f6, data/chain_history/2026-03-22.json). "
               "Owners, symbols, tempo, burn costs, neuron counts and identities are not in that source.")


def convert(raw: dict[str, Any]) -> NetworkSnapshot:
    """tao-signal-site's chain_history shape (amounts in TAO/alpha floats) → our snapshot (amounts in rao)."""
    day = datetime.fromisoformat(raw["date"]).replace(tzinfo=UTC)
    subnets = []
    for s in sorted(raw["subnets"], key=lambda s: s["netuid"]):
        subnets.append(SubnetFacts(
            netuid=int(s["netuid"]),
            name=s.get("name") or None,
            price_tao_per_alpha=float(s["price"]),
            ema_price_tao_per_alpha=float(s["moving_price"]),
            tao_in_rao=round(float(s["tao_in"]) * RAO),
            alpha_in_rao=round(float(s["alpha_in"]) * RAO),
            alpha_out_rao=round(float(s["alpha_out"]) * RAO),
            tao_in_emission_rao_per_block=int(s["emission_rao"]),
        ))
    return NetworkSnapshot(network="finney", block=int(raw["block"]), chain_time=None, fetched_at=day,
                           source="bundled", subnets=tuple(subnets), source_note=SOURCE_NOTE)


def load_bundled() -> NetworkSnapshot:
    text = resources.files("bot.chain").joinpath("data").joinpath(BUNDLED_FILE).read_text(encoding="utf-8")
    return NetworkSnapshot.from_json(text)
