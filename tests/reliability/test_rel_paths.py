"""Nothing from a page is executed or used as a path: archive, cache and output file names come from
source slugs, hashes, counters and run ids, never from URLs or titles. Pages with "../", /etc/passwd,
NUL, very long names and code-like content are crawled, archived, extracted and published; then every
file name produced is scanned."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pipelines.archive.corpus import corpus_entries
from pipelines.flows.pages import ExtractCache, SourceInfo, process_page
from pipelines.publish.run import publish
from pipelines.tables.build import build_tables
from spiders.crawl import crawl
from tests.helpers.sites import FAST, FaultSite, listing_html, send

HOST = "www.example.se"
REAL = f"https://{HOST}"
SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
HOSTILE = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "a%00b",
    "x" * 3000,
    "%2Fetc%2Fpasswd",
    "..%5C..%5Cwindows",
    "name%0Awith%0Anewline",
    "%E2%80%AE%E2%80%8Bgpj.exe",
    "$(touch%20PWNED)",
    "%3Bcat%20%2Fetc%2Fpasswd",
]
EVIL = (
    "../../etc/passwd \x00 /etc/passwd $(touch PWNED) `touch PWNED` {{7*7}} ${7*7} "
    "__import__('os').system('touch PWNED') " + "L" * 3000
)


class CatchAll(dict):
    """Routes with a default: every /HOST/nyheter/<anything>/ path is an article titled EVIL."""

    def get(self, path, default=None):
        if path in self:
            return self[path]
        if path.startswith(f"/{HOST}/nyheter/"):
            return lambda h: send(
                h,
                200,
                (
                    f"<html><head><title>{EVIL}</title><script>require('child_process').exec('touch PWNED')</script>"
                    f'<script type=\'application/ld+json\'>{{"headline": "{EVIL[:40]}", "datePublished": "2025-01-02"}}'
                    f"</script></head><body><article><h1>{EVIL}</h1><p>Universitetet får 5 miljoner kronor för AI. "
                    f"{EVIL}</p></article></body></html>"
                ).encode(),
            )
        return default


@pytest.mark.slow
def test_hostile_urls_and_titles_never_become_paths(tmp_path: Path, registry, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative-path escape would land here: checked below
    with FaultSite() as site:
        site.routes = CatchAll(site.routes)
        site.routes[f"/{HOST}/nyheter/"] = lambda h: send(
            h, 200, listing_html([f"/nyheter/{name}/" for name in HOSTILE] + ["/nyheter/../../../etc/passwd"]).encode()
        )
        reg = registry(
            {
                "name": "paths",
                "start_urls": [f"{REAL}/nyheter/"],
                "allowed_domains": [HOST],
                "article_patterns": [r"^/nyheter/[^/]+/$"],
            }
        )
        report = crawl(
            tmp_path / "raw" / "r1",
            registry_path=reg,
            remap={REAL: f"{site.base}/{HOST}"},
            settings=FAST,
            state_path=tmp_path / "state" / "crawl-paths.sqlite",
        )
    assert report.sources["paths"].articles_new >= 8
    cache = ExtractCache(tmp_path / "state" / "extracted", "0.1.0+test")
    records = [
        process_page(entry.read(), run_id=entry.run_id, source=SourceInfo("se-paths"), cache=cache)[0]
        for entry in corpus_entries(tmp_path / "raw")
    ]
    assert len(records) >= 8 and all(r.error is None for r in records)
    assert any(
        "../../etc/passwd" in (r.document.title or "") and "$(touch PWNED)" in r.document.title for r in records
    )  # the title is data, kept as such
    publish(build_tables(records), str(tmp_path / "out"), "r1", "0.1.0+test")

    produced = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert produced
    for path in produced:
        rel = path.relative_to(tmp_path)
        assert rel.parts[0] in ("raw", "state", "out", "sources.yaml"), rel  # nothing written elsewhere
        for part in rel.parts:
            assert SAFE_NAME.match(part), rel
            assert "passwd" not in part and "PWNED" not in part and "\x00" not in part, rel
    assert not list(tmp_path.rglob("*PWNED*")) and not Path("PWNED").exists() and not os.path.exists("/PWNED")


def test_run_ids_and_cache_keys_cannot_escape(tmp_path: Path) -> None:
    from pipelines.models import Document

    with pytest.raises(ValueError):
        publish({}, str(tmp_path / "out"), "../../etc", "v")
    cache = ExtractCache(tmp_path / "cache", "0.1.0+abc")  # code version (from code), content hash
    sha = "ab" * 32
    cache.put(sha, Document(text="t", language="sv"))
    assert cache._path(sha).relative_to(tmp_path / "cache").parts == ("0.1.0_abc", "ab", f"{sha}.json")
