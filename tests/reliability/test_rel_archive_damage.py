"""Damage to the raw archive (issue 19, fault 1): a flipped bit, a truncated file, a deleted run folder.

Damage must cost the records it touches, never the rest of the file, and never silently: the crawl state
forgets the pages it can no longer read back, so the next crawl fetches them again without conditional
headers (a 304 would otherwise keep them out of the archive for good), and the run says so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipelines.archive.verify import check_archive
from pipelines.archive.warc import WarcArchive
from pipelines.archive.warc_reader import iter_pages, iter_refs, list_runs, warc_files
from spiders.crawl import crawl
from spiders.state import CrawlState
from tests.helpers.paths import REPO
from tests.helpers.processes import child_env
from tests.helpers.sites import FAST, Site, news_source


def _write(run_dir: Path, n: int) -> Path:
    archive = WarcArchive(run_dir, "src")
    for i in range(n):
        archive.write(
            url=f"https://example.se/nyheter/{i}/",
            status=200,
            reason="OK",
            headers=[("Content-Type", "text/html")],
            body=f"<p>page {i} </p>".encode() * 200,
            fetched_at="2025-01-01T00:00:00Z",
            source="src",
            kind="article",
        )
    archive.close()
    [path] = warc_files(run_dir)
    return path


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_flipped_bit_costs_one_record_not_the_rest_of_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, 10)
    offsets = [ref.offset for ref in iter_refs(tmp_path)]
    _flip(path, offsets[3] + 40)  # inside the 4th record's compressed data
    damage: list = []
    urls = [p.url for p in iter_pages(tmp_path, damage=damage)]
    assert urls == [f"https://example.se/nyheter/{i}/" for i in range(10) if i != 3]
    assert len(damage) == 1 and damage[0].offset == offsets[3]


def test_a_truncated_file_loses_only_its_last_record(tmp_path: Path) -> None:
    path = _write(tmp_path, 6)
    path.write_bytes(path.read_bytes()[:-25])
    damage: list = []
    assert len(list(iter_pages(tmp_path, damage=damage))) == 5
    assert [d.reason for d in damage] == ["truncated record"]


def test_records_carry_warc_digests_that_warcio_verifies(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    path = _write(tmp_path, 3)
    with open(path, "rb") as fh:
        records = list(ArchiveIterator(fh, check_digests="raise"))  # raises on a wrong digest
    for rec in records:
        assert rec.rec_headers.get_header("WARC-Block-Digest").startswith("sha256:")
        assert rec.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")


@pytest.fixture
def news(site: Site, registry) -> tuple[Site, Path, list[str]]:
    return news_source(site, registry, 6)


def _article_requests(site: Site) -> dict[str, dict[str, str]]:
    return {path: headers for method, path, headers in site.log if path.startswith("/nyheter/a")}


def test_lost_records_are_fetched_again_unconditionally(news, tmp_path: Path) -> None:
    """A deleted run folder and a damaged record: the state forgets those pages, the crawl re-fetches them."""
    site, reg, urls = news
    raw, state = tmp_path / "raw", tmp_path / "state" / "crawl-news.sqlite"
    crawl(raw / "r1", registry_path=reg, state_path=state, settings=dict(FAST))
    crawl(raw / "r2", registry_path=reg, state_path=state, settings=dict(FAST))  # all 304
    (path,) = warc_files(raw / "r1")
    damaged = next(ref for ref in iter_refs(raw / "r1") if ref.url.endswith("/a2/"))
    _flip(path, damaged.offset + 40)

    check = check_archive(raw, [state])
    assert check.lost_urls() == [f"{site.base}/nyheter/a2/"] and len(check.damage) == 1

    shutil.rmtree(raw / "r1")  # what a retention policy does
    check = check_archive(raw, [state])
    assert check.lost_urls() == sorted(u for u in urls if not u.endswith("/a2/"))  # a2 was forgotten already

    site.log.clear()
    crawl(raw / "r3", registry_path=reg, state_path=state, settings=dict(FAST))
    requests = _article_requests(site)
    assert len(requests) == 6
    assert not [p for p, h in requests.items() if "If-None-Match" in h or "If-Modified-Since" in h]
    assert {p.url for p in iter_pages(raw / "r3") if p.status == 200} == set(urls)
    assert check_archive(raw, [state]).lost_urls() == []


def test_a_corrupt_crawl_state_is_moved_aside_and_rebuilt(news, tmp_path: Path) -> None:
    site, reg, urls = news
    state = tmp_path / "crawl-news.sqlite"
    crawl(tmp_path / "r1", registry_path=reg, state_path=state, settings=dict(FAST))
    state.write_bytes(b"this is not a database" * 100)
    report = crawl(tmp_path / "r2", registry_path=reg, state_path=state, settings=dict(FAST))
    assert report.errors == [] and report.totals().articles_new == 6
    assert list(tmp_path.glob("crawl-news.sqlite.corrupt-*"))
    assert len(CrawlState(state).fetched()) == 6


@pytest.mark.slow
def test_demo_run_recovers_from_archive_damage(tmp_path: Path, prefect_harness) -> None:
    """Acceptance: flip one byte in each WARC of a demo run, delete one raw run, corrupt one crawl state;
    the next `aiscout run --demo` publishes all 20 documents again and says what it re-fetched."""
    import pandas as pd

    raw, state, out = tmp_path / "raw", tmp_path / "state", tmp_path / "out"
    cmd = [str(REPO / ".venv/bin/aiscout"), "run", "--demo", "--raw-dir", str(raw), "--state-dir", str(state)]
    cmd += ["--out", str(out)]

    def run() -> subprocess.CompletedProcess:
        proc = subprocess.run(cmd, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc

    run()
    run()  # an incremental run: its articles come back 304
    first, second = list_runs(raw)
    for path in warc_files(raw / first):  # one byte in each WARC file, inside an article record if it has one
        refs = list(iter_refs(raw / first, kinds={"article"}))
        offsets = [r.offset for r in refs if r.path == path] or [path.stat().st_size // 2 - 40]
        _flip(path, offsets[0] + 40)
    shutil.rmtree(raw / second)
    states = sorted(state.glob("crawl-*.sqlite"))
    states[0].write_bytes(b"\0garbage" * 512)

    proc = run()
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 20 and documents["error"].isna().all()
    assert "re-fetched" in proc.stdout and "unreadable" in proc.stdout
    assert "crawl state rebuilt" in proc.stdout


# -- a full raw disk (fault 8) -------------------------------------------------------------------

FULL_DISK_CHILD = r"""
import sys
from pipelines.archive import warc as archive
from spiders.crawl import main
original = archive._gzip_record
def _gzip_record(**record):
    if "/nyheter/a" in record["url"] and record["url"].rstrip("/")[-1] in "024":
        raise OSError(28, "No space left on device")
    return original(**record)
archive._gzip_record = _gzip_record
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_raw_disk_fails_the_run_after_publishing_what_was_archived(news, tmp_path: Path) -> None:
    """Writes that fail (as on a full disk) are counted per source, and the night's verdict is a failure
    with one clear line, not exit 0 with pages silently missing."""
    import json

    from pipelines.archive.warc import ArchiveWriteError
    from pipelines.flows.nightly import check_archive_writes
    from pipelines.flows.summary import RunSummary
    from tests.helpers.processes import run_isolated

    site, reg, urls = news
    job = {
        "run_dir": str(tmp_path / "run"),
        "sources": None,
        "remap": {},
        "state_path": str(tmp_path / "crawl-news.sqlite"),
        "registry_path": str(reg),
        "settings": dict(FAST),
        "timeout_s": None,
        "report_path": str(tmp_path / "report.json"),
    }
    (tmp_path / "job.json").write_text(json.dumps(job))
    proc = run_isolated(FULL_DISK_CHILD.replace("sys.argv[1:]", repr([str(tmp_path / "job.json")])))
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["sources"]["news"]["archive_failed"] == 3
    summary = RunSummary(run_id="r1", code_version="v")
    summary.add_crawl("news", report)
    assert summary.archive_write_failures == 3
    with pytest.raises(ArchiveWriteError, match=r"3 response.*No space left on device.*fetched again"):
        check_archive_writes(summary)
    check_archive_writes(RunSummary(run_id="r2", code_version="v"))  # a good night passes


def test_aiscout_verify_reports_and_repairs(news, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipelines.cli.app import app

    site, reg, urls = news
    raw, state = tmp_path / "raw", tmp_path / "state"
    crawl(raw / "r1", registry_path=reg, state_path=state / "crawl-news.sqlite", settings=dict(FAST))
    (path,) = warc_files(raw / "r1")
    _flip(path, next(ref for ref in iter_refs(raw / "r1") if ref.url.endswith("/a4/")).offset + 40)
    args = ["verify", "--raw-dir", str(raw), "--state-dir", str(state)]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 1, first.output
    assert f"not archived, will be fetched again: {site.base}/nyheter/a4/" in first.output
    assert "1 unreadable stretch(es), 1 page(s) to re-fetch" in first.output
    second = CliRunner().invoke(app, args)  # repaired: the state no longer expects the lost page
    assert "0 page(s) to re-fetch" in second.output
