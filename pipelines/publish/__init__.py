"""Publishing: staged Parquet files (``parquet``), the run's publish and the switch of the current set (``run``),
write-then-rename helpers (``atomic``), DuckDB views (``duckdb_views``) and the analysts' views over them
(``analyst_views``), the runs' history (``history``), reuse of an earlier run's tables (``reuse``)."""
