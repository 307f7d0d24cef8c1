"""The snapshot model: a snapshot survives JSON unchanged (the on-disk cache and the bundled file)."""

import json

from bot.chain.model import NetworkSnapshot
from tests.bot.chain.fake_substrate import built


def test_snapshot_round_trips_through_json():
    snap = built()
    again = NetworkSnapshot.from_json(snap.to_json())
    assert again == snap
    assert json.loads(snap.to_json())["subnet_count"] == 1
