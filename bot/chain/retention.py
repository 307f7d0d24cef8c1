"""Pure: which stored refreshes the chain history keeps, decided from their timestamps alone.

Every refresh is kept for two days, then the first refresh of each UTC hour up to 30 days,
then the first refresh of each UTC day. Keeping the *first* of a bucket makes pruning stable:
the first refresh of a day is also the first of its hour, so a refresh kept at one pruning is
never one that an earlier pruning already deleted, and pruning again later gives the same
result as pruning once (tests/bot/chain/test_retention.py).

Size after a year, 129 subnets (root included) at the default 120 s refresh: 2 days × 720
refreshes + 28 days × 24 + 335 days × 1 = 2,447 refreshes, 315,663 subnet rows. Measured on
SQLite (tests/bot/chain/test_history.py): about 92 bytes a row with its primary key, so about
29 MB after a year; after the first month it grows by 129 rows (about 12 KB) a day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

EVERY_REFRESH_FOR = timedelta(days=2)
HOURLY_FOR = timedelta(days=30)


def keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """The timestamps to keep at ``now``: all of the last two days, then the first of each hour
    (to 30 days), then the first of each day. Timestamps after ``now`` are kept."""
    ordered = sorted(set(times))
    kept: set[datetime] = set()
    seen_hours: set[datetime] = set()
    seen_days: set[object] = set()
    for t in ordered:  # oldest first, so each bucket's first timestamp is met first
        hour, day = t.replace(minute=0, second=0, microsecond=0), t.date()
        first_of_hour, first_of_day = hour not in seen_hours, day not in seen_days
        seen_hours.add(hour)
        seen_days.add(day)
        age = now - t
        if age <= EVERY_REFRESH_FOR or (age <= HOURLY_FOR and first_of_hour) or first_of_day:
            kept.add(t)
    return kept


def projected_refreshes(refresh_s: float, days: int) -> int:
    """How many refreshes the retention keeps after ``days`` of uninterrupted refreshes."""
    full = min(days, EVERY_REFRESH_FOR.days) * round(86_400 / refresh_s)
    hourly = max(0, min(days, HOURLY_FOR.days) - EVERY_REFRESH_FOR.days) * min(24, round(86_400 / refresh_s))
    daily = max(0, days - HOURLY_FOR.days)
    return full + hourly + daily


def projected_rows(subnets: int, refresh_s: float, days: int) -> int:
    """Subnet rows (one per subnet per kept refresh) after ``days``."""
    return subnets * projected_refreshes(refresh_s, days)
