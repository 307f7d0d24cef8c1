"""Answers made of chain data: the live numbers a question asks for, and the stake of an address in it.

The pages explain concepts; numbers that change every block come from the chain snapshot
(``bot.chain``), always with the block they are from and how fresh they are, next to the page
sentence that explains them and its link. A question carrying an address ("whats my balance
5F…") gets that coldkey's portfolio lookup, or, when the chain can't be reached, where to
look it up. Questions the scope rules decline, and questions naming another chain, never get
here with a number.
"""

from __future__ import annotations

import re
import time
from typing import Any

from bot.answer import compose, scope
from bot.answer.records import Answer, LiveFacts, Passage, Trace
from bot.chain import (LiveQuery, asks_now, check_address, live_text, load_baskets, lookup_portfolio, name_index,
                       normalise, not_current, parse_live, render_portfolio, rule_predates, screen_history, validator_row,
                       validators_named)
from bot.errors import BadAddress, ChainDown, NotFound
from bot.settings import Settings
from kb import Index

# An SS58 address as pasted (a cut-off one too: it gets the message saying how to paste it whole).
ADDRESS = re.compile(r"(?<![A-Za-z0-9])5[1-9A-HJ-NP-Za-km-z]{24,54}(?![A-Za-z0-9])")
# "what's the take of Nimbus Validator?", "take of the validator X", "Nimbus Validator's take"
TAKE_OF = re.compile(r"\btake\s+(?:of|for)\s+(?:the\s+)?(?:validator\s+)?(?P<a>[^?!.]+?)\s*[?!.]*$|"
                     r"^(?:what(?:'s| is)\s+)?(?P<b>[^?!.]+?)(?:'s|’s)\s+take\b", re.IGNORECASE)


class LiveAnswers:
    """Routes a question to the chain when it asks for chain data; caches the concept sentences and subnet names."""

    def __init__(self, settings: Settings, index: Index, chain: Any, portfolio_fetch: Any = None) -> None:
        self.settings, self.index, self.chain = settings, index, chain
        self.portfolio_fetch = portfolio_fetch  # the chain read behind an address lookup (None: the real one)
        self._concepts: dict[str, tuple[str, Any] | None] = {}
        # Words of the pages (not the subnet list): a subnet name that is also a common word ("Swap")
        # counts as a subnet only when written as one ("the Swap subnet", "SN10").
        self._common_words = {normalise(w) for s in index.sections if s.page != "guides/subnet-baskets.md"
                              for u in s.units for w in u.text.split()}
        self._names: tuple[int, dict[str, int]] = (-1, {})
        self._baskets = load_baskets(settings.content_dir)  # the baskets page's members, for "which subnets are in ..."

    def answer(self, text: str, started: float) -> Answer | None:
        """The chain-data answer to a cleaned question, or None when the pages should answer it."""
        if scope.decline_before_retrieval(text):
            return None
        address = ADDRESS.search(text)
        if address:
            return self._address(text, address.group(0), started)
        if self.chain is None or scope.other_chains(text):
            return None
        snapshot, fresh = self.chain.current()
        take = self._validator_take(text, snapshot, fresh, started)
        if take is not None:
            return take
        query = parse_live(text, self._name_index(snapshot), self._common_words)
        if query is None or query.intent == "basket" and not self._baskets:
            return None
        return self._live(text, query, snapshot, fresh, started)

    def _name_index(self, snapshot: Any) -> dict[str, int]:
        if self._names[0] != snapshot.block:
            names = {s.netuid: s.name for s in snapshot.subnets if s.netuid != 0}
            self._names = (snapshot.block, name_index(names, self._common_words))
        return self._names[1]

    def _live(self, text: str, query: LiveQuery, snapshot: Any, fresh: Any, started: float) -> Answer | None:
        """Numbers from the chain snapshot, with the page sentence that explains them and its link."""
        over_time = query.intent in ("change", "movers", "basket")  # these read the chain history too
        history = screen_history(getattr(self.chain, "history", None), snapshot) if over_time else None
        live = live_text(query, snapshot, fresh, history, self._baskets)
        if not live.text:  # a basket our page does not have ("the meme basket"): the pages answer
            return None
        passages, citations = [], []
        if query.intent == "basket":
            section = next((s for s in self.index.sections if s.url == live.facts["url"]), None)
            if section is not None:
                citations.append(compose.citation_for(section, 1.0))
        explained = self._concept(live.concept) if live.concept else None
        if explained:
            sentence, citation = explained
            citations.append(citation)
            passages.append(Passage(text=sentence, citation=len(citations) - 1))
            predates = rule_predates(sentence, fresh)  # a rule dated after the snapshot: say the numbers predate it
            if predates:
                passages.append(Passage(text=predates))
        if query.intent == "overview":
            for netuid in query.netuids:
                described = self._described(snapshot.subnet(netuid))
                if described:
                    citations.append(described[1])
                    passages.append(Passage(text=described[0], citation=len(citations) - 1))
        numbers = Passage(text=live.text, citation=0 if query.intent == "basket" and citations else None)
        if over_time:  # "how did it change?" is answered by the change: the explaining sentence follows it
            passages.insert(0, numbers)
        else:
            passages.append(numbers)
        self._open_if_not_current(text, fresh, passages)
        trace = Trace(question=text, decision="live", reason=f"live query: {query.intent}",
                      timings_ms={"total": _ms(started)})
        return Answer(kind="live", text=" ".join(p.text for p in passages),
                      citations=compose.absolute(citations, self.settings.public_url), passages=passages,
                      live=_facts(fresh, snapshot.block, snapshot.network, query.intent, live.facts), trace=trace)

    @staticmethod
    def _open_if_not_current(text: str, fresh: Any, passages: list[Passage]) -> None:
        """A "right now" question whose numbers are not live is told so in the answer's first sentence."""
        opening = not_current(fresh) if asks_now(text) else ""
        if opening:
            passages.insert(0, Passage(text=opening))

    def _validator_take(self, text: str, snapshot: Any, fresh: Any, started: float) -> Answer | None:
        """"what's the take of <validator name>": from the snapshot's validators, only for a name one of them
        published on chain (several validators with that name are all listed; an unknown name is left to the pages)."""
        match = TAKE_OF.search(text.strip())
        if match is None or not snapshot.validators:
            return None
        found = validators_named(snapshot, match.group("a") or match.group("b") or "")
        if not found:
            return None
        parts = []
        for v in found:
            row = validator_row(snapshot, v)
            parts.append(f"{v.name} (hotkey {v.hotkey}) has a take of {row['take_percent']:g}%, {v.nominators:,} "
                         f"nominator{'' if v.nominators == 1 else 's'} and about {row['total_stake_tao']:,.2f} TAO of stake "
                         f"at pool prices, with a validator permit on {row['permits']} subnet"
                         f"{'' if row['permits'] == 1 else 's'} ({fresh.label}).")
        if len(found) > 1:
            parts.insert(0, f"{len(found)} validators use the identity name {found[0].name}; compare their hotkeys.")
        parts.append("Each validator's page in the validator directory (/validators/) shows these numbers per subnet.")
        passages, citations = [Passage(text=" ".join(parts))], []
        explained = self._concept("validator take")
        if explained:
            citations.append(explained[1])
            passages.append(Passage(text=explained[0], citation=0))
        self._open_if_not_current(text, fresh, passages)
        trace = Trace(question=text, decision="live", reason="live query: validator take by identity name",
                      timings_ms={"total": _ms(started)})
        return Answer(kind="live", text=" ".join(p.text for p in passages),
                      citations=compose.absolute(citations, self.settings.public_url), passages=passages,
                      live=_facts(fresh, snapshot.block, snapshot.network, "validator",
                                  {"hotkeys": [v.hotkey for v in found]}), trace=trace)

    def _address(self, text: str, address: str, started: float) -> Answer:
        """A question carrying an address ("whats my balance 5F…"): the portfolio lookup, or where to look it up."""
        live = None
        try:
            check_address(address, "coldkey")
            if self.chain is None:
                raise ChainDown("live chain facts are switched off on this server")
            report = lookup_portfolio(self.settings, self.chain, address, self.portfolio_fetch)
            body = render_portfolio(report)
            snapshot, fresh = self.chain.current()
            live = _facts(fresh, report.block, snapshot.network, "portfolio",
                          {"coldkey": address, "total_tao_value": report.total_tao_value, "free_tao": report.free_tao,
                           "positions": len(report.positions)})
            reason = "address: portfolio lookup"
        except BadAddress as exc:
            body, reason = f"{exc}", "address: malformed"
        except NotFound as exc:
            body, reason = f"{exc}", "address: not found"
        except ChainDown as exc:
            body = (f"I couldn't look up that address just now. {exc} Balances and stakes are live chain data: you can "
                    f"also open the portfolio page (/portfolio/), run `taoguide chain portfolio {address}`, or paste "
                    "the address into a block explorer such as taostats.io.")
            reason = "address: chain unreachable"
        trace = Trace(question=text, decision="live" if live else "answer", reason=reason,
                      timings_ms={"total": _ms(started)})
        return Answer(kind="live" if live else "answer", text=body, passages=[Passage(text=body)], live=live, trace=trace)

    def _concept(self, concept: str) -> tuple[str, Any] | None:
        """The first sentence of the section that best explains a concept (cached per concept)."""
        if concept not in self._concepts:
            hits = self.index.search(concept, k=1)
            found = None
            if hits and hits[0].cosine >= self.settings.min_dense:
                section = hits[0].section
                sentence = next((u.text for u in section.units if u.kind == "sentence" and not compose.is_meta(u.text)), None)
                if sentence:
                    found = (sentence, compose.citation_for(section, hits[0].cosine, sentence))
            self._concepts[concept] = found
        return self._concepts[concept]

    def _described(self, subnet: Any) -> tuple[str, Any] | None:
        """A sentence of our pages about this very subnet ("SN64 Chutes: ..."), if there is one."""
        if subnet is None:
            return None
        tag = f"SN{subnet.netuid} "
        for section in self.index.sections:
            for unit in section.units:
                if unit.text.startswith(tag) or f"{tag}{subnet.name or ''}" in unit.text:
                    return unit.text, compose.citation_for(section, 1.0, unit.text)
        return None


def _facts(fresh: Any, block: int, network: str, intent: str, data: dict) -> LiveFacts:
    return LiveFacts(state=fresh.state, label=fresh.label, block=block, network=network, intent=intent, data=data,
                     time=fresh.as_of.isoformat() if fresh.as_of else None, age_s=fresh.age_s)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)
