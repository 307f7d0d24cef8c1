"""The SDK layer: decoded SDK values become our model (units from rao and fixed point), reads go
through the SDK's own injection seam, and an SDK failure becomes ChainUnavailable."""

import pytest

from bot.chain.source import ChainUnavailable, build_snapshot, fetch_snapshot
from tests.bot.chain.fake_substrate import built, dynamic_info, mainnet_like


def test_units_are_converted_from_rao_and_fixed_point():
    s = built().subnet(64)
    assert s.name == "Chutes" and s.symbol == "ש"
    assert s.price_tao_per_alpha == pytest.approx(0.09049194)
    assert s.ema_price_tao_per_alpha == pytest.approx(388_618_306 / 2**32)
    assert s.tao_in == pytest.approx(221_500.1571)
    assert s.emission_tao_per_day == pytest.approx(5_000_000 * 7200 / 1e9)  # 36 TAO/day
    assert s.burn_tao == pytest.approx(2.0) and (s.neurons, s.max_neurons) == (250, 256)
    assert s.market_cap_tao == pytest.approx(0.09049194 * 2_374_910.6688)
    assert s.excess_tao_rao_per_block == 7


def test_root_and_missing_entries():
    snap = built()
    assert [s.netuid for s in snap.subnets] == [0, 64]  # the None entry is skipped
    assert snap.subnet_count == 1  # root is not counted as a subnet
    assert snap.subnet_registration_cost_rao == 2_500_000_000_000


def test_price_falls_back_to_the_reserve_ratio():
    dyn = [dynamic_info(5, "X", 100 * 10**9, 400 * 10**9, 0, 0)]
    snap = build_snapshot("finney", 1, None, dyn, {}, [], [], [], None, None)
    assert snap.subnet(5).price_tao_per_alpha == pytest.approx(0.25)
    assert snap.subnet(5).burn_rao is None  # no SubnetInfo: unknown, not zero


def test_the_sdk_reads_through_our_fake_substrate(tmp_path, monkeypatch):
    snap = fetch_snapshot("finney", substrate=mainnet_like())
    assert snap.block == 8_000_000 and snap.source == "live"
    assert snap.subnet_count == 3 and snap.subnet(19).name == "blockmachine"
    assert snap.subnet(64).burn_tao == pytest.approx(2.0) and snap.subnet(64).symbol == "ש"
    assert snap.subnet(1).price_tao_per_alpha == pytest.approx(0.01104766)
    assert snap.total_issuance_rao == 10_900_000_000_000_000
    assert snap.chain_time is not None and snap.chain_time.tzinfo is not None


def test_an_sdk_failure_becomes_chain_unavailable():
    import bittensor as bt

    fake = mainnet_like()
    fake.fail_with = bt.RpcConnectionError("could not connect to any endpoint")
    with pytest.raises(ChainUnavailable, match="could not connect"):
        fetch_snapshot("finney", substrate=fake)
