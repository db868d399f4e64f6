"""The DuckDB file of a run: one view per table over the Parquet files beside it.

Views name their files relatively (``read_parquet('documents.parquet')``), so a copied or moved output
folder keeps working. DuckDB resolves relative paths against the working directory and then the
``file_search_path`` setting: open the file with :func:`connect` (which sets it to the file's folder),
from inside the output folder, or after ``SET file_search_path = '<output folder>'``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from fsspec.implementations.local import LocalFileSystem

from pipelines.publish.analyst_views import create_analyst_views
from pipelines.publish.atomic import replacing
from schemas.tables import TABLES

DUCKDB_FILE = "aiscout.duckdb"


def _write_duckdb(fs: LocalFileSystem, root: str, run_dir: str) -> str:
    """(Re)create ``<run_dir>/aiscout.duckdb`` with one view per table over the run's (immutable) files.

    ``root`` is the output folder (the file's top-level link, ``aiscout.duckdb``, points into ``current/``)."""
    path = f"{run_dir}/{DUCKDB_FILE}"
    with replacing(path, fs) as tmp:
        con = duckdb.connect(tmp, config={"file_search_path": run_dir})  # the views bind to the files beside it
        try:
            for name in TABLES:
                con.execute(f"create or replace view \"{name}\" as select * from read_parquet('{name}.parquet')")
            create_analyst_views(con)
        finally:
            con.close()
    return path


def connect(path: str | Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open an aiscout DuckDB file (e.g. ``data/out/aiscout.duckdb``) from any working directory."""
    folder = Path(path).parent
    return duckdb.connect(str(path), read_only=read_only, config={"file_search_path": str(folder)})
