"""End-to-end crawls against local servers: the real crawler in a subprocess, no mocks."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pipelines.archive.warc_reader import iter_pages
from spiders.crawl import REPO_ROOT, CrawlError, crawl
from tests.helpers.sites import FAST, Site, article_html, listing_html

pytestmark = pytest.mark.slow
HOST = "www.example.se"
REAL = f"https://{HOST}"


def example_source(**overrides: object) -> dict:
    base = {
        "name": "example",
        "start_urls": [f"{REAL}/nyheter/"],
        "allowed_domains": [HOST],
        "article_patterns": [r"^/nyheter/[^/]+/$"],
        "exclude_patterns": [r"^/nyheter/sida/"],
    }
    return {**base, **overrides}


def serve_news_site(site: Site) -> None:
    """Two listing pages, three articles, a PDF, a tracking-parameter duplicate, a robots-disallowed link."""
    p = f"/{HOST}"
    site.add(f"{p}/robots.txt", "User-agent: *\nDisallow: /nyheter/intern-\n", content_type="text/plain")
    site.add(
        f"{p}/nyheter/",
        listing_html(
            [
                "/nyheter/a/",
                "/nyheter/b/?utm_source=nl&utm_medium=mail",
                "/nyheter/b/#top",
                "/nyheter/intern-x/",
                "/files/rapport.pdf",
                "https://elsewhere.example.org/nyheter/z/",
            ],
            "/nyheter/sida/2/",
        ),
    )
    site.add(f"{p}/nyheter/sida/2/", listing_html(["/nyheter/c/", "/nyheter/a/?fbclid=xyz"]))
    for slug in "abc":
        site.add(f"{p}/nyheter/{slug}/", article_html(f"Artikel {slug}"))
    site.add(f"{p}/nyheter/intern-x/", article_html("Intern"))


def test_listing_pagination_dedup_robots_pdf_and_remap(site: Site, registry, tmp_path: Path) -> None:
    serve_news_site(site)
    reg = registry(example_source())
    report = crawl(tmp_path / "run", registry_path=reg, remap={REAL: f"{site.base}/{HOST}"}, settings=FAST)

    counts = site.counts()
    assert counts[f"/{HOST}/nyheter/sida/2/"] == 1  # pagination followed
    assert all(counts[f"/{HOST}/nyheter/{s}/"] == 1 for s in "abc")  # tracking-parameter duplicates collapsed
    assert f"/{HOST}/nyheter/intern-x/" not in counts  # robots.txt disallow
    assert f"/{HOST}/files/rapport.pdf" not in counts  # non-HTML recorded, not fetched
    rep = report.sources["example"]
    assert rep.non_html_urls == [f"{REAL}/files/rapport.pdf"]
    # robots.txt names no sitemap: the two common locations are tried (404 here: counted, not errors)
    assert (rep.articles_new, rep.robots_forbidden, rep.requests) == (3, 1, 8)
    assert rep.responses_by_status == {"200": 6, "404": 2} and not report.errors
    assert counts[f"/{HOST}/sitemap.xml"] == counts[f"/{HOST}/sitemap_index.xml"] == 1

    pages = list(iter_pages(tmp_path / "run", kinds=None))
    assert {p.url for p in pages if p.kind == "article"} == {f"{REAL}/nyheter/{s}/" for s in "abc"}
    assert {p.kind for p in pages} == {"robots", "listing", "article", "error"}  # error: the two sitemap 404s
    assert all(p.url.startswith(REAL) and p.source == "example" for p in pages)  # real URLs, local bytes
    art = next(iter_pages(tmp_path / "run"))
    assert b"<h1>Artikel" in art.body and art.fetched_at.endswith("Z") and art.content_type.startswith("text/html")


def test_second_crawl_fetches_no_unchanged_article(site: Site, registry, tmp_path: Path) -> None:
    """Also: crawl() twice in one process, both crawl (each run is its own subprocess)."""
    serve_news_site(site)
    reg, state = registry(example_source()), tmp_path / "state.sqlite"
    kw = {"registry_path": reg, "remap": {REAL: f"{site.base}/{HOST}"}, "settings": FAST, "state_path": state}
    first = crawl(tmp_path / "r1", **kw).sources["example"]
    first_log = list(site.log)
    site.log.clear()
    site.add(f"/{HOST}/nyheter/b/", article_html("Artikel b, uppdaterad"))
    second = crawl(tmp_path / "r2", **kw).sources["example"]

    assert (first.articles_new, first.requests) == (3, 8)
    # listing page 1 again (only known articles on it: pagination stops), articles only conditionally
    assert site.counts() == {
        f"/{HOST}/robots.txt": 1,
        f"/{HOST}/sitemap.xml": 1,
        f"/{HOST}/sitemap_index.xml": 1,
        f"/{HOST}/nyheter/": 1,
        f"/{HOST}/nyheter/a/": 1,
        f"/{HOST}/nyheter/b/": 1,
    }
    assert all("If-None-Match" in h for _, path, h in site.log if "/nyheter/" in path and path.count("/") == 4)
    assert (second.articles_new, second.articles_changed, second.articles_unchanged) == (0, 1, 1)
    assert second.responses_by_status == {"200": 3, "304": 1, "404": 2}
    assert [p.url for p in iter_pages(tmp_path / "r2")] == [f"{REAL}/nyheter/b/"]  # 304s are not articles
    assert len(first_log) == 8


def test_sitemaps_plain_gzip_index_and_lastmod(site: Site, registry, tmp_path: Path) -> None:
    def urlset(*entries: tuple[str, str]) -> str:
        urls = "".join(f"<url><loc>{site.base}{u}</loc><lastmod>{d}</lastmod></url>" for u, d in entries)
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'

    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/sitemap-news.xml</loc></sitemap>"
        f"<sitemap><loc>{site.base}/sitemap-old.xml.gz</loc></sitemap></sitemapindex>"
    )
    site.add("/sitemap.xml", index, content_type="application/xml")
    site.add(
        "/sitemap-news.xml",
        urlset(("/nieuws/a/", "2099-01-01"), ("/over-ons/", "2099-01-01"), ("/nieuws/oud/", "2001-01-01")),
        content_type="application/xml",
    )
    site.add(
        "/sitemap-old.xml.gz",
        gzip.compress(urlset(("/nieuws/b/", "2099-01-01T10:00:00+01:00")).encode()),
        content_type="application/gzip",
    )
    for slug in ("a", "b", "oud"):
        site.add(f"/nieuws/{slug}/", article_html(slug))
    reg = registry(
        {
            "name": "sitemapped",
            "start_urls": [{"url": f"{site.base}/sitemap.xml", "kind": "sitemap"}],
            "allowed_domains": ["127.0.0.1"],
            "article_patterns": [r"^/nieuws/[^/]+/$"],
            "lastmod_since_days": 365,
        }
    )
    report = crawl(tmp_path / "run", registry_path=reg, settings=FAST)
    assert {p.url for p in iter_pages(tmp_path / "run")} == {f"{site.base}/nieuws/a/", f"{site.base}/nieuws/b/"}
    assert report.sources["sitemapped"].archived_by_kind["sitemap"] == 3
    assert "/nieuws/oud/" not in site.counts() and "/over-ons/" not in site.counts()


def test_rss_and_atom_feeds(site: Site, registry, tmp_path: Path) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>'
        f"<item><title>A</title><link>{site.base}/news/a?utm_campaign=rss</link>"
        "<pubDate>Mon, 03 Mar 2025 10:00:00 +0100</pubDate></item>"
        f"<item><title>X</title><link>https://other.example.org/x</link></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>'
        f'<entry><title>B</title><link rel="alternate" href="{site.base}/news/b"/><updated>2025-03-04T10:00:00Z</updated></entry>'
        "</feed>"
    )
    site.add("/rss.xml", rss, content_type="application/rss+xml")
    site.add("/atom.xml", atom, content_type="application/atom+xml")
    site.add("/news/a", article_html("A"))
    site.add("/news/b", article_html("B"))
    reg = registry(
        {
            "name": "feeds",
            "allowed_domains": ["127.0.0.1"],
            "article_patterns": ["^/news/"],
            "start_urls": [
                {"url": f"{site.base}/rss.xml", "kind": "feed"},
                {"url": f"{site.base}/atom.xml", "kind": "feed"},
            ],
        }
    )
    report = crawl(tmp_path / "run", registry_path=reg, settings=FAST)
    assert sorted(p.url for p in iter_pages(tmp_path / "run")) == [f"{site.base}/news/a", f"{site.base}/news/b"]
    assert report.sources["feeds"].archived_by_kind["feed"] == 2


def test_redirects_same_site_followed_other_site_dropped(site: Site, registry, tmp_path: Path) -> None:
    p = f"/{HOST}"
    site.add(f"{p}/nyheter/", listing_html(["/nyheter/flyttad/", "/nyheter/extern/", "/nyheter/relativ/"]))
    site.add(f"{p}/nyheter/flyttad/", status=301, headers={"Location": "{base}/" + HOST + "/nyheter/ny-plats/"})
    site.add(f"{p}/nyheter/relativ/", status=302, headers={"Location": "/" + HOST + "/nyheter/ny-plats-2/"})
    site.add(f"{p}/nyheter/extern/", status=302, headers={"Location": "https://evil.example.org/nyheter/x/"})
    site.add(f"{p}/nyheter/ny-plats/", article_html("Flyttad"))
    site.add(f"{p}/nyheter/ny-plats-2/", article_html("Flyttad 2"))
    reg = registry(example_source())
    report = crawl(tmp_path / "run", registry_path=reg, remap={REAL: f"{site.base}/{HOST}"}, settings=FAST)
    assert sorted(pg.url for pg in iter_pages(tmp_path / "run")) == [
        f"{REAL}/nyheter/ny-plats-2/",
        f"{REAL}/nyheter/ny-plats/",
    ]
    rep = report.sources["example"]
    assert rep.responses_by_status["301"] == 1 and rep.responses_by_status["302"] == 2
    assert rep.articles_new == 2 and rep.offsite_filtered == 1  # the offsite redirect target is dropped, not fetched


def test_errors_retries_and_timeouts(site: Site, registry, tmp_path: Path) -> None:
    site.add("/nyheter/", listing_html(["/nyheter/saknas/", "/nyheter/trasig/", "/nyheter/seg/", "/nyheter/ok/"]))
    site.add("/nyheter/trasig/", "boom", status=500, content_type="text/plain")
    site.add("/nyheter/seg/", article_html("Seg"), delay=1.5)
    site.add("/nyheter/ok/", article_html("OK"))
    reg = registry(example_source(start_urls=[f"{site.base}/nyheter/"], allowed_domains=["127.0.0.1"]))
    report = crawl(tmp_path / "run", registry_path=reg, settings={**FAST, "DOWNLOAD_TIMEOUT": 0.5, "RETRY_TIMES": 2})
    counts = site.counts()
    assert counts["/nyheter/saknas/"] == 1  # 404: no retry
    assert counts["/nyheter/trasig/"] == 3  # 500: 1 + 2 retries
    assert counts["/nyheter/seg/"] == 3  # timeout: 1 + 2 retries
    rep = report.sources["example"]
    assert (rep.articles_new, rep.articles_failed, rep.retries) == (1, 3, 4)
    reasons = {e.url.rsplit("/", 2)[1]: e.reason for e in report.errors}
    assert reasons["saknas"] == "HTTP 404" and reasons["trasig"] == "HTTP 500" and "Timeout" in reasons["seg"]


def test_failing_source_does_not_stop_others(site: Site, registry, tmp_path: Path) -> None:
    site.add("/nyheter/", listing_html(["/nyheter/ok/"]))
    site.add("/nyheter/ok/", article_html("OK"))
    reg = registry(
        example_source(name="good", start_urls=[f"{site.base}/nyheter/"], allowed_domains=["127.0.0.1"]),
        example_source(name="down", start_urls=["http://127.0.0.1:9/nyheter/"], allowed_domains=["127.0.0.1"]),
    )
    report = crawl(tmp_path / "run", registry_path=reg, settings={**FAST, "RETRY_TIMES": 0})
    assert report.sources["good"].articles_new == 1
    assert report.sources["down"].requests >= 1 and any(e.source == "down" for e in report.errors)


def test_subprocess_failure_raises_crawl_error(registry, tmp_path: Path) -> None:
    reg = registry(example_source())
    with pytest.raises(CrawlError, match="unknown source"):
        crawl(tmp_path / "run", sources=["nope"], registry_path=reg)


DEMO = REPO_ROOT / "data" / "snapshots" / "demo"


@pytest.mark.skipif(not (DEMO / "expected.yaml").exists(), reason="demo snapshot not present")
def test_demo_snapshot_first_and_second_crawl(tmp_path: Path) -> None:
    """The seed registry entries crawl the demo snapshot; a second crawl fetches no article body."""
    from pipelines.devtools.demo_server import serve_snapshot

    seeds = ["lindholmen", "oru", "umu", "regieorgaan-sia", "uni-leipzig"]
    with serve_snapshot(DEMO) as server:
        kw = {"sources": seeds, "remap": server.remap(), "state_path": tmp_path / "state.sqlite", "settings": FAST}
        first = crawl(tmp_path / "r1", **kw)
        second = crawl(tmp_path / "r2", **kw)
    t1, t2 = first.totals(), second.totals()
    assert t1.articles_new == len(list(iter_pages(tmp_path / "r1"))) >= 15 and not first.errors
    assert t2.articles_new == t2.articles_changed == 0 and not list(iter_pages(tmp_path / "r2"))
    assert t2.articles_unchanged == t2.responses_by_status.get("304", 0) > 0
    assert t2.archived_by_kind.get("listing", 0) >= len(seeds)
    assert "/intern/" not in str([p.url for p in iter_pages(tmp_path / "r1", kinds=None)])
