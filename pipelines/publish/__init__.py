"""Publishing: staged Parquet files (``parquet``), the run's publish and the switch of the current set (``run``),
write-then-rename helpers (``atomic``), DuckDB views (``duckdb_views``), reuse of an earlier run's tables (``reuse``)."""
