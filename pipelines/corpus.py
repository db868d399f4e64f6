"""Which archived pages make up the corpus as of a run: the newest version of every article.

An incremental crawl archives only new and changed articles, so the corpus of run N is the
union of the runs up to N, keeping for each canonical URL the version from the latest run.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spiders.archive import ArchivedPage, iter_pages, list_runs
from spiders.urls import canonicalize


def runs_up_to(raw_root: Path, run_id: str | None) -> list[str]:
    """Archived run ids up to and including ``run_id`` (all if None), oldest first."""
    runs = list_runs(raw_root)
    if run_id is not None and run_id not in runs:
        raise FileNotFoundError(f"no archived run {run_id!r} under {raw_root} (have: {', '.join(runs) or 'none'})")
    return [r for r in runs if run_id is None or r <= run_id]


def iter_corpus(raw_root: Path, run_id: str | None = None) -> Iterator[tuple[str, ArchivedPage]]:
    """(run id, page) for the newest successfully fetched version of each article."""
    seen: set[str] = set()
    for run in reversed(runs_up_to(raw_root, run_id)):
        for page in iter_pages(Path(raw_root) / run, kinds={"article"}):
            if page.status != 200:
                continue
            key = canonicalize(page.url)
            if key not in seen:
                seen.add(key)
                yield run, page
