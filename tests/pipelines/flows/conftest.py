"""The nightly flow's demo runs, made once per test session and read by several test modules."""

from __future__ import annotations

import pytest
import yaml

from pipelines.cli.app import DEMO_SNAPSHOT
from pipelines.devtools.demo_server import serve_snapshot
from spiders.settings import FAST_SETTINGS

EXPECTED = yaml.safe_load((DEMO_SNAPSHOT / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory, prefect_harness):
    """The nightly flow (threads runner) on the demo snapshot into a temporary folder: a first run, a second
    (incremental) run, an idle night without crawls, and a reprocess of the first run from the archive alone.
    Returns (root folder, {run name: flow summary}); each summary of a crawling run also says what was served."""
    from pipelines.flows.nightly import nightly, reprocess

    root = tmp_path_factory.mktemp("e2e")
    folders = {"raw_dir": str(root / "raw"), "state_dir": str(root / "state")}
    results = {}
    with serve_snapshot(DEMO_SNAPSHOT) as server:
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
        # A night where no source is crawled still publishes the corpus of the earlier runs.
        results["idle"] = nightly(**folders, out=str(root / "idle"), sources=[])
    results["reprocess"] = reprocess(run_id=results["first"]["run_id"], **folders, out=str(root / "reprocess"))
    return root, results


def _is_article(request_key: str) -> bool:
    path = "https://" + request_key.split(" ", 1)[1]
    return any(path.rstrip("/") == e["url"].rstrip("/") for e in EXPECTED["articles"])
