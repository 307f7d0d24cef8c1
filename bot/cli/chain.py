"""`taoguide chain ...`: the chain facts from the terminal (status, refresh, subnets, lookups)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from bot.chain import lookup_portfolio, lookup_validator, make_chain_facts, render_portfolio, render_validator, subnet_rows
from bot.cli.options import load_settings
from bot.errors import BotError


def _facts(refresh: bool = False) -> Any:
    return make_chain_facts(load_settings(), refresh=refresh)


@click.group()
def chain() -> None:
    """Live subnet facts: the snapshot answers use, a refresh, the subnet list and lookups.

    \b
    taoguide chain status                 which snapshot answers use, and how fresh it is
    taoguide chain refresh                read the chain now and store the snapshot
    taoguide chain subnets --sort emission
    taoguide chain validator 5F...        take, stake, nominators, subnets (live)
    taoguide chain portfolio 5F...        stake positions of a coldkey (live, read-only)
    """


@chain.command()
def status() -> None:
    """Show the network, the snapshot in use and its freshness."""
    facts = _facts()
    snapshot, fresh = facts.current()
    click.echo(f"network   {facts.network}\nsnapshot  {snapshot.source}, block {snapshot.block:,}, "
               f"{snapshot.subnet_count} subnets\nfreshness {fresh.label}\ncache     {facts.cache_file}")


@chain.command()
def refresh() -> None:
    """Read the whole network now and store it as the last good snapshot (used by `ask` and `serve`)."""
    settings = load_settings()
    facts = _facts(refresh=True)
    if not facts.refresh_once():
        raise click.ClickException(f"Could not read {settings.chain_network}: {facts.last_error}. Check the network "
                                   "connection, or set TAOGUIDE_CHAIN_NETWORK (finney, test, local, or a ws:// URL).")
    _, fresh = facts.current()
    click.echo(f"stored: {fresh.label}")


@chain.command()
@click.option("--sort", "sort_by", type=click.Choice(["netuid", "emission", "price", "pool", "market_cap"]),
              default="netuid", show_default=True)
@click.option("--limit", type=int, default=None, help="Show only the first N.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def subnets(sort_by: str, limit: int | None, as_json: bool) -> None:
    """List the subnets of the current snapshot."""
    snapshot, fresh = _facts().current()
    rows = subnet_rows(snapshot)
    key = {"netuid": "netuid", "emission": "emission_tao_per_day", "price": "price_tao_per_alpha", "pool": "tao_in",
           "market_cap": "market_cap_tao"}[sort_by]
    rows.sort(key=lambda r: (r[key] is None, -(r[key] or 0) if sort_by != "netuid" else r[key]))
    rows = rows[:limit] if limit else rows
    if as_json:
        click.echo(json.dumps({"freshness": fresh.label, "block": snapshot.block, "subnets": rows}, indent=1))
        return
    click.echo(f"{len(rows)} subnets, {fresh.label}")
    click.echo(f"{'netuid':>6}  {'name':<22} {'price TAO/α':>12} {'TAO in pool':>14} {'TAO/day':>9}")
    for r in rows:
        price = "unknown" if r["price_tao_per_alpha"] is None else f"{r['price_tao_per_alpha']:.4f}"
        pool = "unknown" if r["tao_in"] is None else f"{r['tao_in']:,.0f}"
        emission = "unknown" if r["emission_tao_per_day"] is None else f"{r['emission_tao_per_day']:.2f}"
        click.echo(f"{r['netuid']:>6}  {(r['name'] or '')[:22]:<22} {price:>12} {pool:>14} {emission:>9}")


def _lookup(kind: str, address: str, as_json: bool) -> None:
    settings = load_settings()
    facts = _facts()
    try:
        report = (lookup_validator if kind == "validator" else lookup_portfolio)(settings, facts, address)
    except BotError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(report.model_dump_json(indent=1) if as_json else
               (render_validator if kind == "validator" else render_portfolio)(report))


@chain.command()
@click.argument("hotkey")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def validator(hotkey: str, as_json: bool) -> None:
    """A validator's take, nominators, stake per subnet and permits (read live)."""
    _lookup("validator", hotkey, as_json)


@chain.command()
@click.argument("coldkey")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def portfolio(coldkey: str, as_json: bool) -> None:
    """A coldkey's stake positions and their TAO value (read live; read-only)."""
    _lookup("portfolio", coldkey, as_json)


if __name__ == "__main__":  # pragma: no cover
    chain(sys.argv[1:])
