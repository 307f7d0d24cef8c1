"""Pure rules for questions the bot must decline even when they resemble our pages.

Similarity alone cannot tell "what is bitcoin's max supply?" from "what is TAO's max
supply?", nor a price prediction from a question about how prices are set. These rules
name the kinds of question TAO Guide never answers, each with a polite refusal that says
what it can help with instead:

- other blockchains, unless the question is also about Bittensor and the quoted section
  itself discusses that chain, in its text or its heading (the FAQ "Is Bittensor mining
  like Bitcoin mining?" answers without naming Bitcoin again);
- price predictions and financial advice;
- personal information about people;
- seed phrases typed into the chat (a safety warning, never an answer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer.seedphrase import contains_seed_phrase


@dataclass(frozen=True)
class Decline:
    rule: str
    message: str
    detail: str = ""


# Names of other chains and their tokens, matched as whole words in any case.
OTHER_CHAINS = {
    "bitcoin": "Bitcoin", "bitcoins": "Bitcoin", "btc": "Bitcoin", "satoshi": "Bitcoin", "sats": "Bitcoin",
    "ethereum": "Ethereum", "eth": "Ethereum", "gwei": "Ethereum", "steth": "Ethereum", "lido": "Lido",
    "solana": "Solana", "cardano": "Cardano", "polkadot": "Polkadot", "kusama": "Kusama", "parachain": "Polkadot",
    "parachains": "Polkadot", "cosmos": "Cosmos", "ibc": "Cosmos", "avalanche": "Avalanche", "avax": "Avalanche",
    "arbitrum": "Arbitrum", "matic": "Polygon", "bnb": "BNB Chain", "binance": "Binance", "xrp": "XRP",
    "ripple": "XRP", "dogecoin": "Dogecoin", "doge": "Dogecoin", "litecoin": "Litecoin", "monero": "Monero",
    "tezos": "Tezos", "algorand": "Algorand", "chainlink": "Chainlink", "fet": "Fetch.ai", "usdc": "USDC",
    "usdt": "Tether", "tether": "Tether",
}
# Tickers that are also English words count only when written in capitals ("NEAR", "DOT").
OTHER_TICKERS = {"SOL": "Solana", "ADA": "Cardano", "DOT": "Polkadot", "ATOM": "Cosmos", "NEAR": "NEAR",
                 "OP": "Optimism", "TRX": "Tron", "POL": "Polygon"}
# Terms that make a question about Bittensor even when another chain is named.
BITTENSOR_TERMS = {"bittensor", "tao", "subnet", "subnets", "netuid", "dtao", "alpha", "btcli", "subtensor", "finney",
                   "rao", "yuma", "metagraph", "hotkey", "coldkey", "τ"}

_FINANCE = re.compile(
    r"price prediction|\bpredict(ion)?s?\b.*\bprice|\bprice\b.*\b(next|in \d+|by \d{4}|this year|20\d\d)\b"
    r"|\b(will|gonna|going to|could|can|would)\b[^?]*\b(hit|reach|pump|moon|10x|100x|dump|crash|go up|go down|"
    r"be worth|outperform|skyrocket)"
    r"|\b(best|highest|biggest) (returns?|yields?|apy|apr|gains?|profits?)\b[^?]*\b(next|this|in the coming|tomorrow|20\d\d)\b"
    r"|\bpick (one|a \w+) for me\b|\bprice targets?\b|\btarget price\b|\bworth in \d|\bshould i (buy|sell|invest|hold|ape|dca|go all in)|\bgood (investment|buy|entry)|\bentry price"
    r"|\b(buy|wait for) (the |a )?dip|\boutperform|\bretire\b|\b(will|make|earn|profit|return)\b[^?]*\bin (dollars|usd)\b|\$\s?\d"
    r"|\bis (it )?too late to (buy|get in)|\bfinancial advice|\bnot financial advice\b"
    r"|\btrad(es|ing) (above|below|at an? (premium|discount))|\b(premium|discount) (to|on) (its |the )?(nav|net asset value)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(
    r"\bhome address|\bphone number|\bpersonal (data|information|info|details)|\bwhere (does|do) (\w+ ){1,4}live\b"
    r"|\bemail address of|\bdoxx?|\bsocial security|\b(real|full|legal) name\b", re.IGNORECASE)
_SEED = re.compile(
    r"\b(here are|here's|here is|these are)\b[^.?!]{0,30}\b(\d+|eleven|twelve|twenty[- ]four) words\b"
    r"|\bguess the (\d+\w*|last|missing|final) word|\bmy (seed|mnemonic|recovery) (phrase|words?) (is|are)\b"
    r"|\bmy private key is\b", re.IGNORECASE)

_WORD = re.compile(r"[a-zτ][a-z0-9τ]*")

HELP_MARKET = ("TAO Guide doesn't predict prices or give financial advice. It can explain how alpha prices are set, "
               "what staking earns from, and the risks of staking.")
HELP_OTHER_CHAIN = "TAO Guide covers Bittensor only, so it can't answer questions about {chain}."
HELP_PERSONAL = "TAO Guide doesn't share personal information about anyone."
HELP_SEED = ("Never type or share your seed phrase, not even here: anyone who has it can take your funds, and nobody, "
             "including support, can recover or guess it for you.")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def decline_before_retrieval(question: str) -> Decline | None:
    """Rules that need only the question."""
    if _SEED.search(question) or contains_seed_phrase(question):
        return Decline("seed_phrase", HELP_SEED)
    if _PERSONAL.search(question):
        return Decline("personal_information", HELP_PERSONAL)
    if _FINANCE.search(question):
        return Decline("financial_advice", HELP_MARKET)
    return None


def other_chains(question: str) -> list[str]:
    """Other blockchains the question names (displayed names, in order of mention)."""
    found = [OTHER_CHAINS.get(w.lower()) or OTHER_TICKERS.get(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", question)]
    return list(dict.fromkeys(name for name in found if name))


def decline_other_chain(question: str, quoted_text: str, headings: Sequence[str] = ()) -> Decline | None:
    """Decline a question about another chain unless it is about Bittensor too and what we quote discusses that chain.

    The headings of the quoted sections count: a section headed "Is Bittensor mining like
    Bitcoin mining?" discusses Bitcoin even when its answer doesn't repeat the name.
    """
    chains = other_chains(question)
    if not chains:
        return None
    about_bittensor = bool(words(question) & BITTENSOR_TERMS)
    quoted = " ".join([quoted_text, *headings]).lower()
    discussed = all(any(w in quoted for w, name in OTHER_CHAINS.items() if name == chain and len(w) > 3)
                    for chain in chains)
    if about_bittensor and discussed:
        return None
    return Decline("other_chain", HELP_OTHER_CHAIN.format(chain=" and ".join(chains)), ", ".join(chains))
