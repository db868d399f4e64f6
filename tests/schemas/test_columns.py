"""The column kinds the tables are built from: coded values and mention tables."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pyarrow as pa
import pytest
from pandera.pandas import DataFrameSchema

from schemas.columns import COUNTRY, CURRENCY, DATE_AT_GRAIN, INT, STR, col, identifier, mention_table, surface


def _strings(values: list[str | None]) -> pd.Series:
    return pd.Series(pd.array(values, dtype=pd.ArrowDtype(pa.string())))


@pytest.mark.parametrize(
    ("code", "good", "bad"),
    [(CURRENCY, "SEK", "kr"), (COUNTRY, "NL", "nl"), (DATE_AT_GRAIN, "2025-04", "April 2025")],
)
def test_a_coded_column_takes_its_code_and_refuses_other_values(code, good, bad):
    nullable = DataFrameSchema({"v": code.column("a code", nullable=True)})
    nullable.validate(pd.DataFrame({"v": _strings([good, None])}))
    with pytest.raises(pandera.errors.SchemaError):
        nullable.validate(pd.DataFrame({"v": _strings([good, bad])}))
    with pytest.raises(pandera.errors.SchemaError):
        DataFrameSchema({"v": code.column("a code")}).validate(pd.DataFrame({"v": _strings([None])}))


def test_a_coded_column_shows_its_typical_value_unless_given_another():
    assert CURRENCY.column("c").metadata["example"] == "EUR"
    assert DATE_AT_GRAIN.column("d", example="2027-12").metadata["example"] == "2027-12"


def test_a_mention_table_orders_id_document_columns_surface_span_and_checks_the_span():
    schema = mention_table(
        "t", "mentions", "t_id", identifier("id", "t-1"), {"what": col(STR, "what", "x")}, surface("X")
    )
    assert list(schema.columns) == ["t_id", "doc_id", "what", "surface", "char_start", "char_end"]
    assert schema.columns["char_start"].dtype.type.pyarrow_dtype == INT
    row = {"t_id": ["t-1"], "doc_id": ["d"], "what": ["x"], "surface": ["X"]}
    frame = pd.DataFrame({k: _strings(v) for k, v in row.items()})
    ints = pd.ArrowDtype(pa.int64())
    schema.validate(frame.assign(char_start=pd.array([1], dtype=ints), char_end=pd.array([2], dtype=ints)))
    with pytest.raises(pandera.errors.SchemaError):
        schema.validate(frame.assign(char_start=pd.array([3], dtype=ints), char_end=pd.array([2], dtype=ints)))
