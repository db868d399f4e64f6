"""Output tables: rows from processed pages (``build``), the funding tables (``fundings``), a chunk at a time
(``stream``), checked against ``schemas/`` (``validate``)."""
