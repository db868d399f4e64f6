"""Arrow conversion and the staged Parquet files of a run (zstd, explicit schema, aiscout metadata)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema


def table_metadata(name: str, run_id: str, code_version: str) -> dict[str, str]:
    """The aiscout key-value metadata every published Parquet file carries."""
    return {
        "aiscout.schema_version": SCHEMA_VERSION,
        "aiscout.run_id": run_id,
        "aiscout.code_version": code_version,
        "aiscout.table": name,
    }


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """``df`` (already conformed to the table) as Arrow with the table's exact schema."""
    return pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)


class StagedTables:
    """The run's Parquet files, appended to a chunk at a time in a local folder before publishing.

    Appended rows are buffered per table and written as one row group per ROW_GROUP_BYTES, so
    memory holds at most one row group per table; the files are zstd-compressed, with the table's
    explicit schema and aiscout metadata, and the same appends give the same bytes.
    """

    ROW_GROUP_BYTES = 8 * 1024 * 1024

    def __init__(self, folder: Path, run_id: str, code_version: str) -> None:
        self.folder, self.run_id, self.code_version = Path(folder), run_id, code_version
        self.paths = {name: self.folder / f".{name}.parquet.{uuid.uuid4().hex}.tmp" for name in TABLES}
        self.rows = dict.fromkeys(TABLES, 0)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list[pa.Table]] = {name: [] for name in TABLES}

    def append(self, name: str, table: pa.Table) -> None:
        """Add rows (``table`` has the table's Arrow schema) at the end of table ``name``."""
        if table.num_rows:
            self._buffers[name].append(table)
            self.rows[name] += table.num_rows
            if sum(t.nbytes for t in self._buffers[name]) >= self.ROW_GROUP_BYTES:
                self._flush(name)

    def _writer(self, name: str) -> pq.ParquetWriter:
        if name not in self._writers:
            schema = arrow_schema(name).with_metadata(table_metadata(name, self.run_id, self.code_version))
            self._writers[name] = pq.ParquetWriter(self.paths[name], schema, compression="zstd")
        return self._writers[name]

    def _flush(self, name: str) -> None:
        buffered, self._buffers[name] = self._buffers[name], []
        if buffered:
            table = pa.concat_tables(buffered).combine_chunks()
            self._writer(name).write_table(table, row_group_size=max(table.num_rows, 1))

    def remove_rows(self, name: str, column: str, values: set[str]) -> pd.DataFrame:
        """Take the rows whose ``column`` is in ``values`` out of table ``name``; returns them.

        The table's file is rewritten a row group at a time (a rare path: an entity row rejected)."""
        self._flush(name)
        removed: list[pa.Table] = []
        if name in self._writers:
            self._writers.pop(name).close()
            source, self.paths[name] = self.paths[name], self.folder / f".{name}.parquet.{uuid.uuid4().hex}.tmp"
            parquet = pq.ParquetFile(source)
            for i in range(parquet.num_row_groups):
                group = parquet.read_row_group(i).replace_schema_metadata(None)
                drop = pc.is_in(group[column], value_set=pa.array(sorted(values), pa.string()))
                removed.append(group.filter(drop))
                self._buffers[name].append(group.filter(pc.invert(pc.fill_null(drop, False))))
                self._flush(name)
            source.unlink()
            self.rows[name] -= sum(t.num_rows for t in removed)
        return pa.concat_tables(removed or [arrow_schema(name).empty_table()]).to_pandas(types_mapper=pd.ArrowDtype)

    def close(self) -> dict[str, Path]:
        """Write what is buffered and close every file (an empty table is a file without rows)."""
        for name in TABLES:
            self._flush(name)
            self._writer(name).close()
        return dict(self.paths)

    def discard(self) -> None:
        """Close and delete the files (after a failure)."""
        for writer in self._writers.values():
            try:
                writer.close()
            except (OSError, pa.ArrowException):
                pass
        for path in self.paths.values():
            path.unlink(missing_ok=True)
