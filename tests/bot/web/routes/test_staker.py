"""The staker pages' API over a fake chain read through the SDK seam: the validator directory and
one validator from the snapshot, the featured validator only when the setting names one, the
bundled snapshot's empty directory said clearly, and tracked wallets (track, history, untrack)."""

import functools

import pytest
from fastapi.testclient import TestClient

from bot.chain import Tracker, source
from bot.chain.service import ChainFacts
from tests.bot.chain.fake_substrate import VALIDATOR_A, VALIDATOR_B, WALLET_1, WALLET_2, staker_chain
from tests.bot.web.conftest import assert_error


def staker_app(settings, index, tmp_path, featured=""):
    from bot.answer import Engine
    from bot.web import make_app

    store = Tracker(f"sqlite:///{tmp_path / 'history.sqlite'}")
    facts = ChainFacts("finney", tmp_path / "snap.json", tracker=store,
                       fetch=lambda: source.fetch_snapshot("finney", substrate=staker_chain()),
                       wallet_fetch=lambda c: source.fetch_portfolio("finney", c, substrate=staker_chain()))
    assert facts.refresh_once()
    settings = settings.model_copy(update={"featured_validator": featured})
    return make_app(settings, engine=Engine(settings, index, chain=facts), store=None)


@pytest.fixture
def client(real_settings, real_engine, tmp_path, monkeypatch):
    monkeypatch.setattr(source, "fetch_portfolio", functools.partial(source.fetch_portfolio, substrate=staker_chain()))
    with TestClient(staker_app(real_settings, real_engine.index, tmp_path)) as c:
        c.app.state.engine.chain.stop()  # the server's own background refresh never races a test's track_wallets
        yield c


def test_the_directory_lists_every_validator_of_the_snapshot(client):
    body = client.get("/api/validators").json()
    assert body["count"] == 2 and body["note"] is None and body["featured"] is None
    assert [v["hotkey"] for v in body["validators"]] == sorted([VALIDATOR_A, VALIDATOR_B])  # no ranking of ours
    a = next(v for v in body["validators"] if v["hotkey"] == VALIDATOR_A)
    assert a["name"] == "Nimbus Validator" and a["nominators"] == 2 and a["permits"] == 2
    assert body["freshness"]["state"] == "live"


def test_one_validator_with_its_numbers_per_subnet_and_how_to_stake(client):
    body = client.get(f"/api/validators/{VALIDATOR_A}").json()
    by = {s["netuid"]: s for s in body["validator"]["subnets"]}
    assert by[64]["validator_trust"] == pytest.approx(0.9, abs=1e-4) and by[64]["blocks_since_update"] == 360
    assert body["featured"] is False
    assert body["steps"][0]["step"] == f"btcli stake add --netuid 0 --amount-tao AMOUNT --hotkey {VALIDATOR_A}"


def test_a_hotkey_not_in_the_directory_is_a_404_that_says_where_to_look(client):
    message = assert_error(client.get(f"/api/validators/{WALLET_1}"), 404, "not_found")
    assert "not among the 2 delegates" in message and f"/api/validator/{WALLET_1}" in message
    assert "is an EVM address" in assert_error(client.get("/api/validators/0x" + "ab" * 20), 422, "bad_address")


def test_nothing_is_featured_without_the_setting(client):
    assert "TAOGUIDE_FEATURED_VALIDATOR" in assert_error(client.get("/api/validators/featured"), 404, "not_found")


def test_the_featured_validator_leads_with_its_numbers(real_settings, real_engine, tmp_path):
    with TestClient(staker_app(real_settings, real_engine.index, tmp_path, featured=VALIDATOR_A)) as c:
        featured = c.get("/api/validators").json()["featured"]
        assert featured["name"] == "Nimbus Validator" and featured["in_snapshot"] is True
        assert c.get("/api/validators/featured").json()["validator"]["take_percent"] == pytest.approx(18.0, abs=0.01)


def test_the_bundled_snapshot_says_it_has_no_validators(real_settings, real_engine):
    from bot.web import make_app

    with TestClient(make_app(real_settings, engine=real_engine, store=None)) as c:
        body = c.get("/api/validators").json()
        assert body["validators"] == [] and body["note"].startswith("The bundled snapshot has no validators")
        assert "the bundled snapshot has no validators" in assert_error(c.get(f"/api/validators/{VALIDATOR_A}"), 404, "not_found")


def test_two_wallets_with_free_balance_and_names(client):
    one, two = (client.get(f"/api/portfolio/{k}").json() for k in (WALLET_1, WALLET_2))
    assert one["free_tao"] == pytest.approx(12.5) and two["free_tao"] == pytest.approx(1.0)
    assert {p["validator"] for p in one["positions"]} == {"Nimbus Validator", None}
    assert one["left_out"] and one["root_funds"][0]["owed_tao"] == pytest.approx(4.1)


def test_tracking_a_wallet_records_it_on_each_refresh_and_untracking_deletes_it(client):
    assert client.get(f"/api/tracked/{WALLET_2}").json()["tracked"] is False
    body = client.put(f"/api/tracked/{WALLET_2}").json()
    assert body["tracked"] and body["added"] and "public chain data only" in body["stored"]
    chain = client.app.state.engine.chain
    snapshot, _ = chain.current()
    assert chain.track_wallets(snapshot) == 1
    history = client.get(f"/api/tracked/{WALLET_2}").json()
    assert history["tracked"] and history["points"][0]["free_tao"] == pytest.approx(1.0)
    assert history["changes"] == {"1d": None, "7d": None, "30d": None}
    assert client.delete(f"/api/tracked/{WALLET_2}").json()["removed"] is True
    assert client.get(f"/api/tracked/{WALLET_2}").json() == {**history, "tracked": False, "points": [], "changes": {}}


def test_tracking_when_the_server_does_not_track_is_a_clear_error(real_settings, real_engine):
    from bot.web import make_app

    with TestClient(make_app(real_settings, engine=real_engine, store=None)) as c:
        assert "does not track wallets" in assert_error(c.put(f"/api/tracked/{WALLET_1}"), 409, "tracking_off")


def test_the_chat_answers_the_take_of_a_validator_by_its_identity_name(client):
    engine = client.app.state.engine
    answer = engine.answer("what's the take of Nimbus Validator?")
    assert answer.kind == "live" and "take of 18%" in answer.text and VALIDATOR_A in answer.text
    unknown = engine.answer("what's the take of Unknown Validator?")  # no validator published that name
    assert "validator take by identity name" not in unknown.trace.reason
    assert VALIDATOR_A not in unknown.text and VALIDATOR_B not in unknown.text  # no validator's numbers guessed


def test_with_the_chain_down_a_tracked_wallet_shows_its_last_stored_reading_and_an_untracked_one_says_why(
        client, monkeypatch):
    client.put(f"/api/tracked/{WALLET_2}")
    chain = client.app.state.engine.chain
    snapshot, _ = chain.current()
    assert chain.track_wallets(snapshot) == 1

    def down(*args, **kwargs):
        raise source.ChainUnavailable("connection refused")

    monkeypatch.setattr(source, "fetch_portfolio", down)
    stored = client.get(f"/api/portfolio/{WALLET_2}")
    assert stored.status_code == 200, stored.text
    body = stored.json()
    assert body["recorded"].startswith(f"block {snapshot.block:,}") and body["free_tao"] == pytest.approx(1.0)
    message = assert_error(client.get(f"/api/portfolio/{WALLET_1}"), 503, "chain_unavailable")
    assert "can't be reached right now" in message and "refused" not in message  # the detail stays in the log
