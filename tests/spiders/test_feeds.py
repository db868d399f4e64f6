"""Safe sitemap/feed parsing."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from spiders.feeds import XmlError, parse_date, parse_feed, parse_sitemap, robots_sitemaps

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://x.se/&xxe;</loc></url><url><loc>https://x.se/&c;</loc></url><url><loc>https://x.se/ok</loc></url>
</urlset>"""


def test_sitemap_never_resolves_entities() -> None:
    locs = [e.url for e in parse_sitemap(XXE).entries]
    assert "https://x.se/ok" in locs
    assert not any("root:" in u or "aaaaaaaaaa" in u for u in locs)


def test_sitemap_index_gzip_and_lastmod() -> None:
    body = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.se/s1.xml'
        b"</loc><lastmod>2025-02-03</lastmod></sitemap></sitemapindex>"
    )
    sm = parse_sitemap(gzip.compress(body))
    assert sm.kind == "index" and sm.entries[0].url == "https://x.se/s1.xml"
    assert sm.entries[0].date == datetime(2025, 2, 3, tzinfo=UTC)


def test_feeds_rss_atom_and_garbage() -> None:
    rss = b"<rss><channel><item><link> https://x.se/a </link><pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate></item></channel></rss>"
    assert parse_feed(rss)[0].url == "https://x.se/a"
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="enclosure" href="https://x.se/e.mp3"/>'
        b'<link href="https://x.se/b"/></entry></feed>'
    )
    assert [e.url for e in parse_feed(atom)] == ["https://x.se/b"]
    for bad in (b"", b"<html><body>no</body></html>", b"\x1f\x8bnot gzip"):
        with pytest.raises(XmlError):
            parse_feed(bad)


def test_parse_date_formats() -> None:
    assert parse_date("Mon, 03 Mar 2025 10:00:00 +0100") == datetime(2025, 3, 3, 9, tzinfo=UTC)
    assert parse_date("2025-03-03T10:00:00Z") == datetime(2025, 3, 3, 10, tzinfo=UTC)
    assert parse_date("gestern") is None


def test_news_sitemap_entries_and_robots_sitemap_lines() -> None:
    body = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.de/projekt/</loc>'
        b"<news:news><news:publication_date>2025-03-01</news:publication_date></news:news></url>"
        b"<url><loc>https://x.de/seite/</loc><lastmod>2024-01-01</lastmod></url></urlset>"
    )
    news, page = parse_sitemap(body).entries
    assert news.news and news.date == datetime(2025, 3, 1, tzinfo=UTC) and not page.news
    robots = "User-agent: *\nDisallow: /typo3/\nSitemap: /sitemap.xml\nsitemap: https://x.de/news.xml\n"
    assert robots_sitemaps(robots, "https://x.de/robots.txt") == ["https://x.de/sitemap.xml", "https://x.de/news.xml"]


def test_gzip_bomb_stops_at_the_cap(monkeypatch) -> None:
    import spiders.feeds as feeds

    monkeypatch.setattr(feeds, "MAX_XML_BYTES", 1000)
    bomb = gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>")
    with pytest.raises(XmlError, match="too large"):
        parse_sitemap(bomb)
