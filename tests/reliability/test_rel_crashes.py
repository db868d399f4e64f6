"""Crashes: SIGKILL of a whole run (its process group: the flow and its crawl subprocess) during the
crawl, during processing and during publishing; then the next run completes, the archive holds every
page archived before the kill, and the published tables are complete and readable: the old run's or
the new run's, with a consistent manifest; never a truncated file.

Kill points are deterministic: the child pauses at a patched function and writes a marker file, the
test waits for the marker (or for the first WARC record), then kills the process group.
All children use the session's Prefect test server (PREFECT_API_URL), so none starts its own.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.archive.warc_reader import iter_pages, list_runs, warc_files
from pipelines.cli.app import DEMO_SNAPSHOT
from tests.helpers.paths import REPO
from tests.helpers.processes import start_child

pytestmark = pytest.mark.slow
TABLES = ("documents", "organisations", "programmes", "people", "amounts", "dates")

# A child that runs `reprocess` (or `nightly` on the demo snapshot) with one function patched to pause.
DRIVER = r"""
import json, os, sys, time
from pathlib import Path
from pipelines.flows import pages as process
from pipelines.publish import run as publish
fault, n, marker = os.environ.get("FAULT", ""), int(os.environ.get("FAULT_N", "1")), Path(os.environ["FAULT_MARKER"])
calls = {"n": 0}

def pause_at_call(what):
    calls["n"] += 1
    if calls["n"] == n:
        marker.write_text(what)
        time.sleep(3600)

if fault == "process":
    original = process.extract_within_budget  # extraction of one page (in its worker process)
    def extract_within_budget(*a, **kw):
        pause_at_call("process")
        return original(*a, **kw)
    process.extract_within_budget = extract_within_budget
elif fault == "publish-write":  # n-1 run files in place, a torn temporary copy of the n-th, then die
    original_sha = publish._sha256
    def _sha256(fs, path):
        if calls["n"] + 1 == n:
            data = fs.cat_file(path)
            fs.pipe_file(publish._tmp_sibling(path), data[: len(data) // 2])
        pause_at_call("publish-write")
        return original_sha(fs, path)
    publish._sha256 = _sha256
elif fault == "publish-switch":  # die while the current tables are being switched
    original_link = publish._link_atomically
    def _link_atomically(link, target):
        os.symlink(target, publish._tmp_sibling(str(link)))  # the new link is ready, not yet renamed
        pause_at_call("publish-switch")
        return original_link(link, target)
    publish._link_atomically = _link_atomically
from pipelines.flows.nightly import reprocess
args = json.loads(sys.argv[1])
result = reprocess(**args)
print(json.dumps({"run_id": result["run_id"]}))
"""


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's own process group (it was started in a new session)."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def wait_for(condition, proc: subprocess.Popen, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"child exited ({proc.returncode}) before {what}: {err[-3000:]}")
        if time.monotonic() > deadline:
            kill_group(proc)
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def read_published(out: Path) -> dict:
    """Every current table read in full, the manifest, and each table's run_id metadata."""
    manifest = json.loads((out / "_current.json").read_text(encoding="utf-8"))
    tables, run_ids = {}, {}
    for name in TABLES:
        path = out / f"{name}.parquet"
        tables[name] = pd.read_parquet(path)
        run_ids[name] = pq.read_schema(path).metadata[b"aiscout.run_id"].decode()
    for name, entry in manifest["tables"].items():  # the manifest's own run files are intact
        import hashlib

        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
    return {"manifest": manifest, "tables": tables, "run_ids": run_ids}


def assert_consistent(out: Path, run_id: str | None = None) -> dict:
    pub = read_published(out)
    current = pub["manifest"]["run_id"]
    assert set(pub["run_ids"].values()) == {current}, pub["run_ids"]  # one run, not a mix
    assert run_id is None or current == run_id
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    return pub


@pytest.fixture(scope="module")
def baseline(demo_first_night):
    """One complete nightly run on the demo snapshot: raw archive, state, published tables (the session's first
    demo night, tests/helpers/demo_runs.py; copy it before changing it)."""
    return demo_first_night


def copy_baseline(baseline, tmp_path: Path) -> Path:
    root, _ = baseline
    shutil.copytree(root, tmp_path / "w", symlinks=True)  # keep out/current a link, as on disk
    return tmp_path / "w"


def test_kill_during_crawl_then_next_run_completes(tmp_path, prefect_harness) -> None:
    """`aiscout run --demo` killed as soon as its first WARC record is on disk (mid-crawl)."""
    raw, state, out = tmp_path / "raw", tmp_path / "state", tmp_path / "out"
    cmd = [
        str(REPO / ".venv" / "bin" / "aiscout"),
        "run",
        "--demo",
        "--raw-dir",
        str(raw),
        "--state-dir",
        str(state),
        "--out",
        str(out),
    ]

    def first_record() -> bool:
        return any(p.stat().st_size > 0 for p in raw.glob("*/*.warc.gz.open"))

    proc = start_child(cmd)
    wait_for(first_record, proc, what="the first WARC record")
    kill_group(proc)
    [killed_run] = list_runs(raw)
    before = list(iter_pages(raw / killed_run, kinds=None))  # readable, whole records only
    assert before and not (out / "_current.json").exists()
    assert any(f.name.endswith(".open") for f in warc_files(raw / killed_run))  # the crash is visible

    from pipelines.devtools.demo_server import serve_snapshot
    from pipelines.flows.nightly import nightly
    from spiders.settings import FAST_SETTINGS

    with serve_snapshot(DEMO_SNAPSHOT) as server:  # the next run (in this process: same flow as the CLI's)
        nightly(
            raw_dir=str(raw),
            state_dir=str(state),
            out=str(out),
            sources=server.sources(),
            remap=server.remap(),
            crawl_settings=FAST_SETTINGS,
        )
    after = {p.record_id for p in iter_pages(raw / killed_run, kinds=None)}
    assert {p.record_id for p in before} <= after  # nothing archived before the kill was lost
    pub = assert_consistent(out)
    assert len(pub["tables"]["documents"]) == 20 and pub["tables"]["documents"]["error"].isna().all()


def run_driver(work: Path, fault: str, n: int, run_id: str, tmp_path: Path) -> None:
    marker = tmp_path / "paused"
    args = {"run_id": run_id, "raw_dir": str(work / "raw"), "state_dir": str(work / "state"), "out": str(work / "out")}
    proc = start_child(
        [sys.executable, "-c", DRIVER, json.dumps(args)], FAULT=fault, FAULT_N=str(n), FAULT_MARKER=str(marker)
    )
    wait_for(marker.exists, proc, what=f"the {fault} pause")
    kill_group(proc)


def test_kill_during_processing(baseline, tmp_path) -> None:
    from pipelines.flows.nightly import reprocess

    work = copy_baseline(baseline, tmp_path)
    shutil.rmtree(work / "state" / "extracted")  # so the pages are extracted again (and the tables rebuilt)
    shutil.rmtree(work / "state" / "tables", ignore_errors=True)
    old = assert_consistent(work / "out")
    run_id = baseline[1]["run_id"]
    run_driver(work, "process", 4, run_id, tmp_path)
    assert assert_consistent(work / "out")["manifest"] == old["manifest"]  # untouched
    cached = list((work / "state" / "extracted").rglob("*.json"))
    assert len(cached) == 3 and not list((work / "state" / "extracted").rglob("*.tmp"))
    result = reprocess(run_id=run_id, raw_dir=str(work / "raw"), state_dir=str(work / "state"), out=str(work / "out"))
    assert result["cached"] == 3
    new = assert_consistent(work / "out", run_id)
    for name in TABLES:
        pd.testing.assert_frame_equal(new["tables"][name], old["tables"][name])


@pytest.mark.parametrize("n", [1, 4])
def test_kill_while_writing_the_run_files(baseline, tmp_path, n: int) -> None:
    """A torn temporary file and an incomplete run folder: the old tables stay current and whole."""
    from pipelines.flows.nightly import reprocess

    work = copy_baseline(baseline, tmp_path)
    old = assert_consistent(work / "out")
    new_id = old["manifest"]["run_id"] + "-again"  # a later id for the same archive
    shutil.copytree(work / "raw" / old["manifest"]["run_id"], work / "raw" / new_id)
    run_driver(work, "publish-write", n, new_id, tmp_path)
    assert assert_consistent(work / "out")["manifest"] == old["manifest"]
    assert not (work / "out" / "runs" / new_id / "_manifest.json").exists()  # the new run is visibly incomplete
    reprocess(run_id=new_id, raw_dir=str(work / "raw"), state_dir=str(work / "state"), out=str(work / "out"))
    assert_consistent(work / "out", new_id)
    assert not list((work / "out").rglob("*.tmp"))  # the torn temporary file was cleaned up


def test_kill_while_switching_the_current_tables(baseline, tmp_path) -> None:
    """Killed at the switch of the current tables (the new ``current`` link made, not yet renamed):
    every table, the manifest and the DuckDB file still come from the old run — never a mix — and
    the next run completes and switches all of them."""
    from pipelines.flows.nightly import reprocess
    from pipelines.publish.duckdb_views import connect

    work = copy_baseline(baseline, tmp_path)
    out = work / "out"
    old = assert_consistent(out)
    new_id = old["manifest"]["run_id"] + "-again"
    shutil.copytree(work / "raw" / old["manifest"]["run_id"], work / "raw" / new_id)
    run_driver(work, "publish-switch", 1, new_id, tmp_path)
    pub = read_published(out)  # every table whole and readable
    assert pub["manifest"] == old["manifest"]
    assert set(pub["run_ids"].values()) == {old["manifest"]["run_id"]}  # one run, not a mix
    con = connect(out / "aiscout.duckdb")
    try:
        assert con.execute("select count(*) from documents").fetchall()[0][0] == len(old["tables"]["documents"])
    finally:
        con.close()
    reprocess(run_id=new_id, raw_dir=str(work / "raw"), state_dir=str(work / "state"), out=str(out))
    assert_consistent(out, new_id)
