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
  ``banner`` (pure): block, time, age and why not live, in every label and page sentence; ``baskets``: the baskets page's
  members and their totals; ``split`` (pure): the stake-across-a-basket calculator.
- ``delegates`` (pure): the validators of a snapshot (take, nominators, identity, trust per subnet)
  and the directory's rows; ``wallets`` (pure): a coldkey's positions valued at the pools, after the
  swap fee and slippage too; ``tracker``: tracked wallets' positions per refresh (opt-in);
  ``earnings`` (pure): their value over time and change split into alpha gained and price.
- ``shared``: the current snapshot shared by replicas on one PostgreSQL; ``lease``: which one of
  them refreshes it (an advisory lock).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from bot.chain.banner import chain_freshness, freshness_info, not_current
from bot.chain.baskets import Basket, Member, basket_of, load_baskets, parse_baskets, totals as basket_totals
from bot.chain.history import HistoryStore, open_history
from bot.chain.delegates import by_name as validators_named, row as validator_row
from bot.chain.earnings import WINDOWS as WALLET_WINDOWS, changes as wallet_changes, series as wallet_series
from bot.chain.lookups import PortfolioReport, Position, SubnetStake, ValidatorReport, check_address, unreachable_message
from bot.chain.lookups import portfolio as lookup_portfolio, validator as lookup_validator
from bot.chain.model import RAO, NetworkSnapshot, SubnetFacts
from bot.chain.questions import LiveQuery, asks_now, name_index, normalise, parse_live
from bot.chain.reports import render_portfolio, render_validator
from bot.chain.service import ChainFacts, Freshness, freshness
from bot.chain.shared import SharedSnapshot, open_shared
from bot.chain.split import BadSplit, Leg, parse_amount, split as split_amount, summary as split_summary
from bot.chain.subnets import ROOT as ROOT_ROW, rows as subnet_rows, table as subnet_table, to_csv as subnets_csv
from bot.chain.timeline import HISTORY_WINDOWS, History, for_screen as screen_history
from bot.chain.timeline import for_subnet as subnet_history
from bot.chain.tracker import Tracker, TrackerFull
from bot.chain.wording import live_text, rule_predates

__all__ = ["SharedSnapshot", "open_shared", "WALLET_WINDOWS", "Tracker", "TrackerFull", "unreachable_message", "validator_row", "validators_named",
           "wallet_changes", "wallet_series", "open_tracker", "HISTORY_WINDOWS", "RAO", "ROOT_ROW", "BadSplit", "Basket", "ChainFacts", "Freshness", "History", "HistoryStore", "Leg",
           "LiveQuery", "Member", "NetworkSnapshot", "PortfolioReport", "Position", "SubnetFacts", "SubnetStake",
           "ValidatorReport", "asks_now", "not_current", "rule_predates", "basket_of", "basket_totals", "cache_file", "chain_freshness", "check_address",
           "freshness", "freshness_info", "live_text", "load_baskets", "lookup_portfolio", "lookup_validator",
           "make_chain_facts", "name_index", "normalise", "open_history", "parse_amount", "parse_baskets",
           "parse_live", "render_portfolio", "render_validator", "screen_history", "split_amount", "split_summary",
           "subnet_history", "subnet_rows", "subnet_table", "subnets_csv"]


def cache_file(cache_dir: Path, network: str) -> Path:
    safe = "".join(ch if ch.isalnum() else "-" for ch in network).strip("-") or "custom"
    return cache_dir / f"chain-snapshot-{safe}.json"


def make_chain_facts(settings: Any, refresh: bool) -> ChainFacts:
    """The app's chain facts: cached/bundled snapshot now; with ``refresh``, a fetcher for the background thread;
    the chain history store the settings name (None when it is off or cannot be opened); on a shared
    database (PostgreSQL) the shared snapshot, so that one replica refreshes and the others read."""
    fetch = wallet_fetch = None
    if refresh:
        from bot.chain import source

        source.sdk_cache_env(settings.cache_dir / "bittensor")
        fetch = functools.partial(source.fetch_snapshot, settings.chain_network, settings.chain_timeout_s)

        def wallet_fetch(coldkey: str) -> Any:  # looked up when called, so tests can swap the SDK read
            return source.fetch_portfolio(settings.chain_network, coldkey, settings.lookup_timeout_s)
    return ChainFacts(settings.chain_network, cache_file(settings.cache_dir, settings.chain_network), fetch,
                      settings.chain_refresh_s, history=open_history(settings), tracker=open_tracker(settings),
                      wallet_fetch=wallet_fetch, shared=open_shared(settings) if refresh else None)


def open_tracker(settings: Any) -> Tracker | None:
    """The tracked-wallet store, in the chain history's database; None when tracking or the history is off,
    or it cannot be opened (logged)."""
    import logging

    import sqlalchemy as sa

    if not settings.chain_history or not settings.wallet_tracking:
        return None
    try:
        return Tracker(settings.history_db, settings.tracked_wallets_max)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        logging.getLogger("taoguide.chain").error("tracked-wallet store cannot be opened (%s); tracking is off. Fix "
                                                  "TAOGUIDE_HISTORY_URL or set TAOGUIDE_WALLET_TRACKING=false.", exc)
        return None
