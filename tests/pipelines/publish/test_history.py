"""Runs you can see: listing (published, failed, demo, current), `latest`, and pruning runs and raw archives."""

import json
from pathlib import Path

import pytest

from pipelines.archive.warc import WarcArchive
from pipelines.archive.warc_reader import list_runs
from pipelines.publish.history import current_documents, output_runs, prune, resolve_run_id, write_run_summary
from pipelines.publish.run import publish
from pipelines.tables.build import build_tables


def _publish(out: Path, run_id: str, records, demo: bool = False) -> None:
    report = publish(build_tables(records), str(out), run_id, "v1")
    summary = {
        "run_id": run_id,
        "kind": "nightly",
        "demo": demo,
        "status": "published",
        "sources": ["s"],
        "crawl": {"s": {"new": 2, "changed": 1, "failed": 0}},
        "started": "t0",
        "finished": "t1",
    }
    write_run_summary(str(out), run_id, summary)
    assert report.run_id == run_id


def test_runs_lists_published_and_failed_runs_and_marks_the_current_one(tmp_path, records):
    out = tmp_path / "out"
    _publish(out, "20260101T030000Z-aaaa", records)
    _publish(out, "20260102T030000Z-bbbb", records[:2])
    write_run_summary(
        str(out),
        "20260103T030000Z-cccc",
        {
            "kind": "nightly",
            "status": "failed",
            "failure": "all 2 sources failed",
            "sources": ["s", "t"],
            "crawl": {"s": {"failed": 3}, "t": {"failed": 1}},
            "failed_sources": {"s": "DNS", "t": "DNS"},
        },
    )
    runs = output_runs(str(out))
    assert [r.run_id for r in runs] == ["20260101T030000Z-aaaa", "20260102T030000Z-bbbb", "20260103T030000Z-cccc"]
    assert [r.current for r in runs] == [False, True, False]
    assert [r.published for r in runs] == [True, True, False]
    assert runs[1].documents == 2 and runs[0].documents == len(records)
    assert runs[2].status == "failed" and runs[2].pages["failed"] == 4 and runs[2].failure.startswith("all 2")
    assert current_documents(str(out)) == 2


def test_the_manifest_says_whether_a_run_is_a_demo(tmp_path, records):
    from pipelines.publish.run import RunOutput

    output = RunOutput(str(tmp_path), "20260101T030000Z-dddd", "v1", demo=True)
    for name, frame in build_tables(records).items():
        from pipelines.publish.parquet import to_arrow

        output.tables.append(name, to_arrow(name, frame))
    output.publish()
    manifest = json.loads((tmp_path / "_current.json").read_text())
    assert manifest["demo"] is True
    assert output_runs(str(tmp_path))[0].demo is True


def test_latest_is_the_newest_run_and_an_empty_folder_has_none():
    assert resolve_run_id("latest", ["20260102T0", "20260101T0"], "data/raw") == "20260102T0"
    assert resolve_run_id("20260101T0", [], "data/raw") == "20260101T0"
    with pytest.raises(ValueError, match="no runs under data/raw"):
        resolve_run_id("latest", [], "data/raw")


def _archive(raw: Path, run_id: str, urls: list[str]) -> None:
    archive = WarcArchive(raw / run_id, "src")
    for url in urls:
        archive.write(
            url=url,
            status=200,
            reason="OK",
            headers=[("Content-Type", "text/html")],
            body=f"<p>{url} {run_id}</p>".encode(),
            fetched_at="2026-01-01T03:00:00Z",
            source="src",
            kind="article",
        )
    archive.close()


def test_prune_keeps_the_newest_runs_the_current_one_and_every_archive_a_kept_run_needs(tmp_path, records):
    out, raw = tmp_path / "out", tmp_path / "raw"
    runs = [f"2026010{i}T030000Z-000{i}" for i in range(1, 6)]
    # run 1 archived a and b; run 2 a new version of a; run 3 c; run 4 nothing new; run 5 a new version of b
    archived = {runs[0]: ["a", "b"], runs[1]: ["a"], runs[2]: ["c"], runs[4]: ["b"]}
    for run_id, pages in archived.items():
        _archive(raw, run_id, [f"https://x.se/{p}/" for p in pages])
    for run_id in runs:
        _publish(out, run_id, records)
    _publish(out, runs[1], records)  # republished (a reprocess): run 2's tables are current
    report = prune(str(out), raw, keep=1)
    assert sorted(p.name for p in (out / "runs").iterdir()) == [runs[1], runs[4]]
    assert report.removed_runs == [runs[0], runs[2], runs[3]]
    # run 2's corpus is a (run 2) and b (run 1); the next run's is a (run 2), b (run 5), c (run 3)
    assert list_runs(raw) == [runs[0], runs[1], runs[2], runs[4]] and report.removed_raw == []
    assert current_documents(str(out)) == len(records) and (out / "documents.parquet").exists()

    _publish(out, runs[4], records[:1])  # run 5 current again: run 1 holds only superseded versions
    report = prune(str(out), raw, keep=1)
    assert sorted(p.name for p in (out / "runs").iterdir()) == [runs[4]]
    assert list_runs(raw) == [runs[1], runs[2], runs[4]] and report.removed_raw == [runs[0]]
    assert current_documents(str(out)) == 1


def test_prune_dry_run_removes_nothing_and_keep_must_be_positive(tmp_path, records):
    out = tmp_path / "out"
    for run_id in ("20260101T0-a", "20260102T0-b"):
        _publish(out, run_id, records)
    report = prune(str(out), tmp_path / "raw", keep=1, dry_run=True)
    assert report.removed_runs == ["20260101T0-a"]
    assert len(list((out / "runs").iterdir())) == 2
    with pytest.raises(ValueError, match="at least 1"):
        prune(str(out), tmp_path / "raw", keep=0)
