"""The chain layer: everything TAO Guide knows about the live network, and nothing about HTTP.

- ``model``: the whole-network snapshot records; ``bundled``: the snapshot shipped as the floor;
  ``source``: the only importer of the bittensor SDK (snapshot reads, lookups, address checks);
  ``service``: the cached snapshot, its background refresh and its freshness label.
- ``questions`` (pure): which live numbers a question asks for; ``wording`` (pure): those
  numbers and their freshness as the answer's words.
- ``lookups``: validator and portfolio reads; ``reports``: their Markdown; ``subnets``: the
  snapshot as one row per subnet (screener, CSV, JSON, CLI).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from bot.chain.lookups import PortfolioReport, Position, SubnetStake, ValidatorReport, check_address
from bot.chain.lookups import portfolio as lookup_portfolio, validator as lookup_validator
from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts
from bot.chain.questions import LiveQuery, name_index, normalise, parse_live
from bot.chain.reports import render_portfolio, render_validator
from bot.chain.service import ChainFacts, Freshness, freshness
from bot.chain.subnets import rows as subnet_rows
from bot.chain.wording import live_text

__all__ = ["RAO", "ChainFacts", "Freshness", "LiveQuery", "NetworkSnapshot", "PortfolioReport", "Position", "SubnetFacts",
           "SubnetStake", "ValidatorReport", "cache_file", "check_address", "freshness", "live_text", "lookup_portfolio",
           "lookup_validator", "make_chain_facts", "name_index", "normalise", "parse_live", "render_portfolio",
           "render_validator", "subnet_rows"]


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
