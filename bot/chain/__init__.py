"""The chain layer: everything TAO Guide knows about the live network, and nothing about HTTP.

- ``model``: the whole-network snapshot records; ``bundled``: the snapshot shipped as the floor;
  ``source``: the only importer of the bittensor SDK (snapshot reads, lookups, address checks);
  ``service``: the cached snapshot, its background refresh and its freshness label.
- ``questions`` (pure): which live numbers a question asks for; ``wording`` (pure): those
  numbers and their freshness as the answer's words.
- ``lookups``: validator and portfolio reads; ``reports``: their Markdown; ``subnets``: the
  snapshot as one row per subnet (screener, CSV, JSON, CLI).
- ``history``: every good refresh stored (SQLAlchemy), pruned by ``retention`` (pure);
  ``timeline``: the stored records a view needs, ending with the current snapshot;
  ``changes`` (pure): change over 1 h / 24 h / 7 d, emission share, thin pools, sparklines;
  ``banner`` (pure): block, time, age and the freshness sentence; ``baskets``: the baskets page's
  members and their totals; ``split`` (pure): the stake-across-a-basket calculator.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from bot.chain.banner import chain_freshness, freshness_info
from bot.chain.baskets import Basket, Member, basket_of, load_baskets, parse_baskets, totals as basket_totals
from bot.chain.history import HistoryStore, open_history
from bot.chain.lookups import PortfolioReport, Position, SubnetStake, ValidatorReport, check_address
from bot.chain.lookups import portfolio as lookup_portfolio, validator as lookup_validator
from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts
from bot.chain.questions import LiveQuery, name_index, normalise, parse_live
from bot.chain.reports import render_portfolio, render_validator
from bot.chain.service import ChainFacts, Freshness, freshness
from bot.chain.split import BadSplit, Leg, parse_amount, split as split_amount, summary as split_summary
from bot.chain.subnets import ROOT as ROOT_ROW, rows as subnet_rows, table as subnet_table, to_csv as subnets_csv
from bot.chain.timeline import HISTORY_WINDOWS, History, for_screen as screen_history
from bot.chain.timeline import for_subnet as subnet_history
from bot.chain.wording import live_text

__all__ = ["HISTORY_WINDOWS", "RAO", "ROOT_ROW", "BadSplit", "Basket", "ChainFacts", "Freshness", "History", "HistoryStore", "Leg",
           "LiveQuery", "Member", "NetworkSnapshot", "PortfolioReport", "Position", "SubnetFacts", "SubnetStake",
           "ValidatorReport", "basket_of", "basket_totals", "cache_file", "chain_freshness", "check_address",
           "freshness", "freshness_info", "live_text", "load_baskets", "lookup_portfolio", "lookup_validator",
           "make_chain_facts", "name_index", "normalise", "open_history", "parse_amount", "parse_baskets",
           "parse_live", "render_portfolio", "render_validator", "screen_history", "split_amount", "split_summary",
           "subnet_history", "subnet_rows", "subnet_table", "subnets_csv"]


def cache_file(cache_dir: Path, network: str) -> Path:
    safe = "".join(ch if ch.isalnum() else "-" for ch in network).strip("-") or "custom"
    return cache_dir / f"chain-snapshot-{safe}.json"


def make_chain_facts(settings: Any, refresh: bool) -> ChainFacts:
    """The app's chain facts: cached/bundled snapshot now; with ``refresh``, a fetcher for the background thread;
    the chain history store the settings name (None when it is off or cannot be opened)."""
    fetch = None
    if refresh:
        from bot.chain import source

        source.sdk_cache_env(settings.cache_dir / "bittensor")
        fetch = functools.partial(source.fetch_snapshot, settings.chain_network, settings.chain_timeout_s)
    return ChainFacts(settings.chain_network, cache_file(settings.cache_dir, settings.chain_network), fetch,
                      settings.chain_refresh_s, history=open_history(settings))
