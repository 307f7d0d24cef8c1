"""Routes over the chain facts: the subnet screener (/subnets, CSV, JSON), chain status, and the
validator and portfolio lookups. Each route only translates HTTP to the chain layer (``bot.chain``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from bot.chain import PortfolioReport, ValidatorReport, lookup_portfolio, lookup_validator, subnet_rows
from bot.web import screener


def _chain(request: Request) -> Any:
    return request.app.state.engine.chain


def make_chain_router() -> APIRouter:
    router = APIRouter()

    @router.get("/api/subnets", tags=["chain"], summary="Every subnet of the current snapshot, with its freshness")
    def subnets(request: Request) -> dict[str, Any]:
        snapshot, fresh = _chain(request).current()
        return {"network": snapshot.network, "block": snapshot.block,
                "freshness": {"state": fresh.state, "label": fresh.label},
                "count": snapshot.subnet_count, "subnets": subnet_rows(snapshot)}

    @router.get("/api/chain", tags=["chain"], summary="Which snapshot live answers use, and how fresh it is")
    def status(request: Request) -> dict[str, Any]:
        chain = _chain(request)
        snapshot, fresh = chain.current()
        return {"network": chain.network, "state": fresh.state, "label": fresh.label, "block": snapshot.block,
                "source": snapshot.source, "last_error": chain.last_error,
                "last_attempt": chain.last_attempt.isoformat() if chain.last_attempt else None}

    @router.get("/api/validator/{hotkey}", tags=["chain"], response_model=ValidatorReport,
                summary="A validator hotkey's take, stake, nominators and subnets (live)")
    def validator(request: Request, hotkey: str) -> ValidatorReport:
        return lookup_validator(request.app.state.settings, _chain(request), hotkey)

    @router.get("/api/portfolio/{coldkey}", tags=["chain"], response_model=PortfolioReport,
                summary="A coldkey's stake positions and their TAO value (live, read-only)")
    def portfolio(request: Request, coldkey: str) -> PortfolioReport:
        return lookup_portfolio(request.app.state.settings, _chain(request), coldkey)

    @router.get("/subnets", include_in_schema=False)
    @router.get("/subnets/", include_in_schema=False)
    def page(request: Request) -> HTMLResponse:
        snapshot, fresh = _chain(request).current()
        return HTMLResponse(screener.render(snapshot, fresh.label, fresh.state))

    @router.get("/subnets.csv", include_in_schema=False)
    def csv(request: Request) -> PlainTextResponse:
        snapshot, fresh = _chain(request).current()
        return PlainTextResponse(screener.to_csv(snapshot, fresh.label), media_type="text/csv",
                                 headers={"Content-Disposition": 'attachment; filename="subnets.csv"'})

    return router
