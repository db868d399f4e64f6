"""Every registry source against fixture pages mimicking its site (link structure only, our own text)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spiders.feeds import parse_feed
from spiders.links import extract_listing, probe_article
from spiders.registry import load_sources
from spiders.urls import canonicalize

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
DEMO = Path(__file__).resolve().parents[2] / "data" / "snapshots" / "demo"
SOURCES = {s.name: s for s in load_sources()}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_source_matches_its_fixture(name: str) -> None:
    path = FIXTURES / f"{name}.yaml"
    assert path.exists(), f"source {name!r} has no fixture {path.relative_to(FIXTURES.parents[2])}"
    source, fx = SOURCES[name], yaml.safe_load(path.read_text(encoding="utf-8"))
    assert fx["start_url"] in {s.url for s in source.start_urls}
    if fx["kind"] == "feed":
        found = [canonicalize(e.url) for e in parse_feed(fx["page"].encode())]
        assert [u for u in found if source.is_article_url(u)] == fx["articles"]
    else:
        links = extract_listing(fx["page"], fx["start_url"], source)
        assert links.articles == fx["articles"]
        assert links.next_page == (canonicalize(fx["next"]) if fx["next"] else None)
    assert source.is_article_url(fx["article"]["url"])
    probe = probe_article(fx["article"]["html"], source)
    assert probe["title"] == fx["article"]["title"]
    assert probe["date"] == fx["article"]["date"]
    assert probe["body"] and "Brödtext" in probe["body"]


def test_fixtures_have_sources() -> None:
    assert {p.stem for p in FIXTURES.glob("*.yaml")} <= set(SOURCES)


@pytest.mark.skipif(not (DEMO / "expected.yaml").exists(), reason="demo snapshot not present")
def test_demo_snapshot_listings() -> None:
    """The seed sources' patterns find exactly the demo's expected article and next links."""
    expected = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
    by_host = {d: s for s in SOURCES.values() for d in s.allowed_domains}
    for page in expected["listing_pages"]:
        source = by_host[page["publisher"]]
        links = extract_listing((DEMO / page["path"]).read_text(encoding="utf-8"), page["url"], source)
        assert links.articles == [canonicalize(u) for u in page["articles"]], page["url"]
        assert links.next_page == page["next"], page["url"]
