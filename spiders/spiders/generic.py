"""The one generic, registry-driven spider. Discovery, in order: feeds (configured, else autodiscovered from
the start pages), sitemaps (configured, else robots.txt ``Sitemap:`` lines, else the common locations),
listings (links of each page's main region, no selector needed, pagination and archive folders).

A link is requested as an article when its URL has article shape (``spiders.article_shape``); a link
whose shape is unknown is fetched as a *candidate* (bounded by ``limits.max_candidates``) and the page
decides. It only yields requests; responses are archived by ``ArchiveMiddleware`` and article
freshness is tracked in the crawl state (conditional requests for known articles).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.article_shape import page_kind
from spiders.feeds import XmlError, parse_feed, parse_sitemap, robots_sitemaps
from spiders.links import extract_links
from spiders.middlewares import CONTENT_SHA256, KIND, PAGE_KIND, ROBOTS_HAD, ROBOTS_ONCE
from spiders.registry import Source
from spiders.state import CrawlState, PageState
from spiders.urls import host_allowed, is_non_html, origin, safe_canonical

CANONICAL = "aiscout_canonical"
DEPTH = "aiscout_depth"
VIA = "aiscout_via"  # the discovery path that found a page: feed | sitemap | listing
START = "aiscout_start"  # the start URL a listing page descends from (its section)
PROBE = "aiscout_probe"  # a guessed location (robots.txt, /sitemap.xml): a miss is no error
MAX_NOTES = 200
PATHS = ("feed", "sitemap", "listing")
COMMON_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml")
_QUIET_DROPS = ("Forbidden by robots.txt", "Filtered offsite request")  # Scrapy's IgnoreRequest messages


def _header(response: Response, name: bytes) -> str | None:
    return (response.headers.get(name) or b"").decode("latin-1") or None


class SourceSpider(scrapy.Spider):
    """Crawls one registry source; one crawler per source so each gets its own stats."""

    name = "source"

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.allowed_domains = sorted({d.removeprefix("www.") for d in source.allowed_domains})
        self.errors: list[dict[str, str]] = []
        self.non_html: list[str] = []
        self.state: CrawlState | None = None
        self.known: dict[str, PageState] = {}
        self.not_articles: set[str] = set()  # candidates recently found to be no article: not fetched again
        self.requested: set[str] = set()  # article and candidate URLs
        self.articles = 0
        self.candidates = 0
        self.listing_pages = 0
        self.seen_listings: set[str] = set()
        self.seen_xml: set[str] = set()  # feeds and sitemaps
        self.robots_done: set[str] = set()  # origins whose robots.txt was read for sitemaps
        self.found: dict[str, set[str]] = {p: set() for p in PATHS}
        self.paths: tuple[str, ...] = PATHS
        self.max_pages = source.limits.max_pages  # from_crawler applies the AISCOUT_MAX_* settings
        self.max_articles = source.limits.max_articles

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = settings.getint("AISCOUT_MAX_PAGES") or spider.source.limits.max_pages
        spider.max_articles = settings.getint("AISCOUT_MAX_ARTICLES") or spider.source.limits.max_articles
        spider.paths = tuple(settings.getlist("AISCOUT_DISCOVERY") or PATHS)
        if state_path := settings.get("AISCOUT_STATE_PATH"):
            spider.state = CrawlState(state_path)
            spider.known = spider.state.known(spider.source.name)
            days = settings.getfloat("AISCOUT_RECHECK_NOT_ARTICLES_DAYS")
            spider.not_articles = spider.state.not_articles(spider.source.name, days)
        crawler.signals.connect(spider.on_closed, signal=scrapy.signals.spider_closed)
        return spider

    def on_closed(self) -> None:
        for path, urls in self.found.items():
            self.crawler.stats.set_value(f"aiscout/found/{path}", len(urls))
        if self.state is not None:
            self.state.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        starts = self.source.start_urls
        feeds = [s.url for s in starts if s.kind == "feed"]
        sitemaps = [s.url for s in starts if s.kind == "sitemap"]
        listings = [s.url for s in starts if s.kind == "listing"]
        if "feed" in self.paths:
            for url in feeds:
                if request := self._xml_request(url, "feed", 0):
                    yield request
        fetch_listings = "listing" in self.paths or ("feed" in self.paths and not feeds)
        if "sitemap" in self.paths:
            for url in sitemaps:
                if request := self._xml_request(url, "sitemap", 0):
                    yield request
            if not sitemaps and not fetch_listings:  # otherwise robots.txt comes with the first request
                for site in dict.fromkeys(origin(s.url) for s in starts):
                    req = self._request(f"{site}/robots.txt", self.parse_robots, "robots", 0, probe=True)
                    req.meta[ROBOTS_ONCE] = True  # dropped when Scrapy's robots middleware fetched it on its way
                    yield req
        if fetch_listings:
            for url in listings:
                self.seen_listings.add(url)
                self.listing_pages += 1
                yield self._request(url, self.parse_listing, "listing", 0, start=url)

    # -- requests --------------------------------------------------------------------------------

    def _request(
        self, url: str, callback: Any, kind: str, depth: int, start: str | None = None, probe: bool = False
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            dont_filter=True,
            meta={KIND: kind, DEPTH: depth, START: start, PROBE: probe},
        )

    def _xml_request(self, url: str, kind: str, depth: int, probe: bool = False) -> scrapy.Request | None:
        if url in self.seen_xml or not host_allowed(url, self.source.allowed_domains):
            return None
        self.seen_xml.add(url)
        callback = self.parse_feed if kind == "feed" else self.parse_sitemap
        return self._request(url, callback, kind, depth, probe=probe)

    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"aiscout/{key}", n)

    def _note_non_html(self, url: str) -> None:
        self._count("non_html")
        if len(self.non_html) < MAX_NOTES:
            self.non_html.append(url)

    def article_request(self, url: str, depth: int, via: str, candidate: bool = False) -> scrapy.Request | None:
        """A request for an article (or a candidate whose page decides), conditional if the state knows it;
        None if already requested or out of bounds."""
        if not host_allowed(url, self.source.allowed_domains):
            return None
        if not candidate:  # a candidate counts once its page says it is an article
            self.found[via].add(url)
        if url in self.requested or depth > self.source.limits.max_depth:
            return None
        if is_non_html(url):
            self._note_non_html(url)
            return None
        if self.articles + self.candidates >= self.max_articles:
            self._count("articles/over_limit")
            return None
        if candidate:
            if url in self.not_articles:
                self._count("candidates/known_not_article")
                return None
            if self.candidates >= self.source.limits.max_candidates:
                self._count("candidates/over_limit")
                return None
            self.candidates += 1
        else:
            self.articles += 1
        self.requested.add(url)
        headers = {}
        if (known := self.known.get(url)) and known.status == 200:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(
            url,
            headers=headers,
            callback=self.parse_article,
            errback=self.on_error,
            meta={
                KIND: "candidate" if candidate else "article",
                CANONICAL: url,
                DEPTH: depth,
                VIA: via,
                "handle_httpstatus_list": [304],
            },
        )

    def _follow(self, urls: Iterable[str], depth: int, via: str, candidate: bool = False) -> Iterator[scrapy.Request]:
        for url in urls:
            if (req := self.article_request(url, depth, via, candidate)) is not None:
                yield req

    def _canonical_entries(self, response: Response, urls: Iterable[str]) -> list[str]:
        out = []
        for url in urls:
            canonical = safe_canonical(response.url, url)
            if canonical is None:
                self._error(response.url, f"malformed link {url[:200]!r}")
            else:
                out.append(canonical)
        return out

    # -- callbacks -------------------------------------------------------------------------------

    def robots_seen(self, response: Response) -> None:
        """Called by ``RobotsSitemapMiddleware`` for every robots.txt response (the one Scrapy's robots
        middleware fetches anyway): schedule the sitemaps it names, else the common locations -- once per
        origin, and only when sitemaps are searched and none is configured."""
        site = origin(response.url)
        if "sitemap" not in self.paths or site in self.robots_done:
            return
        if any(s.kind == "sitemap" for s in self.source.start_urls):
            return
        self.robots_done.add(site)
        text = response.text if isinstance(response, TextResponse) else ""
        urls = robots_sitemaps(text, response.url) if response.status == 200 else []
        for req in self._sitemaps_or_common(response.url, urls):
            self.crawler.engine.crawl(req)

    def parse_robots(self, response: Response) -> None:
        """robots.txt fetched by the spider itself (sitemap-only discovery): see :meth:`robots_seen`."""
        self.robots_seen(response)

    def _sitemaps_or_common(self, url: str, urls: list[str]) -> Iterator[scrapy.Request]:
        probe = not urls
        for sitemap in urls or [origin(url) + p for p in COMMON_SITEMAPS]:
            if (req := self._xml_request(sitemap, "sitemap", 0, probe=probe)) is not None:
                yield req

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Feeds it announces (autodiscovery), article links, candidates, further listing pages."""
        if not isinstance(response, TextResponse):
            return
        depth = response.meta[DEPTH]
        links = extract_links(response.text, response.url, self.source, response.meta.get(START))
        if depth == 0 and "feed" in self.paths and not any(s.kind == "feed" for s in self.source.start_urls):
            for feed in links.feeds:
                if (req := self._xml_request(feed, "feed", 0)) is not None:
                    yield req
        if "listing" not in self.paths:
            return
        for href in links.bad:
            self._error(response.url, f"malformed link {href!r} skipped")
        for url in links.non_html:
            self._note_non_html(url)
        yield from self._follow(links.articles, depth + 1, "listing")
        yield from self._follow(links.candidates, depth + 1, "listing", candidate=True)
        all_known = bool(links.articles) and all(u in self.known for u in links.articles)
        # the next page keeps the depth (pagination is no hop away from the section); other listing
        # pages of the section (archive folders, numbered pages) are one hop further
        more = [(links.next_page, depth)] if links.next_page else []
        for url, next_depth in more + [(u, depth + 1) for u in links.listings]:
            if url in self.seen_listings or all_known or next_depth > self.source.limits.max_depth:
                continue
            if self.listing_pages >= self.max_pages:
                self._count("listings/over_limit")
                break
            self.seen_listings.add(url)
            self.listing_pages += 1
            yield self._request(url, self.parse_listing, "listing", next_depth, start=response.meta.get(START))

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Every item of an RSS/Atom feed on the allowed domains is an article (unless its URL says not)."""
        try:
            entries = parse_feed(response.body)
        except XmlError as exc:
            self._error(response.url, f"feed: {exc}")
            return
        urls = self._canonical_entries(response, [e.url for e in entries])
        kinds = {u: self.source.url_kind(u) for u in urls}
        yield from self._follow([u for u in urls if kinds[u] in ("article", "unknown")], 1, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Sub-sitemaps of an index; the article URLs of a urlset (news entries, article shapes; unknown
        shapes as candidates), newer than ``lastmod_since_days``."""
        try:
            sitemap = parse_sitemap(response.body)
        except XmlError as exc:
            if not response.meta.get(PROBE):
                self._error(response.url, f"sitemap: {exc}")
            return
        depth = response.meta[DEPTH] + 1
        if sitemap.kind == "index":
            for url in self._canonical_entries(response, [e.url for e in sitemap.entries]):
                if depth <= self.source.limits.max_depth and (req := self._xml_request(url, "sitemap", depth)):
                    yield req
            return
        cutoff = None
        if self.source.lastmod_since_days is not None:
            cutoff = datetime.now(UTC) - timedelta(days=self.source.lastmod_since_days)
        fresh = [e for e in sitemap.entries if not (cutoff and e.date and e.date < cutoff)]
        fresh.sort(key=lambda e: e.date or datetime.min.replace(tzinfo=UTC), reverse=True)  # newest first
        news = {e.url for e in fresh if e.news}
        for url in self._canonical_entries(response, [e.url for e in fresh]):
            kind = self.source.url_kind(url)
            if kind == "article" or (kind == "unknown" and url in news):
                yield from self._follow([url], 1, "sitemap")
            elif kind == "unknown":
                yield from self._follow([url], 1, "sitemap", candidate=True)

    def parse_article(self, response: Response) -> Iterator[scrapy.Request]:
        """Classify the article as new / changed / unchanged and update the crawl state. A candidate whose
        page is a listing is read as one (when listings are followed); any other page is dropped."""
        canonical = response.meta[CANONICAL]
        if response.status == 304:
            self._count("articles/unchanged")
            self._record(canonical, response, 304)
            return
        ctype = (_header(response, b"Content-Type") or "").lower()
        if (ctype and "html" not in ctype) or not isinstance(response, TextResponse):
            self._note_non_html(response.url)
            return
        if response.meta[KIND] == "candidate":
            kind = response.meta.get(PAGE_KIND) or page_kind(response.text)
            if kind != "article":
                self._count("candidates/not_article")
                if kind == "listing":  # a listing is fetched again (it holds links), any other page is remembered
                    if self.listing_pages < self.max_pages:
                        self.listing_pages += 1
                        yield from self.parse_listing(response)
                elif self.state is not None:
                    self.state.record_not_article(canonical, self.source.name)
                return
            self.found[response.meta[VIA]].add(canonical)
        digest = response.meta.get(CONTENT_SHA256) or hashlib.sha256(response.body).hexdigest()  # no archive
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
        self._count("errors")
        if len(self.errors) < MAX_NOTES:
            self.errors.append({"source": self.source.name, "url": url, "reason": reason})

    def on_error(self, failure: Failure) -> None:
        """Record a failed request (after retries); robots/offsite drops are counted, not errors; a missed
        guess (a common sitemap location) is counted, not an error."""
        request = failure.request  # type: ignore[attr-defined]
        kind = request.meta.get(KIND)
        is_article = kind in ("article", "candidate")
        # robots.txt and offsite drops are policy, counted elsewhere; any other IgnoreRequest (too many
        # redirects, a decompressed body over DOWNLOAD_MAXSIZE) is a failed fetch and recorded as such
        ignored = (
            failure.check(IgnoreRequest)
            and not failure.check(HttpError)
            and failure.getErrorMessage().startswith(_QUIET_DROPS)
        )
        status = failure.value.response.status if isinstance(failure.value, HttpError) else 0
        if request.meta.get(ROBOTS_ONCE) and failure.check(IgnoreRequest) and failure.getErrorMessage() == ROBOTS_HAD:
            return  # the file came with Scrapy's own robots.txt fetch
        if request.meta.get(PROBE):
            self._count("discovery/missed")
            return
        if ignored:
            self._count("ignored")
        else:
            reason = (
                f"HTTP {status}"
                if status
                else f"{getattr(failure.type, '__name__', 'error')}: {failure.getErrorMessage()}"[:300]
            )
            self._error(request.url, reason)
            if is_article:
                self._count("articles/failed")
        if is_article and self.state is not None:
            self.state.record(
                canonical_url=request.meta[CANONICAL], url=request.url, source=self.source.name, status=status
            )
