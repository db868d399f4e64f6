"""Two `aiscout run` at once: on the same state folder, or on the same local output folder with
different state folders, the second refuses at once with a clear message (exit 2) and the first
completes with whole, consistent tables."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from pipelines.flows.lock import OUTPUT_LOCK_NAME, RunLock, RunLockedError, local_output_folder, run_locks
from tests.helpers.paths import REPO
from tests.helpers.processes import child_env, start_child

AISCOUT = str(REPO / ".venv" / "bin" / "aiscout")


def test_locks_cover_state_and_local_output(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    with run_locks(tmp_path / "s1", out):
        with pytest.raises(RunLockedError, match="another aiscout run"):
            run_locks(tmp_path / "s2", out)  # same output, other state folder
        with pytest.raises(RunLockedError, match="another aiscout run"):
            run_locks(tmp_path / "s1", str(tmp_path / "out2"))  # same state folder
        with pytest.raises(RunLockedError):
            run_locks(tmp_path / "s2", f"file://{out}")  # the same folder as a URL
        assert not RunLock(tmp_path / "s2")._fd  # a refused run_locks released what it took
        with RunLock(tmp_path / "s2"):
            pass
        with run_locks(tmp_path / "s3", "memory://elsewhere"):  # remote outputs: the state lock only
            pass
    with run_locks(tmp_path / "s2", out):  # released on exit
        pass
    assert (tmp_path / "out" / OUTPUT_LOCK_NAME).exists()
    assert local_output_folder("s3://bucket/x") is None and local_output_folder("data/out") == Path("data/out")


@pytest.mark.slow
def test_second_concurrent_run_refuses_and_first_completes(tmp_path: Path, prefect_harness) -> None:
    out = tmp_path / "out"

    def cmd(state: str, output: Path = out) -> list[str]:
        return [
            AISCOUT,
            "run",
            "--demo",
            "--raw-dir",
            str(tmp_path / f"raw-{state}"),
            "--state-dir",
            str(tmp_path / state),
            "--out",
            str(output),
        ]

    first = start_child(cmd("s1"))
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "raw-s1").glob("*/*.warc.gz*")):  # holding its locks and crawling
            assert first.poll() is None and time.monotonic() < deadline, (
                first.stderr.read()[-2000:] if first.poll() else "timeout"
            )
            time.sleep(0.01)
        os.killpg(first.pid, signal.SIGSTOP)  # hold the first run mid-crawl (deterministic overlap)
        try:
            for second in (cmd("s2"),):  # same output, other state folder (same state: test_locks_cover_...)
                t = time.monotonic()
                refused = subprocess.run(second, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120)
                assert refused.returncode == 2, (refused.stdout, refused.stderr[-2000:])
                assert "another aiscout run" in refused.stderr and f"pid {first.pid}" in refused.stderr
                assert time.monotonic() - t < 30
        finally:
            os.killpg(first.pid, signal.SIGCONT)
        stdout, stderr = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert first.returncode == 0, stderr[-3000:]
    assert not (tmp_path / "raw-s2").exists()  # the refused run did not even start crawling
    manifest = json.loads((out / "_current.json").read_text(encoding="utf-8"))
    for name, entry in manifest["tables"].items():
        pd.read_parquet(out / f"{name}.parquet")
        assert (out / entry["path"]).is_file()
