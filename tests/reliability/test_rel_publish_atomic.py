"""Every publish is atomic (issue 19, faults 4 and 8): publishing a run id again (``aiscout reprocess`` of the
current run) and writing the DuckDB file are part of the one switch of the current set.

A child publishes a second version of the current run (code version v2 instead of v1) and is killed with
SIGKILL at a chosen point; the current set must then be all v1 or all v2: Parquet metadata, the
``_current.json`` hashes, the DuckDB views, and no temporary file in the current folder.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipelines.publish import run as pub
from pipelines.publish.duckdb_views import connect
from pipelines.tables.build import build_tables
from schemas.tables import TABLES
from tests.helpers import records as fixtures
from tests.helpers.paths import REPO

_KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from pipelines.publish import run as pub
    from pipelines.tables.build import build_tables
    from tests.helpers import records as fixtures

    where, n, calls = sys.argv[3], int(sys.argv[4]), []

    def dying(real):
        def wrapper(*args, **kwargs):
            calls.append(1)
            if len(calls) == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return wrapper

    if where == "table":  # after the n-th table of the run is in place (its hash is taken next)
        pub._sha256 = dying(pub._sha256)
    else:  # while the DuckDB file is written
        pub._write_duckdb = dying(pub._write_duckdb)
    records = [fixtures.swedish(), fixtures.dutch(), fixtures.german(), fixtures.failed()]
    pub.publish(build_tables(records), sys.argv[1], "run1", "v2")
""")


def _current_versions(out: Path) -> set[str]:
    return {pq.read_schema(out / f"{n}.parquet").metadata[b"aiscout.code_version"].decode() for n in TABLES}


def _assert_whole(out: Path, version: str, documents: int) -> None:
    assert _current_versions(out) == {version}  # one version of the run, not a mix
    manifest = json.loads((out / "_current.json").read_text())
    assert manifest["code_version"] == version
    for entry in manifest["tables"].values():
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    for name in TABLES:
        pq.read_table(out / f"{name}.parquet")  # whole, readable
    con = connect(out / "aiscout.duckdb")
    try:
        assert con.execute("select count(*) from documents").fetchall() == [(documents,)]
    finally:
        con.close()
    assert not [p.name for p in (out / "current").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("where,n", [("table", 4), ("table", 1), ("duckdb", 1)])
def test_republishing_the_current_run_is_atomic(tmp_path: Path, where: str, n: int) -> None:
    older = build_tables([fixtures.swedish(), fixtures.dutch()])
    pub.publish(older, str(tmp_path), "run1", "v1")
    script = tmp_path / "killer.py"
    script.write_text(_KILLER)
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path), str(REPO), where, str(n)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr[-3000:]
    _assert_whole(tmp_path, "v1", 2)
    newer = build_tables([fixtures.swedish(), fixtures.dutch(), fixtures.german()])
    pub.publish(newer, str(tmp_path), "run1", "v3")  # the next publish completes and cleans up
    _assert_whole(tmp_path, "v3", 3)
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_copied_output_folder_still_answers_duckdb_queries(tmp_path: Path) -> None:
    import shutil

    pub.publish(build_tables([fixtures.swedish(), fixtures.dutch()]), str(tmp_path / "out"), "run1", "v1")
    shutil.copytree(tmp_path / "out", tmp_path / "copy", symlinks=True)
    shutil.rmtree(tmp_path / "out")
    con = connect(tmp_path / "copy" / "aiscout.duckdb")
    try:
        assert con.execute("select count(*) from documents").fetchall() == [(2,)]
    finally:
        con.close()
