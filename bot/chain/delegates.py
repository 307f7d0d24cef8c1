"""Pure: the chain's delegate records, their owners' on-chain identities and the per-subnet vectors
(validator trust, last update) as our ``ValidatorFacts``, and the directory's rows from them.

Values arrive shaped as the SDK decodes them (``bot.chain.source`` reads them): a DelegateInfo's
nominators as ``[coldkey, [[netuid, rao], ...]]`` pairs, identity fields as text or UTF-8 byte
lists, ValidatorTrust as u16 (PerU16) per UID, LastUpdate as a block per UID. A number the chain
did not give stays ``None``; nothing about a validator is said beyond these records and its own
identity (no ranking, no "recommended").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.chain.model import RAO, NetworkSnapshot, SubnetRole, ValidatorFacts

U16 = 65_535
IDENTITY_FIELDS = ("name", "url", "github_repo", "image", "discord", "description", "additional")


def text(value: Any) -> str | None:
    """An identity field as text: strings as they are, byte lists decoded as UTF-8."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace").strip() or None
    try:
        return bytes(int(b) for b in value).decode("utf-8", "replace").strip() or None
    except (TypeError, ValueError):
        return None


def identity(value: Mapping[str, Any] | None) -> dict[str, str]:
    """An IdentitiesV2 record → its non-empty text fields."""
    if not value:
        return {}
    out = {key: text(value.get(key)) for key in IDENTITY_FIELDS}
    return {k: v for k, v in out.items() if v}


def stake_by_netuid(record: Mapping[str, Any]) -> dict[int, int]:
    """Sum of every nominator's stake per subnet (rao of that subnet's currency; TAO on root)."""
    stake: dict[int, int] = {}
    for entry in record.get("nominators") or []:
        per_subnet = entry[1] if isinstance(entry, (list, tuple)) else entry.get("stake", [])
        for pair in per_subnet or []:
            netuid, amount = (pair[0], pair[1]) if isinstance(pair, (list, tuple)) else (pair["netuid"], pair["stake"])
            stake[int(netuid)] = stake.get(int(netuid), 0) + int(amount)
    return stake


def _vector(rows: Iterable[Any]) -> dict[int, list[int]]:
    out = {}
    for row in rows or ():
        key, value = row[0], row[1]
        key = key[0] if isinstance(key, (list, tuple)) else key
        out[int(key)] = [int(v) for v in value or []]
    return out


def validator(record: Mapping[str, Any], take_of: Callable[[int], float], identities: Mapping[str, Any],
              trust: Mapping[int, list[int]], last_update: Mapping[int, list[int]],
              uids: Mapping[tuple[int, str], int | None]) -> ValidatorFacts:
    """One decoded DelegateInfo (with the maps read alongside it) → ``ValidatorFacts``."""
    hotkey, owner = str(record.get("delegate_ss58")), str(record.get("owner_ss58") or "")
    stake = stake_by_netuid(record)
    permits = {int(n) for n in record.get("validator_permits") or []}
    roles = []
    for netuid in sorted(set(stake) | permits):
        uid = uids.get((netuid, hotkey))
        vt = trust.get(netuid, [])
        lu = last_update.get(netuid, [])
        roles.append(SubnetRole(
            netuid=netuid, stake_rao=stake.get(netuid, 0), permit=netuid in permits,
            validator_trust=vt[uid] / U16 if uid is not None and uid < len(vt) else None,
            last_update_block=lu[uid] if uid is not None and uid < len(lu) and lu[uid] else None))
    return ValidatorFacts(hotkey=hotkey, owner_coldkey=owner, take=take_of(int(record.get("take") or 0)),
                          nominators=len(record.get("nominators") or []), subnets=tuple(roles),
                          registrations=tuple(sorted(int(n) for n in record.get("registrations") or [])),
                          identity=identity(identities.get(owner)))


def validators(records: Iterable[Any], take_of: Callable[[int], float], identities: Mapping[str, Any],
               trust_rows: Iterable[Any], last_update_rows: Iterable[Any],
               uids: Mapping[tuple[int, str], int | None]) -> tuple[ValidatorFacts, ...]:
    """Every delegate record → ``ValidatorFacts``, in hotkey order (the directory sorts as the reader asks)."""
    trust, last = _vector(trust_rows), _vector(last_update_rows)
    found = [validator(r, take_of, identities, trust, last, uids) for r in records or () if r]
    return tuple(sorted(found, key=lambda v: v.hotkey))


def uid_keys(records: Iterable[Any]) -> list[tuple[int, str]]:
    """The (netuid, hotkey) pairs whose UID the directory needs: each delegate on each subnet it has a permit in."""
    return [(int(n), str(r.get("delegate_ss58"))) for r in records or () if r for n in r.get("validator_permits") or []]


def stake_tao(snapshot: NetworkSnapshot, role: SubnetRole) -> float | None:
    """A subnet stake valued in TAO at that pool's spot price (root stake is TAO already)."""
    if role.netuid == 0:
        return role.stake_rao / RAO
    subnet = snapshot.subnet(role.netuid)
    if subnet is None or subnet.price_tao_per_alpha is None:
        return None
    return role.stake_rao / RAO * subnet.price_tao_per_alpha


def row(snapshot: NetworkSnapshot, v: ValidatorFacts) -> dict[str, Any]:
    """One validator as the directory and its own page show it (JSON values)."""
    subnets = []
    for r in v.subnets:
        subnet = snapshot.subnet(r.netuid)
        subnets.append({
            "netuid": r.netuid, "name": "root" if r.netuid == 0 else (subnet.name if subnet else None),
            "stake": r.stake_rao / RAO, "stake_tao": stake_tao(snapshot, r), "permit": r.permit,
            "validator_trust": r.validator_trust, "last_update_block": r.last_update_block,
            "blocks_since_update": snapshot.block - r.last_update_block if r.last_update_block else None})
    values = [s["stake_tao"] for s in subnets]
    unvalued = [s["netuid"] for s in subnets if s["stake_tao"] is None]
    return {"hotkey": v.hotkey, "owner_coldkey": v.owner_coldkey, "name": v.name, "identity": v.identity,
            "take": v.take, "take_percent": round(v.take * 100, 2), "nominators": v.nominators,
            "total_stake_tao": sum(x for x in values if x is not None), "unvalued_netuids": unvalued,
            "permits": len(v.permits), "permit_netuids": list(v.permits), "registrations": list(v.registrations),
            "subnets": subnets}


def by_name(snapshot: NetworkSnapshot, name: str) -> list[ValidatorFacts]:
    """Validators whose identity name is ``name`` (case and spacing ignored); several when names clash."""
    wanted = " ".join(name.lower().split())
    return [v for v in snapshot.validators if v.name and " ".join(v.name.lower().split()) == wanted]
