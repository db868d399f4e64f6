"""publish: Parquet types and metadata, byte reproducibility, atomicity, fsspec targets, DuckDB views."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import duckdb
import fsspec
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.publish import run as pub
from pipelines.publish.duckdb_views import DUCKDB_FILE
from pipelines.tables.build import build_tables
from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema
from tests.helpers.paths import REPO


@pytest.fixture
def tables(records):
    return build_tables(records)


@pytest.fixture
def older(records):
    """A smaller earlier run (two documents) to tell the previous current tables from the new ones."""
    return build_tables(records[:2])


def _meta(path: Path | str, fs: fsspec.AbstractFileSystem | None = None) -> dict[str, str]:
    with fs.open(path, "rb") if fs else open(path, "rb") as f:
        meta = pq.ParquetFile(f).schema_arrow.metadata
    return {k.decode(): v.decode() for k, v in meta.items() if k.startswith(b"aiscout.")}


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != DUCKDB_FILE
    }


def test_parquet_types_compression_and_metadata(tmp_path, tables):
    report = pub.publish(tables, str(tmp_path), "run1", "v1.2.3")
    for name in TABLES:
        f = pq.ParquetFile(tmp_path / f"{name}.parquet")
        assert f.schema_arrow.remove_metadata() == arrow_schema(name).remove_metadata()
        assert _meta(tmp_path / f"{name}.parquet") == {
            "aiscout.schema_version": SCHEMA_VERSION,
            "aiscout.run_id": "run1",
            "aiscout.code_version": "v1.2.3",
            "aiscout.table": name,
        }
        if f.metadata.num_row_groups:
            rg = f.metadata.row_group(0)
            assert {rg.column(i).compression for i in range(rg.num_columns)} == {"ZSTD"}
        df = f.read().to_pandas(types_mapper=pd.ArrowDtype)
        assert not any(dtype == np.dtype("O") for dtype in df.dtypes), name
        assert len(df) == report.rows[name]
    docs = pq.read_table(tmp_path / "documents.parquet")
    assert docs.schema.field("published").type == pa.date32()
    assert docs.schema.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert pq.read_table(tmp_path / "organisations.parquet").schema.field("aliases").type == pa.list_(pa.string())
    assert pq.read_table(tmp_path / "dates.parquet").schema.field("date_start").type == pa.date32()
    assert docs.column("published").to_pylist()[0].isoformat() == "2026-01-15"


def test_report_and_manifests(tmp_path, tables):
    report = pub.publish(tables, str(tmp_path), "run1", "v1")
    assert report.tables["amounts"] == str(tmp_path / "amounts.parquet")
    assert report.run_tables["amounts"] == str(tmp_path / "runs" / "run1" / "amounts.parquet")
    assert report.rows == {n: len(tables.get(n, ())) for n in TABLES} and report.rejects == 0
    current = json.loads((tmp_path / "_current.json").read_text())
    assert current == json.loads((tmp_path / "runs/run1/_manifest.json").read_text())
    assert current["run_id"] == "run1" and current["schema_version"] == SCHEMA_VERSION
    for name, entry in current["tables"].items():
        data = (tmp_path / entry["path"]).read_bytes()
        assert (
            hashlib.sha256(data).hexdigest()
            == entry["sha256"]
            == hashlib.sha256((tmp_path / f"{name}.parquet").read_bytes()).hexdigest()
        )
    assert not list(tmp_path.rglob("*.tmp"))


def test_publish_is_byte_for_byte_reproducible(tmp_path, records):
    a, b = tmp_path / "a", tmp_path / "b"
    pub.publish(build_tables(records), str(a), "run1", "v1")
    pub.publish(build_tables(list(reversed(records))), str(b), "run1", "v1")
    first = _files(a)
    assert first == _files(b) and len(first) == 2 * len(TABLES) + 2
    pub.publish(build_tables(records), str(a), "run1", "v1")  # re-publishing the same run
    assert _files(a) == first


def test_injected_failure_leaves_previous_tables_current(tmp_path, tables, older, monkeypatch):
    pub.publish(older, str(tmp_path), "run1", "v1")
    before = _files(tmp_path)
    real, calls = pub.StagedTables._flush, []

    def failing(self, name):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, name)

    monkeypatch.setattr(pub.StagedTables, "_flush", failing)
    with pytest.raises(OSError, match="disk full"):
        pub.publish(tables, str(tmp_path), "run2", "v2")
    after = _files(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("runs/run2/")} == before
    assert not list((tmp_path / "runs/run2").iterdir())  # the staged files of the failed run are gone
    assert json.loads((tmp_path / "_current.json").read_text())["run_id"] == "run1"
    for name in TABLES:
        assert _meta(tmp_path / f"{name}.parquet")["aiscout.run_id"] == "run1"
        assert pq.read_table(tmp_path / f"{name}.parquet").num_rows == len(older.get(name, ()))
    con = duckdb.connect(str(tmp_path / DUCKDB_FILE), read_only=True)
    assert con.execute("select count(*) from documents").fetchall() == [(len(older["documents"]),)]


_KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from pipelines.publish import run as pub
    from pipelines.tables.build import build_tables
    from tests.helpers import records as fixtures

    real, calls, die_at = pub._link_atomically, [], int(sys.argv[3])

    def dying(link, target):
        calls.append(link)
        if len(calls) == die_at:  # the temporary link exists, the rename has not happened
            os.symlink(target, pub._tmp_sibling(str(link)))
            os.kill(os.getpid(), signal.SIGKILL)
        return real(link, target)

    pub._link_atomically = dying
    records = [fixtures.swedish(), fixtures.dutch(), fixtures.german(), fixtures.failed()]
    pub.publish(build_tables(records), sys.argv[1], "run2", "v2")
    os.kill(os.getpid(), signal.SIGKILL)  # links already in place: die after the whole switch
""")


@pytest.mark.parametrize("die_at,current", [(1, "run1"), (2, "run2")])
def test_killed_publish_never_leaves_a_mix(tmp_path, older, tables, die_at, current):
    """SIGKILL around the switch of the current tables: before the rename of ``current`` every table
    is run1's, after it every table is run2's; never some of each, every file whole."""
    pub.publish(older, str(tmp_path), "run1", "v1")
    script = tmp_path / "killer.py"
    script.write_text(_KILLER)
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path), str(REPO), str(die_at)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr
    expected = older if current == "run1" else tables
    assert (tmp_path / "runs/run2/_manifest.json").exists()
    for name in TABLES:
        assert _meta(tmp_path / f"{name}.parquet")["aiscout.run_id"] == current
        assert pq.read_table(tmp_path / f"{name}.parquet").num_rows == len(expected.get(name, ()))
    manifest = json.loads((tmp_path / "_current.json").read_text())
    assert manifest["run_id"] == current
    for entry in manifest["tables"].values():
        assert hashlib.sha256((tmp_path / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    pub.publish(tables, str(tmp_path), "run3", "v3")  # the next run recovers and clears temporary files
    assert all(_meta(tmp_path / f"{n}.parquet")["aiscout.run_id"] == "run3" for n in TABLES)
    assert not list(tmp_path.rglob("*.tmp"))


def test_memory_filesystem_matches_local(tmp_path, tables):
    url = f"memory://aiscout-{uuid.uuid4().hex}/out"
    report = pub.publish(tables, url, "run1", "v1")
    local = pub.publish(tables, str(tmp_path), "run1", "v1")
    fs, root = fsspec.core.url_to_fs(url)
    try:
        assert report.duckdb is None and local.duckdb is not None
        assert report.tables["amounts"] == f"{url}/amounts.parquet"
        for name in TABLES:
            assert fs.cat_file(f"{root}/{name}.parquet") == (tmp_path / f"{name}.parquet").read_bytes()
            assert fs.cat_file(f"{root}/runs/run1/{name}.parquet") == (tmp_path / f"{name}.parquet").read_bytes()
            assert _meta(f"{root}/{name}.parquet", fs)["aiscout.table"] == name
        assert json.loads(fs.cat_file(f"{root}/_current.json"))["run_id"] == "run1"
        assert not [p for p in fs.find(root) if p.endswith(".tmp")]
    finally:
        fs.rm(root.split("/out")[0], recursive=True)


def test_duckdb_views_answer_queries(tmp_path, tables, older):
    pub.publish(older, str(tmp_path), "run1", "v1")
    report = pub.publish(tables, str(tmp_path / "."), "run2", "v2")
    con = duckdb.connect(report.duckdb, read_only=True)
    assert con.execute("select count(*) from amounts").fetchall() == [(len(tables["amounts"]),)]
    for name in TABLES:
        assert con.execute(f'select count(*) from "{name}"').fetchall() == [(report.rows[name],)]
    assert con.execute("select typeof(published), typeof(fetched_at) from documents limit 1").fetchall() == [
        ("DATE", "TIMESTAMP WITH TIME ZONE")
    ]
    assert con.execute("select sum(value_eur) from amounts where currency = 'EUR'").fetchall() == [(11_100_000.0,)]


def test_bad_rows_are_published_as_rejects(tmp_path, tables):
    amounts = tables["amounts"].copy()
    amounts.loc[amounts["currency"] == "SEK", "currency"] = "euro"
    report = pub.publish({**tables, "amounts": amounts}, str(tmp_path), "run1", "v1")
    assert report.rejects == 1 and report.rows["amounts"] == len(amounts) - 1
    rejects = pq.read_table(tmp_path / "rejects.parquet").to_pylist()
    assert [(r["table"], r["run_id"]) for r in rejects] == [("amounts", "run1")]
    assert "currency" in rejects[0]["reason"] and json.loads(rejects[0]["row_json"])["currency"] == "euro"
    assert "euro" not in pq.read_table(tmp_path / "amounts.parquet").column("currency").to_pylist()


@pytest.mark.parametrize("run_id", ["", "../escape", "a/b", ".hidden"])
def test_unsafe_run_ids_are_refused(tmp_path, tables, run_id):
    with pytest.raises(ValueError, match="run_id"):
        pub.publish(tables, str(tmp_path), run_id, "v1")


def test_prevalidated_tables_with_rejects_publish_the_same(tmp_path, tables):
    """The flow's pattern validate() -> publish(valid + rejects) keeps the rejects and adds none."""
    amounts = tables["amounts"].copy()
    amounts.loc[amounts["currency"] == "SEK", "currency"] = "euro"
    valid, rejects = pub.validate({**tables, "amounts": amounts}, "run1")
    report = pub.publish({**valid, "rejects": rejects}, str(tmp_path / "a"), "run1", "v1")
    direct = pub.publish({**tables, "amounts": amounts}, str(tmp_path / "b"), "run1", "v1")
    assert report.rows == direct.rows and report.rejects == direct.rejects == 1
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_a_copied_output_folder_without_links_is_switched_back_to_links(tmp_path, older, tables):
    """`cp -r data/out elsewhere` turns ``current`` into a real folder; publishing there still works."""
    import shutil

    pub.publish(older, str(tmp_path / "a"), "run1", "v1")
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # follows links, like cp -r
    assert not (tmp_path / "b" / "current").is_symlink()
    pub.publish(tables, str(tmp_path / "b"), "run2", "v2")
    assert (tmp_path / "b" / "current").is_symlink()
    assert all(_meta(tmp_path / "b" / f"{n}.parquet")["aiscout.run_id"] == "run2" for n in TABLES)
    assert not list((tmp_path / "b").glob(".*.tmp"))
