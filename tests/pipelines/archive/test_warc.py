"""The WARC archive: round trip, rotation, crash safety (SIGKILL mid-crawl); the crawl state's batched commits."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.archive.warc import OPEN_SUFFIX
from pipelines.archive.warc_reader import iter_pages, warc_files
from spiders.crawl import REPO_ROOT
from spiders.state import CrawlState
from tests.helpers.archives import write_pages
from tests.helpers.sites import FAST, Site, article_html, listing_html


def test_round_trip_kinds_and_rotation(tmp_path: Path) -> None:
    write_pages(tmp_path, 6, rotate_bytes=300).close()
    assert len(warc_files(tmp_path)) > 1 and not list(tmp_path.glob(f"*{OPEN_SUFFIX}"))
    pages = list(iter_pages(tmp_path, kinds=None))
    assert [p.url.rsplit("/", 2)[1] for p in pages] == [str(i) for i in range(6)]
    first = pages[0]
    assert first.body == b"<h1>Sida 0</h1>" * 50 and first.status == 200 and first.headers["ETag"] == '"0"'
    assert "Content-Encoding" not in first.headers and first.content_type == "text/html"
    assert first.record_id.startswith("<urn:uuid:") and first.fetched_at == "2025-01-01T00:00:00Z"
    assert [p.kind for p in iter_pages(tmp_path)] == ["article"] * 3


@pytest.mark.slow
def test_sigkill_mid_crawl_leaves_readable_archive(site: Site, registry, tmp_path: Path) -> None:
    slugs = [f"a{i}" for i in range(8)]
    site.add("/nyheter/", listing_html([f"/nyheter/{s}/" for s in slugs]))
    for i, slug in enumerate(slugs):
        site.add(f"/nyheter/{slug}/", article_html(slug), delay=0 if i < 3 else 30)
    reg = registry(
        {
            "name": "slow",
            "start_urls": [f"{site.base}/nyheter/"],
            "allowed_domains": ["127.0.0.1"],
            "article_patterns": ["^/nyheter/a"],
        }
    )
    run_dir = tmp_path / "run"
    job = {
        "run_dir": str(run_dir),
        "sources": None,
        "remap": {},
        "state_path": None,
        "registry_path": str(reg),
        "settings": {**FAST, "DOWNLOAD_TIMEOUT": 60},
        "timeout_s": None,
        "report_path": str(tmp_path / "r.json"),
    }
    (tmp_path / "job.json").write_text(json.dumps(job))
    proc = subprocess.Popen(
        [sys.executable, "-m", "spiders.crawl", str(tmp_path / "job.json")], cwd=REPO_ROOT, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(list(iter_pages(run_dir))) < 3:
            time.sleep(0.1)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert all(p.name.endswith(OPEN_SUFFIX) for p in warc_files(run_dir))
    pages = list(iter_pages(run_dir, kinds=None))
    assert sorted(p.url for p in pages if p.kind == "article") == [f"{site.base}/nyheter/a{i}/" for i in range(3)]
    assert all(b"<h1>" in p.body for p in pages if p.kind == "article")


def test_state_commits_in_batches_and_reads_its_own_pending_updates(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    state = CrawlState(path, commit_every=3, commit_interval_s=3600)
    other = sqlite3.connect(path)

    def committed() -> int:
        return other.execute("SELECT COUNT(*) FROM pages").fetchone()[0]

    for i in range(2):
        state.record(canonical_url=f"u{i}", url=f"u{i}", source="s", status=200, content_sha256="h", etag='"e"')
    assert committed() == 0
    state.record(canonical_url="u1", url="u1", source="s", status=304)  # third record: the batch is committed
    assert committed() == 2
    state.record(canonical_url="u2", url="u2", source="s", status=200, content_sha256="h2")
    assert committed() == 2
    assert state.get("u2").content_sha256 == "h2"  # get() commits a pending update of that page first
    state.record(canonical_url="u3", url="u3", source="s", status=0)
    state.close()
    assert committed() == 4
    assert other.execute("SELECT status, etag FROM pages WHERE canonical_url = 'u1'").fetchone() == (200, '"e"')
