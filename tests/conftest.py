"""Shared test set-up: quiet, project-local Prefect; the seeds folder; one Prefect test harness; the fixtures of
tests/helpers (hand-made page records, a counting 127.0.0.1 site, a registry writer, the session's demo nightly
runs); and, under pytest-xdist (`make test` runs two workers), every test that needs the Prefect harness in one
group on one worker. Only loopback is reachable from the tests and their Python children
(``tests/helpers/loopback_only``): real host names in tests are data, never fetched."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

from tests.helpers.demo_runs import demo_first_night, demo_runs  # noqa: F401 (fixtures)
from tests.helpers.paths import seeds_dir
from tests.helpers.records import records  # noqa: F401 (fixture)
from tests.helpers.sites import registry, site  # noqa: F401 (fixtures)

GUARD_DIR = Path(__file__).resolve().parent / "helpers" / "loopback_only"
os.environ["AISCOUT_LOOPBACK_ONLY"] = "1"
os.environ.setdefault("AISCOUT_NET_GUARD_LOG", tempfile.mkstemp(prefix="aiscout-net-guard-", suffix=".log")[1])
if str(GUARD_DIR) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):  # children import sitecustomize from it
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), os.environ.get("PYTHONPATH")]))
_spec = importlib.util.spec_from_file_location("aiscout_loopback_only", GUARD_DIR / "sitecustomize.py")
assert _spec is not None and _spec.loader is not None
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))  # installs the guard in this process

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="aiscout-prefect-"))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = seeds_dir()
    if not path.is_dir():
        pytest.fail(f"seed folder missing: {path} (set AISCOUT_SEEDS_DIR)")
    return path


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


PREFECT_GROUP = "prefect"


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put every test that uses ``prefect_harness`` in one xdist group: with ``--dist loadgroup`` they run on one
    worker, which starts the temporary Prefect API once (not once per worker) while the other worker takes the
    rest. Without xdist the mark has no effect."""
    for item in items:
        if "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(PREFECT_GROUP))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the connections and lookups of non-local hosts the guard refused (none were made)."""
    log = Path(os.environ["AISCOUT_NET_GUARD_LOG"])
    attempts = (
        sorted({line.split("\t", 1)[1] for line in log.read_text(encoding="utf-8").splitlines()})
        if log.exists()
        else []
    )
    if attempts:
        terminalreporter.write_line(
            f"network guard refused {len(attempts)} non-loopback attempt(s): {'; '.join(attempts[:10])}"
        )
