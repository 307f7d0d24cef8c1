"""Screener, chain status and the validator/portfolio lookups over HTTP; address checks before any chain call;
the subnets JSON and CSV with history, and a subnet's history."""

import functools
import io
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from bot.chain import source
from bot.chain.history import HistoryStore
from bot.chain.service import ChainFacts
from tests.bot.chain.fake_substrate import mainnet_like
from tests.bot.chain.test_history import START, snap
from tests.bot.web.conftest import assert_error

HOTKEY = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
COLDKEY = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
NOMINATOR = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"


def seeded_fake():
    fake = mainnet_like()
    fake.seed_runtime("DelegateInfoRuntimeApi", "get_delegate", {
        "delegate_ss58": HOTKEY, "owner_ss58": COLDKEY, "take": 11_796,
        "nominators": [[COLDKEY, [[0, 1_000_000_000_000], [64, 500_000_000_000]]],
                       [NOMINATOR, [[64, 250_000_000_000]]]],
        "registrations": [0, 1, 64], "validator_permits": [1, 64], "return_per_1000": 0, "total_daily_return": 0,
    }, params=(HOTKEY,))
    fake.seed_runtime("StakeInfoRuntimeApi", "get_stake_info_for_coldkey", [
        {"hotkey": HOTKEY, "coldkey": COLDKEY, "netuid": 64, "stake": 100_000_000_000, "locked": 0, "emission": 0,
         "tao_emission": 0, "drain": 0, "is_registered": True},
        {"hotkey": HOTKEY, "coldkey": COLDKEY, "netuid": 0, "stake": 5_000_000_000, "locked": 0, "emission": 0,
         "tao_emission": 0, "drain": 0, "is_registered": True},
    ], params=(COLDKEY,))
    return fake


@pytest.fixture
def client(real_settings, real_engine, monkeypatch):
    from bot.web import make_app

    monkeypatch.setattr(source, "fetch_validator", functools.partial(source.fetch_validator, substrate=seeded_fake()))
    monkeypatch.setattr(source, "fetch_portfolio", functools.partial(source.fetch_portfolio, substrate=seeded_fake()))
    with TestClient(make_app(real_settings, engine=real_engine)) as c:
        yield c


def test_subnets_api_matches_the_page(client):
    body = client.get("/api/subnets").json()
    assert body["count"] == 128 and len(body["subnets"]) == 129  # 128 subnets and root
    assert body["freshness"]["state"] == "bundled" and body["block"] == 7_801_029
    assert body["history"] == {"records": 1, "since": "2026-03-22T00:00:00+00:00", "source": "bundled"}
    fresh = body["freshness"]
    assert fresh["block"] == 7_801_029 and fresh["time"] == "2026-03-22T00:00:00+00:00" and fresh["age_s"] > 0
    assert fresh["banner"] == (f"From the stored snapshot of 22 March 2026 (block 7,801,029), {fresh['age_s'] // 86_400} "
                               "days old; live reads are off on this server (TAOGUIDE_CHAIN_REFRESH=false).")
    assert f"{fresh['age_s'] // 86_400} days old" in fresh["label"]
    root, *subnets = body["subnets"]
    assert (root["netuid"], root["root"]) == (0, True) and not any(s["root"] for s in subnets)
    chutes = next(s for s in body["subnets"] if s["netuid"] == 64)
    assert chutes["name"] == "Chutes" and chutes["market_cap_tao"] == pytest.approx(0.09049194 * 2_374_910.6688, rel=1e-6)
    assert chutes["owner_coldkey"] is None  # unknown in this snapshot, not invented
    assert (chutes["change_1h"], chutes["change_24h"], chutes["change_7d"], chutes["sparkline"]) == (None, None, None, [])
    assert chutes["thin_pool"] is False and next(s for s in subnets if s["netuid"] == 67)["thin_pool"] is True
    assert sum(s["emission_share"] for s in subnets) == pytest.approx(1.0)


def test_subnets_csv_loads_in_pandas_unchanged(client):
    import pandas as pd

    response = client.get("/subnets.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="subnets.csv"' in response.headers["content-disposition"]
    frame = pd.read_csv(io.StringIO(response.text))
    assert list(frame.columns[:4]) == ["block", "time", "netuid", "name"] and len(frame) == 129
    assert frame.loc[frame["netuid"] == 64, "name"].item() == "Chutes"
    assert set(frame["block"]) == {7_801_029}


def test_the_history_of_a_subnet_on_the_bundled_snapshot(client):
    body = client.get("/api/subnets/64/history").json()
    assert body["netuid"] == 64 and body["name"] == "Chutes" and body["source"] == "bundled" and body["window"] == "7d"
    [point] = body["points"]
    assert point["block"] == 7_801_029 and point["price"] == pytest.approx(0.09049194)
    assert set(point) == {"block", "time", "price", "tao_in", "alpha_in", "alpha_out", "emission_tao_per_day"}
    assert body["freshness"]["banner"].startswith("From the stored snapshot")
    assert client.get("/api/subnets/0/history").json()["points"] == []  # root has no pool in that snapshot


def test_an_unknown_subnet_or_window_is_a_clear_error(client):
    assert "/api/subnets lists every netuid" in assert_error(client.get("/api/subnets/999/history"), 404, "not_found")
    assert "1d, 7d, 30d, all" in assert_error(client.get("/api/subnets/64/history?window=2y"), 422, "bad_window")
    assert_error(client.get("/api/subnets/sixty-four/history"), 422, "invalid_request")


@pytest.fixture
def live_client(real_settings, real_engine, tmp_path):
    """The server on a fake chain that has been read for a day: SN64 from 0.08 to 0.1 TAO."""
    from bot.answer import Engine
    from bot.web import make_app

    store = HistoryStore(f"sqlite:///{tmp_path / 'history.sqlite'}")
    steps = [(0, 0.08), (690, 0.09), (720, 0.1)]

    def fetch():  # the server's own background refresh then reads the last block again (stored once)
        step, price = steps.pop(0) if len(steps) > 1 else steps[0]
        return snap(step, price=price)

    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=fetch, history=store,
                       clock=lambda: START + timedelta(days=1, seconds=30))
    for _ in range(3):
        assert facts.refresh_once()
    with TestClient(make_app(real_settings, engine=Engine(real_settings, real_engine.index, chain=facts), store=None)) as c:
        yield c


def test_subnets_api_with_a_day_of_history(live_client):
    body = live_client.get("/api/subnets").json()
    assert body["history"] == {"records": 3, "since": START.isoformat(), "source": "live"}
    assert body["freshness"]["state"] == "live" and body["freshness"]["banner"].startswith("Live: block 8,007,200 at ")
    chutes = next(s for s in body["subnets"] if s["netuid"] == 64)
    assert chutes["change_24h"] == pytest.approx(0.25) and chutes["change_1h"] == pytest.approx(0.1 / 0.09 - 1)
    assert chutes["change_7d"] is None and chutes["sparkline"] == pytest.approx([0.08, 0.1])
    assert [s["netuid"] for s in body["subnets"]] == [0, 1, 19, 64] and body["subnets"][0]["root"] is True


def test_a_subnet_history_with_a_day_of_refreshes(live_client):
    day = live_client.get("/api/subnets/64/history?window=1d").json()
    assert day["source"] == "live" and [p["price"] for p in day["points"]] == pytest.approx([0.08, 0.09, 0.1])
    assert [p["block"] for p in day["points"]] == [8_000_000, 8_006_900, 8_007_200]
    assert len(live_client.get("/api/subnets/64/history?window=all").json()["points"]) == 3


def test_the_live_csv_has_the_changes(live_client):
    import pandas as pd

    frame = pd.read_csv(io.StringIO(live_client.get("/subnets.csv").text))
    assert frame.loc[frame["netuid"] == 64, "change_24h"].item() == pytest.approx(0.25)
    assert set(frame["block"]) == {8_007_200}


def test_chain_status_and_health_report_freshness(client):
    status = client.get("/api/chain").json()
    assert status["state"] == "bundled" and status["age_s"] > 0 and status["time"] == "2026-03-22T00:00:00+00:00"
    assert status["banner"].startswith("From the stored snapshot of 22 March 2026 (block 7,801,029), ")
    assert client.get("/api/health").json()["chain"]["block"] == 7_801_029


@pytest.mark.parametrize(("address", "says"), [("not-an-address", "start with 5"), ("5" * 48, "has a typo"),
                                               (HOTKEY[:-1] + "x", "has a typo"), ("0x" + "ab" * 20, "is an EVM address"),
                                               ("%20", "Enter a coldkey address")])
def test_malformed_addresses_get_their_own_message_before_any_chain_call(client, monkeypatch, address, says):
    def never(*a, **k):
        raise AssertionError("no chain call for a malformed address")

    monkeypatch.setattr(source, "fetch_portfolio", never)
    message = assert_error(client.get(f"/api/portfolio/{address}"), 422, "bad_address")
    assert says in message and "'' is not" not in message


def test_validator_lookup(client):
    body = client.get(f"/api/validator/{HOTKEY}").json()
    assert body["take_percent"] == pytest.approx(18.0, abs=0.01)
    assert body["nominators"] == 2 and body["validates_in"] == [1, 64]
    by_subnet = {s["netuid"]: s for s in body["stake_by_subnet"]}
    assert by_subnet[64]["stake"] == pytest.approx(750.0) and by_subnet[0]["tao_value"] == pytest.approx(1000.0)
    assert body["total_stake_tao_value"] == pytest.approx(1000.0 + 750.0 * 0.09049194)
    assert body["block"] == 8_000_000 and "stored snapshot" in body["prices"]


def test_portfolio_lookup(client):
    body = client.get(f"/api/portfolio/{COLDKEY}").json()
    assert [(p["netuid"], p["alpha"]) for p in body["positions"]] == [(0, 5.0), (64, 100.0)]
    assert body["total_tao_value"] == pytest.approx(5.0 + 100.0 * 0.09049194)


def test_an_unknown_validator_is_a_404_that_says_why(client, monkeypatch):
    monkeypatch.setattr(source, "fetch_validator", lambda *a, **k: (None, 8_000_000))
    response = client.get(f"/api/validator/{COLDKEY}")
    assert response.status_code == 404 and "not a validator" in response.json()["error"]["message"]


def test_an_unreachable_chain_is_a_503_that_says_what_to_do(client, monkeypatch):
    def down(*a, **k):
        raise source.ChainUnavailable("could not connect")

    monkeypatch.setattr(source, "fetch_portfolio", down)
    message = assert_error(client.get(f"/api/portfolio/{COLDKEY}"), 503, "chain_unavailable")
    assert message == ("The chain can't be reached right now; showing the last data from 2026-03-22 00:00 UTC "
                       "(block 7,801,029), or try again later.")
    assert "could not connect" in client.get("/api/chain").json()["last_lookup_error"]  # the detail: log and /api/chain only


@pytest.mark.parametrize(("address", "valid"), [(HOTKEY, True), (COLDKEY, True), (HOTKEY.lower(), False),
                                                 ("5FHneW46", False), (HOTKEY + " ", False)])
def test_ss58_validation(address, valid):
    assert source.is_valid_ss58(address) is valid


@pytest.mark.live
def test_live_smoke_against_finney(tmp_path):
    """Run with --live where finney is reachable: a real whole-network read."""
    snapshot = source.fetch_snapshot("finney", timeout=60)
    assert snapshot.subnet_count > 0 and snapshot.block > 7_801_029


def test_the_screener_payload_says_the_chain_cannot_be_reached_and_how_old_its_numbers_are(real_settings, real_engine,
                                                                                              tmp_path):
    """A server whose first read failed: the screener's banner leads with the failure and its time, then the block,
    the day and the age of the bundled numbers it shows."""
    from datetime import UTC, datetime

    from bot.answer import Engine
    from bot.web import make_app

    def down():
        raise source.ChainUnavailable("no route to the endpoint")

    now = datetime(2026, 12, 1, 16, 45, tzinfo=UTC)
    facts = ChainFacts("finney", tmp_path / "snap.json", fetch=down, clock=lambda: now)
    assert facts.refresh_once() is False
    app = make_app(real_settings, engine=Engine(real_settings, real_engine.index, chain=facts))
    with TestClient(app) as c:
        c.app.state.engine.chain.stop()
        fresh = c.get("/api/subnets").json()["freshness"]
        status = c.get("/api/chain").json()
    assert fresh["banner"] == ("The chain can't be reached right now (last attempt 16:45 UTC); these numbers are from the "
                               "stored snapshot of 22 March 2026 (block 7,801,029), 254 days old.")
    assert fresh["reason"] == "the chain can't be reached right now (last attempt 16:45 UTC)" and fresh["age_s"] == 254 * 86_400 + 60_300
    assert status["banner"] == fresh["banner"] and "ChainUnavailable" in status["last_error"]
