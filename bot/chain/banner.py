"""Pure: how fresh the chain numbers are, in the words every answer and page shows with them.

Every number carries its block, its time and its age ("block 7,801,029, 2026-03-22, 254 days
old"), and says why it is not live when it is not: "the chain can't be reached right now (last
attempt 16:40 UTC)" only after a read failed, "live reads are off" when the server never reads
the chain, "the first live read has not finished yet" before one has. ``freshness()`` makes the
label that answers put next to each number; ``banner()`` the sentence a page shows above them;
``not_current()`` the opening an answer to a "right now" question gets when its data is not live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.chain.model import NetworkSnapshot

LIVE_FOR = timedelta(minutes=5)  # a live snapshot younger than this is "live"


@dataclass(frozen=True)
class Freshness:
    state: str  # "live" | "stale" | "bundled"
    label: str  # the words shown next to every number (block, time, age, why not live)
    block: int
    as_of: datetime | None  # the chain time of the numbers (the bundled snapshot: its day)
    age_s: int | None = None  # how old the numbers were when this was worked out
    reason: str = ""  # why the numbers are not live ("" when they are)
    checked_at: datetime | None = None  # when this was worked out


def age_text(seconds: float) -> str:
    """"40 seconds", "12 minutes", "5 hours", "254 days"."""
    for unit, size, up_to in (("second", 1, 90), ("minute", 60, 90 * 60), ("hour", 3600, 48 * 3600)):
        if seconds < up_to:
            count = max(0, round(seconds / size))
            return f"{count} {unit}{'' if count == 1 else 's'}"
    days = int(seconds // 86_400)
    return f"{days} day{'' if days == 1 else 's'}"


def why_not_live(refreshing: bool, last_attempt: datetime | None, chain_error: str | None) -> str:
    """Only what is known: a failure only after a read failed."""
    if chain_error:
        at = f" (last attempt {last_attempt.astimezone(UTC):%H:%M} UTC)" if last_attempt else ""
        return f"the chain can't be reached right now{at}"
    if not refreshing:
        return "live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false)"
    return ""


def freshness(snapshot: NetworkSnapshot, now: datetime, chain_error: str | None = None,
              last_attempt: datetime | None = None, refreshing: bool = True) -> Freshness:
    """How fresh a snapshot is, in the words every live answer carries."""
    when = (snapshot.chain_time or snapshot.fetched_at).astimezone(UTC)
    age_s = max(0, int((now - when).total_seconds()))
    age = age_text(age_s)
    reason = why_not_live(refreshing, last_attempt, chain_error)
    common = dict(block=snapshot.block, as_of=when, age_s=age_s, checked_at=now)
    if snapshot.source == "bundled":  # it records its day only: no time of day is claimed
        reason = reason or "the first live read has not finished yet"
        return Freshness("bundled", f"from the stored snapshot of {when.date().isoformat()} (block {snapshot.block:,}, "
                                    f"{age} old), not live; {reason}", reason=reason, **common)
    stamp = f"{when:%Y-%m-%d %H:%M} UTC"
    if now - snapshot.fetched_at <= LIVE_FOR and not chain_error:
        return Freshness("live", f"live, as of block {snapshot.block:,} ({stamp}, {age} old)", **common)
    reason = reason or "not refreshed since"
    return Freshness("stale", f"last known, as of block {snapshot.block:,} ({stamp}, {age} old); {reason}",
                     reason=reason, **common)


def _day(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def _when(f: Freshness, bundled: bool) -> str:
    when = (f.as_of or f.checked_at).astimezone(UTC)  # type: ignore[union-attr]
    if bundled:
        return _day(when)
    today = (f.checked_at or when).astimezone(UTC).date()
    return f"{when:%H:%M} UTC" if when.date() == today else f"{_day(when)}, {when:%H:%M} UTC"


def banner(f: Freshness) -> str:
    """The sentence a page shows above its numbers: block, time and age, and why they are not live."""
    age = age_text(f.age_s or 0)
    if f.state == "live":
        return f"Live: block {f.block:,} at {_when(f, False)}, {age} old."
    if f.state == "bundled":
        numbers = f"from the stored snapshot of {_when(f, True)} (block {f.block:,}), {age} old"
    else:
        numbers = f"the last known, block {f.block:,} at {_when(f, False)}, {age} old"
    if f.reason.startswith("the chain can't be reached"):  # the failure first: it is why the numbers are old
        return f"{f.reason[0].upper()}{f.reason[1:]}; these numbers are {numbers}."
    if f.state == "bundled":
        return f"From the stored snapshot of {_when(f, True)} (block {f.block:,}), {age} old; {f.reason}."
    reason = "it has not been refreshed since" if f.reason == "not refreshed since" else f.reason
    return f"Last known: block {f.block:,} at {_when(f, False)}, {age} old; {reason}."


def not_current(f: Freshness) -> str:
    """The opening of an answer to a "right now" question whose numbers are not live ("" when they are)."""
    if f.state == "live":
        return ""
    if f.state == "bundled":
        numbers = f"are from the stored snapshot of {_when(f, True)} (block {f.block:,}), {age_text(f.age_s or 0)} old"
    else:
        numbers = f"are the last known, from block {f.block:,} at {_when(f, False)}, {age_text(f.age_s or 0)} old"
    reason = "it has not been refreshed since" if f.reason == "not refreshed since" else f.reason
    return f"These are not current numbers: {reason}, so the numbers below {numbers}."


def freshness_info(f: Freshness) -> dict[str, Any]:
    """The ``freshness`` object of the API: state, label, block, time, age_s, reason, banner."""
    return {"state": f.state, "label": f.label, "block": f.block, "time": f.as_of.isoformat() if f.as_of else None,
            "age_s": f.age_s, "reason": f.reason or None, "banner": banner(f)}


def chain_freshness(chain: Any) -> tuple[NetworkSnapshot, dict[str, Any]]:
    """The current snapshot of a ``ChainFacts`` and its freshness object."""
    snapshot, fresh = chain.current()
    return snapshot, freshness_info(fresh)
