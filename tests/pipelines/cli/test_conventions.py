"""Command-line conventions: --version, completion, one-line usage errors with exit 2, Ctrl-C exit 130,
bad values found before any work starts, the settings file, -v/-q and -s overrides."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.app import app
from pipelines.cli.runs import crawl_overrides, work_folders
from tests.helpers.paths import REPO

AISCOUT = str(Path(sys.executable).parent / "aiscout")


def aiscout(*args: str, cwd: Path = REPO, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("AISCOUT_CONFIG", "PREFECT_API_URL")}
    return subprocess.run(
        [AISCOUT, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**environ, **env}
    )


def test_version_and_completion():
    result = aiscout("--version")
    assert result.returncode == 0 and result.stdout.startswith("aiscout ") and result.stdout.strip()[-1].isdigit()
    assert "--install-completion" in aiscout("--help").stdout


@pytest.mark.parametrize(
    "args, says",
    [
        (["run", "--bogus"], "No such option: --bogus"),
        (["nosuch"], "No such command 'nosuch'"),
        (["prune"], "Missing option '--keep'"),
        (["prune", "--keep", "0"], "--keep"),
        (["run", "--max-failed-share", "2"], "--max-failed-share"),
        (["run", "--source", "nosuch"], "unknown source(s): nosuch"),
        (["run", "-s", "NOEQUALS"], "-s expects KEY=VALUE"),
        (["run", "--task-runner", "dask", "--dask-address", "tcp://127.0.0.1:1"], "no Dask scheduler answers"),
        (["sources", "list", "--registry", "/nonexistent.yaml"], "/nonexistent.yaml"),
        (["reprocess", "latest", "--raw-dir", "/nonexistent-raw"], "no runs under /nonexistent-raw"),
        (["query", "select", "--out", "/nonexistent-out"], "no tables under /nonexistent-out"),
        (["serve", "--cron", "61 3 * * *"], "invalid cron"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, says):
    result = aiscout(*args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_serve_on_a_taken_port_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = aiscout("serve", "--port", str(taken.getsockname()[1]))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "is in use" in result.stderr


def test_ctrl_c_exits_130():
    process = subprocess.Popen(
        [AISCOUT, "extract", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(3)  # it waits for stdin
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr


def test_settings_file_gives_option_defaults_and_rejects_unknown_keys(tmp_path):
    (tmp_path / "aiscout.toml").write_text('[query]\nout = "elsewhere"\n', encoding="utf-8")
    result = aiscout("query", "select 1", cwd=tmp_path)
    assert result.returncode == 2 and "no tables under elsewhere" in result.stderr
    (tmp_path / "aiscout.toml").write_text("[query]\nbogus = 1\n", encoding="utf-8")
    result = aiscout("query", "select 1", cwd=tmp_path)
    assert result.returncode == 2 and "[query] has no option bogus" in result.stderr
    (tmp_path / "aiscout.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.aiscout.runs]\nout = "from-pyproject"\n', encoding="utf-8")
    assert "no runs under from-pyproject" in aiscout("runs", cwd=tmp_path).stdout
    (tmp_path / "aiscout.toml").write_text('[sources.list]\nregistry = "/nonexistent.yaml"\n', encoding="utf-8")
    result = aiscout("sources", "list", cwd=tmp_path)
    assert result.returncode == 2 and "/nonexistent.yaml" in result.stderr
    (tmp_path / "aiscout.toml").unlink()
    other = tmp_path / "other.toml"
    other.write_text('[runs]\nout = "from-env"\n', encoding="utf-8")
    assert "no runs under from-env" in aiscout("runs", cwd=tmp_path, AISCOUT_CONFIG=str(other)).stdout


def test_quiet_and_verbose_set_the_log_levels(tmp_path, capsys):
    from pipelines.flows.nightly import progress

    runner = CliRunner()
    try:
        assert runner.invoke(app, ["-q", "runs", "--out", str(tmp_path)]).exit_code == 0
        assert os.environ["PREFECT_LOGGING_LEVEL"] == "ERROR"
        progress("a progress line")
        assert "a progress line" not in capsys.readouterr().err
        assert runner.invoke(app, ["-vv", "runs", "--out", str(tmp_path)]).exit_code == 0
        assert os.environ["PREFECT_LOGGING_LEVEL"] == "DEBUG"
        progress("a progress line")
        assert "a progress line" in capsys.readouterr().err
    finally:
        assert runner.invoke(app, ["runs", "--out", str(tmp_path)]).exit_code == 0
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "WARNING" and "AISCOUT_QUIET" not in os.environ


def test_setting_overrides_are_typed_like_scrapy_settings():
    assert crawl_overrides(["DOWNLOAD_DELAY=2.5", "ROBOTSTXT_OBEY=false", "USER_AGENT=x/1 (+https://e.se)"]) == {
        "DOWNLOAD_DELAY": 2.5,
        "ROBOTSTXT_OBEY": False,
        "USER_AGENT": "x/1 (+https://e.se)",
    }
    with pytest.raises(ValueError, match="KEY=VALUE"):
        crawl_overrides(["=3"])


def test_demo_runs_keep_their_own_folders():
    raw, state, out = work_folders(demo=True)
    real = work_folders(demo=False)
    assert raw.name == state.name == Path(out).name == "demo"
    assert Path(out).parent == Path(real[2]) and raw.parent == real[0]


def test_a_real_run_without_contact_url_warns_and_a_held_lock_is_one_line(tmp_path):
    from pipelines.flows.lock import RunLock

    env = {k: v for k, v in os.environ.items() if k not in ("AISCOUT_CONTACT_URL", "AISCOUT_CONFIG")}
    args = [AISCOUT, "run", "--state-dir", str(tmp_path / "state"), "--out", str(tmp_path / "out")]
    with RunLock(tmp_path / "state"):  # another run holds the state folder: this one stops before crawling
        result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
        with_contact = subprocess.run(
            args, capture_output=True, text=True, env={**env, "AISCOUT_CONTACT_URL": "https://e.se/c"}, timeout=120
        )
    assert result.returncode == with_contact.returncode == 2
    warning, error = result.stderr.strip().splitlines()
    assert "AISCOUT_CONTACT_URL is not set" in warning and "another aiscout run" in error
    assert with_contact.stderr.strip().splitlines() == [error]


def test_starting_prefects_temporary_server_is_announced(monkeypatch, capsys):
    from pipelines.cli.runs import _announce_prefect

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("AISCOUT_VERBOSITY", "0")
    _announce_prefect()
    assert "starting Prefect's temporary server" in capsys.readouterr().err
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    _announce_prefect()
    assert capsys.readouterr().err == ""


def test_reprocess_of_a_demo_run_without_demo_says_to_add_it(tmp_path):
    from pipelines.archive.warc import WarcArchive

    archive = WarcArchive(tmp_path / "raw" / "demo" / "20260101T030000Z-abcd", "oru")
    archive.write(
        url="https://www.oru.se/nyheter/x/",
        status=200,
        reason="OK",
        headers=[("Content-Type", "text/html")],
        body=b"<p>x</p>",
        fetched_at="2026-01-01T03:00:00Z",
        source="oru",
        kind="article",
    )
    archive.close()
    result = aiscout("reprocess", "20260101T030000Z-abcd", AISCOUT_WORK_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("it is a demo run: add --demo"), result.stderr
    result = aiscout("reprocess", "latest", AISCOUT_WORK_DIR=str(tmp_path))
    assert result.returncode == 2 and f"no runs under {tmp_path / 'raw'}" in result.stderr
