"""The chat's answers about change over time and baskets: measured from the stored record one window
back, with the blocks compared; without enough history the answer says so and where to look."""

from datetime import timedelta

from bot.chain.baskets import Basket, Member
from bot.chain.model import Record, SubnetFacts
from bot.chain.movement import basket_members, find_basket, movers, subnet_change
from bot.chain.service import Freshness
from bot.chain.timeline import History
from tests.bot.chain.test_history import START

FRESH = Freshness("live", "live, as of block 8,007,200", 8_007_200, START)


def facts(netuid, price, tao_in=50_000.0, name=None):
    return SubnetFacts(netuid=netuid, name=name or f"Net{netuid}", price_tao_per_alpha=price,
                       tao_in_rao=int(tao_in * 1e9))


def history(prices_by_netuid, hours, tao_in=None):
    """Each netuid's prices at the given hours after START (oldest first)."""
    series = {n: tuple(Record(8_000_000 + int(h * 300), START + timedelta(hours=h),
                              facts(n, p, (tao_in or {}).get(n, 50_000.0)))
                       for h, p in zip(hours, prices)) for n, prices in prices_by_netuid.items()}
    return History("live", len(hours), START, series)


def snapshot_of(h):
    class Snap:  # the current snapshot: each series' last record
        subnets = [s[-1].subnet for s in h.series.values()]

        def subnet(self, netuid):
            return next((s for s in self.subnets if s.netuid == netuid), None)
    return Snap()


def test_a_subnets_change_names_the_block_it_is_measured_from():
    h = history({64: [0.08, 0.085, 0.088]}, [0, 144, 168])
    text, moved = subnet_change(h.of(64)[-1].subnet, h, "7d", FRESH)
    assert moved == 0.088 / 0.08 - 1
    assert "SN64 (Net64) alpha is 0.0880 TAO, up 10.0% over the last 7 days" in text
    assert "from 0.0800 TAO at block 8,000,000, 01 November 00:00 UTC" in text and FRESH.label in text


def test_without_history_spanning_the_window_the_answer_says_so_and_where_to_look():
    h = history({64: [0.08, 0.088]}, [0, 20])
    text, moved = subnet_change(h.of(64)[-1].subnet, h, "7d", FRESH)
    assert moved is None and "does not yet span the last 7 days" in text and "taostats.io" in text
    bundled = History("bundled", 1, START, {64: h.of(64)[-1:]})
    text, _ = subnet_change(h.of(64)[-1].subnet, bundled, "24h", FRESH)
    assert "no price history" in text and text.count(FRESH.label) == 1


def test_movers_rank_by_change_and_leave_thin_pools_out():
    h = history({1: [1.0, 1.3], 2: [1.0, 0.7], 3: [1.0, 1.1], 4: [1.0, 3.0]}, [0, 24], tao_in={4: 200.0})
    up, netuids = movers(snapshot_of(h), h, "24h", FRESH, losers=False)
    assert netuids == [1, 3] and up.index("SN1 ") < up.index("SN3 ") and "up 30.0%" in up
    down, netuids = movers(snapshot_of(h), h, "24h", FRESH, losers=True)
    assert netuids == [2] and "down 30.0%" in down and "Pools under 1,000 TAO are left out" in down


def test_a_basket_lists_its_members_with_numbers_and_is_found_by_a_word_of_its_title():
    basket = Basket("compute", "Compute and hardware basket", "compute-and-hardware-basket",
                    (Member(51, "lium.io", "GPU rental", ()), Member(12, "Compute Horde", "trusted compute", ())))
    assert find_basket([basket], "hardware") is basket and find_basket([basket], "meme") is None
    h = history({51: [0.04, 0.044], 12: [0.007, 0.007]}, [0, 24])
    text, netuids = basket_members(basket, snapshot_of(h), h, FRESH)
    assert netuids == [51, 12]
    assert "2 subnets in the compute and hardware basket" in text and "up 10.0% in 24 h" in text
    assert "Together their pools hold 100,000 TAO" in text
