"""build_tables: expected rows, deterministic ids and order, aggregation across documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pandas as pd
import pyarrow as pa
import pytest

from pipelines.models import PersonMention
from pipelines.normalise.ids import stable_id
from pipelines.normalise.values import period_start
from pipelines.tables.build import build_tables
from pipelines.text_keys import identity_key
from schemas.tables import TABLES, arrow_schema


def test_every_table_with_exact_dtypes(records):
    tables = build_tables(records)
    assert set(tables) == set(TABLES) - {"rejects"}
    for name, df in tables.items():
        assert list(df.columns) == arrow_schema(name).names
        for column, dtype in df.dtypes.items():
            assert dtype == pd.ArrowDtype(arrow_schema(name).field(column).type), (name, column)
        TABLES[name].validate(df)  # every built row passes its checks


def test_documents_rows(records):
    docs = build_tables(records)["documents"].set_index("doc_id")
    assert list(docs.index) == sorted(r.doc_id for r in records)
    sv = docs.loc["sv0000000000000a"]
    assert (sv["language"], sv["title"], sv["published"]) == (
        "sv",
        "Vinnova satsar på AI i vården",
        dt.date(2025, 3, 12),
    )
    assert sv["fetched_at"] == pd.Timestamp("2026-11-21T03:00:05Z")
    assert pd.isna(sv["error"]) and sv["text"].startswith("Vinnova satsar")
    failed = docs.loc["xx0000000000000d"]
    assert failed["error"] == "not HTML: application/pdf"
    assert pd.isna(failed["text"]) and pd.isna(failed["language"]) and not failed["is_ai_related"]


def test_mention_rows_with_spans(records):
    tables = build_tables(records)
    text = {r.doc_id: r.document.text for r in records if r.document}
    for name in ("organisation_mentions", "programme_mentions", "people_mentions", "amounts", "dates"):
        for row in tables[name].itertuples():
            assert text[row.doc_id][row.char_start : row.char_end] == row.surface, (name, row)
    amounts = tables["amounts"]
    de = amounts[amounts["doc_id"] == "de0000000000000c"]
    rows = de[["value", "currency", "approx", "range_role"]].astype(object).where(de.notna(), None).values.tolist()
    assert rows == [
        [3_600_000.0, "EUR", True, None],
        [2_000_000.0, "EUR", False, "low"],
        [3_000_000.0, "EUR", False, "high"],
    ]
    sek = amounts[amounts["currency"] == "SEK"].iloc[0]
    assert (sek["value"], sek["value_eur"], sek["surface"]) == (30_000_000.0, 2_640_000.0, "30 miljoner kronor")
    dates = tables["dates"].set_index("surface")
    assert dates.loc["april 2025", ["date", "grain", "role"]].tolist() == ["2025-04", "month", "start"]
    assert dates.loc["april 2025", "date_start"] == dt.date(2025, 4, 1)
    assert dates.loc["2027", "date_start"] == dt.date(2027, 1, 1)


def test_entities_aggregate_across_documents(records):
    tables = build_tables(records)
    orgs = tables["organisations"].set_index("org_id")
    kth = orgs.loc["kth"]
    assert (kth["name"], kth["mention_count"], kth["document_count"]) == ("Kungliga Tekniska högskolan", 2, 2)
    assert list(kth["aliases"]) == ["KTH"]
    assert (kth["type"], kth["country"]) == ("university", "SE")
    ki_id = stable_id("org", identity_key("Karolinska Institutet"))
    assert orgs.loc[ki_id, "name"] == "Karolinska Institutet"  # id-less mention gets a name-based id
    assert list(orgs.index) == sorted(orgs.index)
    assert len(tables["organisation_mentions"]) == 8 and set(tables["organisation_mentions"]["org_id"]) == set(
        orgs.index
    )


def test_people_merge_on_normalised_name_and_collect_roles(records):
    de = records[2]
    text = de.document.text
    de.document.people.append(PersonMention("ANNA  LINDQVIST", "Leiterin", "ANNA  LINDQVIST", len(text), len(text)))
    people = build_tables(records)["people"].set_index("person_id")
    anna = people.loc[stable_id("p", "anna lindqvist")]
    assert anna["name"] == "ANNA  LINDQVIST"  # equally frequent names: the alphabetically first wins
    assert list(anna["roles"]) == ["Leiterin", "generaldirektör"]
    assert (anna["mention_count"], anna["document_count"]) == (2, 2)
    assert len(people) == 3


def test_ids_and_tables_are_deterministic(records):
    first = build_tables(records)
    again = build_tables(iter(records))  # a generator works too
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    reordered = build_tables(shuffled)
    for name in first:
        pd.testing.assert_frame_equal(first[name], again[name])
        pd.testing.assert_frame_equal(first[name], reordered[name])
    assert (
        stable_id("am", "d", 1, 2.0, None) == stable_id("am", "d", 1, 2.0, None) != stable_id("am", "d", 1, 2.0, "low")
    )


def test_generator_of_many_records_streams(records):
    def many():
        for i in range(2000):
            yield dataclasses.replace(records[i % 3], doc_id=f"doc{i:05d}")

    tables = build_tables(many())
    assert len(tables["documents"]) == 2000
    assert tables["organisations"].set_index("org_id").loc["kth", "document_count"] == 1334


def test_bad_values_become_nulls_that_validation_rejects(records):
    rec = dataclasses.replace(records[0], fetched_at="gestern")
    docs = build_tables([rec])["documents"]
    assert docs["fetched_at"].isna().all()
    assert period_start("2025-13") is None and period_start("25") is None
    assert period_start("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("table", sorted(set(TABLES) - {"rejects"}))
def test_empty_input_gives_empty_typed_tables(table):
    df = build_tables([])[table]
    assert df.empty and pa.Schema.from_pandas(df, preserve_index=False).types == arrow_schema(table).types
