"""Routes over the chain facts: the subnet screener's data (/api/subnets, its CSV, a subnet's history),
chain status, and the validator and portfolio lookups. Each route only translates HTTP to the
chain layer (``bot.chain``); the baskets live in ``bot.web.routes.baskets``, included here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from bot.chain import (HISTORY_WINDOWS, ROOT_ROW, PortfolioReport, ValidatorReport, chain_freshness, lookup_portfolio,
                       lookup_validator, screen_history, subnet_history, subnet_table, subnets_csv)
from bot.errors import BotError, NotFound
from bot.web.routes.baskets import make_baskets_router


class BadWindow(BotError):
    status = 422
    code = "bad_window"


def _chain(request: Request) -> Any:
    return request.app.state.engine.chain


def subnets_body(chain: Any) -> tuple[Any, dict[str, Any]]:
    """The current snapshot and the /api/subnets body: every subnet (root first) with its derived
    numbers, the history they come from and the freshness."""
    snapshot, fresh = chain_freshness(chain)
    history = screen_history(chain.history, snapshot)
    return snapshot, {"network": snapshot.network, "block": snapshot.block, "freshness": fresh,
                      "count": snapshot.subnet_count, "history": history.summary(),
                      "subnets": subnet_table(snapshot, history)}


def make_chain_router() -> APIRouter:
    router = APIRouter()

    @router.get("/api/subnets", tags=["chain"], summary="Every subnet of the current snapshot, with changes and freshness")
    def subnets(request: Request) -> dict[str, Any]:
        return subnets_body(_chain(request))[1]

    @router.get("/api/subnets/{netuid}/history", tags=["chain"], summary="One subnet's stored history")
    def history(request: Request, netuid: int, window: str = Query("7d", description="1d, 7d, 30d or all")) -> dict[str, Any]:
        if window not in HISTORY_WINDOWS:
            raise BadWindow(f"window must be one of {', '.join(HISTORY_WINDOWS)} (got {window[:20]!r}); "
                            "for example ?window=7d.")
        chain = _chain(request)
        snapshot, fresh = chain_freshness(chain)
        subnet = snapshot.subnet(netuid) or (ROOT_ROW if netuid == 0 else None)
        if subnet is None:
            raise NotFound(f"No subnet {netuid} in the current snapshot (block {snapshot.block:,}); /api/subnets "
                           "lists every netuid.")
        found = subnet_history(chain.history, snapshot, netuid, HISTORY_WINDOWS[window])
        points = [{"block": r.block, "time": r.time.isoformat(), "price": r.subnet.price_tao_per_alpha,
                   "tao_in": r.subnet.tao_in, "alpha_in": r.subnet.alpha_in, "alpha_out": r.subnet.alpha_out,
                   "emission_tao_per_day": r.subnet.emission_tao_per_day} for r in found.of(netuid)]
        return {"netuid": netuid, "name": subnet.name, "window": window, "points": points, "source": found.source,
                "history": found.summary(), "freshness": fresh}

    @router.get("/api/chain", tags=["chain"], summary="Which snapshot live answers use, and how fresh it is")
    def status(request: Request) -> dict[str, Any]:
        chain = _chain(request)
        snapshot, fresh = chain_freshness(chain)
        return {"network": chain.network, "state": fresh["state"], "label": fresh["label"], "block": snapshot.block,
                "time": fresh["time"], "age_s": fresh["age_s"], "banner": fresh["banner"],
                "source": snapshot.source, "last_error": chain.last_error,
                "last_lookup_error": getattr(chain, "last_lookup_error", None),
                "last_attempt": chain.last_attempt.isoformat() if chain.last_attempt else None,
                # replicas on one database: "refresher" reads the chain, a "reader" serves its snapshot
                "role": getattr(chain, "role", "alone"), "refreshed_by": getattr(chain, "refreshed_by", None)}

    @router.get("/api/validator/{hotkey}", tags=["chain"], response_model=ValidatorReport,
                summary="A validator hotkey's take, stake, nominators and subnets (live)")
    def validator(request: Request, hotkey: str) -> ValidatorReport:
        return lookup_validator(request.app.state.settings, _chain(request), hotkey)

    @router.get("/api/portfolio/{coldkey}", tags=["chain"], response_model=PortfolioReport,
                summary="A coldkey's stake positions and their TAO value (live, read-only)")
    def portfolio(request: Request, coldkey: str) -> PortfolioReport:
        return lookup_portfolio(request.app.state.settings, _chain(request), coldkey)

    @router.get("/subnets.csv", include_in_schema=False)
    def csv(request: Request) -> Response:
        snapshot, body = subnets_body(_chain(request))
        return Response(subnets_csv(snapshot, body["subnets"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="subnets.csv"'})

    router.include_router(make_baskets_router())
    return router
