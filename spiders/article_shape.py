"""Is this an article? Judged from the URL's shape and, once fetched, from the page itself.

No per-site pattern is needed: a URL is an article when a news/press segment (or a date folder) is
followed by a slug, a date or an id; listing, archive, pagination, tag, search and feed URLs are
recognised as such. The words come from ``data/lang/<lang>/urls.yaml`` (every language merged: a
site's paths need not be in the site's language).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from parsel import Selector

from pipelines.langdata import load, supported_languages

UrlKind = Literal["article", "listing", "other", "unknown"]
PageKind = Literal["article", "listing", "unknown"]

_PAGE_EXTENSIONS = re.compile(r"\.(html?|aspx?|php|jsp|shtml|cfm)$")
_DATA_EXTENSIONS = re.compile(r"\.(xml|rss|atom|json|txt|xml\.gz)$")
_TOKEN_SPLIT = re.compile(r"[-_.+~,]+")
_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMERIC = re.compile(r"^\d{1,4}$")
_DATE_IN_SLUG = re.compile(r"(?:^|\D)(?:(19|20)\d\d-\d\d-\d\d|\d\d-\d\d-(19|20)\d\d|(19|20)\d\d[01]\d[0-3]\d)(?:\D|$)")
_ID_SUFFIX = re.compile(r"(?:_\d{4,}|-1\.\d{3,}|-\d{6,})$")
_ALPHA_TOKEN = re.compile(r"^[^\W\d_]{2,}$")
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "pressrelease", "scholarlyarticle"}
_MIN_ARTICLE_WORDS = 120
_LISTING_LINK_SHARE = 0.5


@dataclass(frozen=True)
class Vocabulary:
    """URL-path words of every language under ``data/lang`` (sets of lowercase words)."""

    news: frozenset[str]
    archive: frozenset[str]
    pagination: frozenset[str]
    taxonomy: frozenset[str]
    search: frozenset[str]
    feed: frozenset[str]
    pages: frozenset[str]
    query_pagination: frozenset[str]
    query_search: frozenset[str]
    query_id: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    """The merged URL vocabulary of all languages with a ``urls.yaml``."""
    merged: dict[str, set[str]] = {name: set() for name in Vocabulary.__dataclass_fields__}
    for lang in supported_languages():
        for key, words in load(lang, "urls").items():
            if key in merged:
                merged[key].update(str(w).lower() for w in words or [])
    return Vocabulary(**{k: frozenset(v) for k, v in merged.items()})


def _segments(path: str) -> list[str]:
    return [unquote(s).lower() for s in path.split("/") if s]


def _tokens(segment: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(segment) if t]


def _is_section(segment: str, vocab: Vocabulary) -> bool:
    """A segment naming a news section or one of its listing folders (e.g. ``alla-nyheter``, ``nyhetsarkiv-2020``)."""
    if segment in vocab.news or segment in vocab.archive:
        return True
    words = [t for t in _tokens(segment) if not t.isdigit()]
    named = [t for t in words if t in vocab.news or t in vocab.archive]
    return bool(named) and len(words) <= 3


def _has_news(segment: str, vocab: Vocabulary) -> bool:
    return segment in vocab.news or any(t in vocab.news for t in _tokens(segment))


@lru_cache(maxsize=65536)
def url_kind(url: str) -> UrlKind:
    """``article``, ``listing`` (section, archive, pagination, tag, search), ``other`` (feeds, sitemaps,
    site pages) or ``unknown`` (only the page can tell) -- from the URL alone."""
    vocab = vocabulary()
    parts = urlsplit(url)
    segments = _segments(parts.path)
    query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    if not segments:
        return "listing" if query.keys() & (vocab.query_pagination | vocab.query_search) else "other"
    if _DATA_EXTENSIONS.search(segments[-1]) or all(len(s) <= 2 or s in vocab.pages for s in segments):
        return "other"  # feeds, sitemaps; home and language home pages (/sv, /en/, /about)
    segments[-1] = _PAGE_EXTENSIONS.sub("", segments[-1])
    last, parents = segments[-1], segments[:-1]
    if any(s in vocab.feed or _tokens(s)[:1] == ["rss"] for s in segments):
        return "other"
    if any(s in vocab.taxonomy or s in vocab.search for s in segments):
        return "listing"
    if query.keys() & (vocab.query_pagination | vocab.query_search):
        return "listing"
    if any(
        s in vocab.pagination and i + 1 < len(segments) and segments[i + 1].isdigit() for i, s in enumerate(segments)
    ):
        return "listing"
    tokens = _tokens(last)
    if tokens and tokens[0] in vocab.pagination and all(t.isdigit() for t in tokens[1:]):
        return "listing"
    news = any(_has_news(s, vocab) for s in parents)
    if news and any(k in vocab.query_id and v.isdigit() for k, v in query.items()):
        return "article"
    if last in vocab.pages:
        return "other"
    if _NUMERIC.match(last) or _is_section(last, vocab):
        return "listing" if news or _is_section(last, vocab) else "unknown"
    slug = sum(1 for t in tokens if _ALPHA_TOKEN.match(t)) >= 2
    dated = bool(_DATE_IN_SLUG.search(last)) or any(_YEAR.match(s) for s in parents)
    has_id = bool(_ID_SUFFIX.search(last))
    if news and (slug or dated or has_id):
        return "article"
    if dated and slug:
        return "article"
    return "unknown"


def _json_ld_types(sel: Selector) -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            kind = node.get("@type")
            for k in kind if isinstance(kind, list) else [kind]:
                if isinstance(k, str):
                    found.add(k.lower())
            for key in ("@graph", "mainEntity"):
                walk(node.get(key))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for raw in sel.css('script[type="application/ld+json"]::text').getall():
        try:
            walk(json.loads(raw))
        except ValueError:
            continue
    return found


def page_kind(html: str) -> PageKind:
    """What a fetched page is: link-heavy main region = listing; else ``og:type``/JSON-LD article types,
    or a heading with article-length text (shorter if a ``<time>`` sits in its header) = article."""
    from spiders.links import main_region  # links imports this module

    sel = Selector(text=html)
    region = main_region(sel)
    words = len(" ".join(region.css("::text").getall()).split())
    link_words = len(" ".join(region.css("a ::text").getall()).split())
    links = len(region.css("a[href]"))
    if links >= 5 and words and link_words / words >= _LISTING_LINK_SHARE:
        return "listing"  # whatever its metadata claims (CMSs often label every page og:type=article)
    og_type = (sel.css('meta[property="og:type"]::attr(content)').get() or "").strip().lower()
    if og_type == "article" or _json_ld_types(sel) & _ARTICLE_TYPES:
        return "article"
    text_words = words - link_words
    dated = bool(region.css("h1 ~ time, header time, h1 time, [itemprop=datePublished]"))
    if region.css("h1") and (text_words >= _MIN_ARTICLE_WORDS or (dated and text_words >= _MIN_ARTICLE_WORDS // 2)):
        return "article"
    return "listing" if links >= 5 else "unknown"
