"""Validate the output tables and publish them as Parquet (local path or any fsspec URL).

Layout under ``out``::

    runs/<run_id>/<table>.parquet   per-run copies (replaced as a whole if the run id is published again)
    runs/<run_id>/_manifest.json    written after all of the run's tables: the run is complete
    runs/<run_id>/aiscout.duckdb    (local) one view per table over the Parquet files beside it
    current                         (local) a link to ``runs/<run_id>`` of the current run
    <table>.parquet                 current tables (local: links into ``current/``; remote: copies)
    _current.json                   names the run the current tables come from
    aiscout.duckdb                  (local outputs only) a link to ``current/aiscout.duckdb``

Locally a run's folder is built complete under a temporary name (``runs/.<run_id>.<hex>.tmp``) and
renamed into place; publishing a run id again (``reprocess`` of the current run) exchanges the two
folders in one rename. The current set (tables, manifest, DuckDB file) is then switched by one rename
of ``current``, so it is never a mix of two runs. On object stores (no links, no atomic multi-file
rename) every file is written to a temporary name and renamed, the tables are copied one by one and
``_current.json``, written last, names the consistent set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fsspec
import pandas as pd
from fsspec.implementations.local import LocalFileSystem

from pipelines.publish.atomic import (
    _atomic_copy,
    _atomic_put,
    _link_atomically,
    _remove_stale_temps,
    _sha256,
    _tmp_sibling,
    exchange,
    write_atomically,
)
from pipelines.publish.duckdb_views import DUCKDB_FILE, _write_duckdb
from pipelines.publish.parquet import StagedTables, to_arrow
from pipelines.tables.validate import validate
from schemas.tables import SCHEMA_VERSION, TABLES

CURRENT_MANIFEST = "_current.json"
RUN_MANIFEST = "_manifest.json"
CURRENT_LINK = "current"  # local outputs: a link to the current run's folder
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+-]*$")


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


class RunOutput:
    """One run's tables on their way to ``out``: staged chunk by chunk, then published at once.

    Local outputs stage in the run's folder under temporary names (removed by the next run if a
    kill leaves them); other filesystems stage in a local temporary folder and upload.
    """

    def __init__(self, out: str, run_id: str, code_version: str, *, demo: bool = False) -> None:
        if not _RUN_ID.match(run_id):
            raise ValueError(f"run_id {run_id!r} must match {_RUN_ID.pattern}")
        self.out, self.run_id, self.code_version, self.demo = out, run_id, code_version, demo
        self.fs, root = fsspec.core.url_to_fs(out)
        self.root = root.rstrip("/")
        self.run_dir = f"{self.root}/runs/{run_id}"
        self.local = isinstance(self.fs, LocalFileSystem)
        self.fs.makedirs(f"{self.root}/runs", exist_ok=True)
        _remove_stale_temps(self.fs, self.root, f"{self.root}/runs", self.run_dir)
        # local: the run's folder is built under a temporary name; remote: files staged locally, then uploaded
        self.stage_dir = _tmp_sibling(self.run_dir) if self.local else self.run_dir
        self.fs.makedirs(self.stage_dir, exist_ok=True)
        self._tmp = None if self.local else tempfile.TemporaryDirectory(prefix="aiscout-stage-")
        self.tables = StagedTables(Path(self.stage_dir if self._tmp is None else self._tmp.name), run_id, code_version)

    def publish(self) -> PublishReport:
        """Close the staged files, put them in place as the run's tables, then make them current.

        A failure at any point leaves the previous current tables, ``_current.json`` and DuckDB file
        complete and readable; a run folder without ``_manifest.json`` is incomplete.
        """
        try:
            staged = self.tables.close()
            entries: dict[str, dict] = {}
            for name in TABLES:
                final = f"{self.stage_dir}/{name}.parquet"
                if self.local:
                    os.replace(staged[name], final)
                else:
                    _atomic_put(self.fs, staged[name], final)
                entries[name] = {
                    "path": f"runs/{self.run_id}/{name}.parquet",
                    "rows": self.tables.rows[name],
                    "sha256": _sha256(self.fs, final),
                }
        except BaseException:
            self.tables.discard()
            if self.local:
                self.fs.rm(self.stage_dir, recursive=True)
            raise
        finally:
            if self._tmp is not None:
                self._tmp.cleanup()
        manifest = json.dumps(
            {
                "run_id": self.run_id,
                "code_version": self.code_version,
                "schema_version": SCHEMA_VERSION,
                "tables": entries,
                "demo": self.demo,
            },
            indent=2,
            sort_keys=True,
        ).encode()
        write_atomically(f"{self.stage_dir}/{RUN_MANIFEST}", manifest, self.fs)
        if self.local:
            _write_duckdb(self.fs, self.root, self.stage_dir)
            _place_run_folder(Path(self.root), Path(self.stage_dir), self.run_id)
            _switch_links(Path(self.root), self.run_id)
        else:
            for name in TABLES:
                _atomic_copy(self.fs, f"{self.run_dir}/{name}.parquet", f"{self.root}/{name}.parquet")
            write_atomically(f"{self.root}/{CURRENT_MANIFEST}", manifest, self.fs)
        db = f"{self.root}/{DUCKDB_FILE}" if self.local else None

        def where(relative: str) -> str:
            return f"{self.root if self.local else self.out.rstrip('/')}/{relative}"

        return PublishReport(
            run_id=self.run_id,
            out=self.out,
            tables={n: where(f"{n}.parquet") for n in TABLES},
            run_tables={n: where(f"runs/{self.run_id}/{n}.parquet") for n in TABLES},
            rows=dict(self.tables.rows),
            rejects=self.tables.rows["rejects"],
            manifest=where(CURRENT_MANIFEST),
            duckdb=db,
        )


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


def _place_run_folder(root: Path, staged: Path, run_id: str) -> None:
    """Put the complete staged folder at ``runs/<run_id>``: a rename, or, if that run was published before
    (it may be the current one), an atomic exchange of the two folders, so ``current`` never shows a mix."""
    final = root / "runs" / run_id
    if not final.exists():
        staged.rename(final)
        return
    if exchange(staged, final):
        shutil.rmtree(staged)  # the earlier publication of the run, now under the temporary name
        return
    # No atomic exchange here: the current set shows the staged folder while the run's folder is replaced
    _switch_links(root, staged.name)
    copy = Path(_tmp_sibling(str(final)))
    shutil.copytree(staged, copy)
    aside = Path(_tmp_sibling(str(final)))
    final.rename(aside)
    copy.rename(final)
    _switch_links(root, run_id)
    shutil.rmtree(aside)
    shutil.rmtree(staged)


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
    wanted[DUCKDB_FILE] = f"{CURRENT_LINK}/{DUCKDB_FILE}"
    for name, target in wanted.items():
        link = root / name
        if not (link.is_symlink() and os.readlink(link) == target):
            _link_atomically(link, target)
