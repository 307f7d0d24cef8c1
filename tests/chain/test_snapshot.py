"""Snapshot building: decoded SDK values → our model, through the SDK's own injection seam, and the bundled floor."""

import json
from datetime import UTC, datetime

import pytest

from bot.chain.bundled import SOURCE_NOTE, convert, load_bundled
from bot.chain.model import NetworkSnapshot
from bot.chain.source import ChainUnavailable, build_snapshot, fetch_snapshot
from tests.chain.fake_substrate import dynamic_info, mainnet_like


class Info:  # SubnetInfo as the SDK's "subnets" read returns it
    def __init__(self, netuid, tempo, burn_rao, neurons):
        from bittensor.balance import Balance

        self.netuid, self.tempo, self.burn, self.neuron_count = netuid, tempo, Balance.from_rao(burn_rao), neurons


def built():
    dyn = [dynamic_info(0, "root", 0, 1, 0, 0), None,
           dynamic_info(64, "Chutes", 221_500_157_100_000, 2_448_294_818_300_000, 2_374_910_668_800_000, 5_000_000,
                        symbol="ש", moving_bits=388_618_306)]
    return build_snapshot("finney", 8_000_000, datetime(2026, 11, 25, 9, 0, tzinfo=UTC), dyn, {0: 1.0, 64: 0.09049194},
                          [Info(64, 360, 2_000_000_000, 250)], [(64, 256)], [(64, 7)], 2_500_000_000_000,
                          10_900_000_000_000_000)


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


def test_snapshot_round_trips_through_json():
    snap = built()
    again = NetworkSnapshot.from_json(snap.to_json())
    assert again == snap
    assert json.loads(snap.to_json())["subnet_count"] == 1


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


def test_the_bundled_snapshot_is_the_converted_march_2026_mainnet_data():
    snap = load_bundled()
    assert snap.source == "bundled" and snap.block == 7_801_029 and snap.subnet_count == 128
    assert [s.netuid for s in snap.subnets] == list(range(1, 129))
    chutes = snap.subnet(64)
    assert chutes.name == "Chutes" and chutes.price_tao_per_alpha == pytest.approx(0.0905, abs=1e-4)
    assert chutes.owner_coldkey is None and chutes.burn_rao is None  # not in the source: unknown
    assert snap.subnet(3).name == "τemplar"
    assert "tao-signal-site" in snap.source_note and snap.fetched_at.date().isoformat() == "2026-03-22"


def test_convert_turns_the_source_shape_into_ours():
    raw = {"date": "2026-03-22", "block": 7801029, "subnets": [
        {"netuid": 8, "name": "Vanta", "emission_tao": 0.001, "emission_rao": 1000000, "price": 0.0346,
         "moving_price": 0.0345, "tao_in": 1000.5, "alpha_in": 28900.0, "alpha_out": 5000.25, "alpha_ratio": 0.17,
         "subnet_volume": 1.0, "ema_tao_inflow": 0.1, "blocks_since_step": 190}]}
    snap = convert(raw)
    s = snap.subnet(8)
    assert (s.tao_in_rao, s.alpha_out_rao, s.tao_in_emission_rao_per_block) == (1_000_500_000_000, 5_000_250_000_000, 1_000_000)
    assert snap.source == "bundled" and snap.source_note == SOURCE_NOTE
