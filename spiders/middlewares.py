"""Downloader middlewares: origin remapping, the WARC archive, retries with backoff."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import _urlparse_cache
from twisted.internet.task import deferLater

from pipelines.archive.warc import WarcArchive
from spiders.article_shape import page_kind
from spiders.state import utc_now
from spiders.urls import Remap

REAL_URL = "aiscout_real_url"
KIND = "aiscout_kind"
PAGE_KIND = "aiscout_page_kind"  # what a candidate's page turned out to be (set when it is archived)


def _set_url(request: Request, url: str) -> None:
    """Rewrite a request's URL in place (the request object stays the one the engine tracks).

    Both URLs are already safe (a request's URL with its origin swapped), so Scrapy's re-escaping in
    ``Request._set_url`` (w3lib's ``safe_url_string``, ~40% of this middleware's CPU) is skipped.
    """
    request._url = url
    _urlparse_cache.pop(request, None)


class RemapMiddleware:
    """Fetches real URLs from a local server: rewrites the URL just before download, restores it after.

    Spiders, robots.txt, redirects, dedup, state and the archive only ever see real URLs.
    """

    def __init__(self, remap: Remap) -> None:
        self.remap = remap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RemapMiddleware:
        remap = Remap(crawler.settings.getdict("AISCOUT_REMAP"))
        if not remap:
            raise NotConfigured
        return cls(remap)

    def process_request(self, request: Request) -> None:
        local = self.remap.to_local(request.url)
        if local is not None:
            request.meta[REAL_URL] = request.url
            _set_url(request, local)

    def _restore(self, request: Request) -> str | None:
        real = request.meta.pop(REAL_URL, None)
        if real is not None:
            _set_url(request, real)
        return real

    def process_response(self, request: Request, response: Response) -> Response:
        local_url = request.url
        real = self._restore(request)
        if real is None:
            return response
        headers = response.headers.copy()
        if b"Location" in headers:
            location = headers[b"Location"].decode("latin-1")
            headers[b"Location"] = self.remap.location_to_real(local_url, location)
        return response.replace(url=real, headers=headers, request=request)

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._restore(request)


def response_kind(request: Request, response: Response) -> str:
    """Archive kind: the request's declared kind, refined by status and content type."""
    if response.status == 304:
        return "not-modified"
    kind = request.meta.get(KIND) or ("robots" if request.url.endswith("/robots.txt") else "other")
    if response.status >= 400 and kind != "robots":
        return "error"
    ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if kind in ("article", "candidate") and ctype and "html" not in ctype:
        return "other"
    if kind == "candidate":
        text = response.text if isinstance(response, TextResponse) else ""
        request.meta[PAGE_KIND] = page_kind(text)
        return "article" if request.meta[PAGE_KIND] == "article" else "listing"
    return kind


def is_private_host(url: str) -> bool:
    """True if the URL's host is a loopback, private, link-local or otherwise non-global address
    (IP literal in any notation the resolver accepts, e.g. ``2130706433``, ``[::ffff:127.0.0.1]``)
    or a ``localhost`` name. No DNS lookup is made: public names count as public."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        try:  # legacy IPv4 forms: 127.1, 0x7f.0.0.1, 2130706433
            ip = ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class PrivateRedirectRefused(Exception):
    """A redirect from a public host to a private/loopback/link-local address was not followed."""


class PrivateRedirectMiddleware:
    """SSRF guard: refuses a redirect from a public host to a private, loopback or link-local address.

    Placed before RemapMiddleware, so it judges the real URL (the demo's local server is loopback,
    but the URLs it serves are public ones). The refusal reaches the spider's errback as an error.
    """

    def process_request(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if chain and is_private_host(request.url) and not is_private_host(chain[0]):
            raise PrivateRedirectRefused(f"redirect from {chain[0]} to private address {request.url} refused")


class ArchiveMiddleware:
    """Writes every (decoded) response to the run's WARC files before any spider sees it.

    The archive's writer thread does the work; the response waits for its record to be written, so
    whatever a spider records about a page (the crawl state's hash and validators) never runs ahead of
    the archive, and a failed write is that page's error. Needs Scrapy's (default) asyncio reactor.
    """

    def __init__(self, crawler: Crawler) -> None:
        run_dir = crawler.settings.get("AISCOUT_RUN_DIR")
        if not run_dir:
            raise NotConfigured
        self.run_dir = run_dir
        self.rotate_bytes = crawler.settings.getint("AISCOUT_WARC_ROTATE_BYTES")
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive: WarcArchive | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        source = getattr(getattr(spider, "source", None), "name", spider.name)
        if self.archive is None:
            self.archive = WarcArchive(self.run_dir, source, rotate_bytes=self.rotate_bytes)
        kind = response_kind(request, response)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items() for v in vs]
        written = self.archive.submit(
            url=response.url,
            status=response.status,
            reason="",
            headers=headers,
            body=response.body,
            fetched_at=utc_now(),
            source=source,
            kind=kind,
        )
        await asyncio.wrap_future(written)
        self.stats.inc_value(f"aiscout/archived/{kind}")
        self.stats.inc_value("aiscout/archived_bytes", len(response.body))
        return response

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()


class RobotsSitemapMiddleware:
    """Hands every robots.txt response to the spider (``robots_seen``), so the ``Sitemap:`` lines of the
    robots.txt that Scrapy's robots middleware fetches anyway are read without a second fetch."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsSitemapMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        seen = getattr(self.crawler.spider, "robots_seen", None)
        if seen is not None and urlsplit(response.url).path == "/robots.txt":
            seen(response)
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (5xx, 408, 429, timeouts) with exponential backoff between attempts."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX")

    async def _backoff(self, result: Any) -> Any:
        if isinstance(result, Request) and self.backoff_base > 0:
            from twisted.internet import reactor  # the installed one; importing earlier would install a default

            delay = min(self.backoff_max, self.backoff_base * 2 ** (result.meta.get("retry_times", 1) - 1))
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return result

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        return await self._backoff(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        return await self._backoff(super().process_exception(request, exception))
