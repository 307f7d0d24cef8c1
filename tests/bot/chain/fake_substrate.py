"""Our own small in-memory implementation of the SDK's ``Substrate`` protocol.

Injected with ``bt.Client(network, substrate=FakeSubstrate(...))``, it lets the real SDK code
(reads, snapshots, balances) run with no network. Values are seeded in the decoded shapes
the SDK's codec produces (names as lists of UTF-8 byte values, balances as rao ints,
fixed-point prices as {"bits": n}, None entries in runtime lists).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bittensor.balance import Balance

from bot.chain.source import build_snapshot

GENESIS = "0x" + "2f" * 32


def name_bytes(text: str) -> list[int]:
    return list(text.encode("utf-8"))


class FakeSubstrate:
    def __init__(self, block: int = 8_000_000, timestamp_ms: int = 1_775_000_000_000) -> None:
        self.token_symbols: dict[int, str] = {}
        self.block = block
        self.storage: dict[tuple[str, str, tuple], Any] = {("Timestamp", "Now", ()): timestamp_ms}
        self.maps: dict[tuple[str, str], list[tuple[Any, Any]]] = {}
        self.runtime: dict[tuple[str, str, tuple], Any] = {}
        self.calls: list[tuple] = []
        self.fail_with: Exception | None = None
        self.missing_runtime: set[tuple[str, str]] = set()  # runtime APIs this chain does not offer

    # seeding -------------------------------------------------------------------
    def seed(self, module: str, item: str, value: Any, params: tuple = ()) -> "FakeSubstrate":
        self.storage[(module, item, tuple(params))] = value
        return self

    def seed_map(self, module: str, item: str, pairs: list[tuple[Any, Any]]) -> "FakeSubstrate":
        self.maps[(module, item)] = pairs
        return self

    def seed_runtime(self, api: str, method: str, value: Any, params: tuple = ()) -> "FakeSubstrate":
        self.runtime[(api, method, tuple(params))] = value
        return self

    # protocol ------------------------------------------------------------------
    def balance(self, rao: int, netuid: int = 0) -> Balance:
        return Balance.from_rao(rao) if netuid == 0 else Balance.from_rao(rao, netuid)

    async def connect(self) -> None:
        self._check()

    async def close(self) -> None:
        return None

    async def block_hash(self, block: int | None = None) -> str:
        return GENESIS

    async def block_number(self) -> int:
        self._check()
        return self.block

    async def finalized_block_number(self) -> int:
        return self.block

    async def block_time(self) -> float:
        return 12.0

    async def spec_version(self) -> int:
        return 425

    async def query(self, module: str, storage_function: str, params: list | None = None, block_hash: str | None = None) -> Any:
        self._check()
        self.calls.append(("query", module, storage_function, tuple(params or ())))
        return self.storage.get((module, storage_function, tuple(params or ())))

    async def map_has_entries(self, module: str, storage_function: str, params: list, block_hash: str | None = None) -> bool:
        return bool(self.maps.get((module, storage_function)))

    async def query_map(self, module: str, storage_function: str, params: list | None = None,
                        block_hash: str | None = None) -> list[tuple[Any, Any]]:
        self._check()
        self.calls.append(("query_map", module, storage_function))
        return list(self.maps.get((module, storage_function), []))

    async def query_batch(self, module: str, storage_function: str, param_sets: list[list],
                          block_hash: str | None = None) -> list[Any]:
        return [self.storage.get((module, storage_function, tuple(p))) for p in param_sets]

    async def runtime_call(self, api: str, method: str, params: list, block_hash: str | None = None) -> Any:
        self._check()
        self.calls.append(("runtime", api, method, tuple(params) if isinstance(params, list) else ()))
        if (api, method) in self.missing_runtime:
            import bittensor as bt

            raise bt.ChainError(f"{api}_{method} is not in this runtime's metadata")
        key = (api, method, tuple(params if isinstance(params, list) else ()))
        return self.runtime.get(key, self.runtime.get((api, method, ())))

    async def constant(self, module: str, name: str) -> Any:
        return None

    def _check(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with


def dynamic_info(netuid: int, name: str, tao_in: int, alpha_in: int, alpha_out: int, emission: int,
                 owner: str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", symbol: str = "α",
                 tempo: int = 360, moving_bits: int | None = None, registered: int = 4_000_000) -> dict:
    """One DynamicInfo entry shaped as the SDK decodes it."""
    return {
        "netuid": netuid, "owner_hotkey": owner, "owner_coldkey": owner, "subnet_name": name_bytes(name),
        "token_symbol": name_bytes(symbol), "tempo": tempo, "last_step": 0, "blocks_since_last_step": 10,
        "emission": 0, "alpha_in": alpha_in, "alpha_out": alpha_out, "tao_in": tao_in, "alpha_out_emission": 0,
        "alpha_in_emission": 0, "tao_in_emission": emission, "pending_alpha_emission": 0,
        "pending_root_emission": 0, "subnet_volume": 0, "network_registered_at": registered,
        "subnet_identity": {"subnet_name": name, "github_repo": f"https://github.com/example/{name.lower()}"},
        "moving_price": {"bits": moving_bits if moving_bits is not None else int(tao_in / alpha_in * 2**32)},
    }


SN64_PRICE = 0.09049194


def mainnet_like(block: int = 8_000_000, timestamp_ms: int = 1_775_000_000_000, sn64_price: float = SN64_PRICE,
                 sn1_registered: int = 4_000_000) -> FakeSubstrate:
    """Root plus three subnets (one missing entry), the way a real head block decodes. A sequence
    of these at later blocks and times, with SN64's price moved (its pool's TAO moves with it, as
    a swap would move it), is how the history tests build a chain that changes over time."""
    fake = FakeSubstrate(block=block, timestamp_ms=timestamp_ms)
    scale = sn64_price / SN64_PRICE
    entries = [
        None,  # the runtime may return None for a netuid in NetworksAdded
        dynamic_info(1, "Apex", 28_839_934_800_000, 2_610_699_707_400_000, 1_960_432_047_800_000, 2_687_789,
                     registered=sn1_registered),
        dynamic_info(19, "blockmachine", 10_000_000_000_000, 617_000_000_000_000, 500_000_000_000_000, 0),
        dynamic_info(64, "Chutes", round(221_500_157_100_000 * scale), 2_448_294_818_300_000, 2_374_910_668_800_000,
                     5_000_000, symbol="ש"),
    ]
    root = dynamic_info(0, "root", 0, 1, 0, 0, symbol="Τ")
    fake.seed_runtime("SubnetInfoRuntimeApi", "get_all_dynamic_info", [root] + entries)
    fake.seed_runtime("SwapRuntimeApi", "current_alpha_price_all",
                      [{"netuid": 0, "price": 1_000_000_000}, {"netuid": 1, "price": 11_047_660},
                       {"netuid": 19, "price": 16_200_000}, {"netuid": 64, "price": round(sn64_price * 1e9)}])
    fake.seed_runtime("SubnetRegistrationRuntimeApi", "get_network_registration_cost", 2_500_000_000_000)
    fake.seed_map("SubtensorModule", "NetworksAdded", [(0, True), (1, True), (19, True), (64, True)])
    fake.seed_map("SubtensorModule", "Tempo", [(0, 100), (1, 360), (19, 360), (64, 720)])
    fake.seed_map("SubtensorModule", "Burn", [(0, 0), (1, 500_000_000), (19, 1_260_000_000), (64, 2_000_000_000)])
    fake.seed_map("SubtensorModule", "SubnetworkN", [(0, 64), (1, 256), (19, 200), (64, 256)])
    fake.seed_map("SubtensorModule", "MaxAllowedUids", [(0, 64), (1, 256), (19, 256), (64, 256)])
    fake.seed_map("SubtensorModule", "SubnetExcessTao", [(1, 100), (64, 0)])
    fake.seed_map("SubtensorModule", "TokenSymbol", [(0, name_bytes("Τ")), (1, name_bytes("α")), (64, name_bytes("ש"))])
    fake.seed("SubtensorModule", "TotalIssuance", 10_900_000_000_000_000)
    return fake


class Info:  # SubnetInfo as the SDK's "subnets" read returns it
    def __init__(self, netuid, tempo, burn_rao, neurons):
        from bittensor.balance import Balance

        self.netuid, self.tempo, self.burn, self.neuron_count = netuid, tempo, Balance.from_rao(burn_rao), neurons


def built():
    """A snapshot built from SDK-shaped values: root, a missing entry, and SN64 with a moving price."""
    dyn = [dynamic_info(0, "root", 0, 1, 0, 0), None,
           dynamic_info(64, "Chutes", 221_500_157_100_000, 2_448_294_818_300_000, 2_374_910_668_800_000, 5_000_000,
                        symbol="ש", moving_bits=388_618_306)]
    return build_snapshot("finney", 8_000_000, datetime(2026, 11, 25, 9, 0, tzinfo=UTC), dyn, {0: 1.0, 64: 0.09049194},
                          [Info(64, 360, 2_000_000_000, 250)], [(64, 256)], [(64, 7)], 2_500_000_000_000,
                          10_900_000_000_000_000)


# Stakers: free balances, on-chain identities, validators and several coldkeys -----------------

VALIDATOR_A = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"  # "Nimbus Validator": SN1, SN64 and root
VALIDATOR_B = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"  # no identity: listed by its hotkey
OWNER_A = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
OWNER_B = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw"
WALLET_1 = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"
WALLET_2 = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL"
UNPRICED_NETUID = 99  # a position on a subnet the snapshot has no pool for


def seed_account(fake: FakeSubstrate, coldkey: str, free_rao: int) -> FakeSubstrate:
    """System.Account as the codec decodes it."""
    return fake.seed("System", "Account", {"nonce": 0, "consumers": 0, "providers": 1, "sufficients": 0,
                                           "data": {"free": free_rao, "reserved": 0, "frozen": 0, "flags": 0}},
                     params=(coldkey,))


def seed_identity(fake: FakeSubstrate, coldkey: str, name: str, **more: str) -> FakeSubstrate:
    """IdentitiesV2 of a coldkey: every field a list of UTF-8 byte values."""
    fields = {"name": name, "url": "", "github_repo": "", "image": "", "discord": "", "description": "", "additional": "",
              **more}
    return fake.seed("SubtensorModule", "IdentitiesV2", {k: name_bytes(v) for k, v in fields.items()}, params=(coldkey,))


def delegate_record(hotkey: str, owner: str, take: int, nominators: list, permits: list[int], registrations: list[int]) -> dict:
    return {"delegate_ss58": hotkey, "owner_ss58": owner, "take": take, "nominators": nominators,
            "registrations": registrations, "validator_permits": permits, "return_per_1000": 0, "total_daily_return": 0}


def stake_info(hotkey: str, coldkey: str, netuid: int, rao: int) -> dict:
    return {"hotkey": hotkey, "coldkey": coldkey, "netuid": netuid, "stake": rao, "locked": 0, "emission": 0,
            "tao_emission": 0, "drain": 0, "is_registered": True}


def staker_chain(block: int = 8_000_000, timestamp_ms: int = 1_775_000_000_000, sn64_price: float = SN64_PRICE,
                 wallet_1_sn64_rao: int = 100_000_000_000, root_funds: bool = True) -> FakeSubstrate:
    """``mainnet_like`` plus two validators (one with an identity), per-subnet trust and last update, and
    two coldkeys: WALLET_1 (free 12.5 TAO; 100 alpha on SN64 and 5 TAO on root with A; 3 alpha on an
    unpriced subnet; a Root Reborn fund share) and WALLET_2 (free 1 TAO; 40 alpha on SN1 with B)."""
    fake = mainnet_like(block=block, timestamp_ms=timestamp_ms, sn64_price=sn64_price)
    record_a = delegate_record(VALIDATOR_A, OWNER_A, 11_796,
                               [[OWNER_A, [[0, 1_000_000_000_000], [64, 500_000_000_000]]],
                                [WALLET_1, [[0, 5_000_000_000], [64, wallet_1_sn64_rao]]]], [1, 64], [0, 1, 64])
    record_b = delegate_record(VALIDATOR_B, OWNER_B, 5_898, [[WALLET_2, [[1, 40_000_000_000]]]], [1], [1])
    fake.seed_runtime("DelegateInfoRuntimeApi", "get_delegates", [record_a, record_b])
    fake.seed_runtime("DelegateInfoRuntimeApi", "get_delegate", record_a, params=(VALIDATOR_A,))
    fake.seed_runtime("DelegateInfoRuntimeApi", "get_delegate", record_b, params=(VALIDATOR_B,))
    seed_identity(fake, OWNER_A, "Nimbus Validator", url="https://nimbus.example")
    for hotkey, owner in ((VALIDATOR_A, OWNER_A), (VALIDATOR_B, OWNER_B)):
        fake.seed("SubtensorModule", "Owner", owner, params=(hotkey,))
    fake.seed("SubtensorModule", "Uids", 3, params=(1, VALIDATOR_A)).seed("SubtensorModule", "Uids", 0, params=(64, VALIDATOR_A))
    fake.seed("SubtensorModule", "Uids", 1, params=(1, VALIDATOR_B))
    fake.seed_map("SubtensorModule", "ValidatorTrust", [(1, [0, 65_535, 0, 52_428]), (64, [58_981])])
    fake.seed_map("SubtensorModule", "LastUpdate", [(1, [0, block - 10, 0, block - 120]), (64, [block - 360])])
    seed_account(fake, WALLET_1, 12_500_000_000)
    seed_account(fake, WALLET_2, 1_000_000_000)
    fake.seed_runtime("StakeInfoRuntimeApi", "get_stake_info_for_coldkey", [
        stake_info(VALIDATOR_A, WALLET_1, 64, wallet_1_sn64_rao), stake_info(VALIDATOR_A, WALLET_1, 0, 5_000_000_000),
        stake_info(VALIDATOR_B, WALLET_1, UNPRICED_NETUID, 3_000_000_000)], params=(WALLET_1,))
    fake.seed_runtime("StakeInfoRuntimeApi", "get_stake_info_for_coldkey", [
        stake_info(VALIDATOR_B, WALLET_2, 1, 40_000_000_000)], params=(WALLET_2,))
    if root_funds:
        fake.seed_runtime("BetaBasketRuntimeApi", "get_root_basket_portfolio", [
            {"hotkey": VALIDATOR_A, "beta": 4_000_000_000, "beta_total": 1_000_000_000_000, "nav_tao": 1_050_000_000_000,
             "value_tao": 4_100_000_000, "spot_value_tao": 4_200_000_000}], params=(WALLET_1,))
    return fake
