"""The whole-network snapshot the bot answers live questions from, in our own schema.

Amounts are kept in rao (10^9 per TAO or per alpha) as integers, exactly as the chain
reports them; prices are TAO per alpha. A field the source did not provide is ``None``
and is shown as unknown, never guessed. ``source`` says where a snapshot came from:
"live" (read from the chain by ``bot.chain.source``) or "bundled" (the snapshot shipped
in the package).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

RAO = 10**9
BLOCKS_PER_DAY = 7200  # 12-second blocks
SCHEMA = 1


@dataclass(frozen=True)
class SubnetFacts:
    netuid: int
    name: str | None = None
    symbol: str | None = None
    owner_coldkey: str | None = None
    owner_hotkey: str | None = None
    tempo: int | None = None
    price_tao_per_alpha: float | None = None  # spot
    ema_price_tao_per_alpha: float | None = None  # moving price
    tao_in_rao: int | None = None  # TAO reserve of the pool
    alpha_in_rao: int | None = None  # alpha reserve of the pool
    alpha_out_rao: int | None = None  # alpha outstanding (held as stake)
    tao_in_emission_rao_per_block: int | None = None  # TAO injected into the pool per block
    excess_tao_rao_per_block: int | None = None  # TAO spent on chain buys per block
    burn_rao: int | None = None  # cost to register a neuron (UID) on this subnet
    neurons: int | None = None
    max_neurons: int | None = None
    registered_at_block: int | None = None
    identity: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"SN{self.netuid}" + (f" ({self.name})" if self.name else "")

    @property
    def tao_in(self) -> float | None:
        return None if self.tao_in_rao is None else self.tao_in_rao / RAO

    @property
    def alpha_in(self) -> float | None:
        return None if self.alpha_in_rao is None else self.alpha_in_rao / RAO

    @property
    def alpha_out(self) -> float | None:
        return None if self.alpha_out_rao is None else self.alpha_out_rao / RAO

    @property
    def emission_tao_per_day(self) -> float | None:
        """TAO injected into the subnet's pool per day (btcli's convention: per-block × 7,200)."""
        if self.tao_in_emission_rao_per_block is None:
            return None
        return self.tao_in_emission_rao_per_block * BLOCKS_PER_DAY / RAO

    @property
    def burn_tao(self) -> float | None:
        return None if self.burn_rao is None else self.burn_rao / RAO

    @property
    def market_cap_tao(self) -> float | None:
        """Derived: spot price × alpha outstanding, in TAO."""
        if self.price_tao_per_alpha is None or self.alpha_out_rao is None:
            return None
        return self.price_tao_per_alpha * self.alpha_out_rao / RAO


@dataclass(frozen=True)
class SubnetRole:
    """A validator's place on one subnet: stake there (alpha; TAO on root), and where the snapshot has
    them, its permit, validator trust (0..1) and the block its weights were last set."""

    netuid: int
    stake_rao: int
    permit: bool = False
    validator_trust: float | None = None
    last_update_block: int | None = None


@dataclass(frozen=True)
class ValidatorFacts:
    """A delegate hotkey as the chain and its owner's on-chain identity describe it, nothing more."""

    hotkey: str
    owner_coldkey: str
    take: float  # 0..1
    nominators: int
    subnets: tuple[SubnetRole, ...] = ()
    registrations: tuple[int, ...] = ()
    identity: dict[str, str] = field(default_factory=dict)  # the owner coldkey's IdentitiesV2 fields

    @property
    def name(self) -> str | None:
        return self.identity.get("name") or None

    @property
    def permits(self) -> tuple[int, ...]:
        return tuple(r.netuid for r in self.subnets if r.permit)

    def role(self, netuid: int) -> SubnetRole | None:
        return next((r for r in self.subnets if r.netuid == netuid), None)


@dataclass(frozen=True)
class NetworkSnapshot:
    network: str
    block: int
    chain_time: datetime | None  # UTC time of the block
    fetched_at: datetime  # when we read it (UTC)
    source: str  # "live" | "bundled"
    subnets: tuple[SubnetFacts, ...]
    subnet_registration_cost_rao: int | None = None  # cost to create a new subnet
    total_issuance_rao: int | None = None
    source_note: str = ""  # where a bundled snapshot came from
    schema: int = SCHEMA
    validators: tuple[ValidatorFacts, ...] = ()  # every delegate at this block (none in the bundled snapshot)

    @property
    def subnet_count(self) -> int:
        """Subnets excluding root (netuid 0)."""
        return sum(1 for s in self.subnets if s.netuid != 0)

    def subnet(self, netuid: int) -> SubnetFacts | None:
        return next((s for s in self.subnets if s.netuid == netuid), None)

    def validator(self, hotkey: str) -> ValidatorFacts | None:
        return next((v for v in self.validators if v.hotkey == hotkey), None)

    def to_json(self) -> str:
        data = asdict(self)
        data["chain_time"] = self.chain_time.isoformat() if self.chain_time else None
        data["fetched_at"] = self.fetched_at.isoformat()
        data["subnet_count"] = self.subnet_count
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "NetworkSnapshot":
        data = json.loads(text)
        if data.get("schema") != SCHEMA:
            raise ValueError(f"snapshot schema {data.get('schema')!r}, expected {SCHEMA}")
        known = {f.name for f in fields(SubnetFacts)}
        return cls(
            network=data["network"],
            block=int(data["block"]),
            chain_time=datetime.fromisoformat(data["chain_time"]) if data.get("chain_time") else None,
            fetched_at=datetime.fromisoformat(data["fetched_at"]),
            source=data["source"],
            subnets=tuple(SubnetFacts(**{k: v for k, v in s.items() if k in known}) for s in data["subnets"]),
            subnet_registration_cost_rao=data.get("subnet_registration_cost_rao"),
            total_issuance_rao=data.get("total_issuance_rao"),
            source_note=data.get("source_note", ""),
            validators=tuple(_validator(v) for v in data.get("validators") or ()),
        )

    def with_source(self, source: str) -> "NetworkSnapshot":
        from dataclasses import replace

        return replace(self, source=source)


def _validator(data: dict[str, Any]) -> ValidatorFacts:
    roles = tuple(SubnetRole(**r) for r in data.get("subnets") or ())
    return ValidatorFacts(hotkey=data["hotkey"], owner_coldkey=data["owner_coldkey"], take=float(data["take"]),
                          nominators=int(data["nominators"]), subnets=roles,
                          registrations=tuple(data.get("registrations") or ()), identity=dict(data.get("identity") or {}))


@dataclass(frozen=True)
class Record:
    """One subnet's numbers at one refresh: the unit of the chain history (``bot.chain.history``)."""

    block: int
    time: datetime  # UTC time of the block (the fetch time when the block's time is unknown)
    subnet: SubnetFacts


def records_of(snapshot: NetworkSnapshot) -> tuple[Record, ...]:
    """The snapshot as history records, one per subnet (root included)."""
    when = snapshot.chain_time or snapshot.fetched_at
    return tuple(Record(snapshot.block, when, s) for s in snapshot.subnets)


def to_dict(subnet: SubnetFacts) -> dict[str, Any]:
    """A subnet as plain JSON values, with the derived numbers in TAO (the API and the screener)."""
    return {
        **asdict(subnet),
        "tao_in": subnet.tao_in,
        "alpha_in": subnet.alpha_in,
        "alpha_out": subnet.alpha_out,
        "emission_tao_per_day": subnet.emission_tao_per_day,
        "burn_tao": subnet.burn_tao,
        "market_cap_tao": subnet.market_cap_tao,
    }
