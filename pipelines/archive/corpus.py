"""Which archived pages make up the corpus as of a run: the newest version of every article.

An incremental crawl archives only new and changed articles, so the corpus of run N is the
union of the runs up to N, keeping for each canonical URL the version from the latest run.
The corpus is listed from the WARC records' headers (bodies are read later, a batch at a time)
and ordered by document id, so tables can be written in their final order while streaming.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.archive.warc_reader import ArchivedPage, RecordRef, iter_refs, list_runs, read_page
from pipelines.normalise.ids import doc_id_for
from spiders.urls import canonicalize


@dataclass(frozen=True)
class CorpusEntry:
    """One document of the corpus: its id, the run that archived it and where its record is."""

    doc_id: str
    run_id: str
    ref: RecordRef

    def read(self) -> ArchivedPage:
        """The archived page (its body is read from the WARC file now)."""
        return read_page(self.ref)


def runs_up_to(raw_root: Path, run_id: str | None) -> list[str]:
    """Archived run ids up to and including ``run_id`` (all if None), oldest first."""
    runs = list_runs(raw_root)
    if run_id is not None and run_id not in runs:
        raise FileNotFoundError(f"no archived run {run_id!r} under {raw_root} (have: {', '.join(runs) or 'none'})")
    return [r for r in runs if run_id is None or r <= run_id]


def corpus_entries(raw_root: Path, run_id: str | None = None) -> list[CorpusEntry]:
    """The newest successfully fetched version of each article, ordered by document id."""
    entries: dict[str, CorpusEntry] = {}
    for run in reversed(runs_up_to(raw_root, run_id)):
        for ref in iter_refs(Path(raw_root) / run, kinds={"article"}):
            if ref.status != 200:
                continue
            doc_id = doc_id_for(canonicalize(ref.url))
            if doc_id not in entries:
                entries[doc_id] = CorpusEntry(doc_id=doc_id, run_id=run, ref=ref)
    return [entries[k] for k in sorted(entries)]
