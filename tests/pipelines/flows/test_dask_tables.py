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


def test_dask_and_threads_publish_the_same_tables(tmp_path, prefect_harness):
    from pipelines.flows.nightly import nightly

    results = {}
    with serve_snapshot(DEMO_SNAPSHOT) as server:
        for kind in ("threads", "dask"):
            root = tmp_path / kind  # own archive and state: both runs crawl everything afresh
            results[kind] = with_runner(nightly, kind)(
                raw_dir=str(root / "raw"),
                state_dir=str(root / "state"),
                out=str(root / "out"),
                sources=server.sources(),
                remap=server.remap(),
                crawl_settings=FAST_SETTINGS,
            )
    assert results["dask"]["rows"] == results["threads"]["rows"]
    for table in TABLES:
        threads, dask = (_read(tmp_path / kind / "out" / f"{table}.parquet") for kind in ("threads", "dask"))
        assert len(threads) > 0, table
        assert_frame_equal(dask, threads, obj=table)


def _read(path) -> pd.DataFrame:
    df = pd.read_parquet(path)
    df = df.drop(columns=[c for c in PER_RUN if c in df.columns])
    return df.sort_values(df.columns[0]).reset_index(drop=True)  # the first column is the id
