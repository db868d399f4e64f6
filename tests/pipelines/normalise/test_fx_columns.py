"""The rate behind every EUR value is on the row: ``fx_rate`` (units per euro) and ``fx_date`` (its ECB day)."""

import datetime as dt

import pytest

from pipelines.models import Amount
from pipelines.normalise.currency import _converter, with_eur
from pipelines.tables.build import build_tables


def _amount(value: float, currency: str) -> Amount:
    return Amount(value=value, currency=currency, text=f"{value} {currency}", start=0, end=5)


def test_a_weekend_date_uses_the_last_published_rate_and_says_which_day():
    converted = with_eur(_amount(1_000_000, "SEK"), "2024-10-19")  # a Saturday: Friday's rate
    assert converted.fx_date == "2024-10-18"
    assert converted.fx_rate == pytest.approx(11.4205)
    assert converted.value_eur == pytest.approx(1_000_000 / 11.4205)


def test_an_undated_amount_shows_that_the_newest_rate_was_used():
    converted = with_eur(_amount(10, "SEK"), None)
    last = _converter().bounds["SEK"].last_date
    assert converted.fx_date is not None and dt.date.fromisoformat(converted.fx_date) <= last
    assert (last - dt.date.fromisoformat(converted.fx_date)).days <= 10


def test_euro_and_unknown_currencies():
    euro = with_eur(_amount(5, "EUR"), "2024-10-19")
    assert (euro.value_eur, euro.fx_rate, euro.fx_date) == (5.0, 1.0, None)
    unknown = with_eur(_amount(5, "XYZ"), "2024-10-19")
    assert (unknown.value_eur, unknown.fx_rate, unknown.fx_date) == (None, None, None)


def test_every_amount_row_carries_its_rate(records):
    for record in records:
        if record.document is not None:
            doc = record.document
            doc.amounts = [with_eur(a, doc.published) for a in doc.amounts]
    amounts = build_tables(records)["amounts"]
    assert len(amounts) > 0
    assert {"fx_rate", "fx_date"} <= set(amounts.columns)
    for row in amounts.to_dict("records"):
        if row["currency"] == "EUR":
            assert row["fx_rate"] == 1.0
        else:
            assert row["value_eur"] == pytest.approx(row["value"] / row["fx_rate"]) and row["fx_date"] is not None
