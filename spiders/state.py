"""Persistent crawl state (SQLite): what each article looked like when last fetched."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

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
"""


def utc_now() -> str:
    """Current time as ISO 8601 UTC with a ``Z`` suffix."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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


class CrawlState:
    """Read/write access to the state database (one connection, used from the reactor thread)."""

    def __init__(self, path: Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def known(self, source: str) -> dict[str, PageState]:
        """Every page of a source seen in earlier crawls (fetched, failed or ignored), by canonical URL."""
        rows = self.db.execute(
            f"SELECT {', '.join(PageState.__dataclass_fields__)} FROM pages WHERE source = ?",
            (source,),
        )
        return {r[0]: PageState(*r) for r in rows}

    def get(self, canonical_url: str) -> PageState | None:
        """One page's state, if any."""
        row = self.db.execute(
            f"SELECT {', '.join(PageState.__dataclass_fields__)} FROM pages WHERE canonical_url = ?", (canonical_url,)
        ).fetchone()
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
        self.db.execute(
            """INSERT INTO pages (canonical_url, url, source, content_sha256, etag, last_modified,
                                  first_seen, last_seen, status)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(canonical_url) DO UPDATE SET
                 url = excluded.url, last_seen = excluded.last_seen,
                 status = CASE WHEN excluded.status = 304 THEN pages.status ELSE excluded.status END,
                 content_sha256 = COALESCE(excluded.content_sha256, pages.content_sha256),
                 etag = CASE WHEN excluded.content_sha256 IS NULL THEN pages.etag ELSE excluded.etag END,
                 last_modified = CASE WHEN excluded.content_sha256 IS NULL THEN pages.last_modified
                                      ELSE excluded.last_modified END""",
            (canonical_url, url, source, content_sha256, etag, last_modified, now, now, status),
        )
        self.db.commit()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
