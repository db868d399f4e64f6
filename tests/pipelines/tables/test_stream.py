"""Streaming tables: chunk by chunk gives the same tables as all at once; duplicates, rejected
entities and restaged (cached) tables; the corpus listed from the archive in doc_id order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.archive.corpus import corpus_entries
from pipelines.archive.warc import WarcArchive
from pipelines.normalise.ids import doc_id_for
from pipelines.publish.run import RunOutput, publish
from pipelines.tables import stream as table_stream
from pipelines.tables.build import build_tables
from pipelines.tables.stream import TableStream, restage
from schemas.tables import TABLES


def _many(records, n):
    """``n`` records (copies of the fixtures under new ids), in doc_id order as the corpus gives them."""
    return sorted(
        (dataclasses.replace(records[i % len(records)], doc_id=f"{i:016x}") for i in range(n)), key=lambda r: r.doc_id
    )


def _stream(records, out: Path, chunk: int, run_id: str = "run1") -> None:
    output = RunOutput(str(out), run_id, "v1")
    stream = TableStream(output)
    for start in range(0, len(records), chunk):
        stream.add(records[start : start + chunk])
    stream.finish()
    output.publish()


def _read(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pq.read_table(out / f"{name}.parquet").to_pandas() for name in TABLES}


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_streamed_tables_equal_the_tables_built_at_once(tmp_path, records, chunk):
    many = _many(records, 60)
    publish(build_tables(many), str(tmp_path / "whole"), "run1", "v1")
    _stream(many, tmp_path / "streamed", chunk)
    whole, streamed = _read(tmp_path / "whole"), _read(tmp_path / "streamed")
    assert len(whole["documents"]) == 60 and len(whole["organisation_mentions"]) > 60
    for name in TABLES:
        pd.testing.assert_frame_equal(streamed[name], whole[name], obj=name)


def test_a_document_repeated_in_a_later_chunk_is_rejected_and_not_counted_twice(tmp_path, records):
    first = _many(records, 3)
    _stream([*first, dataclasses.replace(first[0])], tmp_path, chunk=3)
    tables = _read(tmp_path)
    assert len(tables["documents"]) == 3
    rejects = tables["rejects"]
    assert list(rejects["reason"]) == ["doc_id: duplicate of a row in an earlier chunk"]
    assert list(rejects["row_key"]) == [first[0].doc_id]
    kth = tables["organisations"].set_index("org_id").loc["kth"]
    assert (kth["mention_count"], kth["document_count"]) == (2, 2)  # the repeat adds nothing


def test_mentions_of_a_rejected_entity_are_taken_out_and_rejected(tmp_path, records, monkeypatch):
    real = table_stream.TableBuilder.entity_tables

    def nameless_kth(self):
        tables = real(self)
        orgs = tables["organisations"].copy()
        orgs.loc[orgs["org_id"] == "kth", "name"] = None
        return {**tables, "organisations": orgs}

    monkeypatch.setattr(table_stream.TableBuilder, "entity_tables", nameless_kth)
    _stream(_many(records, 30), tmp_path, chunk=4)  # kth: in the sv and nl copies, 8 + 8
    tables = _read(tmp_path)
    assert "kth" not in set(tables["organisations"]["org_id"])
    assert "kth" not in set(tables["organisation_mentions"]["org_id"])
    assert len(tables["organisation_mentions"]) > 0
    rejected = tables["rejects"]
    moved = rejected[rejected["table"] == "organisation_mentions"]
    assert len(moved) == 16 and set(moved["reason"]) == {"org_id: not in organisations"}
    assert set(rejected[rejected["table"] == "organisations"]["row_key"]) == {"kth"}


def test_restaged_tables_are_the_same_with_the_new_run_id(tmp_path, records):
    bad = dataclasses.replace(records[0], content_sha256="not-a-hash")
    _stream(sorted([*records[1:], bad], key=lambda r: r.doc_id), tmp_path / "a", chunk=2)
    output = RunOutput(str(tmp_path / "b"), "run2", "v2")
    restage({name: tmp_path / "a" / f"{name}.parquet" for name in TABLES}, output)
    output.publish()
    first, second = _read(tmp_path / "a"), _read(tmp_path / "b")
    assert len(first["rejects"]) >= 1 and set(second["rejects"]["run_id"]) == {"run2"}
    for name in TABLES:
        expected = first[name].assign(run_id="run2") if name == "rejects" else first[name]
        pd.testing.assert_frame_equal(second[name], expected, obj=name)
    meta = pq.ParquetFile(tmp_path / "b" / "documents.parquet").schema_arrow.metadata
    assert meta[b"aiscout.run_id"] == b"run2" and meta[b"aiscout.code_version"] == b"v2"


def _archive(run_dir: Path, pages: list[tuple[str, int, bytes]]) -> None:
    archive = WarcArchive(run_dir, "src", rotate_bytes=400)
    for url, status, body in pages:
        archive.write(
            url=url,
            status=status,
            reason="",
            headers=[("Content-Type", "text/html")],
            body=body,
            fetched_at="2026-11-21T03:00:00Z",
            source="src",
            kind="article",
        )
    archive.close()


def test_corpus_lists_the_newest_version_of_each_article_in_doc_id_order(tmp_path):
    urls = [f"https://www.example.se/nyheter/{i}/" for i in range(6)]
    _archive(tmp_path / "r1", [(u, 200, b"old " + u.encode()) for u in urls] + [(urls[5], 500, b"")])
    _archive(tmp_path / "r2", [(urls[1], 200, b"new"), (urls[2], 404, b""), (urls[3] + "?utm_source=x", 200, b"n3")])
    entries = corpus_entries(tmp_path)
    assert [e.doc_id for e in entries] == sorted(doc_id_for(u) for u in urls)
    bodies = {e.ref.url: (e.run_id, e.read().body) for e in entries}
    assert bodies[urls[1]] == ("r2", b"new")
    assert bodies[urls[2]] == ("r1", b"old " + urls[2].encode())  # a failed refetch keeps the older page
    assert bodies[urls[3] + "?utm_source=x"] == ("r2", b"n3")  # same canonical URL: the newer one
    assert bodies[urls[5]] == ("r1", b"old " + urls[5].encode())
    assert [e.doc_id for e in corpus_entries(tmp_path, "r1")] == [e.doc_id for e in entries]
    assert {e.run_id for e in corpus_entries(tmp_path, "r1")} == {"r1"}
