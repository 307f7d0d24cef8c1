"""Pure: the numbers derived from a subnet's history and the current snapshot: price change
over 1 h / 24 h / 7 d, emission share, the thin-pool flag and the sparkline.

A change needs a record from about one window ago: the stored record closest to
"latest time − window", and only when it lies within ``TOLERANCE`` (10 %) of the window of
that moment (6 min for 1 h, 2 h 24 min for 24 h, 16 h 48 min for 7 d). With 120 s refreshes
and hourly records after two days that always finds one once the history spans the window;
before that, or across a gap, the change is ``None`` (shown blank), never a guess. A netuid
that was re-registered in between (another subnet now) has no change either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from bot.chain.model import Record, SubnetFacts

WINDOWS = {"1h": timedelta(hours=1), "24h": timedelta(days=1), "7d": timedelta(days=7)}
TOLERANCE = 0.10  # of the window: how far from "one window ago" the reference record may be
# A pool with less TAO than this is flagged thin. In a constant-product pool a stake of x TAO
# into a pool of T TAO loses x / (T + x) of its value to slippage, so below 1,000 TAO even a
# 10 TAO stake loses more than 1 % (5 TAO into the fees page's 10 TAO pool loses a third).
THIN_POOL_TAO = 1_000.0
SPARK_POINTS = 48
SPARK_SPAN = timedelta(days=7)

T = TypeVar("T")


def _nearest(items: Sequence[T], when: Callable[[T], datetime], target: datetime, tolerance: timedelta) -> T | None:
    best = min(items, key=lambda item: abs(when(item) - target), default=None)
    return best if best is not None and abs(when(best) - target) <= tolerance else None


def _buckets(items: Iterable[T], when: Callable[[T], datetime], now: datetime) -> list[T]:
    """The last item in each of SPARK_POINTS equal slices of the SPARK_SPAN before ``now``, oldest first."""
    start, width = now - SPARK_SPAN, SPARK_SPAN / SPARK_POINTS
    last: dict[int, T] = {}
    for item in items:
        t = when(item)
        if start < t <= now:
            slot = min(int((t - start) / width), SPARK_POINTS - 1)
            if slot not in last or when(last[slot]) <= t:
                last[slot] = item
    return [last[slot] for slot in sorted(last)]


def needed_times(times: Sequence[datetime], now: datetime) -> set[datetime]:
    """Of the stored refresh times, the ones the screener's numbers need: the latest, one per
    change window and one per sparkline slice (so a page reads ~55 refreshes, not thousands)."""
    picked = {t for t in times if t == now}
    for window in WINDOWS.values():
        ref = _nearest(times, lambda t: t, now - window, window * TOLERANCE)
        if ref is not None:
            picked.add(ref)
    picked.update(_buckets(times, lambda t: t, now))
    return picked


def change(series: Sequence[Record], window: timedelta) -> float | None:
    """Fractional price change over ``window`` up to the series' last record (oldest first)."""
    ref = reference(series, window)
    if ref is None:
        return None
    now_price, then_price = series[-1].subnet.price_tao_per_alpha, ref.subnet.price_tao_per_alpha
    if now_price is None or not then_price:
        return None
    return now_price / then_price - 1


def reference(series: Sequence[Record], window: timedelta) -> Record | None:
    """The record a change over ``window`` is measured from (None when there is none)."""
    if not series:
        return None
    ref = _nearest(series[:-1], lambda r: r.time, series[-1].time - window, window * TOLERANCE)
    return ref if ref is not None and _same_subnet(ref.subnet, series[-1].subnet) else None


def _same_subnet(then: SubnetFacts, now: SubnetFacts) -> bool:
    """A netuid re-registered in between belongs to another subnet: no change across that."""
    return then.registered_at_block is None or now.registered_at_block is None or \
        then.registered_at_block == now.registered_at_block


def sparkline(series: Sequence[Record]) -> list[float]:
    """Up to 48 prices over the last 7 days, oldest first; [] with fewer than two points."""
    if not series:
        return []
    points = [r for r in _buckets(series, lambda r: r.time, series[-1].time) if r.subnet.price_tao_per_alpha is not None]
    if len(points) < 2 or not _same_subnet(points[0].subnet, points[-1].subnet):
        return []
    return [float(r.subnet.price_tao_per_alpha) for r in points]  # type: ignore[arg-type]


def emission_shares(subnets: Iterable[SubnetFacts]) -> dict[int, float | None]:
    """Each subnet's fraction of all subnets' TAO emission (0..1). All None when any subnet's
    emission is unknown, since the total would then be wrong."""
    subnets = list(subnets)
    known = [s.tao_in_emission_rao_per_block for s in subnets if s.netuid != 0]
    if not known or any(e is None for e in known) or sum(known) <= 0:  # type: ignore[arg-type]
        return {s.netuid: None for s in subnets}
    total = sum(known)  # type: ignore[arg-type]
    return {s.netuid: (s.tao_in_emission_rao_per_block or 0) / total for s in subnets}


def thin_pool(subnet: SubnetFacts) -> bool:
    """True when the pool holds less than THIN_POOL_TAO (root has no pool)."""
    return subnet.netuid != 0 and subnet.tao_in is not None and subnet.tao_in < THIN_POOL_TAO
