"""The baskets over HTTP: members and totals from the baskets page and the snapshot, and the
split calculator, with clear 4xx errors for a bad amount, weighting or basket."""

import pytest
from fastapi.testclient import TestClient

from bot.chain.split import FEE_RATE
from tests.bot.web.conftest import assert_error


@pytest.fixture(scope="module")
def client(real_settings, real_engine):
    from bot.web import make_app

    with TestClient(make_app(real_settings, engine=real_engine, store=None)) as c:
        yield c


def test_every_basket_of_the_page_with_members_and_totals(client):
    body = client.get("/api/baskets").json()
    assert [b["slug"] for b in body["baskets"]] == ["inference", "training", "compute", "data", "prediction", "security",
                                                      "software", "science"]
    inference = body["baskets"][0]
    assert inference["url"] == "/guides/subnet-baskets/#inference-and-ai-services-basket"
    assert inference["netuids"] == [64, 4] and [m["netuid"] for m in inference["members"]] == [64, 4]
    assert inference["members"][0]["name"] == "Chutes" and "sparkline" in inference["members"][0]
    totals = inference["totals"]
    assert totals["tao_in"] == pytest.approx(sum(m["tao_in"] for m in inference["members"]))
    assert totals["market_cap_tao"] == pytest.approx(sum(m["market_cap_tao"] for m in inference["members"]))
    assert 0 < totals["emission_share"] < 1
    assert totals["change_24h_equal"] is None and totals["change_7d_cap"] is None  # the bundled snapshot has no history
    assert body["freshness"]["banner"].startswith("From the stored snapshot") and body["history"]["source"] == "bundled"


def test_split_equally_across_a_basket(client):
    body = client.get("/api/baskets/compute/split?amount=100&by=equal").json()
    assert body["slug"] == "compute" and body["amount"] == 100 and body["by"] == "equal"
    assert [m["netuid"] for m in body["members"]] == [51, 12, 39, 14]
    assert all(m["tao"] == pytest.approx(25) and m["fee_tao"] == pytest.approx(25 * FEE_RATE) for m in body["members"])
    assert all(m["alpha_out"] > 0 and 0 < m["slippage"] < 1 and m["note"] for m in body["members"])
    assert set(body["members"][0]) == {"netuid", "tao", "alpha_out", "fee_tao", "slippage", "estimate", "note"}
    assert body["totals"]["tao"] == pytest.approx(100) and body["block"] == 7_801_029


def test_split_by_market_cap(client):
    members = client.get("/api/baskets/inference/split?amount=10&by=cap").json()["members"]
    caps = {m["netuid"]: m["market_cap_tao"] for m in client.get("/api/baskets").json()["baskets"][0]["members"]}
    assert members[0]["tao"] == pytest.approx(10 * caps[64] / (caps[64] + caps[4]))


@pytest.mark.parametrize("amount", ["-1", "0", "abc", "nan", "1e12", "inf"])
def test_a_bad_amount_is_a_422_that_gives_the_range(client, amount):
    message = assert_error(client.get(f"/api/baskets/compute/split?amount={amount}"), 422, "bad_split")
    assert "greater than 0 and at most 1,000,000" in message


def test_a_bad_weighting_or_basket_is_a_clear_error(client):
    assert "'equal' or 'cap'" in assert_error(client.get("/api/baskets/compute/split?by=size"), 422, "bad_split")
    assert "GET /api/baskets lists them" in assert_error(client.get("/api/baskets/memes/split"), 404, "not_found")
