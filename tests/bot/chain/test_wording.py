"""Pure: a page's sentence quoted next to the numbers says when the snapshot predates the rule it states."""

from datetime import UTC, datetime

import pytest

from bot.chain.banner import freshness
from bot.chain.bundled import load_bundled
from bot.chain.wording import rule_predates

NOW = datetime(2026, 12, 1, 16, 45, tzinfo=UTC)
BUNDLED = freshness(load_bundled(), NOW)  # 22 March 2026, block 7,801,029


@pytest.mark.parametrize(("sentence", "said"), [
    pytest.param("As of December 2026, the TAO minted each block is divided among subnets by EMA price.",
                 "The snapshot predates that rule: the pages describe the chain as of December 2026, and these numbers "
                 "are from 22 March 2026 (block 7,801,029), so they may follow an earlier rule.", id="as-of-later"),
    pytest.param("Since August 2026, root stakers' rewards build up in their validator's basket.",
                 "The snapshot predates that rule: the pages describe the chain since August 2026, and these numbers "
                 "are from 22 March 2026 (block 7,801,029), so they may follow an earlier rule.", id="since-later"),
    pytest.param("As of 23 March 2026, something changed.",
                 "The snapshot predates that rule: the pages describe the chain as of 23 March 2026, and these numbers "
                 "are from 22 March 2026 (block 7,801,029), so they may follow an earlier rule.", id="the-next-day"),
    pytest.param("As of March 2026, the rule held.", "", id="same-month-not-later"),
    pytest.param("As of January 2026, the rule held.", "", id="earlier"),
    pytest.param("A subnet's alpha price comes from its pool.", "", id="undated"),
    pytest.param("Before August 2026, fees went to the block author.", "", id="a-past-rule-is-not-a-date-it-holds-from"),
])
def test_a_rule_dated_after_the_snapshot_is_said_to_postdate_it(sentence, said):
    assert rule_predates(sentence, BUNDLED) == said
