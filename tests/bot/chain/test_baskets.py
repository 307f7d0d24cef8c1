"""The baskets come from the baskets page itself; their totals from the members' rows and history."""

from pathlib import Path

import pytest

from bot.chain.baskets import basket_of, load_baskets, parse_baskets, totals
from bot.chain.bundled import load_bundled
from bot.chain.history import HistoryStore
from bot.chain.subnets import table
from bot.chain.timeline import for_screen
from tests.bot.chain.test_history import snap

ROOT = Path(__file__).resolve().parents[3]
REAL = load_baskets(ROOT / "content")


def test_the_real_page_lists_eight_baskets_with_their_members_in_page_order():
    assert [(b.slug, b.netuids) for b in REAL] == [
        ("inference", [64, 4]), ("training", [3, 9, 56, 81, 120]), ("compute", [51, 12, 39, 14]),
        ("data", [13, 22, 75]), ("prediction", [8, 50, 123]), ("security", [61, 34]), ("software", [62, 74, 1]),
        ("science", [68, 25])]
    compute = REAL[2]
    assert compute.title == "Compute and hardware basket"
    assert compute.url == "/guides/subnet-baskets/#compute-and-hardware-basket"


def test_each_member_has_its_line_and_sources_as_plain_text():
    basket, member = basket_of(REAL, 64)
    assert basket.slug == "inference" and member.name == "Chutes"
    assert member.line.startswith("Chutes is a serverless platform") and member.line.endswith("on demand.")
    assert "](" not in member.line and member.sources == (("chutes-miner README", "https://github.com/chutesai/chutes-miner"),)
    assert len(basket_of(REAL, 1)[1].sources) == 2
    assert basket_of(REAL, 19) is None


def test_the_page_names_match_the_snapshot_it_was_written_from():
    """The page says its netuids and names are those of 22 March 2026: the bundled snapshot."""
    bundled = load_bundled()
    assert [(m.netuid, m.name) for b in REAL for m in b.members] == \
        [(m.netuid, bundled.subnet(m.netuid).name) for b in REAL for m in b.members]


def test_every_basket_url_is_an_anchor_of_the_site():
    from bot.settings import Settings
    from kb import load_sections

    urls = {s.url for s in load_sections(Settings(root=ROOT))}
    assert all(b.url in urls for b in REAL)


def test_the_parser_ignores_other_sections_and_tolerates_a_missing_page(tmp_path):
    text = "# Page\n\n## Notes\n\n- **SN1 Apex**: no.\n\n## Tiny basket\n\n- **SN7 Seven**: Seven does things.\n"
    [tiny] = parse_baskets(text)
    assert (tiny.slug, tiny.netuids, tiny.members[0].line) == ("tiny", [7], "Seven does things.")
    assert load_baskets(tmp_path) == ()


def test_totals_of_a_basket_on_the_bundled_snapshot():
    snapshot = load_bundled()
    history = for_screen(None, snapshot)
    rows = {r["netuid"]: r for r in table(snapshot, history)}
    members = [rows[n] for n in REAL[0].netuids]
    t = totals(members, history)
    assert t["tao_in"] == pytest.approx(snapshot.subnet(64).tao_in + snapshot.subnet(4).tao_in)
    assert t["market_cap_tao"] == pytest.approx(snapshot.subnet(64).market_cap_tao + snapshot.subnet(4).market_cap_tao)
    assert t["emission_share"] == pytest.approx(rows[64]["emission_share"] + rows[4]["emission_share"])
    assert [t[k] for k in ("change_24h_equal", "change_24h_cap", "change_7d_equal", "change_7d_cap")] == [None] * 4


def test_equal_and_cap_weighted_changes_over_a_day(tmp_path):
    """SN64 up 25 %, SN1 flat: equal weights average the two; cap weights follow the bigger pool."""
    store = HistoryStore(f"sqlite:///{tmp_path / 'h.sqlite'}")
    store.append(snap(0, price=0.08))
    current = snap(720, price=0.1)
    store.append(current)
    history = for_screen(store, current)
    rows = {r["netuid"]: r for r in table(current, history)}
    t = totals([rows[64], rows[1]], history)
    assert t["change_24h_equal"] == pytest.approx((0.25 + 0.0) / 2)
    cap64, cap1 = 0.08 * 2_374_910.6688, 0.01104766 * 1_960_432.0478  # market caps a day earlier
    assert t["change_24h_cap"] == pytest.approx(0.25 * cap64 / (cap64 + cap1))
    assert t["change_7d_equal"] is None and t["change_7d_cap"] is None
