"""Small WARC archives for tests: ``n`` pages written with :class:`WarcArchive`."""

from __future__ import annotations

from pathlib import Path

from pipelines.archive.warc import WarcArchive


def write_pages(run_dir: Path, n: int, **kw: object) -> WarcArchive:
    """An archive of ``n`` pages of source "src" (even ones articles, odd ones listings), left open."""
    archive = WarcArchive(run_dir, "src", **kw)
    for i in range(n):
        archive.write(
            url=f"https://www.example.se/nyheter/{i}/",
            status=200,
            reason="OK",
            headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("ETag", f'"{i}"')],
            body=f"<h1>Sida {i}</h1>".encode() * 50,
            fetched_at="2025-01-01T00:00:00Z",
            source="src",
            kind="article" if i % 2 == 0 else "listing",
        )
    return archive
