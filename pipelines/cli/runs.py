"""`aiscout run`, `reprocess`, `runs`, `prune` and `serve`: the nightly flow and the runs it leaves."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import typer

from pipelines.cli.base import app, one_line, prefect_env, say, usage_error
from pipelines.cli.options import AllowShrink, DaskAddress, DemoProfile, OutDir, RawDir, StateDir, TaskRunner
from pipelines.flows.health import DEFAULT_MAX_FAILED_SHARE
from pipelines.langdata import data_dir, work_dir

DEMO_SNAPSHOT = data_dir() / "snapshots" / "demo"
DEMO = "demo"  # the demo profile's sub-folder of data/raw, data/state and data/out
EXIT_RUN_FAILED = 1


def work_folders(
    demo: bool, raw_dir: Path | None = None, state_dir: Path | None = None, out: str | None = None
) -> tuple[Path, Path, str]:
    """Raw archive, state and output folders: demo runs keep all three apart from real crawls."""
    profile = DEMO if demo else ""
    return (
        raw_dir or work_dir() / "raw" / profile,
        state_dir or work_dir() / "state" / profile,
        out or str(work_dir() / "out" / profile).rstrip("/"),
    )


def crawl_overrides(pairs: list[str]) -> dict[str, Any]:
    """``-s KEY=VALUE`` Scrapy setting overrides; a value is read as JSON when it parses (numbers,
    true/false, lists), else kept as text. ValueError for a pair without ``=`` or a bad key."""
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not key.strip().replace("_", "").isalnum():
            raise ValueError(f"-s expects KEY=VALUE with a Scrapy setting name, not {pair!r}")
        try:
            settings[key.strip()] = json.loads(value)
        except ValueError:
            settings[key.strip()] = value
    return settings


def check_dask_address(address: str | None, timeout: float = 3.0) -> None:
    """ValueError at once when the Dask scheduler at ``address`` (tcp://host:port) does not answer."""
    if not address:
        return
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if not parts.hostname or not parts.port:
        raise ValueError(f"--dask-address must look like tcp://host:8786, not {address!r}")
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=timeout).close()
    except OSError as exc:
        raise ValueError(f"no Dask scheduler answers at {address}: {exc.strerror or exc}") from None


def check_sources(names: list[str] | None) -> None:
    """ValueError at once for a --source that is not in the registry."""
    from spiders.registry import load_sources

    known = {s.name for s in load_sources()}
    unknown = sorted(set(names or []) - known)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)} (see aiscout sources list)")


@contextlib.contextmanager
def _failures(command: str) -> Iterator[None]:
    """A failed run prints its summary and one line saying why, and exits 1; a held lock or a bad
    value found by the flow is one line and exit 2."""
    from pipelines.archive.warc import ArchiveWriteError
    from pipelines.flows.health import RunFailed
    from pipelines.flows.lock import RunLockedError
    from pipelines.flows.summary import render_text

    try:
        yield
    except ArchiveWriteError as exc:  # a run that could not archive everything (a full disk): one line, exit 1
        typer.echo(f"aiscout {command}: FAILED: {one_line(str(exc))}", err=True)
        raise typer.Exit(code=EXIT_RUN_FAILED) from None
    except RunFailed as exc:
        if exc.summary:
            typer.echo(render_text(exc.summary))
        typer.echo(f"aiscout {command}: FAILED: {one_line(str(exc))}", err=True)
        raise typer.Exit(code=EXIT_RUN_FAILED) from None
    except (RunLockedError, ValueError, FileNotFoundError) as exc:
        usage_error(command, str(exc))


def flow_folders(raw: Path, state: Path, out: str) -> dict[str, str]:
    """The folders as the flows take them (``raw_dir``, ``state_dir``, ``out``)."""
    return {"raw_dir": str(raw), "state_dir": str(state), "out": out}


def _check_unlocked(command: str, state: Path, out: str) -> None:
    """Fail at once, before Prefect starts, when another run holds the state or output folder (the flow
    takes the locks itself for the whole run; this only makes the common case one quick line)."""
    from pipelines.flows.lock import run_locks

    with _failures(command), run_locks(Path(state), out):
        pass


def _announce_prefect() -> None:
    if not os.environ.get("PREFECT_API_URL"):
        say("starting Prefect's temporary server (about 10 s; set PREFECT_API_URL to use a running one)")


@app.command()
def run(
    demo: bool = typer.Option(False, "--demo", help="crawl the bundled demo snapshot, served on 127.0.0.1"),
    snapshot: Path = typer.Option(DEMO_SNAPSHOT, help="the snapshot folder served with --demo"),
    demo_url: str | None = typer.Option(
        None, help="with --demo: crawl the snapshot from a server already running at this URL"
    ),
    source: list[str] | None = typer.Option(None, "--source", help="only these sources (repeatable)"),
    setting: list[str] | None = typer.Option(
        None, "-s", "--set", help="Scrapy setting override KEY=VALUE, as in scrapy crawl -s (repeatable)"
    ),
    raw_dir: RawDir = None,
    state_dir: StateDir = None,
    out: OutDir = None,
    task_runner: TaskRunner = "threads",
    dask_address: DaskAddress = None,
    max_failed_share: float = typer.Option(
        DEFAULT_MAX_FAILED_SHARE, min=0.0, max=1.0, help="the run fails when more than this share of sources fail"
    ),
    allow_shrink: AllowShrink = False,
) -> None:
    """Run the nightly flow once: crawl, archive, extract, parse, validate, publish."""
    began = time.monotonic()
    raw, state, out = work_folders(demo, raw_dir, state_dir, out)
    with _failures("run"):
        overrides = crawl_overrides(setting or [])
        check_sources(source)
        check_dask_address(dask_address)
    if not demo and not os.environ.get("AISCOUT_CONTACT_URL"):
        say("warning: AISCOUT_CONTACT_URL is not set: the user agent names the project's page, not yours")
    _check_unlocked("run", state, out)
    prefect_env()
    from pipelines.devtools.demo_server import SnapshotServer, serve_snapshot
    from pipelines.flows.nightly import nightly as nightly_flow
    from pipelines.flows.runners import with_runner
    from pipelines.flows.summary import render_text
    from spiders.settings import FAST_SETTINGS  # politeness is for real sites, not the local server

    with _failures("run"):
        nightly = with_runner(nightly_flow, task_runner, dask_address)
    # the flow takes the state and output locks (a held lock: exit 2)
    with _failures("run"), contextlib.ExitStack() as stack:
        crawl: dict[str, Any] = {"sources": source, "remap": None, "crawl_settings": overrides or None}
        if demo:
            if demo_url:
                server = SnapshotServer(root=snapshot, base_url=demo_url.rstrip("/"))
            else:
                server = stack.enter_context(serve_snapshot(snapshot))
            say(f"crawling the demo snapshot {snapshot} on {server.base_url}")
            # never the real sites of sources the snapshot does not hold
            crawl = {
                "sources": source or server.sources(),
                "remap": server.remap(),
                "crawl_settings": {**FAST_SETTINGS, **overrides},
            }
        _announce_prefect()
        folders = flow_folders(raw, state, out)
        result = nightly(**folders, **crawl, demo=demo, max_failed_share=max_failed_share, allow_shrink=allow_shrink)
    typer.echo(render_text(result))
    typer.echo(f"wall time {time.monotonic() - began:.1f} s (Prefect start-up included)")


@app.command()
def reprocess(
    run_id: str = typer.Argument(..., help="the archived run to re-parse, or latest (see aiscout runs)"),
    demo: DemoProfile = False,
    raw_dir: RawDir = None,
    state_dir: StateDir = None,
    out: OutDir = None,
    allow_shrink: AllowShrink = False,
) -> None:
    """Re-parse an archived run without the network and publish its tables."""
    from pipelines.archive.warc_reader import list_runs
    from pipelines.publish.history import resolve_run_id

    raw, state, out = work_folders(demo, raw_dir, state_dir, out)
    archived = list_runs(raw)
    with _failures("reprocess"):
        run_id = resolve_run_id(run_id, archived, str(raw))
    if run_id not in archived:
        hint = ""
        if not demo and raw_dir is None and run_id in list_runs(work_folders(True)[0]):
            hint = "; it is a demo run: add --demo"
        usage_error(
            "reprocess", f"no archived run {run_id!r} under {raw} (have: {', '.join(archived) or 'none'}){hint}"
        )
    _check_unlocked("reprocess", state, out)
    prefect_env()
    from pipelines.flows.nightly import reprocess as reprocess_flow
    from pipelines.flows.summary import render_text

    _announce_prefect()
    with _failures("reprocess"):  # the flow takes the state and output locks
        result = reprocess_flow(run_id=run_id, **flow_folders(raw, state, out), demo=demo, allow_shrink=allow_shrink)
    typer.echo(render_text(result))


@app.command("runs")
def list_runs_command(
    demo: DemoProfile = False,
    out: OutDir = None,
    as_json: bool = typer.Option(False, "--json", help="one JSON object per run instead of the table"),
) -> None:
    """The runs under the output folder, oldest first: when, demo or real, sources, pages, documents,
    published or failed (and why); * marks the run whose tables are current."""
    from dataclasses import asdict

    from pipelines.publish.history import output_runs

    out = work_folders(demo, out=out)[2]
    runs = output_runs(out)
    if as_json:
        for info in runs:
            typer.echo(json.dumps(asdict(info), ensure_ascii=False))
        return
    if not runs:
        typer.echo(f"no runs under {out}")
        return
    typer.echo(
        f"  {'run_id':<24} {'kind':<9} {'profile':<7} {'started':<25} {'finished':<25} "
        f"{'sources':>7} {'new':>5} {'changed':>7} {'failed':>6} {'documents':>9}  status"
    )
    for r in runs:
        status = r.status + (f": {r.failure}" if r.failure else "")
        typer.echo(
            f"{'*' if r.current else ' '} {r.run_id:<24} {r.kind:<9} {'demo' if r.demo else 'real':<7} "
            f"{r.started or '-':<25} {r.finished or '-':<25} {len(r.sources):>7} {r.pages['new']:>5} "
            f"{r.pages['changed']:>7} {r.pages['failed']:>6} {r.documents if r.documents is not None else '-':>9}  "
            f"{status}"
        )


@app.command()
def prune(
    keep: int = typer.Option(..., "--keep", min=1, help="how many of the newest runs to keep"),
    demo: DemoProfile = False,
    raw_dir: RawDir = None,
    state_dir: StateDir = None,
    out: OutDir = None,
    dry_run: bool = typer.Option(False, "--dry-run", help="say what would be removed, remove nothing"),
) -> None:
    """Remove all but the newest N runs' tables and the raw archives no kept run needs
    (never the current tables, nor an archive that holds a page of a kept run's corpus)."""
    from pipelines.flows.lock import run_locks
    from pipelines.publish.history import prune as prune_runs

    raw, state, out = work_folders(demo, raw_dir, state_dir, out)
    with _failures("prune"), run_locks(Path(state), out):
        report = prune_runs(out, raw, keep, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    typer.echo(f"{verb} {len(report.removed_runs)} runs under {out}/runs: {', '.join(report.removed_runs) or '-'}")
    typer.echo(f"{verb} {len(report.removed_raw)} raw archives under {raw}: {', '.join(report.removed_raw) or '-'}")
    typer.echo(f"kept {len(report.kept_runs)} runs and {len(report.kept_raw)} raw archives")


@app.command()
def serve(
    cron: str = typer.Option("0 3 * * *", help="when to run (5-field cron)"),
    timezone: str = typer.Option("Europe/Stockholm", help="time zone of the cron schedule"),
    port: int = typer.Option(4200, help="port of the local Prefect server started when PREFECT_API_URL is unset"),
    raw_dir: Path = typer.Option(work_dir() / "raw", help="raw archive folder"),
    state_dir: Path = typer.Option(work_dir() / "state", help="crawl state and cache folder"),
    out: str = typer.Option(str(work_dir() / "out"), help="output folder or fsspec URL"),
    task_runner: TaskRunner = "threads",
    dask_address: DaskAddress = None,
) -> None:
    """Serve the nightly flow on a cron schedule until stopped (needs a real Prefect server:
    PREFECT_API_URL, or a local one started here and stopped on exit). SIGTERM stops it cleanly."""
    with _failures("serve"):
        check_dask_address(dask_address)
    prefect_env()
    from pipelines.flows.scheduling import cron_schedule, port_is_free
    from pipelines.flows.scheduling import serve as serve_nightly

    with _failures("serve"):
        cron_schedule(cron, timezone)
        if not os.environ.get("PREFECT_API_URL") and not port_is_free(port):
            raise ValueError(
                f"port {port} on 127.0.0.1 is in use: choose another --port, or point PREFECT_API_URL "
                "at the Prefect server that is running there"
            )
        serve_nightly(
            cron,
            timezone,
            data_root=work_dir(),
            port=port,
            task_runner=task_runner,
            dask_address=dask_address,
            flow_parameters=flow_folders(raw_dir, state_dir, out),
        )
