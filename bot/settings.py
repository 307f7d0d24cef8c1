"""The one settings object of TAO Guide: build-side settings plus the server's and the bot's.

Every field has a default, a description and a ``TAOGUIDE_<NAME>`` environment override
(``TAOGUIDE_PORT=8000``). It is built once by the shell (CLI, app factory) and passed down;
nothing else reads the environment. ``taoguide config`` prints the effective values.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import NoDecode

from kb.settings import KBSettings


class Settings(KBSettings):
    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the server listens on.")
    public_url: str = Field("", description="Public base URL of the site (e.g. https://example.org/guide); citation links become "
                                            "absolute, and behind a proxy that strips the path the server serves under it.")
    concurrency: int = Field(4, ge=1, le=64, description="Questions answered at the same time by the chat (each uses one CPU thread).")
    rate_ask: str = Field("60/minute", description="Questions one client may ask (API, widget and chat each), in the limits library's notation; empty turns it off.")
    rate_feedback: str = Field("30/minute", description="Votes one client may send.")
    rate_lookups: str = Field("20/minute", description="Validator and portfolio lookups one client may make.")
    rate_admin: str = Field("10/minute", description="Requests to /admin one client may make (slows down token guessing).")
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Addresses of reverse proxies whose X-Forwarded-For names the client, "
                                          "comma-separated, e.g. 127.0.0.1 (empty: the socket address is the client).")
    max_body_bytes: int = Field(262_144, ge=4096, description="Request bodies larger than this are refused with 413 before they are read.")
    answer_workers: int = Field(0, ge=0, description="Threads that compute API answers (0: one per core); other questions wait in the queue.")
    answer_queue: int = Field(64, ge=0, description="API questions that may wait for a free answer thread; past it, 503 busy at once.")
    answer_timeout_s: float = Field(10.0, gt=0, description="Longest an API client waits for one answer before 503 answer_timeout.")
    header_timeout_s: float = Field(10.0, ge=1, description="A connection whose request head has not fully arrived this long after it opened (or after the last response) is closed.")
    body_timeout_s: float = Field(15.0, ge=1, description="A request whose body stops arriving for this long is dropped.")
    keep_alive_s: float = Field(5.0, ge=1, description="An idle keep-alive connection is closed after this long.")

    retrieval: Literal["hybrid", "rrf", "dense", "lexical"] = Field(
        "hybrid", description="Ranking: blend of all evidence (hybrid), reciprocal rank fusion (rrf), or one retriever alone (dense, lexical).")
    top_k: int = Field(8, ge=1, le=50, description="Sections fetched per question before composing an answer.")
    min_dense: float = Field(0.47, ge=-1, le=1, description="Refuse when no section's cosine similarity to the question reaches this.")
    max_citations: int = Field(3, ge=1, le=5, description="At most this many sections are quoted in one answer.")
    max_sentences: int = Field(6, ge=1, le=10, description="At most this many sentences are quoted in one answer.")
    answer_words: int = Field(0, ge=0, le=400, description="Answers stop near this many words (the full section is one click away); "
                                                          "0: no word budget, only max_sentences.")
    max_question_chars: int = Field(1000, ge=20, description="Longer questions are rejected with a message asking to shorten them.")

    chain_network: str = Field("finney", description="Chain to read live subnet facts from: finney, test, local, or a ws:// / wss:// URL.")
    chain_refresh: bool = Field(True, description="Refresh the chain snapshot in the background while serving (false: stored snapshot only).")
    chain_refresh_s: float = Field(120.0, ge=10, description="Seconds between background chain refreshes.")
    chain_timeout_s: float = Field(25.0, ge=1, description="Longest a whole-network chain read may take before it is abandoned.")
    lookup_timeout_s: float = Field(10.0, ge=1, description="Longest a validator or portfolio lookup may wait for the chain.")
    lookup_concurrency: int = Field(4, ge=1, le=64, description="Lookups waiting on the chain at once; more get a quick 503 asking to retry.")
    chain_failures_before_pause: int = Field(3, ge=1, description="Failed lookups in a row after which lookups stop calling the chain for a while.")
    chain_pause_s: float = Field(60.0, ge=1, description="How long lookups stop calling the chain after repeated failures.")
    cache_dir: Path = Field(default_factory=lambda: Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "taoguide",
                            description="Writable folder for the last good chain snapshot and the SDK's caches.")

    database_url: str = Field("", description="SQLAlchemy URL of one database for every store: feedback, chain history, tracked "
                                              "wallets and the shared chain snapshot, e.g. postgresql+psycopg://taoguide@db/taoguide "
                                              "when replicas share it; feedback_url and history_url override it per store (empty: "
                                              "SQLite files in data_dir, one machine).")
    chain_history: bool = Field(True, description="Keep a history of the chain refreshes (changes over time, sparklines, basket "
                                                   "changes); false: the current snapshot only.")
    history_url: str = Field("", description="SQLAlchemy URL of the chain history store, the tracked wallets and the shared chain "
                                             "snapshot, e.g. postgresql+psycopg://… when replicas share it (empty: database_url, "
                                             "or the SQLite file chain-history.sqlite in data_dir).")

    wallet_tracking: bool = Field(True, description="Let readers ask the server to track a coldkey: its positions are stored at each "
                                                    "refresh in the chain history's database (false: no tracking; needs chain_history).")
    tracked_wallets_max: int = Field(50, ge=1, le=10_000, description="At most this many coldkeys are tracked at once (each costs one "
                                                                       "chain read per refresh).")
    featured_validator: str = Field("", description="Hotkey of a validator this site runs: the home page and /validators lead with it "
                                                    "and show how to stake to it (empty: nothing is featured).")

    trace_file: str = Field("", description="Append every answer's trace as one JSON line to this file (empty: off).")

    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Other sites allowed to call the widget's endpoints from a browser, "
                                          "comma-separated, e.g. https://a.example,https://b.example. Empty (the default): "
                                          "/api/ask and /api/faq answer any site (read-only, no cookies), /api/feedback only "
                                          "this server's pages. Listed: all three accept only those sites; * opens all three.")
    analytics: bool = Field(True, description="Store questions, answers and feedback for `taoguide analytics` (false: store nothing; feedback is refused).")
    feedback_url: str = Field("", description="SQLAlchemy URL of the feedback store, e.g. postgresql+psycopg://… when replicas share "
                                              "it (empty: database_url, or the SQLite file feedback.sqlite in data_dir).")
    data_dir: Path = Field(default_factory=lambda: Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "taoguide",
                           description="Writable folder for the SQLite feedback store and chain history.")
    analytics_keep_days: int = Field(365, ge=1, description="Answers and votes older than this many days are deleted when the server starts.")
    admin_token: SecretStr = Field(SecretStr(""), description="Token that opens /admin/analytics (empty: the page is off).")

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: object) -> object:
        return [p.strip() for p in value.split(",") if p.strip()] if isinstance(value, str) else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]
        return value

    def effective(self) -> dict[str, Any]:
        """The values in use, with any password inside a database URL replaced by ***: `taoguide config`
        output ends up in terminals, logs and bug reports."""
        return {k: _hide_password(v) if k.endswith("_url") and isinstance(v, str) else v
                for k, v in super().effective().items()}

    @property
    def root_path(self) -> str:
        """The path part of the public URL ("/guide" for https://example.org/guide/): the prefix a reverse
        proxy strips before passing requests on, handed to the ASGI server as its root_path."""
        from urllib.parse import urlsplit

        return urlsplit(self.public_url).path.rstrip("/")

    @property
    def feedback_db(self) -> str:
        """The feedback store's SQLAlchemy URL (its own setting, the shared database_url, or SQLite in data_dir)."""
        return self.feedback_url or self.database_url or f"sqlite:///{self.data_dir.expanduser() / 'feedback.sqlite'}"

    @property
    def history_db(self) -> str:
        """The chain history store's SQLAlchemy URL (its own setting, the shared database_url, or SQLite in data_dir);
        the tracked wallets and the shared chain snapshot live there too."""
        return self.history_url or self.database_url or f"sqlite:///{self.data_dir.expanduser() / 'chain-history.sqlite'}"


def _hide_password(url: str) -> str:
    """Pure: ``scheme://user:secret@host/db`` → ``scheme://user:***@host/db`` (other URLs unchanged)."""
    return re.sub(r"(://[^:/@\s]*:)[^@/\s]+@", r"\1***@", url)


def available_cpus() -> int:
    """The cores this process may run on (its affinity, not the machine's count): the answer pool's default
    size and the benchmark's machine line."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
