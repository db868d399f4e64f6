"""Table-driven money amount cases (tests/parsers/cases/amounts_<lang>.yaml).

Each expected item is ``[value, currency, *flags]`` with flags "approx", "low", "high"; the
found amounts must equal the expected ones in order (approx False and no range role unless flagged).
"""

from __future__ import annotations

import math

import pytest

from pipelines.parsers.amounts import find_amounts
from tests.helpers.parser_cases import Case, load_cases

CASES = load_cases("amounts")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_amount_case(case: Case) -> None:
    found = find_amounts(case.text, case.lang)
    for a in found:
        assert case.text[a.start : a.end] == a.text and a.value_eur is None
    got = [(a.value, a.currency, a.approx, a.range_role) for a in found]
    want = [
        (float(e[0]), e[1], "approx" in e[2:], next((f for f in e[2:] if f in ("low", "high")), None))
        for e in case.expect
    ]
    assert len(got) == len(want), got
    for g, w in zip(got, want):
        assert math.isclose(g[0], w[0], rel_tol=1e-9) and g[1:] == w[1:], (got, want)
