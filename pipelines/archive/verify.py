"""The archive and the crawl state agree: every page the state would ask for conditionally is archived.

The crawl state keeps each fetched article's validators (ETag, Last-Modified) and content hash; a
crawl then asks "has it changed?" and gets 304 for an unchanged page. If that page's WARC record is gone
(a damaged file, a deleted run folder) the 304 would keep it out of the archive for good. So before a
crawl the state is checked against what the archive can actually read back, and pages whose record is
missing or unreadable are forgotten by the state: the crawl fetches them again unconditionally.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipelines.archive.warc_reader import Damage, iter_refs, list_runs
from spiders.state import CrawlState
from spiders.urls import canonicalize


@dataclass
class ArchiveCheck:
    """What a check of the archive against the crawl states found and repaired."""

    damage: list[Damage] = field(default_factory=list)  # unreadable stretches of WARC files
    lost: dict[str, list[str]] = field(default_factory=dict)  # state file name -> URLs not (readably) archived
    rebuilt: list[str] = field(default_factory=list)  # unreadable state files moved aside and rebuilt

    def lost_urls(self) -> list[str]:
        """Every lost URL, sorted."""
        return sorted(u for urls in self.lost.values() for u in urls)


@dataclass
class _Archived:
    digests: set[str] = field(default_factory=set)  # payload SHA-256 (hex) of every readable article
    by_url: dict[str, set[str | None]] = field(default_factory=dict)  # canonical URL -> digests (None: undigested)


def _archived_articles(raw_root: Path, damage: list[Damage]) -> _Archived:
    archived = _Archived()
    for run in list_runs(raw_root):
        for ref in iter_refs(Path(raw_root) / run, kinds={"article"}, damage=damage):
            if ref.status != 200:
                continue
            archived.by_url.setdefault(canonicalize(ref.url), set()).add(ref.payload_sha256)
            if ref.payload_sha256:
                archived.digests.add(ref.payload_sha256)
    return archived


def _is_archived(url: str, sha: str | None, archived: _Archived) -> bool:
    # by content first: the record of a redirected article is stored under its final URL
    if sha is not None and sha in archived.digests:
        return True
    versions = archived.by_url.get(url)
    # a record without a digest (older archives) cannot be compared: its presence is enough
    return versions is not None and (sha is None or None in versions)


def check_archive(raw_root: Path, state_paths: list[Path]) -> ArchiveCheck:
    """Compare the crawl states at ``state_paths`` with every readable article record under ``raw_root``
    and repair them: lost pages are removed from their state (the next crawl fetches them unconditionally),
    an unreadable state file is moved aside and rebuilt."""
    check = ArchiveCheck()
    archived = _archived_articles(Path(raw_root), check.damage)
    for path in state_paths:
        if not Path(path).exists():
            continue
        state = CrawlState(path)
        try:
            if state.moved_aside is not None:
                check.rebuilt.append(f"{Path(path).name} (moved aside to {state.moved_aside.name})")
            lost = sorted(url for url, sha in state.fetched().items() if not _is_archived(url, sha, archived))
            if lost:
                check.lost[Path(path).name] = lost
                state.forget(lost)
        finally:
            state.close()
    return check
