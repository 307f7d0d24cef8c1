"""The subnet baskets of ``content/guides/subnet-baskets.md`` and their live totals.

The page is the only place a basket is defined: its "## … basket" headings name the baskets
and each "- **SN64 Chutes**: …" line a member, with our one-line description and its source
links. Parsing the page (instead of keeping a second list in code) means an edit to the page
changes the baskets everywhere. Anchors are the site's (Python-Markdown's toc slugs), so a
basket's ``url`` opens its section. Totals are pure functions of the screener's rows and the
history: TAO in pools, market cap and emission share are sums; the equal-weighted change is
the mean of the members' changes; the cap-weighted change is that of a basket holding each
member's alpha in proportion to its market cap one window ago. A total is ``None`` when any
member lacks the number, never a total over only some members.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify

from bot.chain.changes import WINDOWS, reference
from bot.chain.timeline import History

PAGE = "guides/subnet-baskets.md"
PAGE_URL = "/guides/subnet-baskets/"
_HEADING = re.compile(r"^## (?P<title>.+ basket)\s*$")
_MEMBER = re.compile(r"^- \*\*SN(?P<netuid>\d+) (?P<name>[^*]+)\*\*: (?P<line>.+)$")
_LINK = re.compile(r"\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)")


@dataclass(frozen=True)
class Member:
    netuid: int
    name: str  # as the page names it (names as of its snapshot date)
    line: str  # our one-line description, as plain text
    sources: tuple[tuple[str, str], ...]  # (label, url) of the links the line cites


@dataclass(frozen=True)
class Basket:
    slug: str  # the heading's first word: "compute" for "Compute and hardware basket"
    title: str
    anchor: str
    members: tuple[Member, ...]

    @property
    def url(self) -> str:
        return f"{PAGE_URL}#{self.anchor}"

    @property
    def netuids(self) -> list[int]:
        return [m.netuid for m in self.members]


def parse_baskets(text: str) -> tuple[Basket, ...]:
    """Pure: the baskets a page in the baskets page's format lists, in page order."""
    baskets: list[Basket] = []
    title: str | None = None
    members: list[Member] = []

    def close() -> None:
        if title and members:
            slug = re.sub(r"[^a-z0-9-]", "", title.split()[0].lower())
            baskets.append(Basket(slug, title, slugify(title, "-"), tuple(members)))

    for raw in text.splitlines():
        if raw.startswith("## "):
            close()
            heading = _HEADING.match(raw)
            title, members = (heading["title"] if heading else None), []
        elif title and (member := _MEMBER.match(raw.strip())):
            line = member["line"]
            sources = tuple((m["label"], m["url"]) for m in _LINK.finditer(line))
            plain = re.sub(r"\s*\((?:\[[^\]]+\]\([^)]+\)(?:,\s*)?)+\)\s*(?=\.?$)", "", line)
            members.append(Member(int(member["netuid"]), member["name"].strip(), _LINK.sub(r"\g<label>", plain),
                                  sources))
    close()
    return tuple(baskets)


def load_baskets(content_dir: Path) -> tuple[Basket, ...]:
    """The baskets of the site's baskets page (empty when the page is missing).

    The baskets routes ask on every request: the page is read and parsed again only when it changed.
    """
    page = content_dir / PAGE
    return _parsed(str(page), page.stat().st_mtime_ns) if page.is_file() else ()


@functools.lru_cache(maxsize=4)
def _parsed(page: str, _changed: int) -> tuple[Basket, ...]:
    return parse_baskets(Path(page).read_text(encoding="utf-8"))


def basket_of(baskets: tuple[Basket, ...], netuid: int) -> tuple[Basket, Member] | None:
    """The basket a subnet is listed in, with its line (None when the page does not list it)."""
    return next(((b, m) for b in baskets for m in b.members if m.netuid == netuid), None)


def _sum(values: list[Any]) -> float | None:
    return None if not values or any(v is None for v in values) else float(sum(values))


def totals(members: list[dict[str, Any]], history: History) -> dict[str, Any]:
    """A basket's totals from its members' screener rows (``bot.chain.subnets.table``)."""
    out: dict[str, Any] = {"tao_in": _sum([m["tao_in"] for m in members]),
                           "market_cap_tao": _sum([m["market_cap_tao"] for m in members]),
                           "emission_share": _sum([m["emission_share"] for m in members])}
    for key in ("24h", "7d"):
        changes = [m[f"change_{key}"] for m in members]
        out[f"change_{key}_equal"] = None if not changes or None in changes else sum(changes) / len(changes)
        out[f"change_{key}_cap"] = _cap_weighted([history.of(m["netuid"]) for m in members], WINDOWS[key])
    return out


def _cap_weighted(all_series: list[Any], window: Any) -> float | None:
    """Σ price_now × alpha_out_then ÷ Σ price_then × alpha_out_then − 1 over the members."""
    now_value = then_value = 0.0
    for series in all_series:
        ref = reference(series, window)
        if ref is None:
            return None
        now_price, then_price = series[-1].subnet.price_tao_per_alpha, ref.subnet.price_tao_per_alpha
        then_alpha = ref.subnet.alpha_out_rao
        if now_price is None or then_price is None or then_alpha is None:
            return None
        now_value += now_price * then_alpha
        then_value += then_price * then_alpha
    return now_value / then_value - 1 if all_series and then_value > 0 else None
