"""The current tables under an output folder, as views of an in-memory DuckDB connection (read
from ``<out>/<table>.parquet`` wherever ``out`` was copied to; nothing is written)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def connect_current(out: str | Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one view per current table under ``out``; FileNotFoundError when
    ``out`` holds no tables (nothing published there yet)."""
    root = Path(out)
    files = sorted(p for p in root.glob("*.parquet") if p.exists())  # exists(): the link's target is there
    if not files:
        raise FileNotFoundError(f"no tables under {root}: run aiscout run (or make demo) first")
    con = duckdb.connect(":memory:")
    for path in files:
        escaped = str(path.resolve()).replace("'", "''")
        con.execute(f"create view \"{path.stem}\" as select * from read_parquet('{escaped}')")
    return con


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the views (tables) on ``con``."""
    return {row[0] for row in con.execute("select view_name from duckdb_views() where not internal").fetchall()}


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """Column names of ``table`` on ``con``."""
    return {row[0] for row in con.execute(f'describe "{table}"').fetchall()}
