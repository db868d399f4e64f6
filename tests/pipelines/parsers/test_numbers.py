"""parse_number: table-driven cases (tests/parsers/cases/numbers_<lang>.yaml) and the digit rules."""

from __future__ import annotations

import math

import pytest

from pipelines.parsers.numbers import lang_table, parse_number
from tests.helpers.parser_cases import Case, load_cases

CASES = load_cases("numbers")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_number_case(case: Case) -> None:
    value = parse_number(case.text, case.lang)
    if case.expect:
        assert value is not None and math.isclose(value, float(case.expect[0]), rel_tol=1e-12)
    else:
        assert value is None


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("850.000", "nl", 850000.0),
        ("850.000", "en", 850.0),
        ("1,500", "en", 1500.0),
        ("1,500", "de", 1.5),
        ("850.000", None, 850000.0),
        ("1,500", None, 1500.0),
        ("1,5", None, 1.5),
        ("1.500,5", None, 1500.5),
    ],
)
def test_three_digit_groups_follow_the_locale(text: str, lang: str | None, value: float) -> None:
    assert parse_number(text, lang) == value


def test_unknown_language_uses_the_union_of_all_languages() -> None:
    assert parse_number("tjugofem", "fr") == 25.0
    assert parse_number("fünfundzwanzig", None) == 25.0
    assert lang_table(None, "cldr")["decimal_separator"] is None
    assert lang_table(None, "amounts")["default_currency"] is None
