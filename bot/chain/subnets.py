"""The subnets of a snapshot as flat rows, one per subnet, with the derived numbers in TAO: the
one table behind the screener page, its CSV and JSON, the baskets and `taoguide chain subnets`,
so every view of the subnet list shows the same numbers.

``rows`` is the snapshot alone (root excluded); ``table`` adds what history gives (changes,
sparkline), emission share, the thin-pool flag, and root (netuid 0) as its own row. The
bundled snapshot has no root entry; its root row then carries only what root is by definition
(netuid 0, stake counted in TAO, so 1 TAO per unit) and leaves every other number empty.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from bot.chain.changes import WINDOWS, change, emission_shares, sparkline, thin_pool
from bot.chain.model import NetworkSnapshot, SubnetFacts
from bot.chain.timeline import History, snapshot_time

ROOT = SubnetFacts(netuid=0, name="root", price_tao_per_alpha=1.0)


def rows(snapshot: NetworkSnapshot) -> list[dict[str, Any]]:
    """One row per subnet (root excluded), with the derived numbers in TAO."""
    return [_row(s) for s in snapshot.subnets if s.netuid != 0]


def _row(s: SubnetFacts) -> dict[str, Any]:
    return {"netuid": s.netuid, "name": s.name, "symbol": s.symbol, "price_tao_per_alpha": s.price_tao_per_alpha,
            "tao_in": s.tao_in, "alpha_in": s.alpha_in, "alpha_out": s.alpha_out, "market_cap_tao": s.market_cap_tao,
            "emission_tao_per_day": s.emission_tao_per_day, "burn_tao": s.burn_tao, "tempo": s.tempo,
            "neurons": s.neurons, "max_neurons": s.max_neurons, "owner_coldkey": s.owner_coldkey,
            "owner_hotkey": s.owner_hotkey, "registered_at_block": s.registered_at_block}


def table(snapshot: NetworkSnapshot, history: History) -> list[dict[str, Any]]:
    """Every subnet, root first, with its changes, emission share, thin-pool flag and sparkline."""
    subnets = list(snapshot.subnets)
    if snapshot.subnet(0) is None:
        subnets.insert(0, ROOT)
    shares = emission_shares(subnets)
    out = []
    for s in subnets:
        series = history.of(s.netuid)
        row = _row(s)
        for key, window in WINDOWS.items():
            row[f"change_{key}"] = change(series, window)
        row.update(emission_share=shares[s.netuid] if s.tao_in_emission_rao_per_block is not None else None,
                   thin_pool=thin_pool(s), sparkline=sparkline(series), root=s.netuid == 0)
        out.append(row)
    return out


def to_csv(snapshot: NetworkSnapshot, table_rows: list[dict[str, Any]]) -> str:
    """RFC 4180: a header row, then one row per subnet; block and time are columns, no comments.
    The sparkline (a list) is left out; empty cells are unknown values."""
    keys = [k for k in (table_rows[0] if table_rows else _row(ROOT)) if k != "sparkline"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["block", "time", *keys])
    when = snapshot_time(snapshot).isoformat()
    for row in table_rows:
        writer.writerow([snapshot.block, when, *("" if row[k] is None else row[k] for k in keys)])
    return out.getvalue()
