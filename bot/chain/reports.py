"""The validator and portfolio lookups' reports as Markdown: the same text in the chat's
lookup tabs and in `taoguide chain validator|portfolio`, so the two never disagree.
"""

from __future__ import annotations

from typing import Any


def render_validator(report: Any) -> str:
    lines = [f"**Validator** `{report.hotkey}` (owner coldkey `{report.owner_coldkey}`)",
             f"- Take: **{report.take_percent:g}%** · nominators: **{report.nominators:,}**",
             f"- Validates (holds a permit) in: {', '.join(f'SN{n}' for n in report.validates_in) or 'no subnet'}",
             f"- Total stake: about **{report.total_stake_tao_value:,.2f} TAO** at spot prices (read at block "
             f"{report.block:,}; prices {report.prices})", "", "| Subnet | Stake | ≈ TAO |", "|---|---:|---:|"]
    for s in report.stake_by_subnet:
        value = "unknown" if s.tao_value is None else f"{s.tao_value:,.2f}"
        lines.append(f"| SN{s.netuid} {s.name or ''} | {s.stake:,.4f} | {value} |")
    return "\n".join(lines)


def render_portfolio(report: Any) -> str:
    if not report.positions:
        return f"`{report.coldkey}` has no stake (read at block {report.block:,})."
    lines = [f"**Stake of** `{report.coldkey}`: about **{report.total_tao_value:,.2f} TAO** at spot prices "
             f"(read at block {report.block:,}; prices {report.prices}). Read-only.", "",
             "| Subnet | Hotkey | Amount | ≈ TAO |", "|---|---|---:|---:|"]
    for p in report.positions:
        value = "unknown" if p.tao_value is None else f"{p.tao_value:,.2f}"
        unit = "TAO" if p.netuid == 0 else "alpha"
        lines.append(f"| SN{p.netuid} {p.name or ''} | `{p.hotkey[:8]}…{p.hotkey[-6:]}` | {p.alpha:,.4f} {unit} | {value} |")
    return "\n".join(lines)
