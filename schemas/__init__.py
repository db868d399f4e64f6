"""Output table definitions (see ``schemas/tables.py``) and the generated data dictionary."""

from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema, frame, primary_key

__all__ = ["SCHEMA_VERSION", "TABLES", "arrow_schema", "frame", "primary_key"]
