"""Prefect flows: `nightly` (crawl every enabled source, then process and publish) and
`reprocess` (the same processing from the raw archive, no network).

Flows only wire stages together; every stage is a plain function in its own module.
Tasks are coarse (one per source, one per batch of pages) because many small tasks make
Prefect's local SQLite server the bottleneck.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from pipelines.archive.corpus import CorpusEntry, corpus_entries, runs_up_to
from pipelines.archive.verify import check_archive
from pipelines.archive.warc import ArchiveWriteError
from pipelines.archive.warc_reader import iter_refs, list_runs
from pipelines.flows.health import (
    DEFAULT_MAX_FAILED_SHARE,
    DEFAULT_MAX_SHRINK,
    RunFailed,
    crawl_failure,
    shrink_failure,
)
from pipelines.flows.lock import holding_run_locks
from pipelines.flows.pages import ExtractCache, SourceInfo, process_page
from pipelines.flows.summary import RunSummary, render_markdown
from pipelines.flows.versioning import code_version
from pipelines.models import PageRecord
from pipelines.publish.history import current_documents, write_run_summary
from pipelines.publish.reuse import TablesCache
from pipelines.publish.run import PublishReport, RunOutput
from pipelines.tables.stream import TableStream, restage
from spiders import crawl as crawler
from spiders.registry import enabled_sources, load_sources
from spiders.urls import canonicalize

BATCH_SIZE = 100
IN_FLIGHT = 2  # process-batch tasks submitted ahead of the one being consumed
TABLE_CHUNK = 500  # records turned into table rows, validated and staged together
PARALLEL_CRAWLS = 2  # crawl subprocesses at a time (each holds Scrapy and its queue: 60-120 MB)
SOURCE_TIMEOUT_S = 3 * 3600


def progress(message: str) -> None:
    """A progress line on stderr (the CLI user sees it, unless AISCOUT_QUIET is set) and in the Prefect run log."""
    if not os.environ.get("AISCOUT_QUIET"):
        print(f"[aiscout {dt.datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
    try:
        get_run_logger().info(message)
    except Exception:  # outside a flow or task run there is no run logger
        pass


def new_run_id(now: dt.datetime | None = None) -> str:
    """Chronologically sortable run id: UTC time plus a short random suffix."""
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


@task(name="crawl-source", retries=2, retry_delay_seconds=[5, 30], cache_policy=NO_CACHE)
def crawl_source(
    name: str,
    run_dir: str,
    state_dir: str,
    remap: dict[str, str] | None,
    settings: dict[str, Any] | None,
    registry: str | None = None,
) -> dict[str, Any]:
    """Crawl one source into the run's raw archive; returns its report.

    The crawl runs in a Scrapy subprocess that closes itself after SOURCE_TIMEOUT_S (and is
    killed a minute later), a timeout that works where a thread-level one could not.
    """
    report = crawler.crawl(
        Path(run_dir),
        sources=[name],
        remap=remap,
        state_path=Path(state_dir) / f"crawl-{name}.sqlite",
        settings=settings,
        timeout_s=SOURCE_TIMEOUT_S,
        registry_path=Path(registry) if registry else None,
    )
    return asdict(report)


@task(name="process-batch", cache_policy=NO_CACHE)
def process_batch(
    batch: list[CorpusEntry], sources: dict[str, SourceInfo], cache_dir: str, version: str
) -> tuple[list[PageRecord], int, list[dict[str, str]]]:
    """Read and extract a batch of archived pages; returns the records, how many came from the
    cache, and the pages that could not be read back from the archive (with the reason)."""
    cache = ExtractCache(Path(cache_dir), version)
    records, hits, unreadable = [], 0, []
    for entry in batch:
        try:
            page = entry.read()
        except (OSError, ValueError, EOFError, zlib.error) as exc:
            unreadable.append({"where": "archive", "url": entry.ref.url, "reason": f"unreadable record: {exc}"})
            continue
        record, hit = process_page(page, run_id=entry.run_id, source=sources.get(page.source), cache=cache)
        records.append(record)
        hits += hit
    return records, hits, unreadable


@task(name="publish-tables", cache_policy=NO_CACHE)
def publish_tables(output: RunOutput) -> PublishReport:
    """Put the staged tables in place as the run's tables and make them current."""
    return output.publish()


def _batches(items: list[CorpusEntry], size: int) -> Iterator[list[CorpusEntry]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _finish(summary: RunSummary, out: str, started: float, status: str, failure: str = "") -> dict[str, Any]:
    """Close the run: its status, times and summary file under ``out/runs/<run_id>/``, and the Prefect
    artifact; a failed run raises RunFailed (the flow run ends Failed) after saying what failed and why."""
    summary.status, summary.failure = status, failure
    summary.finished, summary.seconds = _utc_now(), round(time.monotonic() - started, 2)
    write_run_summary(out, summary.run_id, summary.to_dict())
    create_markdown_artifact(
        render_markdown(summary), key=f"{summary.kind}-summary", description=f"aiscout {summary.kind} {summary.run_id}"
    )
    if failure:
        progress(f"run {summary.run_id} FAILED: {failure}")
        raise RunFailed(failure, summary.to_dict())
    return summary.to_dict()


def _process_and_publish(
    summary: RunSummary,
    raw_root: Path,
    state_dir: Path,
    out: str,
    as_of_run: str | None,
    registry: str | None = None,
    max_shrink: float | None = DEFAULT_MAX_SHRINK,
) -> str:
    """Build the tables of the corpus as of ``as_of_run`` and publish them; returns why they were not
    published ("" when they were): a corpus empty or more than ``max_shrink`` smaller than the current
    one is refused (``max_shrink`` None: never)."""
    version = code_version()
    sources = {s.name: SourceInfo.of(s) for s in load_sources(Path(registry) if registry else None)}
    # The corpus as of a run is that of the newest run (up to it) that archived an article: if
    # nothing new was archived since, the tables built then are the tables now (same code
    # version and sources' registry entries), and are reused instead of re-reading and re-adding every page.
    key = _tables_key(version, _corpus_run(raw_root, as_of_run), sources)
    tables_cache = TablesCache(state_dir / "tables")
    output = RunOutput(out, summary.run_id, version, demo=summary.demo)
    try:
        cached = tables_cache.get(key, summary)
        if cached is not None:
            progress("nothing new archived since the last run: its tables are reused")
            restage(cached, output)
        else:
            entries = corpus_entries(raw_root, as_of_run)
            progress(
                f"extracting {len(entries)} documents (corpus as of run {as_of_run or 'latest'}) "
                f"in batches of {BATCH_SIZE} pages"
            )
            errors_before = len(summary.errors)
            # Streaming: pages are read, extracted, turned into rows, validated and written a chunk
            # at a time, so memory never holds the corpus or its tables.
            stream = TableStream(output)
            chunk: list[PageRecord] = []
            for records in _processed(summary, entries, sources, str(state_dir / "extracted"), version):
                chunk.extend(records)
                if len(chunk) >= TABLE_CHUNK:
                    stream.add(chunk)
                    chunk = []
            stream.add(chunk)
            stream.finish()
        refused = (
            None
            if max_shrink is None
            else shrink_failure(output.tables.rows["documents"], current_documents(out), max_shrink)
        )
        if refused:
            output.tables.discard()
            return refused
    except BaseException:
        output.tables.discard()
        raise
    progress(f"publishing {output.tables.rows['documents']} documents to {out}")
    report = publish_tables(output)
    if cached is None:
        tables_cache.put(key, report, summary, summary.errors[errors_before:])
    paths = {**report.tables, "duckdb": report.duckdb} if report.duckdb else dict(report.tables)
    summary.rows, summary.rejects, summary.paths = report.rows, report.rejects, paths
    return ""


def _corpus_run(raw_root: Path, as_of_run: str | None) -> str | None:
    """The newest run up to ``as_of_run`` that archived an article (None: no article at all)."""
    for run in reversed(runs_up_to(raw_root, as_of_run)):
        if any(ref.status == 200 for ref in iter_refs(Path(raw_root) / run, kinds={"article"})):
            return run
    return None


def _tables_key(version: str, corpus_run: str | None, sources: dict[str, SourceInfo]) -> str | None:
    """Key of the tables built from the corpus of ``corpus_run``: a changed registry entry rebuilds them."""
    if corpus_run is None:
        return None
    entries = sorted((name, asdict(info)) for name, info in sources.items())
    raw = json.dumps([version, corpus_run, entries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _processed(
    summary: RunSummary, entries: list[CorpusEntry], sources: dict[str, SourceInfo], cache_dir: str, version: str
) -> Iterator[list[PageRecord]]:
    """Records of ``entries`` batch by batch in corpus order, extracted in ``process-batch`` tasks
    with at most IN_FLIGHT batches submitted ahead of the one being consumed; counts go to ``summary``."""
    pending: deque[Any] = deque()

    def drain(future: Any) -> list[PageRecord]:
        batch_records, hits, unreadable = future.result()
        summary.cached += hits
        summary.count_documents(batch_records)
        summary.errors.extend(unreadable)
        progress(f"extracted {sum(summary.documents.values())} pages ({summary.cached} from the cache)")
        return batch_records

    for batch in _batches(entries, BATCH_SIZE):
        pending.append(process_batch.submit(batch, sources, cache_dir, version))
        while len(pending) > IN_FLIGHT:
            yield drain(pending.popleft())
    while pending:
        yield drain(pending.popleft())


def _check_archive(summary: RunSummary, raw_root: Path, state_paths: list[Path]) -> set[str]:
    """Check the archive against the crawl states and repair them; returns the pages to be re-fetched."""
    check = check_archive(raw_root, state_paths)
    summary.unreadable_records = [d.describe() for d in check.damage]
    summary.states_rebuilt = list(check.rebuilt)
    for item in [*summary.unreadable_records, *(f"crawl state rebuilt: {r}" for r in check.rebuilt)]:
        progress(f"archive: {item}")
    lost = set(check.lost_urls())
    if lost:
        progress(f"{len(lost)} pages known to the crawl state have no readable archived record: fetching them again")
    return lost


def _count_refetched(summary: RunSummary, run_dir: Path, lost: set[str]) -> None:
    """Which of the pages whose record was lost this run archived again."""
    if lost:
        fetched = {canonicalize(ref.url) for ref in iter_refs(run_dir, kinds={"article"}) if ref.status == 200}
        summary.refetched = sorted(lost & fetched)
        progress(f"re-fetched {len(summary.refetched)} of the {len(lost)} pages whose archived record was lost")


def _record_crawl(summary: RunSummary, name: str, future: Any) -> None:
    """Wait for one source's crawl task and add its report (or its failure) to the summary."""
    future.wait()
    if future.state.is_completed():
        summary.add_crawl(name, future.result())
        progress(f"crawled {name}: " + ", ".join(f"{k} {v}" for k, v in summary.crawl[name].items()))
    else:
        summary.add_failed_source(name, str(future.state.message or future.state.name))
        progress(f"crawl of {name} FAILED: {summary.errors[-1]['reason']}")


@flow(name="nightly")
@holding_run_locks  # every way of starting a run is serialised (CLI, serve, a deployment), not only the CLI
def nightly(
    raw_dir: str = "data/raw",
    state_dir: str = "data/state",
    out: str = "data/out",
    sources: list[str] | None = None,
    remap: dict[str, str] | None = None,
    crawl_settings: dict[str, Any] | None = None,
    run_id: str | None = None,
    registry: str | None = None,
    parallel_crawls: int = PARALLEL_CRAWLS,
    demo: bool = False,
    max_failed_share: float = DEFAULT_MAX_FAILED_SHARE,
    allow_shrink: bool = False,
    max_shrink: float = DEFAULT_MAX_SHRINK,
) -> dict[str, Any]:
    """Crawl the enabled sources (each its own task with retries and a timeout; one failing source
    does not stop the others), then process the corpus and publish the tables to ``out``
    (a folder or an fsspec URL). Raw pages go to ``raw_dir/<run_id>/``, crawl state and the
    extraction cache to ``state_dir``. ``registry`` is a source registry YAML other than
    ``spiders/sources.yaml``; at most ``parallel_crawls`` sources are crawled at a time.

    The run fails (raises RunFailed, the flow run ends Failed) and publishes nothing when all
    sources or more than ``max_failed_share`` of them failed, or when the corpus is empty or more
    than ``max_shrink`` smaller than the current tables (unless ``allow_shrink``). ``demo`` marks
    the run and its manifest as a demo run."""
    started = time.monotonic()
    run_id = run_id or new_run_id()
    summary = RunSummary(run_id=run_id, code_version=code_version(), demo=demo, started=_utc_now())
    registry_path = Path(registry) if registry else None
    registered = enabled_sources(registry_path) if sources is None else load_sources(registry_path)
    selected = [s.name for s in registered if sources is None or s.name in sources]
    unknown = sorted(set(sources or []) - set(selected))
    if unknown:
        raise ValueError(f"unknown sources: {', '.join(unknown)}")
    for s in registered:
        if s.name in selected and not s.enabled:
            progress(f"source {s.name} is disabled in the registry; crawling it because it was named")
    summary.sources = selected
    run_dir = Path(raw_dir) / run_id
    lost = _check_archive(summary, Path(raw_dir), [Path(state_dir) / f"crawl-{name}.sqlite" for name in selected])
    progress(f"run {run_id}: crawling {len(selected)} sources into {run_dir}")
    pending: deque[tuple[str, Any]] = deque()
    for name in selected:
        if len(pending) >= max(parallel_crawls, 1):
            _record_crawl(summary, *pending.popleft())
        pending.append((name, crawl_source.submit(name, str(run_dir), state_dir, remap, crawl_settings, registry)))
    while pending:
        _record_crawl(summary, *pending.popleft())
    _count_refetched(summary, run_dir, lost)
    failure = crawl_failure(summary.failed_sources, selected, max_failed_share)
    if failure:
        return _finish(summary, out, started, "failed", failure)
    # A night where nothing new was archived still publishes the corpus of the earlier runs.
    as_of = run_id if run_id in list_runs(Path(raw_dir)) else None
    refused = _process_and_publish(
        summary, Path(raw_dir), Path(state_dir), out, as_of, registry, None if allow_shrink else max_shrink
    )
    result = _finish(summary, out, started, "failed" if refused else "published", refused)
    check_archive_writes(summary)  # a full raw disk fails the night after publishing what was archived
    return result


def check_archive_writes(summary: RunSummary) -> None:
    """Fail the run (after publishing what was archived) if the raw archive could not take every response:
    a full raw disk must not look like a good night. The pages are fetched again by the next run."""
    if summary.archive_write_failures:
        reasons = sorted({e["reason"] for e in summary.errors if "Errno" in e["reason"]})[:3]
        raise ArchiveWriteError(
            f"{summary.archive_write_failures} response(s) of run {summary.run_id} could not be written to the raw"
            f" archive ({'; '.join(reasons) or 'write error'}); they are fetched again by the next run"
        )


@flow(name="reprocess")
@holding_run_locks
def reprocess(
    run_id: str,
    raw_dir: str = "data/raw",
    state_dir: str = "data/state",
    out: str = "data/out",
    demo: bool = False,
    allow_shrink: bool = False,
    max_shrink: float = DEFAULT_MAX_SHRINK,
) -> dict[str, Any]:
    """Re-run processing and publishing on the archive as of ``run_id``, without the network; like
    ``nightly``, a corpus empty or much smaller than the current one is refused unless ``allow_shrink``."""
    started = time.monotonic()
    summary = RunSummary(run_id=run_id, code_version=code_version(), kind="reprocess", demo=demo, started=_utc_now())
    refused = _process_and_publish(
        summary, Path(raw_dir), Path(state_dir), out, run_id, None, None if allow_shrink else max_shrink
    )
    return _finish(summary, out, started, "failed" if refused else "published", refused)
