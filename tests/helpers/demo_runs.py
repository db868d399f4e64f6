"""The nightly flow's demo runs, made once per test session and read (or copied) by several test modules: the
end-to-end and Dask tests of tests/pipelines/flows, the crash tests of tests/reliability."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers.paths import DEMO

AFTER_FIRST = "after-first"
EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory, prefect_harness):
    """The nightly flow (threads runner) on the demo snapshot into a temporary folder: a first run, a second
    (incremental) run, an idle night without crawls, and a reprocess of the first run from the archive alone.
    Returns (root folder, {run name: flow summary}); each summary of a crawling run also says what was served.
    ``root / AFTER_FIRST`` holds a copy of the raw archive, crawl state and tables as the first run left them."""
    from pipelines.devtools.demo_server import serve_snapshot
    from pipelines.flows.nightly import nightly, reprocess
    from spiders.settings import FAST_SETTINGS

    root = tmp_path_factory.mktemp("e2e")
    folders = {"raw_dir": str(root / "raw"), "state_dir": str(root / "state")}
    results = {}
    with serve_snapshot(DEMO) as server:
        for name in ("first", "second"):
            before = server.requests.copy()
            results[name] = nightly(
                **folders,
                out=str(root / name),
                sources=server.sources(),
                remap=server.remap(),
                crawl_settings=FAST_SETTINGS,
            )
            served = server.requests - before
            results[name]["served"] = {
                "requests": sum(served.values()),
                "article_bodies": sum(n for key, n in served.items() if key.startswith("200 ") and _is_article(key)),
            }
            if name == "first":
                _copy_first(root)
        # A night where no source is crawled still publishes the corpus of the earlier runs.
        results["idle"] = nightly(**folders, out=str(root / "idle"), sources=[])
    results["reprocess"] = reprocess(run_id=results["first"]["run_id"], **folders, out=str(root / "reprocess"))
    return root, results


def _is_article(request_key: str) -> bool:
    path = "https://" + request_key.split(" ", 1)[1]
    return any(path.rstrip("/") == e["url"].rstrip("/") for e in EXPECTED["articles"])


@pytest.fixture(scope="session")
def demo_first_night(demo_runs) -> tuple[Path, dict]:
    """(folder with raw/, state/ and out/ exactly as one complete demo night left them, that night's summary).
    Copy the folder before changing anything in it: other tests read it too."""
    root, results = demo_runs
    return root / AFTER_FIRST, results["first"]


def _copy_first(root: Path) -> None:
    target = root / AFTER_FIRST
    for source, name in (("raw", "raw"), ("state", "state"), ("first", "out")):
        shutil.copytree(root / source, target / name, symlinks=True)  # keep out/current a link, as on disk
