"""The run summary: what was fetched, what was published, what failed and why (CLI text, Prefect
artifact, and ``runs/<run_id>/_summary.json`` for ``aiscout runs``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from pipelines.models import PageRecord

_CRAWL_KEYS = ("requests", "archived", "new", "changed", "unchanged", "failed")
# summary column <- field of spiders.crawl.SourceReport
_REPORT_FIELDS = {
    "requests": "requests",
    "archived": "pages_archived",
    "new": "articles_new",
    "changed": "articles_changed",
    "unchanged": "articles_unchanged",
}
# "failed" counts the source's failed requests (each one an error with its reason), articles or not


@dataclass
class RunSummary:
    """Counts of one run, filled in stage by stage."""

    run_id: str
    code_version: str
    kind: str = "nightly"  # nightly or reprocess
    demo: bool = False
    started: str = ""  # ISO 8601 UTC
    finished: str = ""
    status: str = "running"  # running, published or failed
    failure: str = ""  # why the run failed (status failed)
    sources: list[str] = field(default_factory=list)  # the sources selected for crawling
    failed_sources: dict[str, str] = field(default_factory=dict)  # source -> reason
    crawl: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> counts
    errors: list[dict[str, str]] = field(default_factory=list)  # {"where", "url", "reason"}
    documents: dict[str, int] = field(default_factory=dict)  # source -> documents
    languages: dict[str, int] = field(default_factory=dict)  # language -> documents
    failed_documents: int = 0
    cached: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    rejects: int = 0
    paths: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    unreadable_records: list[str] = field(default_factory=list)  # damaged stretches of the raw archive
    refetched: list[str] = field(default_factory=list)  # pages re-fetched because their record was lost
    states_rebuilt: list[str] = field(default_factory=list)  # unreadable crawl-state files moved aside
    archive_write_failures: int = 0  # responses the raw archive could not take (a full disk)

    def add_crawl(self, source: str, report: dict[str, Any]) -> None:
        """Fold one source's crawl report in (summed over its sources; errors kept)."""
        totals: Counter = Counter()
        for counts in (report.get("sources") or {}).values():
            totals.update({key: int(counts.get(field, 0)) for key, field in _REPORT_FIELDS.items()})
        errors = report.get("errors") or []
        totals["failed"] = len(errors)
        self.crawl[source] = {k: totals.get(k, 0) for k in _CRAWL_KEYS}
        self.archive_write_failures += sum(
            int(c.get("archive_failed", 0)) for c in (report.get("sources") or {}).values()
        )
        for err in errors:
            self.errors.append(
                {"where": f"crawl:{source}", "url": str(err.get("url", "")), "reason": str(err.get("reason", ""))}
            )
        if errors and totals["archived"] == 0:  # nothing at all could be fetched
            first = str(errors[0].get("reason", ""))
            more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
            self.failed_sources[source] = f"nothing archived: {first}{more}"

    def add_failed_source(self, source: str, reason: str) -> None:
        """A source whose crawl task failed after its retries."""
        self.crawl[source] = {**dict.fromkeys(_CRAWL_KEYS, 0), "failed": 1}
        self.errors.append({"where": f"crawl:{source}", "url": "", "reason": reason})
        self.failed_sources[source] = f"crawl task failed: {reason}"

    def count_documents(self, records: list[PageRecord]) -> None:
        """Documents per source and language; failed pages listed as errors."""
        for rec in records:
            self.documents[rec.source] = self.documents.get(rec.source, 0) + 1
            if rec.error or rec.document is None:
                self.failed_documents += 1
                self.errors.append({"where": "extract", "url": rec.url, "reason": rec.error or "no document"})
            else:
                lang = rec.document.language or "unknown"
                self.languages[lang] = self.languages.get(lang, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the flow's return value)."""
        return asdict(self)


def render_markdown(summary: RunSummary) -> str:
    """The summary as markdown tables (the Prefect artifact)."""
    lines = [
        f"# aiscout {summary.kind} run `{summary.run_id}`{' (demo)' if summary.demo else ''}: {summary.status.upper()}",
        "",
    ]
    if summary.failure:
        lines += [f"**Run failed, nothing published:** {summary.failure}", ""]
    if summary.failed_sources:
        lines += ["| failed source | why |", "|---|---|"]
        lines += [f"| {name} | {why} |" for name, why in sorted(summary.failed_sources.items())]
        lines += [""]
    lines += [
        f"code version `{summary.code_version}`, {summary.seconds} s, "
        f"{summary.cached} documents from the extraction cache",
        "",
        "| source | " + " | ".join(_CRAWL_KEYS) + " | documents |",
        "|---|" + "---:|" * (len(_CRAWL_KEYS) + 1),
    ]
    for source in sorted(set(summary.crawl) | set(summary.documents)):
        counts = summary.crawl.get(source, {})
        lines.append(
            f"| {source} | "
            + " | ".join(str(counts.get(k, 0)) for k in _CRAWL_KEYS)
            + f" | {summary.documents.get(source, 0)} |"
        )
    lines += ["", "| table | rows |", "|---|---:|"]
    lines += [f"| {name} | {n} |" for name, n in sorted(summary.rows.items())]
    lines += ["", "| language | documents |", "|---|---:|"]
    lines += [f"| {lang} | {n} |" for lang, n in sorted(summary.languages.items())]
    lines += [
        "",
        f"rejected rows: {summary.rejects}; failed documents: {summary.failed_documents}; "
        f"errors: {len(summary.errors)}",
    ]
    lines += [f"- {e['where']} {e['url']}: {e['reason']}" for e in summary.errors[:50]]
    lines += ["", *_archive_lines(asdict(summary))]
    return "\n".join(lines) + "\n"


def _archive_lines(summary: dict[str, Any]) -> list[str]:
    """The archive's health: unreadable records, pages re-fetched for them, crawl states rebuilt."""
    unreadable, refetched = summary.get("unreadable_records") or [], summary.get("refetched") or []
    rebuilt = summary.get("states_rebuilt") or []
    out = [f"archive: {len(unreadable)} unreadable record stretch(es); re-fetched {len(refetched)} page(s)"]
    if summary.get("archive_write_failures"):
        out.append(f"  {summary['archive_write_failures']} response(s) could not be written to the raw archive")
    out += [f"  unreadable {d}" for d in unreadable[:20]]
    out += [f"  re-fetched {u}" for u in refetched[:50]]
    out += [f"  crawl state rebuilt: {r}" for r in rebuilt]
    return out


def render_text(summary: dict[str, Any]) -> str:
    """The summary for the terminal (from the flow's returned dict)."""
    crawl_totals: Counter = Counter()
    for counts in summary["crawl"].values():
        crawl_totals.update(counts)
    out = [f"run {summary['run_id']} {summary['status']} after {summary['seconds']} s (code {summary['code_version']})"]
    if summary["failure"]:
        out.append(f"RUN FAILED, nothing published: {summary['failure']}")
    for name, why in sorted(summary["failed_sources"].items()):
        out.append(f"source {name} FAILED: {why}")
    if summary["crawl"]:
        out.append("pages: " + ", ".join(f"{k} {crawl_totals.get(k, 0)}" for k in _CRAWL_KEYS))
    out.append("documents per source: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["documents"].items())))
    out.append("documents per language: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["languages"].items())))
    out.append(
        f"from cache: {summary['cached']}; failed documents: {summary['failed_documents']}; "
        f"rejected rows: {summary['rejects']}"
    )
    out.append("rows: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["rows"].items())))
    if summary["errors"]:
        out.append(f"errors ({len(summary['errors'])}):")
        out += [f"  {e['where']} {e['url']}: {e['reason']}" for e in summary["errors"][:20]]
    out += _archive_lines(summary)
    if summary["paths"]:
        out.append("tables:")
        out += [f"  {v}" for _, v in sorted(summary["paths"].items())]
    return "\n".join(out)
