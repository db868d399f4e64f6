"""The tables published for a corpus, kept so that a run with nothing new archived can reuse them.

One folder per key under ``root`` (a copy of each published Parquet file and ``counts.json`` with
the document counts of the run that built them and each file's SHA-256); only the newest entry is kept.
Written to a temporary folder and renamed into place. An entry is used only if it checks out (counts of
the right types, every table present with its schema and hash): anything else is a miss, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.flows.summary import RunSummary
from pipelines.publish.atomic import replacing
from pipelines.publish.run import PublishReport
from schemas.tables import TABLES, arrow_schema

log = logging.getLogger(__name__)
_COUNTS = "counts.json"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _counts_problem(counts: Any) -> str | None:
    """Why ``counts.json`` cannot be used (None if it can)."""

    def counter(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(k, str) and type(v) is int and v >= 0 for k, v in value.items()
        )

    if not isinstance(counts, dict):
        return "counts.json is not an object"
    if not isinstance(counts.get("tables"), list) or set(counts["tables"]) != set(TABLES):
        return "counts.json does not list the current set of tables"
    if not counter(counts.get("documents")) or not counter(counts.get("languages")):
        return "document or language counts are not counts"
    if type(counts.get("failed_documents")) is not int:
        return "failed_documents is not an integer"
    errors = counts.get("errors")
    if not isinstance(errors, list) or not all(
        isinstance(e, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in e.items()) for e in errors
    ):
        return "errors are not a list of string maps"
    hashes = counts.get("sha256")
    if not isinstance(hashes, dict) or set(hashes) != set(TABLES):
        return "no hash for every table"
    return None


class TablesCache:
    """Built tables on disk, keyed by code version, corpus run and publishers."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def get(self, key: str | None, summary: RunSummary) -> dict[str, Path] | None:
        """The cached tables' Parquet files (their document counts folded into ``summary``), or None."""
        if key is None:
            return None
        entry = self.root / key
        if not entry.is_dir():
            return None
        files = {name: entry / f"{name}.parquet" for name in TABLES}
        try:
            counts = json.loads((entry / _COUNTS).read_text(encoding="utf-8"))
            problem = _counts_problem(counts)
            for name, path in files.items():
                if problem:
                    break
                if not pq.read_schema(path).remove_metadata().equals(arrow_schema(name).remove_metadata()):
                    problem = f"{name}.parquet does not have the table's schema"
                elif _file_sha256(path) != counts["sha256"][name]:
                    problem = f"{name}.parquet is not the file that was stored (hash differs)"
        except (OSError, ValueError, pa.ArrowException) as exc:
            problem = str(exc)
        if problem:
            log.warning("tables cache entry %s not used (%s): the tables are built again", entry, problem)
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
        final = self.root / key
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        with replacing(final) as staged:
            tmp = Path(staged)
            tmp.mkdir()
            for name, url in report.run_tables.items():
                fs, path = fsspec.core.url_to_fs(url)
                fs.get_file(path, str(tmp / f"{name}.parquet"))
            counts = {
                "tables": sorted(report.run_tables),
                "documents": dict(summary.documents),
                "languages": dict(summary.languages),
                "failed_documents": summary.failed_documents,
                "errors": list(extract_errors),
                "sha256": {name: _file_sha256(tmp / f"{name}.parquet") for name in report.run_tables},
            }
            (tmp / _COUNTS).write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
        for old in self.root.iterdir():
            if old == final:
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
