"""Shared test set-up: quiet, project-local Prefect; the seeds folder; one Prefect test harness; the fixtures of
tests/helpers (hand-made page records, a counting 127.0.0.1 site, a registry writer, the session's demo nightly
runs); and, under pytest-xdist (`make test` runs two workers), every test that needs the Prefect harness in one
group on one worker."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.helpers.demo_runs import demo_first_night, demo_runs  # noqa: F401 (fixtures)
from tests.helpers.paths import seeds_dir
from tests.helpers.records import records  # noqa: F401 (fixture)
from tests.helpers.sites import registry, site  # noqa: F401 (fixtures)

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
