"""Runs you can see: every run under an output folder (published or failed, demo or real, which one
is current), ``latest`` for a run id, and pruning of old runs and of raw archives no kept run needs.

Each run leaves ``runs/<run_id>/_summary.json`` (its summary, failed runs included); a published
run also has ``_manifest.json`` (its tables); ``_current.json`` names the current run.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fsspec

from pipelines.archive.corpus import corpus_entries
from pipelines.archive.warc_reader import list_runs
from pipelines.publish.atomic import write_atomically
from pipelines.publish.run import CURRENT_MANIFEST, RUN_MANIFEST

SUMMARY_FILE = "_summary.json"
LATEST = "latest"


@dataclass(frozen=True)
class RunInfo:
    """One run under an output folder, as ``aiscout runs`` lists it."""

    run_id: str
    kind: str
    demo: bool
    started: str
    finished: str
    status: str  # published, failed, running (no summary yet) or incomplete
    sources: list[str]
    pages: dict[str, int]  # new, changed, failed summed over the sources
    documents: int | None  # rows of the documents table when published
    published: bool
    current: bool
    failure: str = ""
    failed_sources: dict[str, str] = field(default_factory=dict)


def _fs_root(out: str) -> tuple[fsspec.AbstractFileSystem, str]:
    fs, root = fsspec.core.url_to_fs(out)
    return fs, root.rstrip("/")


def _read_json(fs: fsspec.AbstractFileSystem, path: str) -> dict[str, Any] | None:
    try:
        with fs.open(path, "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_run_summary(out: str, run_id: str, summary: dict[str, Any]) -> None:
    """Write ``runs/<run_id>/_summary.json`` (atomically) under ``out``."""
    fs, root = _fs_root(out)
    fs.makedirs(f"{root}/runs/{run_id}", exist_ok=True)
    data = json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    write_atomically(f"{root}/runs/{run_id}/{SUMMARY_FILE}", data, fs)


def current_manifest(out: str) -> dict[str, Any] | None:
    """The manifest of the current tables under ``out`` (None: nothing published yet)."""
    fs, root = _fs_root(out)
    return _read_json(fs, f"{root}/{CURRENT_MANIFEST}")


def current_documents(out: str) -> int | None:
    """Rows of the current ``documents`` table under ``out`` (None: nothing published yet)."""
    manifest = current_manifest(out)
    try:
        return int(manifest["tables"]["documents"]["rows"]) if manifest else None
    except (KeyError, TypeError, ValueError):
        return None


def output_runs(out: str) -> list[RunInfo]:
    """Every run folder under ``out/runs``, oldest first."""
    fs, root = _fs_root(out)
    current = (current_manifest(out) or {}).get("run_id")
    try:
        folders = sorted(p.rstrip("/").rpartition("/")[2] for p in fs.ls(f"{root}/runs", detail=False))
    except FileNotFoundError:
        return []
    runs = []
    for run_id in folders:
        if run_id.startswith("."):
            continue
        summary = _read_json(fs, f"{root}/runs/{run_id}/{SUMMARY_FILE}") or {}
        manifest = _read_json(fs, f"{root}/runs/{run_id}/{RUN_MANIFEST}")
        pages = dict.fromkeys(("new", "changed", "failed"), 0)
        for counts in (summary.get("crawl") or {}).values():
            for key in pages:
                pages[key] += int(counts.get(key, 0))
        status = summary.get("status") or ("incomplete" if manifest is None else "published")
        if status == "running" and manifest is not None:
            status = "published"
        runs.append(
            RunInfo(
                run_id=run_id,
                kind=summary.get("kind", "?"),
                demo=bool(summary.get("demo", (manifest or {}).get("demo", False))),
                started=summary.get("started", ""),
                finished=summary.get("finished", ""),
                status=status,
                sources=list(summary.get("sources") or sorted(summary.get("crawl") or {})),
                pages=pages,
                documents=(manifest or {}).get("tables", {}).get("documents", {}).get("rows"),
                published=manifest is not None,
                current=run_id == current,
                failure=summary.get("failure", ""),
                failed_sources=dict(summary.get("failed_sources") or {}),
            )
        )
    return runs


def resolve_run_id(run_id: str, known: list[str], where: str) -> str:
    """``run_id`` itself, or the newest of ``known`` for ``latest``; ValueError when there is none."""
    if run_id != LATEST:
        return run_id
    if not known:
        raise ValueError(f"no runs under {where}, so no latest run")
    return sorted(known)[-1]


@dataclass(frozen=True)
class PruneReport:
    """What ``prune`` removed (or would remove, on a dry run) and what it kept."""

    removed_runs: list[str]
    removed_raw: list[str]
    kept_runs: list[str]
    kept_raw: list[str]


def prune(out: str, raw_root: Path, keep: int, dry_run: bool = False) -> PruneReport:
    """Remove all but the newest ``keep`` runs under ``out/runs`` (never the current run), then every
    raw archive under ``raw_root`` that no kept run and no future run needs: a raw run is kept when it
    is a kept run's own archive or holds a page of the corpus as of a kept run or as of now."""
    if keep < 1:
        raise ValueError(f"--keep must be at least 1, not {keep}")
    fs, root = _fs_root(out)
    runs = output_runs(out)
    kept = {r.run_id for r in runs[-keep:]} | {r.run_id for r in runs if r.current}
    removed = [r.run_id for r in runs if r.run_id not in kept]
    raw = list_runs(raw_root)
    needed = {r for r in raw if r in kept}
    for as_of in [*sorted(needed), None]:
        needed |= {entry.run_id for entry in corpus_entries(raw_root, as_of)}
    removed_raw = [r for r in raw if r not in needed]
    if not dry_run:
        for run_id in removed:
            fs.rm(f"{root}/runs/{run_id}", recursive=True)
        for run_id in removed_raw:
            shutil.rmtree(Path(raw_root) / run_id)
    return PruneReport(removed, removed_raw, sorted(kept), sorted(needed))
