"""The shared typed records (``pipelines.models``)."""

from dataclasses import fields, replace

import pytest

from pipelines.models import Amount, Party, replace_amount

_VINNOVA = Party("Vinnova", "Q1", "organisation", "Vinnova")
_WASP = Party("WASP", "p-wasp", "programme", "WASP")


def _values(amount: Amount) -> list:
    return [getattr(amount, f.name) for f in fields(Amount)]


def test_replace_amount_is_dataclasses_replace():
    # every field away from its default, so that a field replace_amount dropped or moved would show
    amount = Amount(
        2.5, "SEK", "2,5 Mio. kr", 3, 14, True, "low", 9.0, 8.0, "2020-01-02",
        (_WASP,), (_WASP,), (_VINNOVA,), "2024", "2026", True, "other", 7,
    )  # fmt: skip
    assert all(getattr(amount, f.name) != f.default for f in fields(Amount))
    for changes in [
        {"value_eur": 0.22, "fx_rate": 11.3, "fx_date": "2024-05-03"},
        {"value_eur": None, "fx_rate": None, "fx_date": None},
        {"funders": (_VINNOVA,), "recipients": (), "for_": (_WASP,), "period_start": None, "kind": "grant"},
        {"part_of": None, "per_year": False},
        {},
    ]:
        assert _values(replace_amount(amount, **changes)) == _values(replace(amount, **changes)), changes


def test_replace_amount_refuses_a_field_amounts_do_not_have():
    with pytest.raises(TypeError, match="no field 'funder'"):
        replace_amount(Amount(1.0, "EUR", "1 euro", 0, 7), funder=(_VINNOVA,))
