"""Persistent crawl state (SQLite): what each article looked like when last fetched.

A state file that SQLite cannot read is moved aside (``<name>.corrupt-<time>``) with a warning and
rebuilt empty, so the next crawl fetches every page unconditionally instead of failing every night.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    canonical_url  TEXT PRIMARY KEY,
    url            TEXT NOT NULL,
    source         TEXT NOT NULL,
    content_sha256 TEXT,
    etag           TEXT,
    last_modified  TEXT,
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    status         INTEGER
);
CREATE INDEX IF NOT EXISTS pages_source ON pages(source);
CREATE TABLE IF NOT EXISTS not_articles (
    canonical_url  TEXT PRIMARY KEY,
    source         TEXT NOT NULL,
    checked        TEXT NOT NULL
);
"""
_NOT_ARTICLE = """
INSERT INTO not_articles (canonical_url, source, checked) VALUES (?, ?, ?)
ON CONFLICT(canonical_url) DO UPDATE SET source = excluded.source, checked = excluded.checked
"""
_UPSERT = """
INSERT INTO pages (canonical_url, url, source, content_sha256, etag, last_modified, first_seen, last_seen, status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(canonical_url) DO UPDATE SET
  url = excluded.url, last_seen = excluded.last_seen,
  status = CASE WHEN excluded.status = 304 THEN pages.status ELSE excluded.status END,
  content_sha256 = COALESCE(excluded.content_sha256, pages.content_sha256),
  etag = CASE WHEN excluded.content_sha256 IS NULL THEN pages.etag ELSE excluded.etag END,
  last_modified = CASE WHEN excluded.content_sha256 IS NULL THEN pages.last_modified ELSE excluded.last_modified END
"""


def utc_now() -> str:
    """Current time as ISO 8601 UTC with a ``Z`` suffix."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class PageState:
    """One known page."""

    canonical_url: str
    url: str
    source: str
    content_sha256: str | None
    etag: str | None
    last_modified: str | None
    first_seen: str
    last_seen: str
    status: int | None


_SELECT = f"SELECT {', '.join(PageState.__dataclass_fields__)} FROM pages"


class CrawlState:
    """Read/write access to the state database (one connection, used from the reactor thread).

    Updates are batched: committed every ``commit_every`` records or ``commit_interval_s``, and on close,
    in one short transaction (other connections to the same file are never kept waiting for a batch).
    A crash loses at most the last batch, which only makes the next crawl fetch those pages again.
    """

    def __init__(self, path: Path, *, commit_every: int = 100, commit_interval_s: float = 1.0) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.moved_aside: Path | None = None
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            self.moved_aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            log.warning(
                "crawl state %s is unreadable (%s): moved aside to %s; rebuilt empty, so every page of its"
                " source is fetched again unconditionally",
                self.path,
                exc,
                self.moved_aside.name,
            )
            for suffix in ("", "-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    side.rename(Path(f"{self.moved_aside}{suffix}"))
            self.db = self._open()
        self.commit_every = commit_every
        self.commit_interval_s = commit_interval_s
        self._pending: list[tuple[str, str, str, str | None, str | None, str | None, str, str, int]] = []
        self._pending_urls: set[str] = set()
        self._pending_not_articles: list[tuple[str, str, str]] = []
        self._commit_due = time.monotonic() + commit_interval_s

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent after a crash; commits skip fsync
            db.executescript(_SCHEMA)
            (verdict,) = db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {verdict}")
        except BaseException:
            db.close()
            raise
        return db

    def fetched(self) -> dict[str, str | None]:
        """Every page whose last fetch gave a body (status 200): canonical URL -> its content SHA-256."""
        self.flush()
        return dict(self.db.execute("SELECT canonical_url, content_sha256 FROM pages WHERE status = 200"))

    def forget(self, canonical_urls: list[str]) -> None:
        """Drop these pages from the state: the next crawl fetches them unconditionally, as new pages."""
        self.flush()
        with self.db:
            self.db.executemany("DELETE FROM pages WHERE canonical_url = ?", [(u,) for u in canonical_urls])

    def known(self, source: str) -> dict[str, PageState]:
        """Every page of a source seen in earlier crawls (fetched, failed or ignored), by canonical URL."""
        self.flush()
        rows = self.db.execute(f"{_SELECT} WHERE source = ?", (source,))
        return {r[0]: PageState(*r) for r in rows}

    def get(self, canonical_url: str) -> PageState | None:
        """One page's state, if any."""
        if canonical_url in self._pending_urls:
            self.flush()
        row = self.db.execute(f"{_SELECT} WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return PageState(*row) if row else None

    def record(
        self,
        *,
        canonical_url: str,
        url: str,
        source: str,
        status: int,
        content_sha256: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Upsert after a fetch; a 304 or failure keeps the stored hash and validators."""
        now = utc_now()
        self._pending.append((canonical_url, url, source, content_sha256, etag, last_modified, now, now, status))
        self._pending_urls.add(canonical_url)
        if len(self._pending) >= self.commit_every or time.monotonic() >= self._commit_due:
            self.flush()

    def not_articles(self, source: str, days: float) -> set[str]:
        """Candidate pages of a source found to be no article within the last ``days`` days (not worth a fetch)."""
        self.flush()
        since = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        rows = self.db.execute(
            "SELECT canonical_url FROM not_articles WHERE source = ? AND checked >= ?", (source, since)
        )
        return {url for (url,) in rows}

    def record_not_article(self, canonical_url: str, source: str) -> None:
        """Remember that a candidate page was no article (now); committed with the next batch."""
        self._pending_not_articles.append((canonical_url, source, utc_now()))

    def flush(self) -> None:
        """Commit the pending updates, in order."""
        if self._pending or self._pending_not_articles:
            with self.db:
                self.db.executemany(_UPSERT, self._pending)
                self.db.executemany(_NOT_ARTICLE, self._pending_not_articles)
            self._pending.clear()
            self._pending_urls.clear()
            self._pending_not_articles.clear()
        self._commit_due = time.monotonic() + self.commit_interval_s

    def close(self) -> None:
        """Commit what is pending and close the connection."""
        self.flush()
        self.db.close()
