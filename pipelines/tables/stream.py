"""Build, validate and stage the output tables while records stream through, chunk by chunk.

Memory holds one chunk of records and rows, the entity aggregates (bounded by the number of
distinct entities), the ids of the documents kept so far and the rejects; never the corpus.
Chunks given in doc_id order (``pipelines.corpus``) make tables in their final sorted order.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.models import PageRecord
from pipelines.publish.parquet import to_arrow
from pipelines.publish.run import RunOutput
from pipelines.tables.build import TableBuilder
from pipelines.tables.validate import reject_rows, sort_rejects, validate
from schemas.relations import ENTITY_TABLES, REFERENCES
from schemas.tables import TABLES, primary_key


class TableStream:
    """Feeds chunks of ``PageRecord``s into a :class:`RunOutput`'s staged tables."""

    def __init__(self, output: RunOutput) -> None:
        self.output = output
        self.builder = TableBuilder()
        self._rejects: list[pd.DataFrame] = []
        self._kept_ids: dict[str, set[str]] = {"documents": set()}

    def add(self, records: Iterable[PageRecord]) -> None:
        """Build, validate and stage the document and mention rows of one chunk of records."""
        kept, rejects = validate(
            self.builder.chunk(records), self.output.run_id, partial=True, seen_keys=self._kept_ids
        )
        self._keep_rejects(rejects)
        for name, df in kept.items():
            self.output.tables.append(name, to_arrow(name, df))

    def finish(self) -> None:
        """Stage the entity tables and the rejects. Mentions of an entity whose row was rejected
        are taken out of the staged mention tables and rejected too (references stay whole)."""
        entities = self.builder.entity_tables()
        kept, rejects = validate(entities, self.output.run_id, partial=True)
        self._keep_rejects(rejects)
        for name in ENTITY_TABLES:
            self.output.tables.append(name, to_arrow(name, kept[name]))
            key = primary_key(name)
            dropped = set(entities[name][key]) - set(kept[name][key])
            if dropped:
                self._drop_references(name, dropped)
        self.output.tables.append("rejects", to_arrow("rejects", sort_rejects(self._rejects)))

    def _keep_rejects(self, rejects: pd.DataFrame) -> None:
        if len(rejects):
            self._rejects.append(rejects)

    def _drop_references(self, parent: str, ids: set[str]) -> None:
        for child, refs in REFERENCES.items():
            for column, table in refs:
                if table == parent:
                    removed = self.output.tables.remove_rows(child, column, ids)
                    self._keep_rejects(
                        reject_rows(child, removed, [[f"{column}: not in {parent}"]] * len(removed), self.output.run_id)
                    )


def restage(files: dict[str, Path], output: RunOutput) -> None:
    """Stage tables published before (their Parquet files) as ``output``'s run, a row group at a time;
    the rejects' ``run_id`` becomes the new run's."""
    for name in TABLES:
        parquet = pq.ParquetFile(files[name])
        for i in range(parquet.num_row_groups):
            table = parquet.read_row_group(i)
            if name == "rejects":
                column = table.schema.get_field_index("run_id")
                table = table.set_column(
                    column, table.schema.field(column), pa.array([output.run_id] * table.num_rows, pa.string())
                )
            output.tables.append(name, table.replace_schema_metadata(None))
