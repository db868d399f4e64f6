"""A night where every source fails, end to end with the demo server stopped: the command exits
non-zero, the Prefect flow run ends Failed, the summary says what failed and why, and the current
tables stay exactly as they were. A corpus much smaller than the current one is refused too."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.publish.history import output_runs
from pipelines.publish.run import publish
from pipelines.tables.build import build_tables
from tests.helpers.processes import child_env

pytestmark = pytest.mark.slow
AISCOUT = str(Path(sys.executable).parent / "aiscout")
GOOD_RUN = "20260101T030000Z-good"


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: nothing listens there


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix in (".parquet", ".json")}
    return {**files, "current ->": os.readlink(out / "current").encode()}


def _flow_run_state(out: Path) -> str:
    from prefect.client.orchestration import get_client

    async def read() -> str:
        async with get_client() as client:
            runs = await client.read_flow_runs()
        [run] = [r for r in runs if r.parameters.get("out") == str(out)]
        return run.state.type.value

    return asyncio.run(read())


def test_a_night_where_every_source_fails_publishes_nothing_and_fails(tmp_path, prefect_harness, records):
    out = tmp_path / "out"
    publish(build_tables(records), str(out), GOOD_RUN, "v1")
    before = _snapshot(out)
    result = subprocess.run(
        [
            AISCOUT,
            "run",
            "--demo",
            "--demo-url",
            f"http://127.0.0.1:{_unused_port()}",
            "--raw-dir",
            str(tmp_path / "raw"),
            "--state-dir",
            str(tmp_path / "state"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=child_env(AISCOUT_CONTACT_URL="https://e.se/c"),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("aiscout run: FAILED: all 5 sources failed")
    assert "RUN FAILED, nothing published" in result.stdout and "publishing" not in result.stderr
    crawled = [line for line in result.stderr.splitlines() if "] crawled " in line]
    assert len(crawled) == 5 and all(" failed 0" not in line for line in crawled), crawled
    assert _snapshot(out) == before  # the current tables, manifest and link are untouched
    assert _flow_run_state(out) == "FAILED"
    [good, failed] = output_runs(str(out))
    assert good.run_id == GOOD_RUN and good.current
    assert failed.status == "failed" and not failed.published and failed.pages["failed"] >= 5
    assert len(failed.failed_sources) == 5 and all("nothing archived" in w for w in failed.failed_sources.values())
    summary = json.loads((out / "runs" / failed.run_id / "_summary.json").read_text())
    assert summary["demo"] is True and summary["failure"].startswith("all 5 sources failed")


def test_a_corpus_much_smaller_than_the_current_one_is_refused_unless_allowed(tmp_path, prefect_harness, records):
    from pipelines.flows.health import RunFailed
    from pipelines.flows.nightly import nightly

    out = tmp_path / "out"
    publish(build_tables(records), str(out), GOOD_RUN, "v1")
    before = _snapshot(out)
    folders = {"raw_dir": str(tmp_path / "raw"), "state_dir": str(tmp_path / "state"), "out": str(out)}
    with pytest.raises(RunFailed, match="the corpus is empty"):
        nightly(**folders, sources=[])  # no source and no archive: an empty corpus
    assert _snapshot(out) == before
    result = nightly(**folders, sources=[], allow_shrink=True)
    assert result["status"] == "published" and result["rows"]["documents"] == 0
    assert json.loads((out / "_current.json").read_text())["run_id"] == result["run_id"]
