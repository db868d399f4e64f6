"""Lines of page chrome left in a copied plain text (skip links such as "Hoppa till huvudinnehåll"):
the phrases are language data (``data/lang/<lang>/chrome.yaml``), checked in every language because
a page's skip link need not be in the page's language."""

from __future__ import annotations

from functools import cache

from pipelines.langdata import load, supported_languages


@cache
def _skip_links() -> frozenset[str]:
    return frozenset(p.casefold() for lang in supported_languages() for p in load(lang, "chrome").get("skip_links", []))


def is_chrome_line(line: str) -> bool:
    """Whether ``line`` is a skip link of any supported language (the whole line: a sentence that
    merely starts with the same words is text)."""
    return " ".join(line.casefold().split()).rstrip(" .:»›>") in _skip_links()
