"""What a generic spider reads off a page: article links, non-HTML links, the next-page link, field probes."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from parsel import Selector

from spiders.registry import Source
from spiders.urls import canonicalize, host_allowed, is_non_html


@dataclass
class ListingLinks:
    """Links of a listing page, canonicalised and deduplicated, in page order."""

    articles: list[str] = field(default_factory=list)
    non_html: list[str] = field(default_factory=list)
    next_page: str | None = None


def _absolute(base_url: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urljoin(base_url, href)
    return url if url.startswith(("http://", "https://")) else None


def extract_listing(html: str, url: str, source: Source) -> ListingLinks:
    """Article links (allowed domain + article pattern), non-HTML links and the pagination link."""
    sel = Selector(text=html)
    region = sel.css(source.selectors.links) if source.selectors.links else [sel]
    out = ListingLinks()
    for href in (h for r in region for h in r.css("a::attr(href)").getall()):
        absolute = _absolute(url, href)
        if absolute is None or not host_allowed(absolute, source.allowed_domains):
            continue
        canonical = canonicalize(absolute)
        if is_non_html(canonical):
            if canonical not in out.non_html:
                out.non_html.append(canonical)
        elif source.is_article_url(canonical) and canonical not in out.articles:
            out.articles.append(canonical)
    for css in source.pagination:
        href = sel.css(f"{css}::attr(href)").get()
        if href and (absolute := _absolute(url, href)) and host_allowed(absolute, source.allowed_domains):
            out.next_page = canonicalize(absolute)
            break
    return out


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
