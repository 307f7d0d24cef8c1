"""The site pages with chain numbers: /subnets/ (the screener), /subnets/{netuid}/ (one subnet),
/portfolio/, /validators/ (the directory) and /validators/{hotkey}/ (one validator).

Both are pages of the built site (bot/web/pages); this router hands them out, puts the netuid
in a subnet's page, answers an unknown or malformed netuid with a 404 page in the site's look,
and redirects the other spellings (/subnets, /subnets/64, /subnets/sn64/) to the canonical URL
with relative redirects, so they also work under a proxy's path prefix. Registered before the
chain router, whose older /subnets page it replaces.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.chain import check_address
from bot.errors import BadAddress
from bot.web.pages import (SiteNotBuilt, bad_hotkey_page, parse_netuid, read_page, subnet_page, unknown_subnet_page,
                           validator_page)

SCREENER = "subnets/index.html"
SUBNET = "subnets/subnet/index.html"
STATIC = {"portfolio": "portfolio/index.html", "validators": "validators/index.html"}
VALIDATOR = "validators/validator/index.html"
_NOT_BUILT = """<!doctype html><title>TAO Guide</title><h1>TAO Guide</h1><p>{message} Then reload this page;
the same numbers are in <a href="/api/subnets">/api/subnets</a> meanwhile.</p>"""


def _page(request: Request, page: str) -> str:
    return read_page(request.app.state.settings.site_dir, page)


def _query(request: Request) -> str:
    return f"?{request.url.query}" if request.url.query else ""


def make_pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/subnets")
    def screener_redirect(request: Request) -> RedirectResponse:
        return RedirectResponse("subnets/" + _query(request), status_code=307)

    @router.get("/subnets/")
    def screener(request: Request) -> HTMLResponse:
        try:
            return HTMLResponse(_page(request, SCREENER))
        except SiteNotBuilt as exc:
            return HTMLResponse(_NOT_BUILT.format(message=exc), status_code=503)

    @router.get("/subnets/{ident}")
    def subnet_redirect(ident: str) -> RedirectResponse:
        netuid = parse_netuid(ident)
        return RedirectResponse(f"{netuid if netuid is not None else quote(ident)}/", status_code=307)

    @router.get("/subnets/{ident}/")
    def subnet(request: Request, ident: str) -> Any:
        netuid = parse_netuid(ident)
        if netuid is not None and ident != str(netuid):
            return RedirectResponse(f"../{netuid}/", status_code=307)
        try:
            shell = _page(request, SUBNET)
        except SiteNotBuilt as exc:
            return HTMLResponse(_NOT_BUILT.format(message=exc), status_code=503)
        snapshot, _ = request.app.state.engine.chain.current()
        facts = snapshot.subnet(netuid) if netuid is not None else None
        if facts is None:
            return HTMLResponse(unknown_subnet_page(shell, ident, snapshot.subnet_count), status_code=404)
        return HTMLResponse(subnet_page(shell, netuid, facts.name))

    for name, built in STATIC.items():
        router.add_api_route(f"/{name}", _redirect_to(f"{name}/"), methods=["GET"])
        router.add_api_route(f"/{name}/", _serve(built), methods=["GET"])

    @router.get("/validators/{hotkey}")
    def validator_redirect(hotkey: str) -> RedirectResponse:
        return RedirectResponse(f"{quote(hotkey)}/", status_code=307)

    @router.get("/validators/{hotkey}/")
    def validator(request: Request, hotkey: str) -> Any:
        try:
            shell = _page(request, VALIDATOR)
        except SiteNotBuilt as exc:
            return HTMLResponse(_NOT_BUILT.format(message=exc), status_code=503)
        try:
            hotkey = check_address(hotkey, "hotkey")
        except BadAddress as exc:
            return HTMLResponse(bad_hotkey_page(shell, hotkey, exc.message), status_code=404)
        return HTMLResponse(validator_page(shell, hotkey))

    return router


def _redirect_to(target: str) -> Any:
    def redirect(request: Request) -> RedirectResponse:
        return RedirectResponse(target + _query(request), status_code=307)

    return redirect


def _serve(built: str) -> Any:
    def page(request: Request) -> HTMLResponse:
        try:
            return HTMLResponse(_page(request, built))
        except SiteNotBuilt as exc:
            return HTMLResponse(_NOT_BUILT.format(message=exc), status_code=503)

    return page
