"""The chain facts the bot answers from: latest good snapshot in memory and on disk, the
bundled snapshot as the floor, and a background thread that refreshes it (and appends each
good refresh to the chain history, when there is one).

Questions call ``current()`` and never wait on the chain. A refresh reads the whole network
at one block with an outer timeout; failures back off (30 s doubling to 10 min) and keep
the last good snapshot, whose label then says it is no longer live.

With ``shared`` (replicas on one PostgreSQL, ``bot.chain.shared``) only the replica holding the
refresh lease reads the chain, stores the history and records the tracked wallets; it publishes
each read (or failure) to the shared row, and the others read that row FOLLOW_TICKS times per
refresh interval, trying for the lease each time, so one of them takes over when the refresher
stops. A reader's numbers carry the refresher's read time, so they age the same way.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.chain.banner import LIVE_FOR, Freshness, freshness  # noqa: F401 - the names importers use
from bot.chain.bundled import load_bundled
from bot.chain.model import NetworkSnapshot

log = logging.getLogger("taoguide.chain")

BACKOFF_START_S, BACKOFF_MAX_S = 30.0, 600.0
FOLLOW_TICKS = 4  # a reader looks at the shared snapshot (and the lease) this often per refresh interval


class ChainFacts:
    """Thread-safe holder of the current snapshot, with optional background refresh."""

    def __init__(self, network: str, cache_file: Path | None, fetch: Callable[[], NetworkSnapshot] | None = None,
                 refresh_s: float = 120.0, clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 history: Any = None, tracker: Any = None, wallet_fetch: Callable[[str], Any] | None = None,
                 shared: Any = None) -> None:
        self.network = network
        self.shared = shared  # a bot.chain.shared.SharedSnapshot when replicas share one database, or None
        self.refreshed_by: str | None = None  # the replica whose read the shared snapshot is
        self.history = history  # a bot.chain.history.HistoryStore, or None
        self.tracker = tracker  # a bot.chain.tracker.Tracker (tracked wallets), or None
        self._wallet_fetch = wallet_fetch  # coldkey → source.PortfolioFacts, for the tracked wallets
        self.last_lookup_error: str | None = None  # the last lookup's technical failure (for /api/chain)
        self.cache_file = cache_file
        self._fetch = fetch
        self.refresh_s = refresh_s
        self._clock = clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None
        self.last_attempt: datetime | None = None
        self._snapshot = self._load_cached() or load_bundled()

    def current(self) -> tuple[NetworkSnapshot, Freshness]:
        with self._lock:
            snapshot, error, attempt = self._snapshot, self.last_error, self.last_attempt
        return snapshot, freshness(snapshot, self._clock(), error, attempt, self.refreshing)

    def refresh_once(self) -> bool:
        """One refresh attempt; True when a new live snapshot was stored."""
        if self._fetch is None:
            return False
        self.last_attempt = self._clock()
        try:
            snapshot = self._fetch()
        except Exception as exc:  # any failure keeps the last good snapshot
            with self._lock:
                self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning("chain refresh failed: %s", self.last_error)
            self._share(lambda shared: shared.publish_failure(self.last_attempt, self.last_error))
            return False
        with self._lock:
            self._snapshot, self.last_error = snapshot, None
        self._persist(snapshot)
        self._share(lambda shared: shared.publish(snapshot, self.last_attempt))
        self._record(snapshot)
        self.track_wallets(snapshot)
        return True

    def track_wallets(self, snapshot: NetworkSnapshot) -> int:
        """Record every tracked wallet's positions at this refresh (on the refresh thread, never a question's);
        at most ``tracker.max_wallets`` reads, each bounded by the fetcher's own timeout, and the round stops
        early when it has taken half the refresh interval. Returns how many wallets were recorded."""
        if self.tracker is None or self._wallet_fetch is None:
            return 0
        from bot.chain.tracker import record_of

        started, done = time.monotonic(), 0
        try:
            coldkeys = self.tracker.coldkeys(self.network)[: self.tracker.max_wallets]
        except Exception:  # noqa: BLE001 - a broken store never costs the refresh
            log.exception("could not list the tracked wallets")
            return 0
        for coldkey in coldkeys:
            if time.monotonic() - started > self.refresh_s / 2:
                log.warning("tracked wallets: stopped after %d of %d (the round took too long)", done, len(coldkeys))
                break
            try:
                facts = self._wallet_fetch(coldkey)
                done += bool(self.tracker.append(self.network, coldkey, record_of(snapshot, facts)))
            except Exception as exc:  # noqa: BLE001 - one wallet's failure never stops the others
                log.warning("tracked wallet %s not recorded at block %s: %s", coldkey, snapshot.block, exc)
        return done

    def follow_once(self) -> bool:
        """A reader's tick: take the shared snapshot and the refresher's last attempt and error; False when the
        database cannot be read (the snapshot held then ages, and its label says so)."""
        try:
            with self._lock:
                holding = self._snapshot
            found = self.shared.read(holding)
        except Exception as exc:  # noqa: BLE001 - a broken database never stops the server
            log.warning("could not read the shared chain snapshot: %s", exc)
            return False
        if found is None:
            return True
        with self._lock:
            if found.snapshot is not None:
                self._snapshot = found.snapshot
            self.last_attempt, self.last_error, self.refreshed_by = found.last_attempt, found.last_error, found.refresher
        if found.snapshot is not None:
            self._persist(found.snapshot)
        return True

    @property
    def role(self) -> str:
        """"alone" (no shared database), "refresher" (holds the lease) or "reader"."""
        return "alone" if self.shared is None else "refresher" if self.shared.lease.held else "reader"

    @property
    def refreshing(self) -> bool:
        """Whether this holder reads the chain at all (False: stored snapshot only)."""
        return self._fetch is not None

    def now(self) -> datetime:
        return self._clock()

    def start(self) -> None:
        if self._fetch is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="taoguide-chain-refresh", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
            self._thread = None
        if self.history is not None:
            self.history.close()  # releases its connections; a later read opens new ones
        if self.tracker is not None:
            self.tracker.close()
        if self.shared is not None:
            self.shared.close()  # frees the lease at once: another replica takes over on its next tick

    def _run(self) -> None:
        delay = 0.0
        backoff = BACKOFF_START_S
        if self.shared is not None:
            self.follow_once()  # a replica starting up shows the shared snapshot at once, refresher or not
        while not self._stop.wait(delay):
            if self.shared is not None and not self.shared.lease.acquire():
                self.follow_once()
                delay = self.refresh_s / FOLLOW_TICKS
                continue
            if self.refresh_once():
                backoff = BACKOFF_START_S
                delay = self.refresh_s * random.uniform(0.9, 1.1)
            else:
                delay, backoff = backoff, min(backoff * 2, BACKOFF_MAX_S)

    def _load_cached(self) -> NetworkSnapshot | None:
        if not self.cache_file or not self.cache_file.is_file():
            return None
        try:
            snapshot = NetworkSnapshot.from_json(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable chain cache %s: %s", self.cache_file, exc)
            return None
        return snapshot if snapshot.network == self.network else None

    def _record(self, snapshot: NetworkSnapshot) -> None:
        if self.history is None:
            return
        try:
            self.history.append(snapshot)
        except Exception:  # noqa: BLE001 - a broken history store never costs the refresh
            log.exception("could not append block %s to the chain history", snapshot.block)

    def _share(self, write: Callable[[Any], None]) -> None:
        if self.shared is None or self._stop.is_set():  # a stopping replica has handed the lease on
            return
        self.refreshed_by = self.shared.name
        try:
            write(self.shared)
        except Exception:  # noqa: BLE001 - a broken database never costs the refresh
            log.exception("could not publish the chain refresh to the shared snapshot")

    def _persist(self, snapshot: NetworkSnapshot) -> None:
        if not self.cache_file:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(f".tmp-{os.getpid()}-{time.monotonic_ns()}")
            tmp.write_text(snapshot.to_json(), encoding="utf-8")
            os.replace(tmp, self.cache_file)
        except OSError as exc:
            log.warning("could not write the chain cache %s: %s", self.cache_file, exc)
