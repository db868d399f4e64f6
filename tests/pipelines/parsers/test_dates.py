"""Table-driven date cases (tests/parsers/cases/dates_<lang>.yaml).

Each expected item is ``date`` or ``[date, role]``; the grain must follow the date's shape
(YYYY-MM-DD day, YYYY-MM month, YYYY year) and the role defaults to "event".
"""

from __future__ import annotations

import pytest

from pipelines.parsers.dates import find_dates
from tests.helpers.parser_cases import Case, load_cases

CASES = load_cases("dates")
GRAIN = {10: "day", 7: "month", 4: "year"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_date_case(case: Case) -> None:
    found = find_dates(case.text, case.lang, case.ref)
    for d in found:
        assert case.text[d.start : d.end] == d.text
    pairs = [e if isinstance(e, list) else [e, "event"] for e in case.expect]
    want = [(str(date), GRAIN[len(str(date))], role) for date, role in pairs]
    assert [(d.date, d.grain, d.role) for d in found] == want
