"""Pure: does a question ask for live chain numbers, and which ones?

The pages explain concepts; numbers that change every block (prices, pools, emissions,
owners, burn costs, the subnet count, the block height) come from the chain snapshot.
A question is live when it names a subnet (``SN64``, ``subnet 64``, ``netuid 64``, or a
subnet's name, typos tolerated) together with something to look up, or asks a
network-wide number (how many subnets, the current block, total issuance, a ranking).
Conceptual questions ("what is a subnet?", "how is the alpha price set?") go to the pages.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass

INTENTS = ("count", "rank", "block", "issuance", "registration", "subnet_cost", "owner", "price", "emission", "pool",
           "tempo", "symbol", "neurons", "name", "overview", "change", "movers", "basket")


@dataclass(frozen=True)
class LiveQuery:
    intent: str
    netuids: tuple[int, ...] = ()
    rank_by: str = "emission"  # for "rank": emission | price | pool | market_cap
    limit: int = 5
    ascending: bool = False
    window: str = "24h"  # for "change" and "movers": 1h | 24h | 7d
    basket: str = ""  # for "basket": the word the question names it by ("compute")


MAX_FUZZY_TOKENS = 8  # distinct unknown words per question checked for a misspelt subnet name
_REF = re.compile(r"\b(?:sn|subnet|netuid|net\s?uid)\s*[-#:]?\s*(\d{1,4})\b", re.IGNORECASE)
_COUNT = re.compile(r"\bhow many (active |live |registered )?(sub ?nets|netuids)\b(?!.*\b(can|could|may|max|maximum|limit|"
                    r"allowed|cap)\b)|\b(number|count) of (active |live )?subnets\b(?!.*\b(max|maximum|limit|cap)\b)"
                    r"|\bsubnet count\b", re.IGNORECASE)
_RANK = re.compile(r"\b(top|biggest|largest|highest|most|lowest|smallest|cheapest|priciest|richest|deepest|best|worst)\b",
                   re.IGNORECASE)
_RANK_BY = (("market_cap", re.compile(r"market ?cap|mcap|valuation", re.I)),
            ("emission", re.compile(r"emi(t|ssion)|reward", re.I)),
            ("pool", re.compile(r"pool|liquidity|reserve|\btao in\b|deep", re.I)),
            ("price", re.compile(r"price|expensive|cheap|pric", re.I)))
_BLOCK = re.compile(r"\b(block height|current block|latest block|block number|what block|which block)\b", re.I)
_ISSUANCE = re.compile(r"\b(total issuance|circulating supply|how much tao (exists|is there|is out there|has been "
                       r"(issued|minted|emitted))|tao (issued|minted) so far|current (tao )?supply)\b", re.I)
_SUBNET_COST = re.compile(r"\b(cost|price|fee|lock|burn)\b[^?]*\b(create|creating|launch|launching|start|register|"
                          r"registering|new)\b[^?]*\bsubnet\b|\bsubnet (creation|registration|lock) (cost|fee|price)\b"
                          r"|\block cost\b|\bburn[- ]cost\b(?![^?]*\b(sn|subnet|netuid)\s*\d)", re.I)
_REGISTRATION = re.compile(r"\bhow much\b[^?]*\bregist|"
                           r"\b(registration|register|registering|reg|burn|recycle)\b[^?]*\b(cost|fee|price|burn)\b|"
                           r"\b(cost|fee|price)\b[^?]*\b(register|registration|reg)\b|\bburn\b", re.I)
_INTENT_WORDS = (
    ("owner", re.compile(r"\bown(s|er|ers|ed)?\b|\bwho (runs|created|made|controls)\b", re.I)),
    ("price", re.compile(r"\bprice|\bhow much is\b|\bworth\b|\bvalue of\b|\bquote\b", re.I)),
    ("emission", re.compile(r"\bemi(ssions?|ts?|tting)\b|\breward(s)? per (day|block)\b|\bearn(s|ing)? per day\b", re.I)),
    ("pool", re.compile(r"\bpool\b|\bliquidity\b|\breserves?\b|\btao in\b|\balpha in\b|\bmarket ?cap\b", re.I)),
    ("tempo", re.compile(r"\btempo\b|\bepoch length\b", re.I)),
    ("symbol", re.compile(r"\bsymbol\b|\bticker\b|\btoken name\b", re.I)),
    ("neurons", re.compile(r"\bhow many (neurons|miners|uids|slots)\b|\bneuron count\b|\bfull\b", re.I)),
    ("name", re.compile(r"\bname\b|\bcalled\b|\bwhich subnet is\b", re.I)),
)
_WORD = re.compile(r"[a-z0-9]+")
# Price moves over a window, from the chain history: "how did SN64's price change this week?", "top movers today"
_MOVED = re.compile(r"\b(chang(e|ed|es)|mov(e|ed|es|ing)|up|down|gain(ed|s)?|lost|los(e|ing)|drop(ped|s)?|fell|fall(en)?|"
                    r"rose|risen|pump(ed|ing)?|dump(ed|ing)?|perform(ed|ing|ance)?|trend(ing)?)\b", re.I)
_WINDOW = (("1h", re.compile(r"\b(last|past|this) hour\b|\b1 ?h(our)?\b|\bhourly\b", re.I)),
           ("7d", re.compile(r"\b(this|last|past) week\b|\bweekly\b|\b7 ?d(ays?)?\b|\bseven days\b|\bweek\b", re.I)),
           ("24h", re.compile(r"\btoday\b|\b24 ?h(ours?)?\b|\b(last|past) day\b|\bsince yesterday\b|\bdaily\b", re.I)))
_MOVERS = re.compile(r"\b(top|biggest|best|worst|largest)( \w+)? (movers|gainers|losers|performers|winners|fallers)\b"
                     r"|^\W*(top |biggest )?(movers|gainers|losers)\b|\bwhich subnets? (went|are|is|were|have) (up|down|"
                     r"pumping|dumping|gaining|falling|dropping)|\bsubnets? (that |which )?(moved|gained|dropped|fell|rose|"
                     r"pumped|dumped) (the )?most\b", re.I)
_LOSERS = re.compile(r"\b(losers|worst|fallers|down|dumping|falling|dropping|dropped|fell|dumped)\b", re.I)
_BASKET = re.compile(r"\b(?:subnets?|members?|constituents?|what(?:'s| is)?|which)\b[^?]*?\b(?:in|of) (?:the |your |our )?"
                     r"([a-z][a-z-]+)(?: and [a-z-]+)? basket\b|\b([a-z][a-z-]+) basket'?s? (?:subnets|members|constituents)\b",
                     re.I)
# Asking how something works, not what it is now: the pages answer ("why does the subnet price keep jumping?").
# "Is the halving triggered by block height?" and "how is the alpha price set?" ask how something works.
_CONCEPTUAL = re.compile(r"\b(why|how (does|do|is|are|did) (it|they|the|a|an)\b.*\b(work|change|set|decided|calculated|"
                         r"computed|worked out|determined)|work(s|ed)? out|formula|over time|keep (jumping|rising|"
                         r"falling|changing)|triggered|based on|depends? on|tied to|what (decides|determines|sets)|"
                         r"how (is|are) (the )?\w+( \w+)? (set|decided|calculated|determined|measured|counted|chosen))\b",
                         re.I)
_NOW = re.compile(r"\b(now|right now|currently|current|today|at the moment|latest)\b", re.I)
_RIGHT_NOW = re.compile(r"\b(now|right now|currently|current|at the moment|latest|live)\b", re.I)  # "today" is a window
_ABOUT = re.compile(r"\b(subnet|sn|alpha|token|do|does|doing|about|what is|what's|whats|tell me|info|overview|"
                    r"stats|numbers)\b", re.I)
_LIMIT = re.compile(r"\b(max|maximum|limit|cap|allowed|at most|can there be|could there be)\b", re.I)


def normalise(name: str) -> str:
    """Subnet names as typed: lower case, ASCII, τ read as t ("τemplar" → "templar")."""
    text = name.replace("τ", "t").replace("Τ", "T")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def name_index(names: Mapping[int, str | None], common_words: Iterable[str] = ()) -> dict[str, int]:
    """Normalised subnet name → netuid, for names distinctive enough to recognise without "subnet" next to them."""
    common = {w.lower() for w in common_words}
    index: dict[str, int] = {}
    for netuid, name in names.items():
        keys = [normalise(name or "")]
        if "." in (name or ""):  # "lium.io" is also typed "lium"
            keys.append(normalise((name or "").split(".")[0]))
        for key in keys:
            if len(key) >= 4 and key not in common and not key.isdigit():
                index.setdefault(key, netuid)
    return index


def find_subnets(question: str, names: Mapping[str, int], common_words: AbstractSet[str] = frozenset()) -> tuple[int, ...]:
    """Netuids the question refers to, by number ("SN64", "subnet 64") or by name.

    A small typo in a name is tolerated ("chutse"), but a real word of our pages is never read
    as a misspelt name ("bittensor" is not "Gittensor"). Typos are looked for in at most
    ``MAX_FUZZY_TOKENS`` distinct unknown words, so a question's cost does not grow with its repeats.
    """
    found = [int(m.group(1)) for m in _REF.finditer(question)]
    tokens = _WORD.findall(normalise_text(question))
    for token in tokens + [a + b for a, b in zip(tokens, tokens[1:])]:  # "compute horde" → "computehorde"
        if token in names:
            found.append(names[token])
    unknown = [t for t in dict.fromkeys(tokens) if len(t) >= 5 and t not in common_words and t not in names]
    for token in unknown[:MAX_FUZZY_TOKENS]:  # each distinct word once, and only so many: the cost stays bounded
        similar = [n for n in names if len(n) >= 5 and abs(len(n) - len(token)) <= 1]
        close = difflib.get_close_matches(token, similar, n=1, cutoff=0.8)
        # a misspelt ordinary word ("bittensr") stays a word, not a subnet name ("Gittensor")
        if close and not difflib.get_close_matches(token, common_words, n=1, cutoff=0.85):
            found.append(names[close[0]])
    return tuple(dict.fromkeys(found))


def _by_name_only(question: str) -> bool:
    return not _REF.search(question)


def normalise_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text.replace("τ", "t")).encode("ascii", "ignore").decode().lower()


def parse_live(question: str, names: Mapping[str, int], common_words: AbstractSet[str] = frozenset()) -> LiveQuery | None:
    """The live lookup a question asks for, or None when the pages should answer it."""
    netuids = find_subnets(question, names, common_words)
    if netuids == (0,):  # root has no pool or price: the pages explain it
        return None
    conceptual = bool(_CONCEPTUAL.search(question))
    if conceptual and not _NOW.search(question):  # how something works: the pages explain it, whatever it names
        return None
    basket = _BASKET.search(question)
    if basket and not conceptual:
        return LiveQuery("basket", basket=(basket.group(1) or basket.group(2)).lower())
    window = next((key for key, pattern in _WINDOW if pattern.search(question)), None)
    if _MOVERS.search(question) and not netuids:
        return LiveQuery("movers", window=window or "24h", ascending=bool(_LOSERS.search(question)))
    if netuids and _MOVED.search(question) and (window or re.search(r"\bchang", question, re.I)):
        return LiveQuery("change", netuids, window=window or "24h")
    if _COUNT.search(question) and not _LIMIT.search(question):
        return LiveQuery("count")
    if _BLOCK.search(question) and not netuids:
        return LiveQuery("block")
    if _ISSUANCE.search(question):
        return LiveQuery("issuance")
    rank = _RANK.search(question)
    if rank and re.search(r"\bsubnets?\b|\bpools?\b|\bsn\b", question, re.I) and not netuids:
        by = next((key for key, pattern in _RANK_BY if pattern.search(question)), None)
        if by:
            limit = re.search(r"\btop\s*(\d{1,2})\b|\b(\d{1,2})\s*(biggest|largest|highest|lowest|subnets)", question, re.I)
            n = int(next(g for g in limit.groups() if g and g.isdigit())) if limit else 5
            ascending = rank.group(1).lower() in ("lowest", "smallest", "cheapest", "worst")
            return LiveQuery("rank", rank_by=by, limit=max(1, min(n, 20)), ascending=ascending)
    if _SUBNET_COST.search(question) and not netuids and not conceptual:
        return LiveQuery("subnet_cost")
    if not netuids:
        return None
    if _REGISTRATION.search(question) and not conceptual:
        return LiveQuery("registration", netuids)
    for intent, pattern in _INTENT_WORDS:
        if pattern.search(question):
            return LiveQuery(intent, netuids)
    if _by_name_only(question) and not _ABOUT.search(question):
        return None  # a name in passing ("a really rich broth") is not a question about a subnet
    return LiveQuery("overview", netuids)


def asks_now(question: str) -> bool:
    """Whether a question asks for the numbers as they are now ("price of sn64 alpha right now?", "current
    emission", "live price"): its answer must open by saying so when its data is not current."""
    return bool(_RIGHT_NOW.search(question))
