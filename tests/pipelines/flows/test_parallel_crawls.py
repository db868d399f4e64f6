"""nightly crawls at most ``parallel_crawls`` sources at a time (each crawl is a Scrapy subprocess)."""

from __future__ import annotations

import threading

import pytest

from pipelines.cli.app import DEMO_SNAPSHOT
from pipelines.devtools.demo_server import serve_snapshot
from spiders.settings import FAST_SETTINGS

pytestmark = pytest.mark.slow


def test_at_most_parallel_crawls_sources_are_crawled_at_once(tmp_path, prefect_harness, monkeypatch):
    from pipelines.flows import nightly as flows

    real, lock, active, seen = flows.crawler.crawl, threading.Lock(), [0], []

    def observed(*args, **kwargs):
        with lock:
            active[0] += 1
            seen.append(active[0])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(flows.crawler, "crawl", observed)
    with serve_snapshot(DEMO_SNAPSHOT) as server:
        sources = server.sources()
        result = flows.nightly(
            raw_dir=str(tmp_path / "raw"),
            state_dir=str(tmp_path / "state"),
            out=str(tmp_path / "out"),
            sources=sources,
            remap=server.remap(),
            crawl_settings=FAST_SETTINGS,
            parallel_crawls=2,
        )
    assert len(sources) >= 4 and sorted(result["crawl"]) == sorted(sources)
    assert len(seen) == len(sources) and max(seen) == 2
