"""The staker pages' API: the validator directory (/api/validators, one validator, the featured one)
from the current snapshot, and the tracked wallets (/api/tracked/{coldkey}: track, untrack, value
over time). The portfolio itself is /api/portfolio/{coldkey} (``routes.chain``). Each route only
translates HTTP to ``bot.chain``; errors keep the one shape of ``bot.web.errors``.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from fastapi import APIRouter, Request

from bot.chain import (TrackerFull, chain_freshness, check_address, validator_row, wallet_changes, wallet_series)
from bot.errors import NotFound, TooManyTracked, TrackingOff

NO_VALIDATORS = {
    "bundled": "The bundled snapshot has no validators (it holds subnet pools only). The directory fills in once the "
               "server reads the chain.",
    "live": "The chain returned no delegates at this block.",
    "stale": "The last snapshot the server read has no validators; the directory fills in once the chain answers again.",
}


def _chain(request: Request) -> Any:
    return request.app.state.engine.chain


def staking_steps(hotkey: str) -> list[dict[str, str]]:
    """How to stake to a hotkey: the SDK 11.3.0 btcli command and the wallet-app route (no amount advised)."""
    return [
        {"with": "btcli", "step": f"btcli stake add --netuid 0 --amount-tao AMOUNT --hotkey {hotkey}",
         "note": "Root (netuid 0) stakes TAO; for a subnet, put its netuid instead of 0 and you receive that subnet's "
                 "alpha at the pool price. btcli shows the fees and asks before it sends anything (add --dry-run to "
                 "preview only)."},
        {"with": "wallet app", "step": f"In your wallet's staking screen, choose the subnet, paste the hotkey {hotkey} "
                                       "as the validator, enter the amount and confirm.",
         "note": "Check that the hotkey shown before you sign is exactly this one."},
    ]


def directory(request: Request) -> dict[str, Any]:
    snapshot, fresh = chain_freshness(_chain(request))
    rows = [validator_row(snapshot, v) for v in snapshot.validators]
    featured = _featured(request, snapshot)
    return {"network": snapshot.network, "block": snapshot.block, "freshness": fresh, "count": len(rows),
            "validators": rows, "featured": featured,
            "note": None if rows else NO_VALIDATORS.get(fresh["state"], NO_VALIDATORS["stale"])}


def _featured(request: Request, snapshot: Any) -> dict[str, Any] | None:
    hotkey = request.app.state.settings.featured_validator.strip()
    if not hotkey:
        return None
    found = snapshot.validator(hotkey)
    body = validator_row(snapshot, found) if found else {"hotkey": hotkey, "name": None, "subnets": []}
    return {**body, "in_snapshot": found is not None, "steps": staking_steps(hotkey)}


def make_staker_router() -> APIRouter:
    router = APIRouter()

    @router.get("/api/validators", tags=["chain"], summary="Every validator of the current snapshot (the directory)")
    def validators(request: Request) -> dict[str, Any]:
        return directory(request)

    @router.get("/api/validators/featured", tags=["chain"], summary="The validator this site features, if it sets one")
    def featured(request: Request) -> dict[str, Any]:
        snapshot, fresh = chain_freshness(_chain(request))
        found = _featured(request, snapshot)
        if found is None:
            raise NotFound("This site features no validator (TAOGUIDE_FEATURED_VALIDATOR is not set); /api/validators "
                           "lists them all.")
        return {"validator": found, "freshness": fresh}

    @router.get("/api/validators/{hotkey}", tags=["chain"], summary="One validator of the current snapshot, per subnet")
    def one(request: Request, hotkey: str) -> dict[str, Any]:
        hotkey = check_address(hotkey, "hotkey")
        snapshot, fresh = chain_freshness(_chain(request))
        found = snapshot.validator(hotkey)
        if found is None:
            where = ("the bundled snapshot has no validators" if not snapshot.validators
                     else f"it is not among the {len(snapshot.validators)} delegates at block {snapshot.block:,}")
            raise NotFound(f"{hotkey} is not in the validator directory: {where}. /api/validator/{hotkey} asks the "
                           "chain directly.")
        featured_key = request.app.state.settings.featured_validator.strip()
        return {"validator": validator_row(snapshot, found), "freshness": fresh, "featured": hotkey == featured_key,
                "steps": staking_steps(hotkey)}

    def tracker(request: Request) -> Any:
        chain = _chain(request)
        found = getattr(chain, "tracker", None)
        if found is None or not chain.refreshing:
            raise TrackingOff("This server does not track wallets (it does not refresh from the chain, or "
                              "TAOGUIDE_WALLET_TRACKING or TAOGUIDE_CHAIN_HISTORY is off); the portfolio still shows "
                              "the present.")
        return found

    @router.get("/api/tracked/{coldkey}", tags=["chain"], summary="Whether a coldkey is tracked, its value over time and changes")
    def history(request: Request, coldkey: str) -> dict[str, Any]:
        coldkey = check_address(coldkey, "coldkey")
        chain = _chain(request)
        store = getattr(chain, "tracker", None) if chain.refreshing else None
        if store is None or not store.is_tracked(chain.network, coldkey):
            return {"coldkey": coldkey, "tracked": False, "available": store is not None, "points": [],
                    "changes": {}, "stored": _stored_words()}
        records = store.records(chain.network, coldkey)
        return {"coldkey": coldkey, "tracked": True, "available": True, "points": wallet_series(records),
                "changes": wallet_changes(records), "stored": _stored_words()}

    @router.put("/api/tracked/{coldkey}", tags=["chain"], summary="Track a coldkey: store its positions at each refresh")
    def track(request: Request, coldkey: str) -> dict[str, Any]:
        coldkey = check_address(coldkey, "coldkey")
        chain = _chain(request)
        try:
            added = tracker(request).track(chain.network, coldkey, chain.now().astimezone(UTC))
        except TrackerFull as exc:
            raise TooManyTracked(f"This server already tracks {exc.limit} wallets, its limit; untrack one first, or "
                                 "ask its operator to raise TAOGUIDE_TRACKED_WALLETS_MAX.") from None
        return {"coldkey": coldkey, "tracked": True, "added": added, "stored": _stored_words()}

    @router.delete("/api/tracked/{coldkey}", tags=["chain"], summary="Stop tracking a coldkey and delete its stored history")
    def untrack(request: Request, coldkey: str) -> dict[str, Any]:
        coldkey = check_address(coldkey, "coldkey")
        chain = _chain(request)
        return {"coldkey": coldkey, "tracked": False, "removed": tracker(request).untrack(chain.network, coldkey)}

    return router


def _stored_words() -> str:
    return ("Tracking stores, at each refresh of the server's chain snapshot, this coldkey's free balance and each "
            "position's subnet, hotkey, alpha and pool price: public chain data only. Kept like the chain history "
            "(every refresh for 2 days, hourly to 30 days, daily after); untracking deletes it at once.")
