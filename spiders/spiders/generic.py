"""The one generic, registry-driven spider: listings with pagination, RSS/Atom feeds, sitemaps.

It only yields requests; responses are archived by ``ArchiveMiddleware`` and article freshness is
tracked in the crawl state (conditional requests for known articles).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.feeds import XmlError, parse_feed, parse_sitemap
from spiders.links import extract_listing
from spiders.middlewares import KIND
from spiders.registry import Source
from spiders.state import CrawlState, PageState
from spiders.urls import canonicalize, host_allowed, is_non_html

CANONICAL = "aiscout_canonical"
DEPTH = "aiscout_depth"
PAGE = "aiscout_page"
MAX_NOTES = 200
_QUIET_DROPS = ("Forbidden by robots.txt", "Filtered offsite request")  # Scrapy's IgnoreRequest messages


def _header(response: Response, name: bytes) -> str | None:
    return (response.headers.get(name) or b"").decode("latin-1") or None


class SourceSpider(scrapy.Spider):
    """Crawls one registry source; one crawler per source so each gets its own stats."""

    name = "source"

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.allowed_domains = list(source.allowed_domains)
        self.errors: list[dict[str, str]] = []
        self.non_html: list[str] = []
        self.state: CrawlState | None = None
        self.known: dict[str, PageState] = {}
        self.article_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = settings.getint("AISCOUT_MAX_PAGES") or spider.source.limits.max_pages
        spider.max_articles = settings.getint("AISCOUT_MAX_ARTICLES") or spider.source.limits.max_articles
        if state_path := settings.get("AISCOUT_STATE_PATH"):
            spider.state = CrawlState(state_path)
            spider.known = spider.state.known(spider.source.name)
        crawler.signals.connect(spider.on_closed, signal=scrapy.signals.spider_closed)
        return spider

    def on_closed(self) -> None:
        if self.state is not None:
            self.state.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        callbacks = {"listing": self.parse_listing, "feed": self.parse_feed, "sitemap": self.parse_sitemap}
        for start in self.source.start_urls:
            yield scrapy.Request(
                start.url,
                callback=callbacks[start.kind],
                errback=self.on_error,
                dont_filter=True,
                meta={KIND: start.kind, DEPTH: 0, PAGE: 1},
            )

    # -- helpers ---------------------------------------------------------------------------------

    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"aiscout/{key}", n)

    def _note_non_html(self, url: str) -> None:
        self._count("non_html")
        if len(self.non_html) < MAX_NOTES:
            self.non_html.append(url)

    def article_request(self, url: str, depth: int) -> scrapy.Request | None:
        """A request for an article, conditional if the state knows it; None if out of bounds."""
        canonical = canonicalize(url)
        if canonical in self.article_urls or depth > self.source.limits.max_depth:
            return None
        if not host_allowed(canonical, self.source.allowed_domains):
            return None
        if is_non_html(canonical):
            self._note_non_html(canonical)
            return None
        if len(self.article_urls) >= self.max_articles:
            self._count("articles/over_limit")
            return None
        self.article_urls.add(canonical)
        headers = {}
        if (known := self.known.get(canonical)) and known.status == 200:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(
            canonical,
            headers=headers,
            callback=self.parse_article,
            errback=self.on_error,
            meta={KIND: "article", CANONICAL: canonical, DEPTH: depth, "handle_httpstatus_list": [304]},
        )

    def _articles(self, urls: list[str], depth: int) -> Iterator[scrapy.Request]:
        for url in urls:
            if (req := self.article_request(url, depth)) is not None:
                yield req

    # -- callbacks -------------------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow article links; follow pagination unless this page only lists known articles."""
        if not isinstance(response, TextResponse):
            return
        links = extract_listing(response.text, response.url, self.source)
        for url in links.non_html:
            self._note_non_html(url)
        depth, page = response.meta[DEPTH], response.meta[PAGE]
        yield from self._articles(links.articles, depth + 1)
        all_known = bool(links.articles) and all(u in self.known for u in links.articles)
        if links.next_page and page < self.max_pages and not all_known:
            yield scrapy.Request(
                links.next_page,
                callback=self.parse_listing,
                errback=self.on_error,
                meta={KIND: "listing", DEPTH: depth, PAGE: page + 1},
            )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow every item link of an RSS/Atom feed on the allowed domains."""
        try:
            entries = parse_feed(response.body)
        except XmlError as exc:
            self._error(response.url, f"feed: {exc}")
            return
        urls = [canonicalize(e.url) for e in entries]
        yield from self._articles([u for u in urls if not self.source.is_excluded(u)], response.meta[DEPTH] + 1)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow sub-sitemaps of an index; article URLs of a urlset, newer than lastmod_since_days."""
        try:
            sitemap = parse_sitemap(response.body)
        except XmlError as exc:
            self._error(response.url, f"sitemap: {exc}")
            return
        depth = response.meta[DEPTH] + 1
        if sitemap.kind == "index":
            for entry in sitemap.entries:
                if depth <= self.source.limits.max_depth and host_allowed(entry.url, self.source.allowed_domains):
                    yield scrapy.Request(
                        entry.url,
                        callback=self.parse_sitemap,
                        errback=self.on_error,
                        meta={KIND: "sitemap", DEPTH: depth, PAGE: 1},
                    )
            return
        cutoff = None
        if self.source.lastmod_since_days is not None:
            cutoff = datetime.now(UTC) - timedelta(days=self.source.lastmod_since_days)
        urls = [canonicalize(e.url) for e in sitemap.entries if not (cutoff and e.date and e.date < cutoff)]
        yield from self._articles([u for u in urls if self.source.is_article_url(u)], depth)

    def parse_article(self, response: Response) -> None:
        """Classify the article as new / changed / unchanged and update the crawl state."""
        canonical = response.meta[CANONICAL]
        if response.status == 304:
            self._count("articles/unchanged")
            self._record(canonical, response, 304)
            return
        ctype = (_header(response, b"Content-Type") or "").lower()
        if ctype and "html" not in ctype:
            self._note_non_html(response.url)
            return
        digest = hashlib.sha256(response.body).hexdigest()
        prior = self.known.get(canonical) or (self.state.get(canonical) if self.state else None)
        if prior is None or prior.content_sha256 is None:
            self._count("articles/new")
        elif prior.content_sha256 != digest:
            self._count("articles/changed")
        else:
            self._count("articles/unchanged")
        self._record(canonical, response, 200, digest)

    def _record(self, canonical: str, response: Response, status: int, digest: str | None = None) -> None:
        if self.state is None:
            return
        self.state.record(
            canonical_url=canonical,
            url=response.url,
            source=self.source.name,
            status=status,
            content_sha256=digest,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )

    def _error(self, url: str, reason: str) -> None:
        self.errors.append({"source": self.source.name, "url": url, "reason": reason})

    def on_error(self, failure: Failure) -> None:
        """Record a failed request (after retries); robots/offsite drops are counted, not errors."""
        request = failure.request  # type: ignore[attr-defined]
        is_article = request.meta.get(KIND) == "article"
        # robots.txt and offsite drops are policy, counted elsewhere; any other IgnoreRequest (too many
        # redirects, a decompressed body over DOWNLOAD_MAXSIZE) is a failed fetch and recorded as such
        ignored = (
            failure.check(IgnoreRequest)
            and not failure.check(HttpError)
            and failure.getErrorMessage().startswith(_QUIET_DROPS)
        )
        status = failure.value.response.status if failure.check(HttpError) else 0
        if ignored:
            self._count("ignored")
        else:
            reason = f"HTTP {status}" if status else f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
            self._error(request.url, reason)
            if is_article:
                self._count("articles/failed")
        if is_article and self.state is not None:
            self.state.record(
                canonical_url=request.meta[CANONICAL], url=request.url, source=self.source.name, status=status
            )
