"""Property tests: render numbers, amounts and dates in each language's conventions (words taken
from the language data), embed them in a sentence, and parse them back."""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.langdata import load
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import currency_words, parse_number

LANGS = ["sv", "nl", "de", "en"]
GROUPING = {"sv": [" ", "\u00a0", "\u202f"], "nl": ["."], "de": [".", " "], "en": [","]}
DECIMAL = {"sv": ",", "nl": ",", "de": ",", "en": "."}
# how each language writes 21..99 from its units and tens words
COMPOUND = {"sv": "{tens}{unit}", "nl": "{unit}{join}{tens}", "de": "{unit}und{tens}", "en": "{tens}-{unit}"}
SETTINGS = settings(max_examples=200, deadline=None)


def _word(lang: str, value: int) -> str:
    return next(k for k, v in load(lang, "amounts")["number_words"].items() if v == value)


def _number_words(lang: str, n: int) -> str:
    """n (1..99) in words, built from the language data."""
    if n < 20 or n % 10 == 0:
        return _word(lang, n)
    unit, tens = _word(lang, n % 10), _word(lang, n - n % 10)
    return COMPOUND[lang].format(unit=unit, tens=tens, join="ën" if unit.endswith("e") else "en")


def _digits(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@st.composite
def amounts(draw: st.DrawFn) -> tuple[str, str, float, str]:
    lang = draw(st.sampled_from(LANGS))
    data = load(lang, "amounts")
    currency_word, iso = draw(st.sampled_from(sorted(currency_words(lang).items())))
    style = draw(st.sampled_from(["grouped", "scaled", "words"]))
    if style == "grouped":
        n = draw(st.integers(1000, 999_999_999))
        number, value, scale = _digits(n, draw(st.sampled_from(GROUPING[lang]))), float(n), ""
    else:
        scales = [k for k, v in data["scales"].items() if v >= 1000 and k not in (data.get("needs_currency") or [])]
        scale = draw(st.sampled_from(sorted(scales)))
        if style == "scaled":
            whole, cents = draw(st.integers(1, 999)), draw(st.integers(0, 99))
            number = f"{whole}{DECIMAL[lang]}{cents:02d}" if cents else str(whole)
            value = (whole + cents / 100) * data["scales"][scale]
        else:
            n = draw(st.integers(2, 99))
            number, value = _number_words(lang, n), float(n * data["scales"][scale])
    text = " ".join(p for p in (number, scale, currency_word) if p)
    return lang, text, value, iso


@given(amounts())
@SETTINGS
def test_rendered_amounts_parse_back(case: tuple[str, str, float, str]) -> None:
    lang, amount, value, iso = case
    sentence = f"— {amount} —"
    found = find_amounts(sentence, lang)
    assert len(found) == 1, (sentence, found)
    assert math.isclose(found[0].value, value, rel_tol=1e-9) and found[0].currency == iso, (sentence, found)
    assert found[0].text == amount


@given(st.sampled_from(LANGS), st.integers(1, 99))
@SETTINGS
def test_number_words_parse_back(lang: str, n: int) -> None:
    assert parse_number(_number_words(lang, n), lang) == n


@given(st.sampled_from(LANGS), st.integers(0, 10**12), st.data())
@SETTINGS
def test_grouped_digits_parse_back(lang: str, n: int, data: st.DataObject) -> None:
    assert parse_number(_digits(n, data.draw(st.sampled_from(GROUPING[lang]))), lang) == n


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(LANGS))
    data = load(lang, "dates")
    day = draw(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)))
    months = {**load(lang, "cldr")["months"], **(data.get("months") or {})}
    month_names = sorted(k for k, v in months.items() if v == day.month)
    month = draw(st.sampled_from(month_names)) + draw(
        st.sampled_from(["", "."] if any(len(m) <= 4 for m in month_names) else [""])
    )
    if month.endswith(".") and len(month) > 5:
        month = month[:-1]
    ordinal = draw(st.sampled_from(["", *(data.get("ordinal_suffixes") or [])]))
    forms = {
        "iso": (day.isoformat(), day.isoformat()),
        "dotted": (f"{day.day:02d}.{day.month:02d}.{day.year}", day.isoformat()),
        "dashed": (f"{day.day}-{day.month}-{day.year}", day.isoformat()),
        "slashed": (f"{day.day}/{day.month:02d}/{day.year}", day.isoformat()),
        "words": (f"{day.day}{ordinal} {month} {day.year}", day.isoformat()),
        "month": (f"{month} {day.year}", f"{day.year}-{day.month:02d}"),
        "numeric-month": (f"{day.month:02d}/{day.year}", f"{day.year}-{day.month:02d}"),
        "year": (str(day.year), str(day.year)),
    }
    if data.get("month_first"):
        forms["month-first"] = (f"{month} {day.day}{ordinal}, {day.year}", day.isoformat())
    text, expected = forms[draw(st.sampled_from(sorted(forms)))]
    return lang, text, expected


@given(dates())
@SETTINGS
def test_rendered_dates_parse_back(case: tuple[str, str, str]) -> None:
    lang, text, expected = case
    sentence = f"— {text} —"
    found = find_dates(sentence, lang)
    assert [(d.date, d.text) for d in found] == [(expected, text)], sentence
    assert found[0].grain == {10: "day", 7: "month", 4: "year"}[len(expected)]


def _pieces(lang: str) -> list[str]:
    """Fragments the parsers react to (the language's own words), and glue between them."""
    amounts, dates = load(lang, "amounts"), load(lang, "dates")
    words = [*currency_words(lang), *amounts["number_words"], *amounts["scales"], *load(lang, "cldr")["months"]]
    words += [*(dates.get("ordinal_words") or {}), *(dates.get("part_of_year") or []), *(amounts.get("subunits") or {})]
    return sorted({*words, "0", "5", "12", "2021", "21", "1.5", "3,75", "-", "/", ".", ",", ":-", " ", "  ", "\n"})


# Bounded time per string: strings are at most 80 fragments long and each example has a generous
# deadline that only catastrophic regex backtracking could reach (speed itself is benchmarked).
@given(st.sampled_from(LANGS), st.data())
@settings(max_examples=300, deadline=dt.timedelta(seconds=10))  # a hang detector, not a speed check
def test_any_mix_of_fragments_parses_in_bounded_time(lang: str, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(lang)), max_size=80)))
    for a in find_amounts(text, lang):
        assert text[a.start : a.end] == a.text and a.value >= 0 and re.fullmatch(r"[A-Z]{3}", a.currency)
    for d in find_dates(text, lang, "2024-05-01"):
        assert text[d.start : d.end] == d.text
        assert d.date == dt.date.fromisoformat(d.date).isoformat() if d.grain == "day" else len(d.date) in (4, 7)
