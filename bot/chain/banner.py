"""Pure: the freshness a page shows above its numbers: the block, its time, its age, and one
sentence for readers ("From the stored snapshot of 22 March 2026, 254 days old; the chain could
not be reached at 16:40 UTC."). The sentence says why the numbers are not live, and only what
is known: "could not be reached" only after a read failed, "live reads are off" when the
server never reads the chain.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.chain.model import NetworkSnapshot
from bot.chain.service import Freshness


def _day(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def age_text(seconds: float) -> str:
    """"40 seconds", "12 minutes", "5 hours", "254 days"."""
    for unit, size, up_to in (("second", 1, 90), ("minute", 60, 90 * 60), ("hour", 3600, 48 * 3600)):
        if seconds < up_to:
            count = max(0, round(seconds / size))
            return f"{count} {unit}{'' if count == 1 else 's'}"
    days = int(seconds // 86_400)
    return f"{days} day{'' if days == 1 else 's'}"


def _why_not_live(refreshing: bool, last_attempt: datetime | None, last_error: str | None) -> str:
    if last_error and last_attempt:
        return f"the chain could not be reached at {last_attempt.astimezone(UTC):%H:%M} UTC"
    if not refreshing:
        return "live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false)"
    return "the first live read has not finished yet"


def banner(snapshot: NetworkSnapshot, fresh: Freshness, now: datetime, refreshing: bool,
           last_attempt: datetime | None = None, last_error: str | None = None) -> str:
    when = (snapshot.chain_time or snapshot.fetched_at).astimezone(UTC)
    age = age_text((now - when).total_seconds())
    if fresh.state == "bundled":
        return f"From the stored snapshot of {_day(when)}, {age} old; {_why_not_live(refreshing, last_attempt, last_error)}."
    stamp = f"{when:%H:%M} UTC" if when.date() == now.astimezone(UTC).date() else f"{_day(when)}, {when:%H:%M} UTC"
    if fresh.state == "live":
        return f"Live: block {snapshot.block:,} at {stamp}, {age} old."
    reason = (_why_not_live(refreshing, last_attempt, last_error) if last_error
              else "it has not been refreshed since" if refreshing else _why_not_live(False, None, None))
    return f"Last known: block {snapshot.block:,} at {stamp}, {age} old; {reason}."


def freshness_info(snapshot: NetworkSnapshot, fresh: Freshness, now: datetime, refreshing: bool,
                   last_attempt: datetime | None = None, last_error: str | None = None) -> dict[str, Any]:
    """The ``freshness`` object of the API: state, label, block, time, age_s, banner."""
    when = (snapshot.chain_time or snapshot.fetched_at).astimezone(UTC)
    return {"state": fresh.state, "label": fresh.label, "block": snapshot.block, "time": when.isoformat(),
            "age_s": max(0, int((now - when).total_seconds())),
            "banner": banner(snapshot, fresh, now, refreshing, last_attempt, last_error)}


def chain_freshness(chain: Any) -> tuple[NetworkSnapshot, dict[str, Any]]:
    """The current snapshot of a ``ChainFacts`` and its freshness object."""
    snapshot, fresh = chain.current()
    return snapshot, freshness_info(snapshot, fresh, chain.now(), chain.refreshing, chain.last_attempt, chain.last_error)
