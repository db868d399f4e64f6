"""The DuckDB file beside the tables: one view per table over the current run."""

from __future__ import annotations

import duckdb
from fsspec.implementations.local import LocalFileSystem

from pipelines.publish.analyst_views import create_analyst_views
from pipelines.publish.atomic import _tmp_sibling
from schemas.tables import TABLES

DUCKDB_FILE = "aiscout.duckdb"


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
            create_analyst_views(con)
        finally:
            con.close()
        fs.mv(tmp, path)
    finally:
        if fs.exists(tmp):
            fs.rm(tmp)
    return path
