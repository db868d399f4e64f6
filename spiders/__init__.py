"""aiscout's Scrapy project: the source registry, generic spiders, the raw WARC archive and crawl().

Fetching only: nothing in this package interprets what a page means.
"""
