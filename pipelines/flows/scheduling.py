"""Run the nightly flow on a cron schedule (`aiscout serve`).

Prefect refuses schedules on its temporary in-process server, so ``serve`` uses the server at
``PREFECT_API_URL`` when it is set and otherwise starts a real local one (``prefect server
start``) with its SQLite database under ``<data_root>/prefect-server/``, stopped on exit.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from uuid import UUID

import httpx
from prefect import Flow
from prefect.client.schemas.schedules import CronSchedule
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner
from prefect.schedules import Cron, Schedule
from prefect.settings import PREFECT_API_URL, temporary_settings
from pydantic import ValidationError

from pipelines.flows.runners import with_runner

DEFAULT_CRON = "0 3 * * *"
DEFAULT_TIMEZONE = "Europe/Stockholm"
DEPLOYMENT_NAME = "aiscout-nightly"
SERVER_START_TIMEOUT_S = 90.0


def cron_schedule(cron: str, timezone: str) -> Schedule:
    """A Prefect cron schedule; ValueError with a readable message for a bad cron or timezone."""
    if len(cron.split()) != 5:
        raise ValueError(
            f"invalid cron {cron!r}: expected 5 fields (minute hour day-of-month "
            "month day-of-week), e.g. '0 3 * * *' for 03:00 every day"
        )
    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as exc:
        fields = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        if "cron" in fields:
            raise ValueError(
                f"invalid cron {cron!r}: e.g. '0 3 * * *' for 03:00 every day, '30 2 * * 1-5' for 02:30 on weekdays"
            ) from None
        raise ValueError(
            f"unknown timezone {timezone!r}: use an IANA name such as "
            "Europe/Stockholm, Europe/Amsterdam, Europe/Berlin or UTC"
        ) from None
    return Cron(cron, timezone=timezone)


@dataclass
class LocalServer:
    """A `prefect server start` subprocess (its own process group); a context manager that
    stops it on exit."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    database: Path

    def stop(self, timeout: float = 15.0) -> None:
        """Terminate the server's process group; kill it if it has not exited after ``timeout``."""
        if self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the server's log."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_local_server(data_root: Path, port: int = 4200, timeout: float = SERVER_START_TIMEOUT_S) -> LocalServer:
    """Start `prefect server start` on 127.0.0.1:``port`` with PREFECT_HOME and the SQLite
    database in ``data_root/prefect-server/``; returns once ``/api/health`` answers."""
    home = Path(data_root).resolve() / "prefect-server"
    home.mkdir(parents=True, exist_ok=True)
    if not port_is_free(port):
        raise RuntimeError(
            f"port {port} on 127.0.0.1 is in use: choose another port, or point "
            "PREFECT_API_URL at the Prefect server that is running there"
        )
    database = home / "prefect.db"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(
        PREFECT_HOME=str(home),
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{database}",
    )
    log_path = home / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--analytics-off",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LocalServer(f"http://127.0.0.1:{port}/api", process, log_path, database)
    try:
        _wait_healthy(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def port_is_free(port: int) -> bool:
    """Whether a server could listen on 127.0.0.1:``port`` (like uvicorn, with SO_REUSEADDR, so
    connections of a previous server in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_healthy(server: LocalServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the Prefect server exited with code {server.process.returncode} "
                f"before answering; last lines of {server.log_path}:\n"
                f"{server.log_tail()}"
            )
        try:
            if httpx.get(f"{server.url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(
        f"the Prefect server at {server.url} did not answer /health within "
        f"{timeout:.0f} s; last lines of {server.log_path}:\n{server.log_tail()}"
    )


@contextmanager
def prefect_api(data_root: Path, port: int = 4200) -> Iterator[str]:
    """The API URL to schedule on: PREFECT_API_URL if set, else a local server started (and,
    on exit, stopped) here and announced on stderr."""
    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    with start_local_server(data_root, port) as server:
        print(
            f"no PREFECT_API_URL set: started a local Prefect server at {server.url} "
            f"(database {server.database}, log {server.log_path}); it stops when serve exits",
            file=sys.stderr,
            flush=True,
        )
        with temporary_settings({PREFECT_API_URL: server.url}):
            yield server.url


def register_deployment(
    flow: Flow[Any, Any],
    name: str = DEPLOYMENT_NAME,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    parameters: dict[str, Any] | None = None,
) -> UUID:
    """Create or update a deployment of ``flow`` on the current Prefect API with a cron schedule
    in ``timezone``; it has no work pool, so runs need a runner serving it (see ``serve``)."""
    deployment = flow.to_deployment(name=name, schedules=[cron_schedule(cron, timezone)], parameters=parameters or {})
    return cast(UUID, cast(RunnerDeployment, deployment).apply())  # sync call: both are plain values here


def serve(
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    *,
    data_root: Path,
    flow_parameters: dict[str, Any] | None = None,
    port: int = 4200,
    deployment_name: str = DEPLOYMENT_NAME,
    task_runner: str = "threads",
    dask_address: str | None = None,
    flow: Flow[Any, Any] | None = None,
) -> None:
    """Serve ``flow`` (default: ``nightly``) on ``cron`` in ``timezone`` until Ctrl-C or SIGTERM:
    registers the deployment, then runs each scheduled or triggered run in a subprocess.
    Uses PREFECT_API_URL, or a local server under ``data_root`` that stops when this returns."""
    schedule = cron_schedule(cron, timezone)
    if flow is None:
        from pipelines.flows.nightly import nightly

        flow = nightly
    served = with_runner(flow, task_runner, dask_address)
    with prefect_api(data_root, port):
        runner = _Runner(name=deployment_name)
        runner.add_flow(served, name=deployment_name, schedules=[schedule], parameters=flow_parameters or {})
        print(
            f"serving {served.name}/{deployment_name} on {schedule.cron} {schedule.timezone}; Ctrl-C or SIGTERM stops",
            file=sys.stderr,
            flush=True,
        )
        try:
            asyncio.run(runner.start())
        except KeyboardInterrupt:
            if not runner.terminated:  # Ctrl-C: the caller exits 130; SIGTERM: a normal stop
                raise


class _Runner(Runner):
    """Prefect's Runner, stopped on SIGTERM the way Ctrl-C stops it: Prefect's own SIGTERM handler
    calls the runner's async ``stop`` from inside the event loop, leaving it never awaited."""

    terminated = False

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        self.terminated = True
        signal.raise_signal(signal.SIGINT)  # asyncio cancels the runner's tasks, which shut it down
