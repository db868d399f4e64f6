"""The source registry: publishers to crawl, loaded and validated from ``sources.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

DEFAULT_REGISTRY = Path(__file__).with_name("sources.yaml")
START_KINDS = ("listing", "feed", "sitemap")
DEFAULT_PAGINATION = ("a[rel=next]", "link[rel=next]", "nav.pagination a.next", "li.pager__item--next a")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ORG_RE = re.compile(r"^(se|nl|de|eu)-[a-z0-9-]+$")
_REQUIRED = ("name", "publisher_org_id", "country", "languages", "start_urls", "allowed_domains", "article_patterns")


class RegistryError(ValueError):
    """The registry YAML is malformed; the message names the source and field."""


@dataclass(frozen=True)
class StartUrl:
    """A crawl entry point: a listing page, an RSS/Atom feed or a sitemap."""

    url: str
    kind: str = "listing"


@dataclass(frozen=True)
class Selectors:
    """Optional CSS selectors describing the site's markup (used by ``sources check`` and tests)."""

    links: str | None = None  # region holding article links on listing pages
    title: str | None = None
    date: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class Limits:
    """Crawl bounds: listing pages per start URL, link hops from a start URL, articles per crawl."""

    max_pages: int = 20
    max_depth: int = 3
    max_articles: int = 500


@dataclass(frozen=True)
class Source:
    """One publisher's press pages and how to crawl them."""

    name: str
    publisher_org_id: str
    country: str
    languages: tuple[str, ...]
    start_urls: tuple[StartUrl, ...]
    allowed_domains: tuple[str, ...]
    article_patterns: tuple[re.Pattern[str], ...]
    enabled: bool = True
    exclude_patterns: tuple[re.Pattern[str], ...] = ()
    pagination: tuple[str, ...] = DEFAULT_PAGINATION
    selectors: Selectors = field(default_factory=Selectors)
    limits: Limits = field(default_factory=Limits)
    lastmod_since_days: int | None = None
    notes: str = ""

    def is_excluded(self, url: str) -> bool:
        """True if the URL's path (with query) matches an exclude pattern."""
        return any(p.search(_path(url)) for p in self.exclude_patterns)

    def is_article_url(self, url: str) -> bool:
        """True if the URL's path (with query) matches an article pattern and no exclude pattern."""
        return any(p.search(_path(url)) for p in self.article_patterns) and not self.is_excluded(url)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _regexes(name: str, key: str, values: Any) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RegistryError(f"source {name!r}: {key} must be a list of regex strings")
    out = []
    for v in values:
        try:
            out.append(re.compile(v))
        except re.error as exc:
            raise RegistryError(f"source {name!r}: bad regex in {key}: {v!r} ({exc})") from None
    return tuple(out)


def _start_url(name: str, raw: Any) -> StartUrl:
    entry = {"url": raw} if isinstance(raw, str) else raw
    if not isinstance(entry, dict) or "url" not in entry:
        raise RegistryError(f"source {name!r}: start_urls entries need a 'url'")
    kind = entry.get("kind", "listing")
    if kind not in START_KINDS:
        raise RegistryError(f"source {name!r}: unknown start URL kind {kind!r} (expected one of {START_KINDS})")
    if urlsplit(entry["url"]).scheme not in ("http", "https"):
        raise RegistryError(f"source {name!r}: start URL must be http(s): {entry['url']!r}")
    return StartUrl(url=entry["url"], kind=kind)


def _dataclass_from(name: str, key: str, cls: type, raw: Any) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        raise RegistryError(f"source {name!r}: {key} must be a mapping")
    unknown = set(raw) - set(cls.__dataclass_fields__)
    if unknown:
        raise RegistryError(f"source {name!r}: unknown {key} field(s) {sorted(unknown)}")
    return cls(**raw)


def parse_source(raw: dict[str, Any]) -> Source:
    """Validate one YAML mapping and build a :class:`Source`."""
    name = raw.get("name", "?")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise RegistryError(f"source {name!r}: missing field(s) {missing}")
    if not _NAME_RE.match(str(name)):
        raise RegistryError(f"source {name!r}: name must be a lowercase slug")
    if not _ORG_RE.match(str(raw["publisher_org_id"])):
        raise RegistryError(f"source {name!r}: publisher_org_id must look like '<cc>-<slug>'")
    known = set(Source.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise RegistryError(f"source {name!r}: unknown field(s) {sorted(unknown)}")
    start_urls = tuple(_start_url(name, s) for s in raw["start_urls"] or [])
    if not start_urls:
        raise RegistryError(f"source {name!r}: start_urls is empty")
    pagination = raw.get("pagination", DEFAULT_PAGINATION)
    return Source(
        name=name,
        publisher_org_id=raw["publisher_org_id"],
        country=str(raw["country"]).upper(),
        languages=tuple(raw["languages"]),
        start_urls=start_urls,
        allowed_domains=tuple(raw["allowed_domains"]),
        article_patterns=_regexes(name, "article_patterns", raw["article_patterns"]),
        enabled=bool(raw.get("enabled", True)),
        exclude_patterns=_regexes(name, "exclude_patterns", raw.get("exclude_patterns", [])),
        pagination=tuple([pagination] if isinstance(pagination, str) else pagination),
        selectors=_dataclass_from(name, "selectors", Selectors, raw.get("selectors")),
        limits=_dataclass_from(name, "limits", Limits, raw.get("limits")),
        lastmod_since_days=raw.get("lastmod_since_days"),
        notes=raw.get("notes", ""),
    )


def load_sources(path: Path | None = None) -> list[Source]:
    """Load and validate every source in the registry YAML (default: ``spiders/sources.yaml``)."""
    path = Path(path or DEFAULT_REGISTRY)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: invalid YAML: {exc}") from None
    entries = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' list")
    sources = [parse_source(e) for e in entries]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"{path}: duplicate source name(s) {dupes}")
    return sources


def enabled_sources(path: Path | None = None) -> list[Source]:
    """The sources a nightly crawl visits."""
    return [s for s in load_sources(path) if s.enabled]


def get_source(name: str, path: Path | None = None) -> Source:
    """One source by name (enabled or not)."""
    for s in load_sources(path):
        if s.name == name:
            return s
    raise RegistryError(f"unknown source {name!r}")
