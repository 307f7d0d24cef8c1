"""The validators of a snapshot, read through the SDK seam: take, nominators, the owner's identity
name, and per subnet the stake, permit, validator trust and last update; directory rows value the
stake at each pool's price and say what they could not value; names resolve only when published."""

import pytest

from bot.chain import delegates
from bot.chain.model import NetworkSnapshot
from bot.chain.source import fetch_snapshot
from tests.bot.chain.fake_substrate import OWNER_A, VALIDATOR_A, VALIDATOR_B, mainnet_like, staker_chain


@pytest.fixture(scope="module")
def snapshot():
    return fetch_snapshot("finney", substrate=staker_chain())


def test_every_delegate_is_read_with_its_identity_and_per_subnet_numbers(snapshot):
    a, b = snapshot.validator(VALIDATOR_A), snapshot.validator(VALIDATOR_B)
    assert a.name == "Nimbus Validator" and a.identity["url"] == "https://nimbus.example" and a.owner_coldkey == OWNER_A
    assert b.name is None and b.identity == {}  # no identity published: no name, never a made-up one
    assert a.take == pytest.approx(0.18, abs=1e-4) and a.nominators == 2 and a.permits == (1, 64)
    assert a.role(64).validator_trust == pytest.approx(58_981 / 65_535) and a.role(64).last_update_block == 8_000_000 - 360
    assert a.role(1).validator_trust == pytest.approx(0.8) and a.role(1).stake_rao == 0
    assert a.role(0).permit is False and a.role(0).validator_trust is None  # root: no vector seeded, so unknown
    assert b.role(1).validator_trust == pytest.approx(1.0) and b.role(1).last_update_block == 7_999_990


def test_a_chain_without_delegates_gives_an_empty_directory():
    assert fetch_snapshot("finney", substrate=mainnet_like()).validators == ()


def test_validators_survive_the_snapshot_cache(snapshot):
    again = NetworkSnapshot.from_json(snapshot.to_json())
    assert again.validators == snapshot.validators


def test_a_directory_row_values_stake_at_pool_prices(snapshot):
    row = delegates.row(snapshot, snapshot.validator(VALIDATOR_A))
    assert row["take_percent"] == pytest.approx(18.0, abs=0.01) and row["permits"] == 2
    by = {s["netuid"]: s for s in row["subnets"]}
    assert by[0]["stake_tao"] == pytest.approx(1005.0) and by[64]["stake_tao"] == pytest.approx(600 * 0.09049194)
    assert by[64]["blocks_since_update"] == 360 and by[0]["blocks_since_update"] is None
    assert row["total_stake_tao"] == pytest.approx(1005.0 + 600 * 0.09049194) and row["unvalued_netuids"] == []


@pytest.mark.parametrize(("asked", "found"), [("Nimbus Validator", [VALIDATOR_A]), ("nimbus   validator", [VALIDATOR_A]),
                                              ("Nimbus", []), ("Unknown Validator", [])])
def test_names_resolve_only_to_published_identities(snapshot, asked, found):
    assert [v.hotkey for v in delegates.by_name(snapshot, asked)] == found


@pytest.mark.parametrize(("value", "text"), [([72, 105], "Hi"), ("  x ", "x"), ([], None), (None, None), (b"ok", "ok")])
def test_identity_fields_decode_from_byte_lists(value, text):
    assert delegates.text(value) == text
