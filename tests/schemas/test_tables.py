"""Table definitions, validation (rows -> rejects, whole tables -> hard errors) and the data dictionary."""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pdr
import pyarrow as pa
import pytest

from pipelines.tables.build import build_tables
from pipelines.tables.validate import TableSchemaError, validate
from schemas import generate_docs
from schemas.tables import TABLES, arrow_schema, frame, primary_key

RUN = "test-run"


def _example_row(table: str) -> pd.DataFrame:
    """One row made of the documented examples, cast to the table's Arrow types."""
    schema = arrow_schema(table)
    arrays = [
        pa.array([TABLES[table].columns[f.name].metadata["example"]]).cast(f.type) if f.type != pa.null() else None
        for f in schema
    ]
    return pa.Table.from_arrays(arrays, schema=schema).to_pandas(types_mapper=pd.ArrowDtype)


@pytest.mark.parametrize("table", list(TABLES))
def test_arrow_schema_is_derived_and_documented(table):
    schema = TABLES[table]
    fields = arrow_schema(table)
    assert fields.names == list(schema.columns)
    assert primary_key(table) in fields.names or table == "rejects"
    assert schema.description
    for name, column in schema.columns.items():
        assert column.description and "example" in column.metadata, (table, name)
        assert fields.field(name).nullable == column.nullable
        assert fields.field(name).type.id != pa.null().id
    schema.validate(_example_row(table))  # the documented examples are a valid row


def test_types_are_the_promised_arrow_types():
    docs = arrow_schema("documents")
    assert docs.field("published").type == pa.date32()
    assert docs.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert arrow_schema("organisations").field("aliases").type == pa.list_(pa.string())
    assert arrow_schema("amounts").field("value").type == pa.float64()
    assert arrow_schema("dates").field("date_start").type == pa.date32()


@pytest.mark.parametrize(
    ("table", "column", "damage"),
    [
        ("amounts", "value", lambda df: df.astype({"value": pd.ArrowDtype(pa.string())})),  # a wrong type
        ("dates", "grain", lambda df: df.drop(columns=["grain"])),  # a required column missing
    ],
    ids=["wrong type", "missing column"],
)
def test_a_damaged_table_is_a_hard_error_naming_table_and_column(records, table, column, damage):
    tables = build_tables(records)
    tables[table] = damage(tables[table])
    with pytest.raises(pdr.errors.SchemaError):
        TABLES[table].validate(tables[table])
    with pytest.raises(TableSchemaError, match=rf"{table}.*{column}"):
        validate(tables, RUN)


def test_missing_or_extra_table_or_column_is_a_hard_error(records):
    tables = build_tables(records)
    with pytest.raises(TableSchemaError, match="missing tables"):
        validate({k: v for k, v in tables.items() if k != "people"}, RUN)
    with pytest.raises(TableSchemaError, match="unknown tables"):
        validate({**tables, "notes": frame("rejects")}, RUN)
    tables["people"] = tables["people"].assign(extra=1)
    with pytest.raises(TableSchemaError, match="people"):
        validate(tables, RUN)


def test_schema_rejects_duplicate_id_and_keeps_the_first(records):
    tables = build_tables(records)
    orgs = tables["organisations"]
    dup = orgs.iloc[[0]].copy()
    dup["name"] = pd.array(["Duplicate AB"], dtype=orgs["name"].dtype)
    tables["organisations"] = pd.concat([orgs, dup], ignore_index=True)
    with pytest.raises(pdr.errors.SchemaError):
        TABLES["organisations"].validate(tables["organisations"])
    kept, rejects = validate(tables, RUN)
    assert kept["organisations"].equals(orgs)
    assert rejects[["table", "row_key"]].values.tolist() == [["organisations", orgs.iloc[0]["org_id"]]]
    assert "unique" in rejects.iloc[0]["reason"] and json.loads(rejects.iloc[0]["row_json"])["name"] == "Duplicate AB"


def _validate_changed(records, table: str, change):
    """Validate the tables after ``change`` (in place) of a copy of ``table``: (tables, changed table, kept, rejects)."""
    tables = build_tables(records)
    changed = tables[table].copy()
    change(changed)
    tables[table] = changed
    return tables, changed, *validate(tables, RUN)


def test_bad_currency_goes_to_rejects_and_the_rest_is_kept(records):
    def to_euro(df):
        df.loc[df["currency"] == "SEK", "currency"] = "euro"

    tables, amounts, kept, rejects = _validate_changed(records, "amounts", to_euro)
    assert len(kept["amounts"]) == len(amounts) - 1 and "euro" not in set(kept["amounts"]["currency"])
    (row,) = rejects.itertuples()
    assert (row.table, row.run_id) == ("amounts", RUN)
    assert row.reason == "currency: str_matches('^[A-Z]{3}$')"
    assert json.loads(row.row_json)["currency"] == "euro"
    assert all(kept[n].equals(tables[n]) for n in tables if n != "amounts")


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("dates", "grain", "week", "grain: isin"),
        ("dates", "date", "2025-04-01", "length its grain implies"),  # a day-length date with grain month
        ("dates", "char_start", 10_000, "char_start must be <= char_end"),
        ("amounts", "range_role", "middle", "range_role: isin"),
        ("documents", "language", "swe", "language: str_matches"),
        ("documents", "fetched_at", None, "fetched_at: not_nullable"),
        ("organisation_mentions", "org_id", "no-such-org", "org_id: not in organisations"),
    ],
)
def test_row_checks(records, table, column, value, reason):
    def set_last(df):
        df.loc[df.index[-1], column] = value

    _, df, kept, rejects = _validate_changed(records, table, set_last)
    assert len(kept[table]) == len(df) - 1
    assert reason in rejects[rejects["table"] == table].iloc[0]["reason"]


def test_rejected_document_takes_its_mentions_along(records):
    def bad_hash(df):
        df.loc[df["doc_id"] == "nl0000000000000b", "content_sha256"] = "not-a-hash"

    _, _, kept, rejects = _validate_changed(records, "documents", bad_hash)
    assert "nl0000000000000b" not in set(kept["documents"]["doc_id"])
    for name in ("organisation_mentions", "programme_mentions", "people_mentions", "amounts", "dates"):
        assert "nl0000000000000b" not in set(kept[name]["doc_id"])
    assert set(rejects["table"]) >= {"documents", "amounts", "dates"}
    assert set(rejects.loc[rejects["table"] == "amounts", "reason"]) == {"doc_id: not in documents"}


def test_readme_is_generated_from_the_definitions():
    assert generate_docs.README.read_text(encoding="utf-8") == generate_docs.render(), (
        "schemas/README.md is stale: run python -m schemas.generate_docs"
    )
    text = generate_docs.render()
    for name, schema in TABLES.items():
        assert f"## `{name}`" in text
        assert all(f"| `{column}` |" in text for column in schema.columns)


def test_docs_check_mode_detects_a_stale_readme(tmp_path, monkeypatch):
    stale = tmp_path / "README.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(generate_docs, "README", stale)
    assert generate_docs.main(["--check"]) == 1
    assert generate_docs.main([]) == 0 and generate_docs.main(["--check"]) == 0
