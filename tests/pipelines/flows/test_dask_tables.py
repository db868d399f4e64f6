"""The nightly flow publishes the same tables under the Dask task runner as under threads."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipelines.cli.app import DEMO_SNAPSHOT
from pipelines.devtools.demo_server import serve_snapshot
from pipelines.flows.runners import with_runner
from spiders.settings import FAST_SETTINGS

pytestmark = pytest.mark.slow
TABLES = ("documents", "organisations", "programmes", "people", "amounts", "dates")
PER_RUN = ("run_id", "fetched_at")  # differ between any two runs


def test_dask_and_threads_publish_the_same_tables(tmp_path, demo_runs):
    """The Dask run crawls the demo afresh (own archive and state) and must publish the tables of the session's
    first threads run (``demo_runs``, crawled the same way into a fresh archive)."""
    from pipelines.flows.nightly import nightly

    threads_root, threads_results = demo_runs
    with serve_snapshot(DEMO_SNAPSHOT) as server:
        dask_results = with_runner(nightly, "dask")(
            raw_dir=str(tmp_path / "raw"),
            state_dir=str(tmp_path / "state"),
            out=str(tmp_path / "out"),
            sources=server.sources(),
            remap=server.remap(),
            crawl_settings=FAST_SETTINGS,
        )
    assert dask_results["rows"] == threads_results["first"]["rows"]
    for table in TABLES:
        threads = _read(threads_root / "first" / f"{table}.parquet")
        dask = _read(tmp_path / "out" / f"{table}.parquet")
        assert len(threads) > 0, table
        assert_frame_equal(dask, threads, obj=table)


def _read(path) -> pd.DataFrame:
    df = pd.read_parquet(path)
    df = df.drop(columns=[c for c in PER_RUN if c in df.columns])
    return df.sort_values(df.columns[0]).reset_index(drop=True)  # the first column is the id
