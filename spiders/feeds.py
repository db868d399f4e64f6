"""Safe parsing of sitemaps (plain/gzip, index, news) and RSS 2.0 / Atom feeds: links and dates only.

Sitemaps are read with Scrapy's ``scrapy.utils.sitemap.Sitemap`` (streaming lxml, entities not resolved),
robots.txt ``Sitemap:`` lines with its ``sitemap_urls_from_robots``. Kept from our own parser, because
Scrapy's leaves them to ``SitemapSpider``: gzip is inflated here with a cap on the inflated size (a
gzip bomb stops at ``MAX_XML_BYTES``); lxml's defaults there load no DTD and touch no network, and
entities stay unresolved (a declared entity reads as nothing). Feeds use the same guarded lxml parser (no entities, no DTD, no network, no huge trees).
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree
from scrapy.utils.sitemap import Sitemap as ScrapySitemap
from scrapy.utils.sitemap import sitemap_urls_from_robots

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit for an uncompressed file


class XmlError(ValueError):
    """The document is not parseable (or too large) XML."""


@dataclass(frozen=True)
class Entry:
    """A link found in a sitemap or feed, with its date if given."""

    url: str
    date: datetime | None = None
    news: bool = False  # a news-sitemap entry (<news:news>): the publisher says it is an article


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: ``index`` entries are sub-sitemaps, ``urlset`` entries are pages."""

    kind: str  # "index" | "urlset"
    entries: list[Entry]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )


def _inflate(body: bytes) -> bytes:
    """The XML bytes: gunzipped if compressed, at most MAX_XML_BYTES."""
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as gz:
                body = gz.read(MAX_XML_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise XmlError(f"bad gzip: {exc}") from None
    if len(body) > MAX_XML_BYTES:
        raise XmlError("XML document too large")
    return body


def _root(body: bytes) -> etree._Element:
    body = _inflate(body)
    root = etree.fromstring(body, parser=_parser()) if body.strip() else None
    if root is None:
        raise XmlError("not XML")
    return root


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            return "".join(t for t in child.itertext()).strip() or None
    return None


def parse_date(value: str | None) -> datetime | None:
    """W3C datetime (sitemaps, Atom) or RFC 822 (RSS) to an aware UTC datetime."""
    if not value:
        return None
    value = value.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def parse_sitemap(body: bytes) -> Sitemap:
    """Entries of a ``<urlset>`` or ``<sitemapindex>`` (gzip-compressed input accepted)."""
    body = _inflate(body)
    try:
        sitemap = ScrapySitemap(body) if body.strip() else None
    except (etree.LxmlError, StopIteration) as exc:
        raise XmlError(f"not XML: {exc}") from None
    kind = {"sitemapindex": "index", "urlset": "urlset"}.get(sitemap.type if sitemap else "")
    if sitemap is None or kind is None:
        raise XmlError(f"not a sitemap: <{sitemap.type if sitemap else ''}>")
    try:
        entries = [Entry(d["loc"], parse_date(d.get("lastmod")), "news" in d) for d in sitemap if d.get("loc")]
    except etree.LxmlError as exc:
        raise XmlError(f"broken sitemap: {exc}") from None
    if any(e.news for e in entries):  # Scrapy's dicts keep direct children only: <news:publication_date> is nested
        published = _news_dates(body)
        entries = [Entry(e.url, e.date or published.get(e.url), e.news) for e in entries]
    return Sitemap(kind, entries)


def _news_dates(body: bytes) -> dict[str, datetime]:
    """``loc`` -> ``<news:publication_date>`` of a news sitemap (at most 1,000 entries by its protocol)."""
    out = {}
    for url in _root(body):
        loc, date = _text(url, "loc"), None
        for news in (el for el in url if _local(el.tag) == "news"):
            date = parse_date(_text(news, "publication_date"))
        if loc and date:
            out[loc] = date
    return out


def robots_sitemaps(robots_txt: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, absolute."""
    return list(sitemap_urls_from_robots(robots_txt.encode("utf-8"), base_url=base_url))


def _atom_link(entry: etree._Element) -> str | None:
    links = [el for el in entry if _local(el.tag) == "link" and el.get("href")]
    for el in links:
        if el.get("rel", "alternate") == "alternate":
            return el.get("href")
    return links[0].get("href") if links else None


def parse_feed(body: bytes) -> list[Entry]:
    """Item links of an RSS 2.0 (or RSS 1.0/RDF) or Atom feed."""
    root = _root(body)
    kind = _local(root.tag)
    if kind == "feed":
        return [
            Entry(href, parse_date(_text(e, "updated") or _text(e, "published")))
            for e in root
            if _local(e.tag) == "entry" and (href := _atom_link(e))
        ]
    if kind in ("rss", "rdf"):
        items = [e for e in root.iter() if _local(e.tag) == "item"]
        return [
            Entry(link, parse_date(_text(i, "pubdate") or _text(i, "date")))
            for i in items
            if (link := _text(i, "link") or _text(i, "guid"))
        ]
    raise XmlError(f"not an RSS/Atom feed: <{kind}>")
