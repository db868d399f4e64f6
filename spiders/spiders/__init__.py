"""Scrapy spider classes (SPIDER_MODULES points here)."""
