"""The bundled snapshot: real March 2026 mainnet data, converted to our model, the floor when no chain is reachable."""

import pytest

from bot.chain.bundled import SOURCE_NOTE, convert, load_bundled


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
