"""Pure: Bittensor synonyms, so a question in the user's words also finds the pages' words.

Users may say "PoW", "cold key" or "halvening" where the pages say "proof of work",
"coldkey" or "halving". Each group below is one concept, written from general Bittensor
usage and the pages' own vocabulary (never from the evaluation questions). A group is used
only when the question's term is one the pages never use: expanding words the pages do use
only adds noise (measured: it cost more answers than it fixed). Expansion feeds lexical
retrieval only; the dense side already knows common paraphrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable

GROUPS: tuple[tuple[str, ...], ...] = (
    ("unstake", "remove stake", "withdraw stake"),
    ("staker", "delegator", "nominator"),
    ("register", "registration", "registering"),
    ("seed phrase", "mnemonic", "recovery phrase", "secret phrase"),
    ("coldkey", "cold key"),
    ("hotkey", "hot key"),
    ("deregistered", "deregistration", "pruned", "pruning"),
    ("yc", "yuma consensus"),
    ("otf", "opentensor foundation"),
    ("evm", "ethereum virtual machine", "smart contract"),
    ("ema", "exponential moving average"),
    ("amm", "automated market maker"),
    ("mev", "maximal extractable value", "front-running"),
    ("pow", "proof of work", "proof-of-work"),
    ("poa", "proof of authority", "proof-of-authority"),
    ("dtao", "dynamic tao"),
    ("testnet", "test network"),
    ("slippage", "price impact"),
    ("halving", "halvening"),
    ("tempo", "epoch"),
    ("child hotkey", "childkey"),
    ("validator permit", "vpermit"),
)

_PATTERNS = [(group, [re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE) for term in group])
             for group in GROUPS]


def expand(query: str, known: Callable[[str], bool] = lambda term: False) -> str:
    """The query plus the other members of every synonym group it mentions in words the pages don't use.

    ``known(term)`` says whether the pages use a term; a term they use already finds its sections.
    """
    extra: list[str] = []
    for group, patterns in _PATTERNS:
        present = [term for term, pattern in zip(group, patterns) if pattern.search(query)]
        if present and not any(known(term) for term in present):
            extra += [term for term in group if term not in present]
    return f"{query} {' '.join(extra)}" if extra else query
