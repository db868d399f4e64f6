"""Validate the output tables and publish them as Parquet (local path or any fsspec URL).

Layout under ``out``::

    runs/<run_id>/<table>.parquet   per-run copies (rewritten only if the run id is published again)
    runs/<run_id>/_manifest.json    written after all of the run's tables: the run is complete
    current                         (local) a link to ``runs/<run_id>`` of the current run
    <table>.parquet                 current tables (local: links into ``current/``; remote: copies)
    _current.json                   names the run the current tables come from
    aiscout.duckdb                  (local outputs only) one view per table over the current run

Every file is written to a temporary name in its directory and renamed into place, so readers
never see a partial file; the current tables are switched only once the whole run is on disk.
Locally the switch is one rename of ``current``, so the current set is never a mix of two runs;
on object stores (no links, no atomic multi-file rename) the tables are copied one by one and
``_current.json``, written last, names the consistent set.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem
from pandera.errors import SchemaErrors

from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema, frame, primary_key

DUCKDB_FILE = "aiscout.duckdb"
CURRENT_MANIFEST = "_current.json"
RUN_MANIFEST = "_manifest.json"
CURRENT_LINK = "current"  # local outputs: a link to the current run's folder
# Child table -> (column, parent table) references every kept row must satisfy.
REFERENCES: dict[str, list[tuple[str, str]]] = {
    "organisation_mentions": [("doc_id", "documents"), ("org_id", "organisations")],
    "programme_mentions": [("doc_id", "documents"), ("programme_id", "programmes")],
    "people_mentions": [("doc_id", "documents"), ("person_id", "people")],
    "amounts": [("doc_id", "documents")],
    "dates": [("doc_id", "documents")],
}
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+-]*$")


class TableSchemaError(ValueError):
    """A whole table is unusable (missing/extra table or column, wrong dtype): nothing is published."""


@dataclass(frozen=True)
class PublishReport:
    """Where a run's tables went (current and per-run paths/URLs) and how many rows each holds."""

    run_id: str
    out: str
    tables: dict[str, str]
    run_tables: dict[str, str]
    rows: dict[str, int]
    rejects: int
    manifest: str
    duckdb: str | None


def validate(tables: dict[str, pd.DataFrame], run_id: str) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Split every table into rows passing its checks and a ``rejects`` table of the others.

    Row-level failures (nulls, patterns, allowed values, duplicate ids beyond the first, spans,
    references to a rejected or unknown document/entity) become rejects with their reasons.
    Table-level failures raise :class:`TableSchemaError`: a missing or unknown table, a missing or
    extra column, a dtype other than the table's exact Arrow dtype (no silent coercion). Columns
    are put in schema order. A ``rejects`` table in the input is kept and extended.
    """
    expected = set(TABLES) - {"rejects"}
    if missing := expected - set(tables):
        raise TableSchemaError(f"missing tables: {sorted(missing)}")
    if unknown := set(tables) - set(TABLES):
        raise TableSchemaError(f"unknown tables: {sorted(unknown)}")
    kept: dict[str, pd.DataFrame] = {}
    rejected = [tables["rejects"]] if "rejects" in tables else []
    for name in sorted(expected, key=_parents_first):
        df = _conform(name, tables[name])
        reasons = _row_failures(name, df)
        for column, parent in REFERENCES.get(name, []):
            known = set(kept[parent][primary_key(parent)].dropna())
            for i in df.index[~df[column].isin(known) & df[column].notna()]:
                reasons[i].append(f"{column}: not in {parent}")
        bad = sorted(reasons)
        rejected.append(_rejects(name, df.loc[bad], [reasons[i] for i in bad], run_id))
        kept[name] = df.drop(index=bad).reset_index(drop=True)
    rejects = pd.concat([frame("rejects"), *(_conform("rejects", r) for r in rejected)], ignore_index=True)
    rejects = rejects.sort_values(["table", "row_key", "reason"], kind="stable").reset_index(drop=True)
    _row_failures("rejects", rejects, raise_rows=True)
    return kept, rejects


def _conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the table's column order and a fresh index; missing/extra columns or wrong dtypes raise."""
    schema = arrow_schema(name)
    problems = [f"missing column {c!r}" for c in schema.names if c not in df.columns]
    problems += [f"unexpected column {c!r}" for c in df.columns if c not in schema.names]
    problems += [f"column {f.name!r} has dtype {df[f.name].dtype}, expected {pd.ArrowDtype(f.type)}"
                 for f in schema if f.name in df.columns and df[f.name].dtype != pd.ArrowDtype(f.type)]
    if problems:
        raise TableSchemaError(f"table {name!r}: {'; '.join(problems)} (build tables with schemas.tables.frame)")
    return df[schema.names].reset_index(drop=True)


def _parents_first(name: str) -> tuple[int, str]:
    return (1 if name in REFERENCES else 0, name)


def _row_failures(name: str, df: pd.DataFrame, *, raise_rows: bool = False) -> defaultdict[int, list[str]]:
    """Reasons per failing row index; table-level failures (and row ones if ``raise_rows``) raise."""
    reasons: defaultdict[int, list[str]] = defaultdict(list)
    try:
        TABLES[name].validate(df, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        table_level = cases[cases["index"].isna()]
        if len(table_level) or raise_rows:
            detail = "; ".join(f"{c.column}: {c.check} ({c.failure_case})" for c in
                               (table_level if len(table_level) else cases).itertuples())
            raise TableSchemaError(f"table {name!r} does not match its schema: {detail}") from err
        for case in cases.itertuples():
            wide = case.schema_context == "DataFrameSchema"
            reason = str(case.check) if wide else f"{case.column}: {case.check}"
            if reason not in reasons[int(case.index)]:
                reasons[int(case.index)].append(reason)
    return reasons


def _rejects(name: str, rows: pd.DataFrame, reasons: list[list[str]], run_id: str) -> pd.DataFrame:
    pk = primary_key(name)
    records = pa.Table.from_pandas(rows, preserve_index=False).to_pylist()
    keys = [str(r[pk]) if r.get(pk) is not None else f"#{i}" for i, r in zip(rows.index, records)]
    return frame("rejects", {
        "table": [name] * len(records), "row_key": keys, "reason": ["; ".join(r) for r in reasons],
        "run_id": [run_id] * len(records),
        "row_json": [json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in records],
    })


def parquet_bytes(name: str, df: pd.DataFrame, run_id: str, code_version: str) -> bytes:
    """``df`` as a zstd Parquet file with the table's explicit schema and aiscout key-value metadata."""
    table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
    table = table.replace_schema_metadata({
        "aiscout.schema_version": SCHEMA_VERSION, "aiscout.run_id": run_id,
        "aiscout.code_version": code_version, "aiscout.table": name,
    })
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _atomic_write(fs: fsspec.AbstractFileSystem, path: str, data: bytes) -> None:
    """Write to a temporary sibling and rename it over ``path`` (atomic on local filesystems)."""
    tmp = _tmp_sibling(path)
    try:
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


def _atomic_copy(fs: fsspec.AbstractFileSystem, src: str, path: str) -> None:
    """Copy ``src`` to a temporary sibling of ``path`` and rename it over ``path``."""
    tmp = _tmp_sibling(path)
    try:
        fs.copy(src, tmp)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


def _remove_stale_temps(fs: fsspec.AbstractFileSystem, *dirs: str) -> None:
    """Delete temporary files a killed publish left behind (one publisher per ``out`` at a time)."""
    for directory in dirs:
        try:
            listing = fs.ls(directory, detail=False)
        except FileNotFoundError:  # object stores have no empty directories
            continue
        for path in listing:
            base = path.rstrip("/").rpartition("/")[2]
            if base.startswith(".") and base.endswith(".tmp"):
                fs.rm(path, recursive=fs.isdir(path) and not os.path.islink(path))


def _tmp_sibling(path: str) -> str:
    head, _, base = path.rpartition("/")
    return f"{head}/.{base}.{uuid.uuid4().hex}.tmp"


def publish(tables: dict[str, pd.DataFrame], out: str, run_id: str, code_version: str) -> PublishReport:
    """Validate ``tables``, write the run's Parquet files, then switch the current tables to them.

    A failure at any point leaves the previous current tables, ``_current.json`` and DuckDB file
    complete and readable; a run folder without ``_manifest.json`` is incomplete.
    """
    if not _RUN_ID.match(run_id):
        raise ValueError(f"run_id {run_id!r} must match {_RUN_ID.pattern}")
    kept, rejects = validate(tables, run_id)
    kept["rejects"] = rejects
    fs, root = fsspec.core.url_to_fs(out)
    root = root.rstrip("/")
    run_dir = f"{root}/runs/{run_id}"
    fs.makedirs(run_dir, exist_ok=True)
    _remove_stale_temps(fs, root, run_dir)
    entries: dict[str, dict] = {}
    for name in TABLES:
        data = parquet_bytes(name, kept[name], run_id, code_version)
        _atomic_write(fs, f"{run_dir}/{name}.parquet", data)
        entries[name] = {"path": f"runs/{run_id}/{name}.parquet", "rows": len(kept[name]),
                         "sha256": hashlib.sha256(data).hexdigest()}
    manifest = json.dumps({"run_id": run_id, "code_version": code_version, "schema_version": SCHEMA_VERSION,
                           "tables": entries}, indent=2, sort_keys=True).encode()
    _atomic_write(fs, f"{run_dir}/{RUN_MANIFEST}", manifest)
    local = isinstance(fs, LocalFileSystem)
    if local:
        _switch_links(Path(root), run_id)
    else:
        for name in TABLES:
            _atomic_copy(fs, f"{run_dir}/{name}.parquet", f"{root}/{name}.parquet")
        _atomic_write(fs, f"{root}/{CURRENT_MANIFEST}", manifest)
    db = _write_duckdb(fs, root, run_dir) if local else None

    def where(relative: str) -> str:
        return f"{root if local else out.rstrip('/')}/{relative}"

    return PublishReport(
        run_id=run_id, out=out,
        tables={n: where(f"{n}.parquet") for n in TABLES},
        run_tables={n: where(f"runs/{run_id}/{n}.parquet") for n in TABLES},
        rows={n: len(kept[n]) for n in TABLES}, rejects=len(rejects),
        manifest=where(CURRENT_MANIFEST), duckdb=db,
    )


def _switch_links(root: Path, run_id: str) -> None:
    """Make ``run_id`` current on a local filesystem with ONE atomic rename.

    ``current`` is a symbolic link to ``runs/<run_id>``; the top-level ``<table>.parquet`` files and
    ``_current.json`` are fixed links into ``current/``. Replacing ``current`` switches every table
    at once, so a run killed at any point leaves either the old set or the new one, never a mix.
    """
    current = root / CURRENT_LINK
    aside = None
    if current.is_dir() and not current.is_symlink():  # a copy made without keeping links (cp -r)
        aside = Path(_tmp_sibling(str(current)))
        current.rename(aside)
    _link_atomically(current, f"runs/{run_id}")
    if aside is not None:
        shutil.rmtree(aside)
    wanted = {f"{name}.parquet": f"{CURRENT_LINK}/{name}.parquet" for name in TABLES}
    wanted[CURRENT_MANIFEST] = f"{CURRENT_LINK}/{RUN_MANIFEST}"
    for name, target in wanted.items():
        link = root / name
        if not (link.is_symlink() and os.readlink(link) == target):
            _link_atomically(link, target)


def _link_atomically(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` (relative), replacing a file or link there in one rename."""
    tmp = Path(_tmp_sibling(str(link)))
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def _write_duckdb(fs: LocalFileSystem, root: str, run_dir: str) -> str:
    """(Re)create ``aiscout.duckdb`` with one view per table over the run's (immutable) files."""
    path = f"{root}/{DUCKDB_FILE}"
    tmp = _tmp_sibling(path)
    try:
        con = duckdb.connect(tmp)
        try:
            for name in TABLES:
                parquet = f"{run_dir}/{name}.parquet".replace("'", "''")
                con.execute(f"create or replace view \"{name}\" as select * from read_parquet('{parquet}')")
        finally:
            con.close()
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)
    return path
