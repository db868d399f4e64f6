"""Output tables: rows from processed pages (``build``), a chunk at a time (``stream``), checked against ``schemas/`` (``validate``)."""
