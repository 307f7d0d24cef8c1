"""Dates mean what they say.

A page's ``updated`` date is when its facts were last checked, and a volatile fact says when it
held ("as of October 2026"). So on every page:

- no "as of" date is later than ``updated`` (a fact cannot be checked after the page was);
- the newest "as of" date is at most ``MARGIN`` before ``updated``: a page re-dated without
  re-checking its volatile facts fails, and so does a page whose facts went stale while its
  date moved on. Pages with no volatile fact have nothing to date and pass.

A period counts from its start ("June 2026" is 1 June, "late June 2026" 20 June, "mid-2026" 1 July,
"2026" 1 January):
a vague date never passes for a newer one.
"""

import re
from datetime import date, timedelta

import pytest

from tests.content.test_pages import PAGES, body, front_matter

MARGIN = timedelta(days=92)
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
AS_OF = re.compile(
    r"\bas of (?:(?P<part>early|late|mid) |(?P<mid>mid-) ?)?(?:(?P<day>\d{1,2}) )?(?:(?P<month>" + "|".join(MONTHS) + r") )?"
    r"(?:(?P<day2>\d{1,2}), )?(?P<year>20\d\d)\b(?!-)|\bas of (?P<iso>20\d\d-\d\d-\d\d)\b",
    re.IGNORECASE)
PART_DAY = {"early": 1, "mid": 15, "late": 20}
PART_MONTH = {"early": 1, "mid": 7, "late": 10}


def as_of_dates(text: str) -> list[date]:
    found = []
    for m in AS_OF.finditer(text):
        if m.group("iso"):
            found.append(date.fromisoformat(m.group("iso")))
            continue
        part = (m.group("part") or m.group("mid") or "").lower().rstrip("-")
        if not m.group("month"):  # a part of a year: early 2026 = January, mid-2026 = July, late 2026 = October
            found.append(date(int(m.group("year")), PART_MONTH.get(part, 1), 1))
            continue
        month = MONTHS.index(m.group("month").lower()) + 1
        day = int(m.group("day") or m.group("day2") or PART_DAY.get(part, 1))
        found.append(date(int(m.group("year")), month, day))
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ("As of June 2026, the cap is 128.", [date(2026, 6, 1)]),
    ("as of late June 2026", [date(2026, 6, 20)]),
    ("as of 8 October 2026 and as of October 8, 2026", [date(2026, 10, 8), date(2026, 10, 8)]),
    ("as of 2026-10-08", [date(2026, 10, 8)]),
    ("As of 2026 the chain allows", [date(2026, 1, 1)]),
    ("as of mid-2026", [date(2026, 7, 1)]),
    ("as of SDK 11.3 and as of the 2026 docs", []),
])
def test_as_of_dates_are_read_from_the_start_of_their_period(text, expected):
    assert as_of_dates(text) == expected


@pytest.mark.parametrize("page", PAGES)
def test_no_fact_is_dated_after_the_page_was_checked(page):
    updated = front_matter(page)["updated"]
    later = [d for d in as_of_dates(body(page)) if d > updated]
    assert later == [], f"{page} cites 'as of' {later}, after its updated date {updated}"


@pytest.mark.parametrize("page", PAGES)
def test_the_newest_volatile_fact_was_checked_near_the_pages_date(page):
    updated = front_matter(page)["updated"]
    dates = as_of_dates(body(page))
    if not dates:
        return
    assert max(dates) >= updated - MARGIN, (
        f"{page} says updated {updated}, but its newest 'as of' date is {max(dates)}: re-check its volatile facts "
        f"and date them, or keep the updated date honest")
