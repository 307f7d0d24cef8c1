"""Live chain facts: the whole-network snapshot (refreshed in the background from the
Bittensor chain through the SDK, with the last good copy on disk and a bundled snapshot as
the floor) and the on-demand validator and portfolio lookups. Only ``source`` imports the SDK.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from bot.chain.model import NetworkSnapshot, SubnetFacts
from bot.chain.service import ChainFacts, Freshness, freshness

__all__ = ["ChainFacts", "Freshness", "NetworkSnapshot", "SubnetFacts", "freshness", "make_chain_facts"]


def cache_file(cache_dir: Path, network: str) -> Path:
    safe = "".join(ch if ch.isalnum() else "-" for ch in network).strip("-") or "custom"
    return cache_dir / f"chain-snapshot-{safe}.json"


def make_chain_facts(settings: Any, refresh: bool) -> ChainFacts:
    """The app's chain facts: cached/bundled snapshot now; with ``refresh``, a fetcher for the background thread."""
    fetch = None
    if refresh:
        from bot.chain import source

        source.sdk_cache_env(settings.cache_dir / "bittensor")
        fetch = functools.partial(source.fetch_snapshot, settings.chain_network, settings.chain_timeout_s)
    return ChainFacts(settings.chain_network, cache_file(settings.cache_dir, settings.chain_network), fetch,
                      settings.chain_refresh_s)
