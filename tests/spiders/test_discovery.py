"""Discovery end to end on 127.0.0.1: each path on its own finds every article of the demo snapshot (read
off the server's request log), the second crawl is incremental, a source with no patterns and no
selectors finds its articles without archiving listings as articles, malformed links never raise,
feeds are autodiscovered and sitemaps come from robots.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.archive.warc_reader import iter_pages
from pipelines.devtools.demo_server import serve_snapshot
from spiders.crawl import crawl
from spiders.registry import load_sources
from tests.helpers.paths import DEMO
from tests.helpers.sites import FAST, Site

pytestmark = pytest.mark.slow
EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))
ARTICLES = {a["url"] for a in EXPECTED["articles"]}
SEEDS = ["lindholmen", "oru", "umu", "regieorgaan-sia", "uni-leipzig"]


def _served_articles(before, after) -> set[str]:
    """Article URLs whose body the server sent (200), from its request log."""
    served = after - before
    urls = {"https://" + key.split(" ", 1)[1] for key in served if key.startswith("200 ")}
    return {u for u in ARTICLES if u in urls or u + "/" in urls}


@pytest.mark.parametrize("path", ["feed", "sitemap", "listing"])
def test_each_discovery_path_alone_finds_every_article(tmp_path: Path, path: str) -> None:
    with serve_snapshot(DEMO) as server:
        before = server.requests.copy()
        report = crawl(
            tmp_path / "run", sources=SEEDS, remap=server.remap(), settings={**FAST, "AISCOUT_DISCOVERY": [path]}
        )
        fetched = _served_articles(before, server.requests)
        log = set(server.requests)
    assert fetched == ARTICLES and not report.errors
    assert {p.url for p in iter_pages(tmp_path / "run")} == ARTICLES
    assert all(rep.found_by_path[path] >= 4 for rep in report.sources.values())
    assert not any(
        rep.found_by_path[other] for rep in report.sources.values() for other in rep.found_by_path if other != path
    )
    kinds = {"feed": ("rss", "feed"), "sitemap": ("sitemap",), "listing": ()}
    other_paths = [k for k in kinds if k != path]
    for other in other_paths:  # the other paths' documents were not fetched
        assert not any(any(w in key for w in kinds[other]) for key in log), other


def test_first_and_second_crawl_of_the_demo(tmp_path: Path) -> None:
    """All three paths together; the second crawl sends conditional requests and gets no article body."""
    with serve_snapshot(DEMO) as server:
        kw = {"sources": SEEDS, "remap": server.remap(), "state_path": tmp_path / "state.sqlite", "settings": FAST}
        first = crawl(tmp_path / "r1", **kw)
        between = server.requests.copy()
        second = crawl(tmp_path / "r2", **kw)
        second_bodies = _served_articles(between, server.requests)
    t1, t2 = first.totals(), second.totals()
    assert t1.articles_new == len(ARTICLES) and {p.url for p in iter_pages(tmp_path / "r1")} == ARTICLES
    assert not first.errors and not second.errors
    assert second_bodies == set() and not list(iter_pages(tmp_path / "r2"))
    assert t2.articles_unchanged == t2.responses_by_status["304"] == len(ARTICLES)
    assert "/intern/" not in str([p.url for p in iter_pages(tmp_path / "r1", kinds=None)])  # robots.txt obeyed


def test_no_patterns_no_selectors_finds_articles_and_archives_no_listing_as_article(registry, tmp_path: Path) -> None:
    """Each seed source stripped to name, hosts and one listing start URL."""
    entries = []
    for source in (s for s in load_sources() if s.name in SEEDS):
        listing = next(s.url for s in source.start_urls if s.kind == "listing")
        entries.append({"name": source.name, "start_urls": [listing], "allowed_domains": list(source.allowed_domains)})
    reg = registry(*entries)
    with serve_snapshot(DEMO) as server:
        crawl(tmp_path / "run", registry_path=reg, remap=server.remap(), settings=FAST)
    archived = {p.url for p in iter_pages(tmp_path / "run")}
    listings = {p["url"] for p in EXPECTED["listing_pages"]}
    assert len(archived & ARTICLES) >= 0.95 * len(ARTICLES)
    assert not archived & listings and archived <= ARTICLES


def test_malformed_links_are_skipped_and_counted_with_their_page(site: Site, registry, tmp_path: Path) -> None:
    host = "www.example.se"
    site.add(f"/{host}/robots.txt", "User-agent: *\n", content_type="text/plain")
    site.add(
        f"/{host}/nyheter/",
        "<html><body><main><h1>Nyheter</h1><a href='http://[x/'>trasig</a><a href='https://www.example.se:99999/x'>port</a>"
        "<a href='/nyheter/en-hel-nyhet-om-ai/'>hel</a></main></body></html>",
    )
    site.add(f"/{host}/nyheter/en-hel-nyhet-om-ai/", "<html><body><main><h1>Hel</h1><p>Text.</p></main></body></html>")
    reg = registry({"name": "trasig", "start_urls": [f"https://{host}/nyheter/"], "allowed_domains": [host]})
    report = crawl(tmp_path / "run", registry_path=reg, remap={f"https://{host}": f"{site.base}/{host}"}, settings=FAST)
    assert [p.url for p in iter_pages(tmp_path / "run")] == [f"https://{host}/nyheter/en-hel-nyhet-om-ai/"]
    bad = [e for e in report.errors if "malformed link" in e.reason]
    assert len(bad) == 2 and all(e.url == f"https://{host}/nyheter/" for e in bad)
    assert report.sources["trasig"].errors == 2 and report.sources["trasig"].finish_reason == "finished"


def test_feed_autodiscovery_and_robots_sitemap(site: Site, registry, tmp_path: Path) -> None:
    host, real = "www.example.nl", "https://www.example.nl"
    site.add(f"/{host}/robots.txt", f"User-agent: *\nSitemap: {real}/kaart.xml\n", content_type="text/plain")
    site.add(
        f"/{host}/nieuws/",
        f"<html><head><link rel='alternate' type='application/rss+xml' href='{real}/nieuws/feed/'></head>"
        "<body><main><h1>Nieuws</h1></main></body></html>",
    )
    rss = f"<rss><channel><item><link>{real}/nieuws/uit-de-feed-over-ai/</link></item></channel></rss>"
    site.add(f"/{host}/nieuws/feed/", rss, content_type="application/rss+xml")
    urlset = f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{real}/nieuws/uit-de-kaart-over-ai/</loc></url></urlset>"
    site.add(f"/{host}/kaart.xml", urlset, content_type="application/xml")
    for slug in ("uit-de-feed-over-ai", "uit-de-kaart-over-ai"):
        site.add(f"/{host}/nieuws/{slug}/", f"<html><body><main><h1>{slug}</h1></main></body></html>")
    reg = registry({"name": "nl", "country": "NL", "publisher_org_id": "nl-x", "languages": ["nl"],
                    "start_urls": [f"{real}/nieuws/"], "allowed_domains": ["example.nl"]})  # fmt: skip
    report = crawl(tmp_path / "run", registry_path=reg, remap={real: f"{site.base}/{host}"}, settings=FAST)
    assert {p.url for p in iter_pages(tmp_path / "run")} == {
        f"{real}/nieuws/uit-de-feed-over-ai/",
        f"{real}/nieuws/uit-de-kaart-over-ai/",
    }
    assert site.counts()[f"/{host}/robots.txt"] == 1  # Sitemap: lines read from Scrapy's own robots.txt fetch
    assert report.sources["nl"].found_by_path == {"feed": 1, "sitemap": 1, "listing": 0}


def test_a_long_pagination_chain_is_no_deeper_than_its_first_page(site: Site, registry, tmp_path: Path) -> None:
    """Six listing pages in a rel=next chain with max_depth 2: every page and article is reached."""
    host = "www.example.se"
    for n in range(1, 7):
        nxt = f"<a rel='next' href='/nyheter/sida/{n + 1}/'>Nästa</a>" if n < 6 else ""
        path = "/nyheter/" if n == 1 else f"/nyheter/sida/{n}/"
        site.add(
            f"/{host}{path}",
            f"<html><body><main><a href='/nyheter/nyhet-nummer-{n}-om-ai/'>n</a>{nxt}</main></body></html>",
        )
        site.add(f"/{host}/nyheter/nyhet-nummer-{n}-om-ai/", "<html><body><main><h1>N</h1></main></body></html>")
    reg = registry(
        {
            "name": "lang",
            "start_urls": [f"https://{host}/nyheter/"],
            "allowed_domains": [host],
            "limits": {"max_depth": 2},
        }
    )
    crawl(tmp_path / "run", registry_path=reg, remap={f"https://{host}": f"{site.base}/{host}"}, settings=FAST)
    assert len(list(iter_pages(tmp_path / "run"))) == 6
