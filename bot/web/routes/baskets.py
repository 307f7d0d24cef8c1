"""Routes over the subnet baskets: /api/baskets (members with their live numbers and the
baskets' totals) and /api/baskets/{slug}/split (the stake-across-this-basket calculator).
Membership is read from the baskets page in content/ on each request, so an edit to the page
shows at once; the numbers are the screener's (``bot.web.routes.chain.subnets_body``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from bot.chain import (Basket, basket_totals, chain_freshness, load_baskets, parse_amount, screen_history,
                       split_amount, split_summary, subnet_table)
from bot.errors import NotFound


def _baskets(request: Request) -> tuple[Basket, ...]:
    return load_baskets(request.app.state.settings.content_dir)


def _basket(request: Request, slug: str) -> Basket:
    baskets = _baskets(request)
    found = next((b for b in baskets if b.slug == slug), None)
    if found is None:
        raise NotFound(f"No basket {slug[:40]!r}; the baskets are {', '.join(b.slug for b in baskets) or 'none'} "
                       "(GET /api/baskets lists them).")
    return found


def make_baskets_router() -> APIRouter:
    router = APIRouter()

    @router.get("/api/baskets", tags=["baskets"], summary="Every basket of the baskets page, with live numbers and totals")
    def baskets(request: Request) -> dict[str, Any]:
        chain = request.app.state.engine.chain
        snapshot, fresh = chain_freshness(chain)
        history = screen_history(chain.history, snapshot)
        rows = {row["netuid"]: row for row in subnet_table(snapshot, history)}
        out = []
        for basket in _baskets(request):
            members = [rows[n] for n in basket.netuids if n in rows]
            out.append({"slug": basket.slug, "title": basket.title, "url": basket.url,
                        "netuids": basket.netuids, "missing": [n for n in basket.netuids if n not in rows],
                        "totals": basket_totals(members, history), "members": members})
        return {"baskets": out, "history": history.summary(), "freshness": fresh}

    @router.get("/api/baskets/{slug}/split", tags=["baskets"],
                summary="Split an amount of TAO across a basket: alpha, fee and slippage per pool (an estimate)")
    def split(request: Request, slug: str, amount: str = Query("100", description="TAO to stake, > 0 and ≤ 1,000,000"),
              by: str = Query("equal", description="equal or cap (by market cap)")) -> dict[str, Any]:
        basket = _basket(request, slug)
        value = parse_amount(amount)
        snapshot, fresh = chain_freshness(request.app.state.engine.chain)
        members = [s for s in (snapshot.subnet(n) for n in basket.netuids) if s is not None]
        legs = split_amount(members, value, by)
        return {"slug": basket.slug, "title": basket.title, "amount": value, "by": by, "block": snapshot.block,
                "members": [vars(leg) for leg in legs], "totals": split_summary(legs), "freshness": fresh}

    return router
