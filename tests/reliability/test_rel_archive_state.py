"""The archive and the crawl state across kills and write errors.

The state must never hold a content hash (and so send a conditional request next time) for a page whose
WARC record is not written: otherwise the next crawl gets a 304 and the page is never archived. The
crawl children here run with a slow archive writer (a slow disk), so records queue up behind the state.
"""

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

from pipelines.archive.warc_reader import complete_length, iter_pages, warc_files
from spiders.crawl import crawl
from tests.helpers.paths import REPO
from tests.helpers.processes import run_isolated
from tests.helpers.sites import FAST, Site, news_source

# A crawl child (``python -c CHILD JOB.json``) whose archive writer is slowed down, or fails for some URLs.
CHILD = r"""
import os, sys, time
from pipelines.archive import warc as archive
from spiders.crawl import main
original = archive._gzip_record
def _gzip_record(**record):
    time.sleep(float(os.environ.get("WRITE_DELAY", "0")))
    if os.environ.get("FAIL_URLS", "\0") in record["url"]:
        raise OSError(28, "No space left on device")
    return original(**record)
archive._gzip_record = _gzip_record
sys.exit(main(sys.argv[1:]))
"""


def _job(tmp_path: Path, name: str, reg: Path, state: Path) -> Path:
    job = {
        "run_dir": str(tmp_path / name),
        "sources": None,
        "remap": {},
        "state_path": str(state),
        "registry_path": str(reg),
        "settings": {**FAST, "DOWNLOAD_TIMEOUT": 60},
        "timeout_s": None,
        "report_path": str(tmp_path / f"{name}.json"),
    }
    path = tmp_path / f"{name}-job.json"
    path.write_text(json.dumps(job))
    return path


def _hashed_urls(state: Path) -> set[str]:
    """URLs the state holds a content hash for (none while the crawl has not created its table yet)."""
    if not state.exists():
        return set()
    with sqlite3.connect(state) as db:  # WAL: readable while the crawl writes
        try:
            return {url for (url,) in db.execute("SELECT url FROM pages WHERE content_sha256 IS NOT NULL")}
        except sqlite3.OperationalError:  # no such table yet
            return set()


def _archived(run_dir: Path) -> dict[str, int]:
    return {p.url: p.status for p in iter_pages(run_dir, kinds={"article", "not-modified"})}


@pytest.fixture
def news_site(site: Site, registry) -> tuple[Site, Path, list[str]]:
    """A listing of 80 articles; the registry for it."""
    return news_source(site, registry, 80)


@pytest.mark.slow
def test_state_never_runs_ahead_of_the_archive_across_a_kill(news_site, tmp_path: Path) -> None:
    site, reg, urls = news_site
    state = tmp_path / "state.sqlite"
    env = {**os.environ, "PYTHONPATH": str(REPO), "WRITE_DELAY": "0.05"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(_job(tmp_path, "run1", reg, state))],
        cwd=REPO,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:  # kill as soon as the state has committed some hashes, with records still queued
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _hashed_urls(state):
            time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    hashed, first = _hashed_urls(state), _archived(tmp_path / "run1")
    assert hashed and len(first) < len(urls)  # killed mid-way
    assert {u for u in hashed if first.get(u) != 200} == set()

    report = crawl(tmp_path / "run2", registry_path=reg, state_path=state, settings=dict(FAST))
    second = _archived(tmp_path / "run2")
    assert {u for u, status in second.items() if status == 304} <= {u for u, s in first.items() if s == 200}
    assert {u for u in urls if 200 not in (first.get(u), second.get(u))} == set()  # nothing lost
    assert report.totals().responses_by_status.get("304", 0) == len(hashed)


def test_failed_write_is_that_pages_error_and_stores_no_hash(news_site, tmp_path: Path) -> None:
    site, reg, urls = news_site
    state = tmp_path / "state.sqlite"
    env = {"PYTHONPATH": str(REPO), "FAIL_URLS": "/nyheter/a7"}  # a7 and a70..a79
    proc = run_isolated(CHILD.replace("sys.argv[1:]", repr([str(_job(tmp_path, "run", reg, state))])), env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "run.json").read_text())
    failed = {e["url"] for e in report["errors"]}
    assert failed == {u for u in urls if "/nyheter/a7" in u}
    assert all("No space left on device" in e["reason"] for e in report["errors"])
    assert report["sources"]["news"]["articles_failed"] == 11
    assert set(_archived(tmp_path / "run")) == set(urls) - failed
    assert _hashed_urls(state) == set(urls) - failed


def test_disk_full_mid_record_leaves_the_file_readable(tmp_path: Path) -> None:
    """A write cut short by the file size limit (as by a full disk) fails that record only."""
    proc = run_isolated(f"""
        import resource, signal
        from pathlib import Path
        from pipelines.archive.warc import WarcArchive
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))
        archive, errors = WarcArchive(Path({str(tmp_path)!r}), "src"), []
        for i in range(40):
            try:
                archive.write(url=f"https://example.se/{{i}}/", status=200, reason="OK", headers=[],
                              body=bytes(range(256)) * 8, fetched_at="2025-01-01T00:00:00Z", source="src",
                              kind="article")
            except OSError as exc:
                errors.append(exc.errno)
        print(len(errors))
    """)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout) > 0
    (path,) = warc_files(tmp_path)
    data = path.read_bytes()
    assert complete_length(data) == len(data)  # the failed records were cut off again
    assert len(list(iter_pages(tmp_path))) == 40 - int(proc.stdout)
