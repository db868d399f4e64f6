"""What a generic spider reads off a page: links of its main region sorted by URL shape, feed links, the
next-page link, field probes. No selector is required: the page's own chrome (header, navigation,
footer, asides, cookie banners) is left out, and the registry's ``links`` selector is only a hint."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from spiders.registry import Source
from spiders.urls import is_non_html, safe_canonical

# where a page's own content sits, most specific first (HTML5, ARIA, common CMS ids and classes)
_MAIN = ("main", "[role=main]", "#main-content", "#maincontent", "#content", "#main", ".main-content", "article")
# chrome inside the main region or the body; a page-wide <form> (ASP.NET) is not chrome, nor is a
# <header> holding the page's <h1> (an article's own header)
_CHROME = (
    "header:not(:has(h1)), nav, footer, aside, script, style, noscript, template, [role=navigation], "
    "[role=banner], [role=contentinfo], [role=complementary], [aria-label*=breadcrumb i], .breadcrumb, "
    ".breadcrumbs, [id*=cookie i], [class*=cookie i], .skip-link, .share, .social"
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml")


@dataclass
class PageLinks:
    """Links of a page's main region, canonical and deduplicated, in page order, sorted by URL shape."""

    articles: list[str] = field(default_factory=list)  # article-shaped URLs
    candidates: list[str] = field(default_factory=list)  # shape unknown: only the page can tell
    listings: list[str] = field(default_factory=list)  # more listing pages (pagination, archive folders)
    non_html: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # <link rel=alternate> RSS/Atom feeds of the page
    bad: list[str] = field(default_factory=list)  # hrefs that are no valid URL
    next_page: str | None = None


def main_region(sel: Selector, css: str | None = None) -> Selector:
    """The page's main region with its chrome removed: every match of ``css`` if given and matching, else
    the one main-content container (a selector matching several, e.g. teaser ``<article>``s, is passed
    over), else the body."""
    if css and (hinted := sel.css(css)) and all(hasattr(n.root, "getparent") for n in hinted):
        region = etree.Element("div")
        region.extend(copy.deepcopy(n.root) for n in hinted)
    else:
        nodes = next((found for c in _MAIN if len(found := sel.css(c)) == 1), None) or sel.css("body")
        if not nodes or not hasattr(nodes[0].root, "getparent"):
            return sel
        region = copy.deepcopy(nodes[0].root)
    for el in Selector(root=region).css(_CHROME):
        if el.root is not region and el.root.getparent() is not None:
            el.root.getparent().remove(el.root)
    return Selector(root=region)


def extract_links(html: str, url: str, source: Source, start_url: str | None = None) -> PageLinks:
    """Links of the page's main region, sorted by what their URL is for ``source``. Listing-shaped links
    are kept only inside ``start_url``'s section (same first path segment), so a crawl stays in the news
    section; malformed hrefs are returned in ``bad``, never raised."""
    sel = Selector(text=html)
    out = PageLinks()
    seen: set[str] = set()
    section = _section(start_url or url)
    for href in main_region(sel, source.selectors.links).css("a::attr(href)").getall():
        canonical = safe_canonical(url, href)
        if canonical is None:
            if _looks_like_url(href):
                out.bad.append(href.strip()[:300])
            continue
        if canonical in seen:
            continue
        seen.add(canonical)
        kind = source.url_kind(canonical)
        if kind == "other":
            continue
        if is_non_html(canonical):
            out.non_html.append(canonical)
        elif kind == "article":
            out.articles.append(canonical)
        elif kind == "listing" and _section(canonical) == section:
            out.listings.append(canonical)
        elif kind == "unknown":
            out.candidates.append(canonical)
    for css in source.pagination:
        href = sel.css(f"{css}::attr(href)").get()
        if href and (canonical := safe_canonical(url, href)) and source.url_kind(canonical) != "other":
            out.next_page = canonical
            break
    for link in sel.css("link[rel~=alternate]"):
        if (link.attrib.get("type") or "").lower() in _FEED_TYPES:
            feed = safe_canonical(url, link.attrib.get("href", ""))
            if feed and feed not in out.feeds:
                out.feeds.append(feed)
    return out


def _section(url: str) -> str:
    parts = [p for p in urlsplit(url).path.lower().split("/") if p]
    return parts[0] if parts else ""


def _looks_like_url(href: str) -> bool:
    return href.strip().lower().startswith(("http:", "https:", "//"))


def probe_article(html: str, source: Source) -> dict[str, str | None]:
    """What the source's title/date/body selectors find on an article page (first 200 characters each)."""
    sel = Selector(text=html)
    defaults = {"title": "h1", "date": "time", "body": "article, main"}
    result: dict[str, str | None] = {}
    for name, css in defaults.items():
        css = getattr(source.selectors, name) or css
        node = sel.css(css)
        text = " ".join(" ".join(node[:1].css("::text").getall()).split()) if node else ""
        if name == "date" and node:
            text = node[0].attrib.get("datetime") or node[0].attrib.get("content") or text
        result[name] = text[:200] or None
    return result
