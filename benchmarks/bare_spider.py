"""The crawl baseline: a bare Scrapy spider that only downloads a list of URLs (no parsing, no
archive, no state, no middlewares of ours), with the same concurrency as aiscout's FAST_SETTINGS.

    python benchmarks/bare_spider.py URLS.txt REPORT.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from spiders.settings import CONCURRENT_REQUESTS, FAST_SETTINGS


class DownloadOnly(scrapy.Spider):
    name = "download-only"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls = urls
        self.responses = 0
        self.bytes = 0

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        self.responses += 1
        self.bytes += len(response.body)


def main() -> int:
    urls = Path(sys.argv[1]).read_text(encoding="utf-8").split()
    started = time.monotonic()
    settings = {
        "CONCURRENT_REQUESTS": CONCURRENT_REQUESTS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": FAST_SETTINGS["CONCURRENT_REQUESTS_PER_DOMAIN"],
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "COOKIES_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_TIMEOUT": FAST_SETTINGS["DOWNLOAD_TIMEOUT"],
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DownloadOnly)
    process.crawl(crawler, urls=urls)
    process.start()
    spider = crawler.spider
    Path(sys.argv[2]).write_text(
        json.dumps({"responses": spider.responses, "bytes": spider.bytes, "seconds": time.monotonic() - started}),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
