"""Bounded work per page and children that end with the main process (issue 19, faults 7 and 8).

Tag-dense pages (5 MB of ``<a>``: 145 s) took minutes with no limit; now every page gets a time budget and an
over-budget page becomes a ``documents`` row with ``error`` while the others are processed. The checks
run in a child process with a hard time limit, so the code before the budget fails by timing out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers.paths import REPO
from tests.helpers.processes import run_isolated


def test_an_over_budget_page_is_an_error_row_and_the_others_go_on() -> None:
    proc = run_isolated(
        """
        import time
        from pipelines.archive.warc_reader import ArchivedPage
        from pipelines.flows import budget
        from pipelines.flows.pages import process_page

        budget.PAGE_BUDGET_S = 3.0
        def page(url, body):
            return ArchivedPage(url=url, status=200, headers={}, body=body, fetched_at="2025-01-01T00:00:00Z",
                                source="s", kind="article", content_type="text/html", record_id="x")
        soup = b"<html><body>" + b"<a href='/x'>x</a>" * (15 * 1024 * 1024 // 18) + b"</body></html>"
        good = b"<html><body><article><h1>Titel</h1><p>Vinnova satsar 10 miljoner kronor.</p></article></body></html>"
        process_page(page("https://example.se/first/", good), run_id="r")  # the worker is up before the clock starts
        started = time.monotonic()
        bad, _ = process_page(page("https://example.se/soup/", soup), run_id="r")
        ok, _ = process_page(page("https://example.se/ok/", good), run_id="r")
        print(round(time.monotonic() - started, 1))
        print(bad.error)
        print(ok.error, ok.document is not None and "Vinnova" in ok.document.text)
        """,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    seconds, error, good = proc.stdout.strip().splitlines()
    assert "time budget" in error
    assert good == "None True"
    assert float(seconds) < 20


@pytest.mark.slow
def test_kill_9_of_the_cli_ends_its_children(tmp_path: Path) -> None:
    """`aiscout run --demo` with Prefect's own temporary server: SIGKILL of the CLI process alone (not its
    group) while its crawl runs; every process it started ends within seconds."""
    from pipelines.flows.watchdog import descendants

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PYTHONPATH=str(REPO))
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "300"  # a busy 2-core machine
    cmd = [str(REPO / ".venv/bin/aiscout"), "run", "--demo", "--raw-dir", str(tmp_path / "raw")]
    cmd += ["--state-dir", str(tmp_path / "state"), "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 180
        while not list((tmp_path / "raw").glob("*/*.warc.gz*")):  # the crawl child is running
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended or hung before crawling"
            time.sleep(0.05)
        children = descendants(proc.pid)
        assert len(children) >= 3  # the watchdog, Prefect's server, the crawl child (at least)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in children):
            time.sleep(0.2)
        left = [p for p in children if Path(f"/proc/{p}").exists()]
        assert not left, f"orphaned: {[Path(f'/proc/{p}/cmdline').read_bytes()[:120] for p in left]}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
