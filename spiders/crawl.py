"""crawl(): one Scrapy crawl of registry sources, run in a subprocess, archived to WARC, summarised.

A subprocess per crawl is deliberate: Twisted's reactor cannot restart within a process, and Prefect
may call crawl() many times in one process. ``python -m spiders.crawl JOB.json`` is the child's entry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
STDERR_TAIL = 4000


class CrawlError(RuntimeError):
    """The crawl subprocess failed; the message ends with the tail of its stderr."""


@dataclass
class SourceReport:
    """Counts for one source in one crawl."""

    requests: int = 0
    responses_by_status: dict[str, int] = field(default_factory=dict)
    pages_archived: int = 0
    archived_by_kind: dict[str, int] = field(default_factory=dict)
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_failed: int = 0
    non_html: int = 0
    non_html_urls: list[str] = field(default_factory=list)
    robots_forbidden: int = 0
    offsite_filtered: int = 0
    ignored: int = 0
    retries: int = 0
    bytes: int = 0
    finish_reason: str | None = None
    found_by_path: dict[str, int] = field(default_factory=dict)  # articles found per discovery path
    candidates_not_article: int = 0  # pages fetched to see, that were no article
    candidates_skipped: int = 0  # candidates not fetched: found to be no article within the re-check period
    errors: int = 0
    archive_failed: int = 0  # responses that could not be written to the raw archive (a full disk)


@dataclass
class CrawlIssue:
    """One failed request or source: where and why."""

    source: str
    url: str | None
    reason: str


@dataclass
class CrawlReport:
    """What one crawl did (JSON-serialisable with ``dataclasses.asdict``)."""

    run_dir: str
    sources: dict[str, SourceReport]
    errors: list[CrawlIssue]
    duration_s: float

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CrawlReport:
        return cls(
            run_dir=d["run_dir"],
            sources={k: SourceReport(**v) for k, v in d["sources"].items()},
            errors=[CrawlIssue(**e) for e in d["errors"]],
            duration_s=d["duration_s"],
        )

    def totals(self) -> SourceReport:
        """Counts summed over sources (dicts merged, URL lists concatenated)."""
        total = SourceReport()
        for rep in self.sources.values():
            for name, value in vars(rep).items():
                acc = getattr(total, name)
                if isinstance(value, int):
                    setattr(total, name, acc + value)
                elif isinstance(value, dict):
                    for k, v in value.items():
                        acc[k] = acc.get(k, 0) + v
                elif isinstance(value, list):
                    acc.extend(value)
        return total


def crawl(
    run_dir: Path,
    *,
    sources: list[str] | None = None,
    remap: dict[str, str] | None = None,
    state_path: Path | None = None,
    settings: dict | None = None,
    registry_path: Path | None = None,
    timeout_s: float | None = None,
) -> CrawlReport:
    """Crawl the named sources (None = all enabled) into WARC files under ``run_dir``; return the report.

    Named sources are crawled even if disabled. ``remap`` maps real origins to local bases (see
    ``spiders.urls.Remap``); ``state_path`` enables incremental crawling; ``settings`` override
    ``spiders.settings``; ``timeout_s`` closes the crawl gracefully after that long.
    """
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aiscout-crawl-") as tmp:
        job_path, report_path = Path(tmp, "job.json"), Path(tmp, "report.json")
        job = {
            "run_dir": str(run_dir.resolve()),
            "sources": sources,
            "remap": remap or {},
            "state_path": str(Path(state_path).resolve()) if state_path else None,
            "settings": settings or {},
            "registry_path": str(Path(registry_path).resolve()) if registry_path else None,
            "timeout_s": timeout_s,
            "report_path": str(report_path),
        }
        job_path.write_text(json.dumps(job), encoding="utf-8")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        }
        cmd = [sys.executable, "-m", "spiders.crawl", str(job_path)]
        try:
            proc = subprocess.run(
                cmd,
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=None if timeout_s is None else timeout_s + 60,
                preexec_fn=_die_with_parent,
            )
        except subprocess.TimeoutExpired as exc:
            raise CrawlError(f"crawl subprocess did not finish in {timeout_s}s:\n{_tail(exc.stderr)}") from None
        with open(run_dir / "crawl.log", "a", encoding="utf-8") as log:
            log.write(proc.stderr)
        if proc.returncode != 0 or not report_path.exists():
            raise CrawlError(f"crawl subprocess exited with {proc.returncode}:\n{_tail(proc.stderr)}")
        return CrawlReport.from_dict(json.loads(report_path.read_text(encoding="utf-8")))


def _die_with_parent() -> None:
    """In the crawl child: receive SIGKILL when the thread that started it ends (kill -9 of the flow)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _tail(text: str | bytes | None) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return (text or "")[-STDERR_TAIL:]


# -- child process -------------------------------------------------------------------------------


def _source_report(stats: dict[str, Any], spider: Any) -> SourceReport:
    prefix_status = "downloader/response_status_count/"
    by_kind = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("aiscout/archived/")}
    return SourceReport(
        requests=stats.get("downloader/request_count", 0),
        responses_by_status={k[len(prefix_status) :]: v for k, v in stats.items() if k.startswith(prefix_status)},
        pages_archived=sum(by_kind.values()),
        archived_by_kind=by_kind,
        articles_new=stats.get("aiscout/articles/new", 0),
        articles_changed=stats.get("aiscout/articles/changed", 0),
        articles_unchanged=stats.get("aiscout/articles/unchanged", 0),
        articles_failed=stats.get("aiscout/articles/failed", 0),
        non_html=stats.get("aiscout/non_html", 0),
        non_html_urls=list(getattr(spider, "non_html", [])),
        robots_forbidden=stats.get("robotstxt/forbidden", 0),
        offsite_filtered=stats.get("offsite/filtered", 0),
        ignored=stats.get("aiscout/ignored", 0),
        retries=stats.get("retry/count", 0),
        bytes=stats.get("aiscout/archived_bytes", 0),
        finish_reason=stats.get("finish_reason"),
        found_by_path={k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("aiscout/found/")},
        candidates_not_article=stats.get("aiscout/candidates/not_article", 0),
        candidates_skipped=stats.get("aiscout/candidates/known_not_article", 0),
        errors=stats.get("aiscout/errors", 0),
        archive_failed=stats.get("aiscout/archive_failed", 0),
    )


def _record_failure(failure: Any, errors: list[CrawlIssue], source: str) -> None:
    """Errback of one source's crawl: the failure becomes that source's error, the others go on."""
    errors.append(CrawlIssue(source, None, f"crawler failed: {failure.getErrorMessage()}"))


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run the crawl described by ``job`` in this process (reactor: once per process) and report."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from spiders.registry import RegistryError, enabled_sources, load_sources
    from spiders.spiders.generic import SourceSpider

    started = time.monotonic()
    registry = Path(job["registry_path"]) if job.get("registry_path") else None
    errors: list[CrawlIssue] = []
    if job["sources"] is None:
        selected = enabled_sources(registry)
    else:
        by_name = {s.name: s for s in load_sources(registry)}
        unknown = [n for n in job["sources"] if n not in by_name]
        if unknown:
            raise RegistryError(f"unknown source(s): {unknown}")
        selected = [by_name[n] for n in job["sources"]]

    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.update(job["settings"], priority="cmdline")
    settings.set("AISCOUT_RUN_DIR", job["run_dir"], priority="cmdline")
    settings.set("AISCOUT_REMAP", job["remap"], priority="cmdline")
    remap_hosts = [urlsplit(base).hostname or "" for base in job["remap"].values()]  # the demo server: allowed
    allowed = [*settings.getlist("AISCOUT_PRIVATE_HOSTS_ALLOWED"), *filter(None, remap_hosts)]
    settings.set("AISCOUT_PRIVATE_HOSTS_ALLOWED", allowed, priority="cmdline")
    settings.set("AISCOUT_STATE_PATH", job["state_path"], priority="cmdline")
    if job.get("timeout_s"):
        settings.set("CLOSESPIDER_TIMEOUT", job["timeout_s"], priority="cmdline")

    process = CrawlerProcess(settings)
    crawlers = []
    for source in selected:
        crawler = process.create_crawler(SourceSpider)
        deferred = process.crawl(crawler, source=source)
        deferred.addErrback(_record_failure, errors, source.name)
        crawlers.append((source.name, crawler))
    process.start()

    reports = {}
    for name, crawler in crawlers:
        spider = crawler.spider
        reports[name] = _source_report(crawler.stats.get_stats() if crawler.stats else {}, spider)
        errors.extend(CrawlIssue(**e) for e in getattr(spider, "errors", []))
    report = CrawlReport(job["run_dir"], reports, errors, round(time.monotonic() - started, 3))
    return asdict(report)


def main(argv: list[str] | None = None) -> int:
    """Child entry point: ``python -m spiders.crawl JOB.json`` writes the report to job["report_path"]."""
    argv = sys.argv[1:] if argv is None else argv
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    from pipelines.publish.atomic import write_atomically

    report = run_job(job)
    write_atomically(job["report_path"], json.dumps(report, default=str).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
