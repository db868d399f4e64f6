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
import tempfile
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
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


def validate(tables: dict[str, pd.DataFrame], run_id: str, *, partial: bool = False,
             seen_keys: dict[str, set[str]] | None = None) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Split every table into rows passing its checks and a ``rejects`` table of the others.

    Row-level failures (nulls, patterns, allowed values, duplicate ids beyond the first, spans,
    references to a rejected or unknown document/entity) become rejects with their reasons.
    Table-level failures raise :class:`TableSchemaError`: a missing or unknown table, a missing or
    extra column, a dtype other than the table's exact Arrow dtype (no silent coercion). Columns
    are put in schema order. A ``rejects`` table in the input is kept and extended.

    Streaming (one chunk of the tables at a time): ``partial`` allows tables to be absent and leaves
    references to absent tables unchecked; ``seen_keys`` holds, per table, the ids kept from earlier
    chunks (rows repeating one are rejected) and is extended with this chunk's kept ids.
    """
    expected = set(TABLES) - {"rejects"}
    if (missing := expected - set(tables)) and not partial:
        raise TableSchemaError(f"missing tables: {sorted(missing)}")
    if unknown := set(tables) - set(TABLES):
        raise TableSchemaError(f"unknown tables: {sorted(unknown)}")
    kept: dict[str, pd.DataFrame] = {}
    rejected = [tables["rejects"]] if "rejects" in tables else []
    for name in sorted(expected & set(tables), key=_parents_first):
        df = _conform(name, tables[name])
        reasons = _row_failures(name, df)
        pk = primary_key(name)
        if seen_keys is not None and name in seen_keys:
            for i in df.index[df[pk].isin(seen_keys[name])]:
                reasons[i].append(f"{pk}: duplicate of a row in an earlier chunk")
        for column, parent in REFERENCES.get(name, []):
            if parent not in kept:
                continue
            known = set(kept[parent][primary_key(parent)].dropna())
            for i in df.index[~df[column].isin(known) & df[column].notna()]:
                reasons[i].append(f"{column}: not in {parent}")
        bad = sorted(reasons)
        rejected.append(reject_rows(name, df.loc[bad], [reasons[i] for i in bad], run_id))
        kept[name] = df.drop(index=bad).reset_index(drop=True)
        if seen_keys is not None and name in seen_keys:
            seen_keys[name].update(kept[name][pk].dropna())
    return kept, sort_rejects(rejected)


def sort_rejects(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One ``rejects`` table from parts, in its canonical order (table, row key, reason), checked."""
    rejects = pd.concat([frame("rejects"), *(_conform("rejects", r) for r in parts)], ignore_index=True)
    rejects = rejects.sort_values(["table", "row_key", "reason"], kind="stable").reset_index(drop=True)
    _row_failures("rejects", rejects, raise_rows=True)
    return rejects


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


def reject_rows(name: str, rows: pd.DataFrame, reasons: list[list[str]], run_id: str) -> pd.DataFrame:
    pk = primary_key(name)
    records = pa.Table.from_pandas(rows, preserve_index=False).to_pylist()
    keys = [str(r[pk]) if r.get(pk) is not None else f"#{i}" for i, r in zip(rows.index, records)]
    return frame("rejects", {
        "table": [name] * len(records), "row_key": keys, "reason": ["; ".join(r) for r in reasons],
        "run_id": [run_id] * len(records),
        "row_json": [json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in records],
    })


def table_metadata(name: str, run_id: str, code_version: str) -> dict[str, str]:
    """The aiscout key-value metadata every published Parquet file carries."""
    return {"aiscout.schema_version": SCHEMA_VERSION, "aiscout.run_id": run_id,
            "aiscout.code_version": code_version, "aiscout.table": name}


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """``df`` (already conformed to the table) as Arrow with the table's exact schema."""
    return pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)


class StagedTables:
    """The run's Parquet files, appended to a chunk at a time in a local folder before publishing.

    Appended rows are buffered per table and written as one row group per ROW_GROUP_BYTES, so
    memory holds at most one row group per table; the files are zstd-compressed, with the table's
    explicit schema and aiscout metadata, and the same appends give the same bytes.
    """

    ROW_GROUP_BYTES = 8 * 1024 * 1024

    def __init__(self, folder: Path, run_id: str, code_version: str) -> None:
        self.folder, self.run_id, self.code_version = Path(folder), run_id, code_version
        self.paths = {name: self.folder / f".{name}.parquet.{uuid.uuid4().hex}.tmp" for name in TABLES}
        self.rows = dict.fromkeys(TABLES, 0)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list[pa.Table]] = {name: [] for name in TABLES}

    def append(self, name: str, table: pa.Table) -> None:
        """Add rows (``table`` has the table's Arrow schema) at the end of table ``name``."""
        if table.num_rows:
            self._buffers[name].append(table)
            self.rows[name] += table.num_rows
            if sum(t.nbytes for t in self._buffers[name]) >= self.ROW_GROUP_BYTES:
                self._flush(name)

    def _writer(self, name: str) -> pq.ParquetWriter:
        if name not in self._writers:
            schema = arrow_schema(name).with_metadata(table_metadata(name, self.run_id, self.code_version))
            self._writers[name] = pq.ParquetWriter(self.paths[name], schema, compression="zstd")
        return self._writers[name]

    def _flush(self, name: str) -> None:
        buffered, self._buffers[name] = self._buffers[name], []
        if buffered:
            table = pa.concat_tables(buffered).combine_chunks()
            self._writer(name).write_table(table, row_group_size=max(table.num_rows, 1))

    def remove_rows(self, name: str, column: str, values: set[str]) -> pd.DataFrame:
        """Take the rows whose ``column`` is in ``values`` out of table ``name``; returns them.

        The table's file is rewritten a row group at a time (a rare path: an entity row rejected)."""
        self._flush(name)
        removed: list[pa.Table] = []
        if name in self._writers:
            self._writers.pop(name).close()
            source, self.paths[name] = self.paths[name], self.folder / f".{name}.parquet.{uuid.uuid4().hex}.tmp"
            parquet = pq.ParquetFile(source)
            for i in range(parquet.num_row_groups):
                group = parquet.read_row_group(i).replace_schema_metadata(None)
                drop = pc.is_in(group[column], value_set=pa.array(sorted(values), pa.string()))
                removed.append(group.filter(drop))
                self._buffers[name].append(group.filter(pc.invert(pc.fill_null(drop, False))))
                self._flush(name)
            source.unlink()
            self.rows[name] -= sum(t.num_rows for t in removed)
        return pa.concat_tables(removed or [arrow_schema(name).empty_table()]).to_pandas(types_mapper=pd.ArrowDtype)

    def close(self) -> dict[str, Path]:
        """Write what is buffered and close every file (an empty table is a file without rows)."""
        for name in TABLES:
            self._flush(name)
            self._writer(name).close()
        return dict(self.paths)

    def discard(self) -> None:
        """Close and delete the files (after a failure)."""
        for writer in self._writers.values():
            try:
                writer.close()
            except (OSError, pa.ArrowException):
                pass
        for path in self.paths.values():
            path.unlink(missing_ok=True)


class RunOutput:
    """One run's tables on their way to ``out``: staged chunk by chunk, then published at once.

    Local outputs stage in the run's folder under temporary names (removed by the next run if a
    kill leaves them); other filesystems stage in a local temporary folder and upload.
    """

    def __init__(self, out: str, run_id: str, code_version: str) -> None:
        if not _RUN_ID.match(run_id):
            raise ValueError(f"run_id {run_id!r} must match {_RUN_ID.pattern}")
        self.out, self.run_id, self.code_version = out, run_id, code_version
        self.fs, root = fsspec.core.url_to_fs(out)
        self.root = root.rstrip("/")
        self.run_dir = f"{self.root}/runs/{run_id}"
        self.local = isinstance(self.fs, LocalFileSystem)
        self.fs.makedirs(self.run_dir, exist_ok=True)
        _remove_stale_temps(self.fs, self.root, self.run_dir)
        self._tmp = None if self.local else tempfile.TemporaryDirectory(prefix="aiscout-stage-")
        self.tables = StagedTables(Path(self.run_dir if self._tmp is None else self._tmp.name), run_id, code_version)

    def publish(self) -> PublishReport:
        """Close the staged files, put them in place as the run's tables, then make them current.

        A failure at any point leaves the previous current tables, ``_current.json`` and DuckDB file
        complete and readable; a run folder without ``_manifest.json`` is incomplete.
        """
        try:
            staged = self.tables.close()
            entries: dict[str, dict] = {}
            for name in TABLES:
                final = f"{self.run_dir}/{name}.parquet"
                if self.local:
                    os.replace(staged[name], final)
                else:
                    _atomic_put(self.fs, staged[name], final)
                entries[name] = {"path": f"runs/{self.run_id}/{name}.parquet", "rows": self.tables.rows[name],
                                 "sha256": _sha256(self.fs, final)}
        except BaseException:
            self.tables.discard()
            raise
        finally:
            if self._tmp is not None:
                self._tmp.cleanup()
        manifest = json.dumps({"run_id": self.run_id, "code_version": self.code_version,
                               "schema_version": SCHEMA_VERSION, "tables": entries},
                              indent=2, sort_keys=True).encode()
        _atomic_write(self.fs, f"{self.run_dir}/{RUN_MANIFEST}", manifest)
        if self.local:
            _switch_links(Path(self.root), self.run_id)
        else:
            for name in TABLES:
                _atomic_copy(self.fs, f"{self.run_dir}/{name}.parquet", f"{self.root}/{name}.parquet")
            _atomic_write(self.fs, f"{self.root}/{CURRENT_MANIFEST}", manifest)
        db = _write_duckdb(self.fs, self.root, self.run_dir) if self.local else None

        def where(relative: str) -> str:
            return f"{self.root if self.local else self.out.rstrip('/')}/{relative}"

        return PublishReport(
            run_id=self.run_id, out=self.out,
            tables={n: where(f"{n}.parquet") for n in TABLES},
            run_tables={n: where(f"runs/{self.run_id}/{n}.parquet") for n in TABLES},
            rows=dict(self.tables.rows), rejects=self.tables.rows["rejects"],
            manifest=where(CURRENT_MANIFEST), duckdb=db,
        )


def _sha256(fs: fsspec.AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _atomic_put(fs: fsspec.AbstractFileSystem, local: Path, path: str) -> None:
    """Upload a local file to a temporary sibling of ``path`` and rename it over ``path``."""
    tmp = _tmp_sibling(path)
    try:
        fs.put_file(str(local), tmp)
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)


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
    """Validate ``tables`` (in memory), write the run's Parquet files, then switch the current tables to them.

    A failure at any point leaves the previous current tables, ``_current.json`` and DuckDB file
    complete and readable; a run folder without ``_manifest.json`` is incomplete.
    """
    output = RunOutput(out, run_id, code_version)
    try:
        kept, rejects = validate(tables, run_id)
        kept["rejects"] = rejects
        for name in TABLES:
            output.tables.append(name, to_arrow(name, kept[name]))
    except BaseException:
        output.tables.discard()
        raise
    return output.publish()


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
