"""Does a text contain a wallet seed phrase (a BIP39 mnemonic)? Then it must never be stored.

People paste their seed phrase into chats, sometimes with no words around it. A run of twelve
or more words from the BIP39 English list is such a phrase in practice (the list leaves out
"the", "is", "what" and most short words, so ordinary questions never make such a run). The
list comes from eth-account, which the bittensor SDK depends on; without it, nothing is flagged.
"""

from __future__ import annotations

import functools
import re

MIN_WORDS = 12
REDACTED = "[seed phrase removed]"
_TOKEN = re.compile(r"[A-Za-z]+")


@functools.cache
def wordlist() -> frozenset[str]:
    try:
        from importlib.resources import files

        text = files("eth_account.hdaccount").joinpath("wordlist", "english.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip() for w in text.split() if w.strip())


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of runs of at least MIN_WORDS consecutive BIP39 words."""
    words = wordlist()
    runs, start, end, count = [], 0, 0, 0
    for m in _TOKEN.finditer(text):
        if m.group().lower() in words:
            if count == 0:
                start = m.start()
            count, end = count + 1, m.end()
            continue
        if count >= MIN_WORDS:
            runs.append((start, end))
        count = 0
    if count >= MIN_WORDS:
        runs.append((start, end))
    return runs


def contains_seed_phrase(text: str) -> bool:
    return bool(_runs(text))


def redact(text: str) -> str:
    """The text with every seed-phrase-like run replaced by a marker."""
    for start, end in reversed(_runs(text)):
        text = text[:start] + REDACTED + text[end:]
    return text
