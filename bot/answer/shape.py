"""Pure: what kind of question was asked, which sentence answers that kind first, and openers.

A reader takes an answer from its first sentence, so the opening is chosen for the kind of
question: "what is X" opens with a definition, "how do I" with the command or first step,
"how much / how many / how long" with the number and its unit, "when" with the date, "is it
safe / can I lose" with the risk, "X vs Y" with the difference. An FAQ sentence that opens
with "Yes," or "No," answers its own heading's question; quoted for any other question that
word misleads ("is staking risky?" → "No, a validator cannot move your stake"), so it is
dropped unless the user asked that very yes/no question.
"""

from __future__ import annotations

import re

KINDS = ("risk", "compare", "how_to", "amount", "when", "why", "definition", "list", "yes_no", "other")

_LEAD_IN = re.compile(r"^((hey|hi|hello|ok|okay|so|and|but|also|quick question|question|sorry|pls|please|um+|hmm+|"
                      r"different question|another (one|question)|new question)\b[\s,:!.-]*)+", re.IGNORECASE)
_KIND_RULES = (
    ("risk", re.compile(r"\b(risk|risky|risks|safe|safety|dangerous|lose|losing|lost|slash(ed|ing)?|scam|steal|rug)\b", re.I)),
    ("compare", re.compile(r"\b(vs\.?|versus|difference between|different from|compared? (to|with)|or)\b.*\b(better|differ|"
                           r"difference)\b|\b(vs\.?|versus|difference between|differ(s|ence)? from|compared? (to|with))\b", re.I)),
    ("how_to", re.compile(r"^(how (do|can|should|would) (i|you|we|one)|how to|what('s| is) the (command|way) to|steps? to|"
                          r"where (do|can) i|can i .*\bhow\b|i want to|help me)\b", re.I)),
    ("amount", re.compile(r"^(how (much|many|long|often|big|fast|high|low)|what('s| is| are) the (cost|price|fee|fees|"
                          r"minimum|maximum|max|min|limit|supply|rate|size|number|amount)|what does .* cost)\b", re.I)),
    ("when", re.compile(r"^(when|what (year|date|day|month|time))\b", re.I)),
    ("why", re.compile(r"^(why|how come)\b", re.I)),
    ("definition", re.compile(r"^(what('s| is| are|s)|whats|define|meaning of|explain|what does .* mean|who (is|are))\b", re.I)),
    ("list", re.compile(r"^(which|list|name (the|all))\b", re.I)),
    ("yes_no", re.compile(r"^(is|are|am|was|were|can|could|do|does|did|will|would|should|shall|has|have|may|might|must)\b",
                          re.I)),
)

_FIGURE = re.compile(r"\d")
_DATE = re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|"
                   r"december)\b|\bblock \d", re.I)
_COMMAND = re.compile(r"`[^`]*\b(btcli|pip|python|docker|cargo|git|curl|taoguide)\b[^`]*`|^(run|use|open|install|type|"
                      r"call|go to|create|stake|pick|choose|check|add|send)\b", re.I)
_RISK_WORDS = re.compile(r"\b(risk|risks|risky|lose|loss|losses|fall|falls|drop|drops|slippage|scam|theft|"
                         r"no (guarantee|insurance)|irreversible)\b", re.I)
_DEFINES = re.compile(r"^(an? |the )?[^.,;:]{1,60}?\b(is|are|means|refers to|was)\b", re.I)
_BECAUSE = re.compile(r"\b(because|so that|since|to (keep|stop|prevent|make|protect|reward)|in order to|which means)\b", re.I)
_COMPARES = re.compile(r"\b(while|whereas|instead|unlike|but|differs?|difference|both|rather than)\b", re.I)

_CONTINUES = re.compile(r"^(for example|for instance|e\.g\.|in other words|also|however|but|so|then|instead|otherwise|"
                        r"likewise|similarly|in that case|as a result|in practice|in short|that|this|these|those|it|they)\b",
                        re.I)
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_CAVEAT = re.compile(r"^(sources (differ|disagree)|the sources|according to|illustrative|as an illustration|"
                     r"(an? |the |one |some |other )?(older|newer|earlier|later|previous|official|stored|monorepo|"
                     r"june 20\d\d|20\d\d)?\s*(versions?|docs|documentation|readme|release notes|notes|guides?) (of|also|"
                     r"still|say|said|give|gave|list|describe|call|once|even|put|are|were|had)\b|"
                     rf"(before|until|up to|prior to) ({_MONTH} )?(\d{{1,2}} )?(19|20)\d\d|"
                     rf"(before|until|prior to) (the |root |dynamic |dtao|runtime|chain |release|spec|v\d)|"
                     r"in (btcli|sdk) \d|in the (\d{4} |older |old |earlier )?(docs|guide|design|code))\b", re.I)
_ALSO = re.compile(r"^(\S+\s+){1,7}(also|even)\b", re.I)
OPENER = re.compile(r"^(yes|no|nope|not (directly|really|quite|exactly|always|usually|yet|necessarily)|"
                    r"(it|they|you) (does|do|doesn't|don't|is|isn't|are|aren't|can|can't|cannot|will|won't))"
                    r"\s*(,\s*|\.(\s+|$)|;\s*|:\s*|\s+-+\s+|$)", re.I)


def kind_of(question: str) -> str:
    """The kind of the first question asked ("is staking risky? can i lose my tao" is about risk)."""
    text = _LEAD_IN.sub("", question.strip())
    for kind, rule in _KIND_RULES:
        if rule.search(text) if kind in ("risk", "compare") else rule.match(text):
            return kind
    return "other"


def fits(kind: str, sentence: str) -> bool:
    """Does this sentence answer that kind of question on its own, as an opening?"""
    plain = strip_opener(sentence) or sentence
    if kind == "amount":
        return bool(_FIGURE.search(plain))
    if kind == "when":
        return bool(_DATE.search(plain))
    if kind == "how_to":
        return bool(_COMMAND.search(plain))
    if kind == "risk":
        return bool(_RISK_WORDS.search(plain))
    if kind == "definition":
        return bool(_DEFINES.match(plain))
    if kind == "why":
        return bool(_BECAUSE.search(plain))
    if kind == "compare":
        return bool(_COMPARES.search(plain))
    return True


def continues(sentence: str) -> bool:
    """A sentence that goes on from the one before it ("For example, …", "However, …"), or a caveat about
    sources or the past ("Sources differ …", "An older version of the README …", "Before August 2026, …",
    "The docs also …"), cannot open an answer: it qualifies the answer, it is not the answer."""
    text = sentence.strip()
    return bool(_CONTINUES.match(text) or _CAVEAT.match(text) or _ALSO.match(text))


def has_opener(sentence: str) -> bool:
    return bool(OPENER.match(sentence.strip()))


def strip_opener(sentence: str) -> str | None:
    """The sentence without its bare yes/no opener ("No, a validator cannot …" → "A validator cannot …");
    the sentence itself when it has none; None when nothing is left ("It does.")."""
    text = sentence.strip()
    match = OPENER.match(text)
    if not match:
        return text
    rest = text[match.end():].strip()
    if len(rest.split()) < 3:
        return None
    return rest[0].upper() + rest[1:] if rest[0].islower() and not rest.startswith("`") else rest
