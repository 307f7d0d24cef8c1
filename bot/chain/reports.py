"""The validator and portfolio lookups' reports as Markdown: the same text in the chat's
lookup tabs and in `taoguide chain validator|portfolio`, so the two never disagree.
"""

from __future__ import annotations

from typing import Any


def render_validator(report: Any) -> str:
    named = f"**{report.name}** (its on-chain identity), hotkey" if getattr(report, "name", None) else "**Validator**"
    lines = [f"{named} `{report.hotkey}` (owner coldkey `{report.owner_coldkey}`)",
             f"- Take: **{report.take_percent:g}%** · nominators: **{report.nominators:,}**",
             f"- Validates (holds a permit) in: {', '.join(f'SN{n}' for n in report.validates_in) or 'no subnet'}",
             f"- Total stake: about **{report.total_stake_tao_value:,.2f} TAO** at spot prices (read at block "
             f"{report.block:,}; prices {report.prices})", "", "| Subnet | Stake | ≈ TAO |", "|---|---:|---:|"]
    for s in report.stake_by_subnet:
        value = "unknown" if s.tao_value is None else f"{s.tao_value:,.2f}"
        lines.append(f"| SN{s.netuid} {s.name or ''} | {s.stake:,.4f} | {value} |")
    return "\n".join(lines)


def render_portfolio(report: Any) -> str:
    free = f"Free balance: **{report.free_tao:,.4f} TAO**."
    if not report.positions:
        return f"`{report.coldkey}`: {free} No stake (read at block {report.block:,}). Read-only."
    lines = [f"`{report.coldkey}`: {free} Stake: about **{report.stake_tao_value:,.2f} TAO** at pool prices "
             f"({report.stake_after_sale:,.2f} TAO if sold now, after the swap fee and slippage); total about "
             f"**{report.total_tao_value:,.2f} TAO** (read at block {report.block:,}; prices {report.prices}). Read-only.", "",
             "| Subnet | Validator | Amount | ≈ TAO | If sold now |", "|---|---|---:|---:|---:|"]
    for p in report.positions:
        value = "unknown" if p.tao_value is None else f"{p.tao_value:,.2f}"
        after = "" if p.tao_after_sale is None else f"{p.tao_after_sale:,.2f}"
        unit = "TAO" if p.netuid == 0 else "alpha"
        who = f"{p.validator} " if p.validator else ""
        lines.append(f"| SN{p.netuid} {p.name or ''} | {who}`{p.hotkey[:6]}…{p.hotkey[-4:]}` | {p.alpha:,.4f} {unit} | {value} | {after} |")
    if report.left_out:
        lines += ["", "The totals leave out: " + "; ".join(report.left_out) + "."]
    return "\n".join(lines)
