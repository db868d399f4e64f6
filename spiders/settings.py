"""All Scrapy settings for aiscout, in one place. Callers (tests, the demo) override via crawl(settings=...)."""

from __future__ import annotations

import os

BOT_NAME = "aiscout"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

CONTACT_URL = os.environ.get("AISCOUT_CONTACT_URL", "https://github.com/aiscout/aiscout")
USER_AGENT = f"aiscout/0.1 (+{CONTACT_URL}; research crawler for public AI initiative announcements)"

# Politeness
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
COOKIES_ENABLED = False

# Retries: 5xx, 408, 429 and timeouts, with exponential backoff (middlewares.BackoffRetryMiddleware)
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubles per retry
RETRY_BACKOFF_MAX = 60.0

# SSRF guard: names resolving to private/loopback/link-local addresses are refused (spiders.middlewares)
TWISTED_DNS_RESOLVER = "spiders.middlewares.PrivateAddressResolver"

# No remote control, no telnet console
REMOTE_CONTROL_ENABLED = False
# Scrapy re-reads a generator callback's source on every response to warn about `return value` (its cache is
# keyed by the bound method, a new object each time): ~0.4 ms of CPU per page for a development-time warning.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy starts CONCURRENT_ITEMS asyncio worker tasks for the output of every callback (default 100: ~100 tasks
# per response). Our callbacks yield only requests, which are scheduled synchronously: one worker is enough.
CONCURRENT_ITEMS = 1
TELNETCONSOLE_ENABLED = False

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_CLASS = "scrapy.utils.request.RequestFingerprinter"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    # after HttpCompression (590) decoded the body, before retries (550) and meta refresh (580)
    "spiders.middlewares.ArchiveMiddleware": 585,
    # after the archive: robots.txt responses (Scrapy's own fetch included) -> the spider's sitemap discovery
    "spiders.middlewares.RobotsSitemapMiddleware": 584,
    # refuses redirects from public hosts to private/loopback addresses; judges the real URL (before remap)
    "spiders.middlewares.PrivateRedirectMiddleware": 990,
    # closest to the downloader: everything above sees real URLs
    "spiders.middlewares.RemapMiddleware": 1000,
}

SPIDER_MIDDLEWARES = {
    # each spider middleware wraps every callback's output in one more async generator: the spider bounds
    # depth itself (limits.max_depth, its own meta key), and the meta-copy check is a development-time warning
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}

# aiscout's own settings (set by spiders.crawl for each run)
AISCOUT_RUN_DIR = None  # where WARC files go; no archive if unset
AISCOUT_REMAP: dict[str, str] = {}  # real origin -> local base, see spiders.urls.Remap
AISCOUT_STATE_PATH = None  # SQLite crawl state; no incremental crawling if unset
AISCOUT_WARC_ROTATE_BYTES = 64 * 1024 * 1024
AISCOUT_MAX_PAGES = None  # overrides every source's limits.max_pages (e.g. `sources check`)
AISCOUT_MAX_ARTICLES = None  # overrides every source's limits.max_articles
# a candidate page found to be no article (nor a listing) is not fetched again for this many days (needs the state)
AISCOUT_RECHECK_NOT_ARTICLES_DAYS = 30
AISCOUT_DISCOVERY = ["feed", "sitemap", "listing"]  # discovery paths used (tests run each on its own)
# Hosts (as written in URLs) that may be private addresses: the SSRF guard does not check them. Empty in
# production; spiders.crawl adds the hosts of AISCOUT_REMAP's local bases (the demo server).
AISCOUT_PRIVATE_HOSTS_ALLOWED: list[str] = []

# Settings for tests and the local demo: no politeness delays, fast failure.
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_BACKOFF_BASE": 0.0,
    "DOWNLOAD_TIMEOUT": 5,
    "LOG_LEVEL": "WARNING",
}
