"""Safe parsing of sitemaps (plain/gzip, index) and RSS 2.0 / Atom feeds: links and dates only.

The XML parser never resolves entities, loads DTDs or touches the network, and refuses huge trees.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit for an uncompressed file


class XmlError(ValueError):
    """The document is not parseable (or too large) XML."""


@dataclass(frozen=True)
class Entry:
    """A link found in a sitemap or feed, with its date if given."""

    url: str
    date: datetime | None = None


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


def _root(body: bytes) -> etree._Element:
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as gz:
                body = gz.read(MAX_XML_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise XmlError(f"bad gzip: {exc}") from None
    if len(body) > MAX_XML_BYTES:
        raise XmlError("XML document too large")
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
    root = _root(body)
    kind = {"sitemapindex": "index", "urlset": "urlset"}.get(_local(root.tag))
    if kind is None:
        raise XmlError(f"not a sitemap: <{_local(root.tag)}>")
    entries = [
        Entry(loc, parse_date(_text(el, "lastmod")))
        for el in root
        if _local(el.tag) in ("url", "sitemap") and (loc := _text(el, "loc"))
    ]
    return Sitemap(kind, entries)


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
