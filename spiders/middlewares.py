"""Downloader middlewares: origin remapping, the WARC archive, retries with backoff; the SSRF guard
(a resolver that refuses names resolving to private addresses, a middleware for IP-literal redirects)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import _urlparse_cache
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.task import deferLater

from pipelines.archive.warc import WarcArchive
from spiders.article_shape import page_kind
from spiders.state import utc_now
from spiders.urls import Remap, origin

REAL_URL = "aiscout_real_url"
KIND = "aiscout_kind"
PAGE_KIND = "aiscout_page_kind"  # what a candidate's page turned out to be (set when it is archived)
CONTENT_SHA256 = "aiscout_content_sha256"  # the archived body's SHA-256 (hex), hashed once by the archive
ROBOTS_ONCE = "aiscout_robots_once"  # the spider's own robots.txt request: dropped if the crawl already has the file
ROBOTS_HAD = "robots.txt already fetched"  # the IgnoreRequest message of such a drop


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
        if b"Location" not in response.headers:
            return response.replace(url=real, request=request)
        headers = response.headers.copy()
        location = (headers[b"Location"] or b"").decode("latin-1")
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
    ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if kind in ("article", "candidate") and ctype and "html" not in ctype:
        return "other"
    if kind == "candidate":
        text = response.text if isinstance(response, TextResponse) else ""
        request.meta[PAGE_KIND] = page_kind(text)
        return "article" if request.meta[PAGE_KIND] == "article" else "listing"
    return kind


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_private_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for loopback, private, link-local, multicast, unspecified and other non-global addresses,
    including an IPv4 address embedded in IPv6 (mapped ``::ffff:a.b.c.d``, compatible ``::a.b.c.d``,
    6to4, Teredo, NAT64)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and (int(ip) >> 32 == 0 or ip in _NAT64) and int(ip) & 0xFFFFFFFF > 1:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)  # IPv4-compatible (::7f00:1) or NAT64
        if embedded is not None:
            ip = embedded
    return not ip.is_global or ip.is_multicast


def is_private_host(url: str) -> bool:
    """True if the URL's host is a loopback, private, link-local or otherwise non-global address
    (IP literal in any notation the resolver accepts, e.g. ``2130706433``, ``[::ffff:127.0.0.1]``)
    or a ``localhost`` name. No DNS lookup is made here (names are checked by :class:`PrivateAddressResolver`)."""
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
    return is_private_ip(ip)


class PrivateAddressRefused(Exception):
    """A host name resolved to a private address and is not on the allow-list: no connection was made."""


# names the resolver refused in this process -> the private address they resolved to (Twisted reports a
# failed lookup without its reason; PrivateRedirectMiddleware turns such a failure into the refusal)
REFUSED_NAMES: dict[str, str] = {}


class PrivateAddressResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing names that resolve to a private address (the SSRF guard).

    Every connection Scrapy makes to a host name goes through the reactor's resolver: article and listing
    requests, redirects (302, protocol-relative, meta refresh), robots.txt, feeds. The address checked is
    the address connected to, so a name cannot be re-pointed in between. Names on the explicit allow-list
    ``AISCOUT_PRIVATE_HOSTS_ALLOWED`` (e.g. the local demo server's host) are not checked. IP literals go
    through the resolver too (so ``127.0.0.1`` needs the allow-list); redirects to private literals are
    refused by :class:`PrivateRedirectMiddleware` even from an allowed host's remap.
    """

    def __init__(self, reactor: Any, cache_size: int, timeout: float, allowed: list[str] | None = None) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.allowed = {h.rstrip(".").lower() for h in allowed or []}

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> PrivateAddressResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allowed = {h.rstrip(".").lower() for h in crawler.settings.getlist("AISCOUT_PRIVATE_HOSTS_ALLOWED")}
        return resolver

    def lookup(self, name: str, timeout: Any = ()) -> Deferred[str]:
        """The address of ``name`` (Scrapy's cached, threaded lookup; tests map names here)."""
        return super().getHostByName(name, timeout)

    def getHostByName(self, name: str, timeout: Any = ()) -> Deferred[str]:  # noqa: N802 (Twisted interface)
        deferred = self.lookup(name, timeout)
        if name.rstrip(".").lower() in self.allowed:
            return deferred

        def check(address: str) -> str:
            if is_private_ip(ipaddress.ip_address(address)):
                REFUSED_NAMES[name.rstrip(".").lower()] = address
                raise DNSLookupError(f"{name} resolves to private address {address}: refused")
            return address

        return deferred.addCallback(check)


class PrivateRedirectRefused(Exception):
    """A redirect from a public host to a private/loopback/link-local address was not followed."""


class PrivateRedirectMiddleware:
    """SSRF guard for IP literals: refuses a redirect (HTTP or meta refresh) from a public host to a private,
    loopback or link-local address literal (the allow-list does not apply: it names hosts, not redirects).

    Placed before RemapMiddleware, so it judges the real URL (the demo's local server is loopback,
    but the URLs it serves are public ones). The refusal reaches the spider's errback as an error.
    Every connection is also judged by :class:`PrivateAddressResolver` when its host is resolved.
    """

    def process_request(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if chain and is_private_host(request.url) and not is_private_host(chain[0]):
            raise PrivateRedirectRefused(f"redirect from {chain[0]} to private address {request.url} refused")

    def process_exception(self, request: Request, exception: Exception) -> None:
        """A failed lookup of a name the resolver refused becomes that refusal (not retried, recorded)."""
        host = (urlsplit(request.url).hostname or "").rstrip(".").lower()
        if host in REFUSED_NAMES:
            raise PrivateAddressRefused(
                f"{host} resolves to private address {REFUSED_NAMES[host]}: request to {request.url} refused"
            )


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
        source = str(getattr(getattr(spider, "source", None), "name", None) or getattr(spider, "name", "unknown"))
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
        try:
            request.meta[CONTENT_SHA256] = (await asyncio.wrap_future(written)).payload_sha256
        except OSError:  # a full or failing raw disk: this page's error, and counted for the run's verdict
            self.stats.inc_value("aiscout/archive_failed")
            raise
        self.stats.inc_value(f"aiscout/archived/{kind}")
        self.stats.inc_value("aiscout/archived_bytes", len(response.body))
        return response

    def spider_closed(self) -> None:
        if self.archive is not None:
            self.archive.close()


class RobotsSitemapMiddleware:
    """Hands every robots.txt response to the spider (``robots_seen``), so the ``Sitemap:`` lines of the
    robots.txt that Scrapy's robots middleware fetches anyway are read without a second fetch.

    The spider's own robots.txt request (marked ``ROBOTS_ONCE``: sitemap-only discovery, where no other request
    would make Scrapy fetch it) is dropped once that origin's robots.txt has come by: Scrapy's robots middleware,
    which runs first, fetched it for this very request.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.origins: set[str] = set()  # origins whose robots.txt response came by

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsSitemapMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.meta.get(ROBOTS_ONCE) and origin(request.url) in self.origins:
            raise IgnoreRequest(ROBOTS_HAD)

    def process_response(self, request: Request, response: Response) -> Response:
        if urlsplit(response.url).path != "/robots.txt":
            return response
        self.origins.add(origin(response.url))
        seen = getattr(self.crawler.spider, "robots_seen", None)
        if seen is not None:
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

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        return await self._backoff(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        return await self._backoff(super().process_exception(request, exception))
