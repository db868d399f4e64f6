"""The tables published for a corpus, kept so that a run with nothing new archived can reuse them.

One folder per key under ``root`` (a copy of each published Parquet file and ``counts.json`` with
the document counts of the run that built them); only the newest entry is kept. Written to a temporary
folder and renamed into place; an unreadable or incomplete entry is a miss.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.flows.summary import RunSummary
from pipelines.publish.run import PublishReport

_COUNTS = "counts.json"


class TablesCache:
    """Built tables on disk, keyed by code version, corpus run and publishers."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def get(self, key: str | None, summary: RunSummary) -> dict[str, Path] | None:
        """The cached tables' Parquet files (their document counts folded into ``summary``), or None."""
        if key is None:
            return None
        entry = self.root / key
        try:
            counts = json.loads((entry / _COUNTS).read_text(encoding="utf-8"))
            files = {name: entry / f"{name}.parquet" for name in counts["tables"]}
            for path in files.values():
                pq.read_metadata(path)
        except (OSError, ValueError, KeyError, pa.ArrowException):
            return None
        summary.documents.update(counts["documents"])
        summary.languages.update(counts["languages"])
        summary.failed_documents += counts["failed_documents"]
        summary.errors.extend(counts["errors"])
        # every page extracted without error would have been answered by the extraction cache
        summary.cached += sum(counts["documents"].values()) - counts["failed_documents"]
        return files

    def put(
        self, key: str | None, report: PublishReport, summary: RunSummary, extract_errors: list[dict[str, str]]
    ) -> None:
        """Copy the run's published files in (complete folder renamed into place), then drop older entries."""
        if key is None:
            return
        tmp = self.root / f".{key}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for name, url in report.run_tables.items():
            fs, path = fsspec.core.url_to_fs(url)
            fs.get_file(path, str(tmp / f"{name}.parquet"))
        counts = {
            "tables": sorted(report.run_tables),
            "documents": dict(summary.documents),
            "languages": dict(summary.languages),
            "failed_documents": summary.failed_documents,
            "errors": list(extract_errors),
        }
        (tmp / _COUNTS).write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
        final = self.root / key
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        for old in self.root.iterdir():
            if old == final:
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
