"""`aiscout serve` scheduling against a real local Prefect server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings

from pipelines.flows.scheduling import cron_schedule, port_is_free, register_deployment, serve, start_local_server
from tests.helpers.paths import REPO

CRON, TZ = "0 3 * * *", "Europe/Stockholm"

TINY_SERVE = textwrap.dedent("""
    import sys
    from pathlib import Path

    from prefect import flow

    from pipelines.flows.scheduling import serve


    @flow(name="tiny")
    def tiny(x: int = 1) -> int:
        return x + 1


    if __name__ == "__main__":
        serve(data_root=Path(sys.argv[1]), port=int(sys.argv[2]), deployment_name="aiscout-test",
              flow=tiny, flow_parameters={"x": 41})
""")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_schedule(deployment_name: str) -> tuple[str, str, bool]:
    """(cron, timezone, active) of the deployment's only schedule, read through the API."""

    async def read() -> tuple[str, str, bool]:
        async with get_client() as client:
            deployment = await client.read_deployment_by_name(deployment_name)
        assert len(deployment.schedules) == 1, deployment.schedules
        schedule = deployment.schedules[0]
        return schedule.schedule.cron, schedule.schedule.timezone, schedule.active

    return asyncio.run(read())


def wait_for_final_state(flow_run_id, timeout: float = 90.0) -> str:
    async def poll() -> str:
        async with get_client() as client:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                state = (await client.read_flow_run(flow_run_id)).state
                if state is not None and state.is_final():
                    return state.type.value
                await asyncio.sleep(0.5)
        return "TIMEOUT"

    return asyncio.run(poll())


@pytest.mark.parametrize(
    "cron, timezone, message",
    [
        ("0 3 * *", TZ, "expected 5 fields"),
        ("61 3 * * *", TZ, "invalid cron '61 3 \\* \\* \\*'"),
        ("H 3 * * *", TZ, "invalid cron"),
        (CRON, "Mars/Olympus", "unknown timezone 'Mars/Olympus'"),
        (CRON, "europe/stockholm", "unknown timezone"),
    ],
)
def test_bad_schedule_fails_before_starting_anything(tmp_path, cron, timezone, message):
    with pytest.raises(ValueError, match=message):
        serve(cron, timezone, data_root=tmp_path, port=free_port())
    assert not (tmp_path / "prefect-server").exists()


def test_good_schedule_keeps_cron_and_timezone():
    schedule = cron_schedule(CRON, TZ)
    assert (schedule.cron, schedule.timezone) == (CRON, TZ)


def test_busy_port_is_a_clear_error(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(RuntimeError, match=f"port {port} on 127.0.0.1 is in use"):
            start_local_server(tmp_path, port)


def test_server_that_does_not_answer_in_time_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match=r"did not answer /health within 0 s; last lines of "):
        start_local_server(tmp_path, free_port(), timeout=0.2)


def assert_registers_nightly(tmp_path: Path) -> None:
    """register_deployment puts the real nightly flow with its schedule and folders on the API."""
    from pipelines.flows.nightly import nightly

    params = {"raw_dir": str(tmp_path / "raw"), "state_dir": str(tmp_path / "state"), "out": str(tmp_path / "out")}
    deployment_id = register_deployment(nightly, "aiscout-nightly", CRON, TZ, params)
    assert read_schedule("nightly/aiscout-nightly") == (CRON, TZ, True)

    async def read_deployment():
        async with get_client() as client:
            return await client.read_deployment(deployment_id)

    deployment = asyncio.run(read_deployment())
    assert deployment.parameters == params
    assert deployment.entrypoint.endswith("pipelines/flows/nightly.py:nightly")
    # registering again updates the same deployment
    assert register_deployment(nightly, "aiscout-nightly", "30 2 * * 1-5", "UTC", params) == deployment_id
    assert read_schedule("nightly/aiscout-nightly") == ("30 2 * * 1-5", "UTC", True)


@pytest.mark.slow
def test_serve_starts_a_server_runs_a_triggered_run_and_stops_on_sigterm(tmp_path):
    script = tmp_path / "serve_tiny.py"
    script.write_text(TINY_SERVE, encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "data"), str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.extend(process.stderr), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/api"
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            deadline = time.monotonic() + 90
            while True:
                assert process.poll() is None, "serve exited early:\n" + "".join(stderr)
                assert time.monotonic() < deadline, "no deployment after 90 s:\n" + "".join(stderr)
                try:
                    schedule = read_schedule("tiny/aiscout-test")
                    break
                except Exception:
                    time.sleep(0.5)
            assert schedule == (CRON, TZ, True)
            announced = next(line for line in stderr if "no PREFECT_API_URL set" in line)
            assert f"started a local Prefect server at {url}" in announced
            assert f"database {tmp_path / 'data' / 'prefect-server' / 'prefect.db'}" in announced

            flow_run = run_deployment("tiny/aiscout-test", timeout=0)
            assert flow_run.parameters == {"x": 41}
            assert_registers_nightly(tmp_path)
            assert wait_for_final_state(flow_run.id) == "COMPLETED"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, "".join(stderr[-30:])
    server_log = (tmp_path / "data" / "prefect-server" / "server.log").read_text(errors="replace")
    assert port_is_free(port), (
        "the local Prefect server still holds the port after serve exited "
        f"(code {process.returncode}):\n" + "".join(stderr[-30:]) + "\nserver log:\n" + server_log[-3000:]
    )
