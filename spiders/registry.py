"""The source registry: publishers to crawl, loaded from ``sources.yaml`` and checked against a schema.

Every error names the file, the line and the source. ``article_patterns`` are an optional hint: a URL is
an article when its shape says so (``spiders.article_shape``) or when a hint matches a URL whose shape
alone cannot tell.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's regex parser: finds nested quantifiers before compiling
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from pipelines.langdata import data_dir
from spiders.article_shape import UrlKind, url_kind
from spiders.urls import host_allowed

DEFAULT_REGISTRY = Path(__file__).with_name("sources.yaml")
START_KINDS = ("listing", "feed", "sitemap")
DEFAULT_PAGINATION = ("a[rel=next]", "link[rel=next]", "nav.pagination a.next", "li.pager__item--next a")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANG_RE = re.compile(r"^[a-z]{2}$")
_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$")  # a lowercase host name or IPv4 address
_REQUIRED = ("name", "publisher_org_id", "country", "languages", "start_urls", "allowed_domains")
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT)


class RegistryError(ValueError):
    """The registry YAML is malformed; the message names the file, line, source and field."""


@dataclass(frozen=True)
class StartUrl:
    """A crawl entry point: a listing page, an RSS/Atom feed or a sitemap."""

    url: str
    kind: str = "listing"


@dataclass(frozen=True)
class Selectors:
    """Optional CSS selectors describing the site's markup (hints; discovery works without them)."""

    links: str | None = None  # region holding article links on listing pages
    title: str | None = None
    date: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class Limits:
    """Crawl bounds: listing pages per source, link hops from a start URL, articles per crawl, and pages
    fetched only to see whether they are articles (URL shape unknown)."""

    max_pages: int = 20
    max_depth: int = 3
    max_articles: int = 500
    max_candidates: int = 40


_LIMIT_MIN = {"max_pages": 1, "max_depth": 0, "max_articles": 1, "max_candidates": 0}


@dataclass(frozen=True)
class Source:
    """One publisher's press pages and how to crawl them."""

    name: str
    publisher_org_id: str
    country: str
    languages: tuple[str, ...]
    start_urls: tuple[StartUrl, ...]
    allowed_domains: tuple[str, ...]
    article_patterns: tuple[re.Pattern[str], ...] = ()
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

    def url_kind(self, url: str) -> UrlKind:
        """What the URL is for this source: off its domains = ``other``; else its shape, with ``unknown``
        shapes that match an article pattern taken as articles. An exclude pattern vetoes an article (an
        excluded listing page is still followed)."""
        if not host_allowed(url, self.allowed_domains):
            return "other"
        kind = url_kind(url)
        if self.is_excluded(url):
            return "listing" if kind == "listing" else "other"
        if kind == "unknown" and any(p.search(_path(url)) for p in self.article_patterns):
            return "article"
        return kind


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@cache
def _registry_data() -> dict[str, Any]:
    return yaml.safe_load((data_dir() / "registry.yaml").read_text(encoding="utf-8"))


def countries() -> dict[str, str]:
    """Country code -> publisher_org_id prefix (``data/registry.yaml``)."""
    return {str(k).upper(): str(v) for k, v in _registry_data()["countries"].items()}


def country_languages(country: str) -> list[str]:
    """The languages a new source of that country is proposed with (``data/registry.yaml``)."""
    return list(_registry_data()["languages"].get(country.upper(), []))


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings remember the line of each key (``_Map.lines``)."""


class _Map(dict):
    line: int = 0
    lines: dict[str, int]


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    out = _Map(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    out.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


class _Checker:
    """Type and range checks of one source mapping; errors carry file, line, source and field."""

    def __init__(self, where: str, raw: dict[str, Any]) -> None:
        self.where, self.raw = where, raw
        self.name = raw.get("name") if isinstance(raw.get("name"), str) else "?"

    def fail(self, key: str | None, message: str) -> RegistryError:
        lines = getattr(self.raw, "lines", {})
        line = lines.get(key.split(".")[0]) if key else None
        line = line or getattr(self.raw, "line", 0)
        return RegistryError(f"{self.where}:{line}: source {self.name!r}: {message}")

    def string(self, key: str, value: Any, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"{key} must be a non-empty string, not {value!r}")
        if pattern is not None and not pattern.match(value):
            raise self.fail(key, f"{key} {value!r} must be {what}")
        return value

    def strings(self, key: str, value: Any, pattern: re.Pattern[str] | None = None, what: str = "") -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"{key} must be a non-empty list, not {value!r}")
        return [self.string(key, v, pattern, what) for v in value]

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"{key} must be true or false (unquoted), not {value!r}")
        return value

    def integer(self, key: str, value: Any, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"{key} must be an integer >= {minimum}, not {value!r}")
        return value

    def regexes(self, key: str) -> tuple[re.Pattern[str], ...]:
        values = self.raw.get(key, [])
        if values is None or not isinstance(values, list):
            raise self.fail(key, f"{key} must be a list of regex strings, not {values!r}")
        out = []
        for v in values:
            self.string(key, v)
            try:
                out.append(re.compile(v))
            except re.error as exc:
                raise self.fail(key, f"bad regex in {key}: {v!r} ({exc})") from None
            if _nested_quantifier(sre_parse.parse(v)):
                raise self.fail(key, f"regex {v!r} in {key} nests quantifiers (catastrophic backtracking)")
        return tuple(out)

    def start_url(self, raw: Any) -> StartUrl:
        entry = {"url": raw} if isinstance(raw, str) else raw
        if not isinstance(entry, dict) or "url" not in entry:
            raise self.fail("start_urls", f"start_urls entries need a 'url', not {raw!r}")
        if set(entry) - {"url", "kind"}:
            raise self.fail("start_urls", f"unknown start URL field(s) {sorted(set(entry) - {'url', 'kind'})}")
        url = self.string("start_urls", entry["url"])
        kind = entry.get("kind", "listing")
        if kind not in START_KINDS:
            raise self.fail("start_urls", f"unknown start URL kind {kind!r} (expected one of {START_KINDS})")
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise self.fail("start_urls", f"start URL must be an http(s) URL: {url!r}")
        return StartUrl(url=url, kind=kind)

    def mapping(self, key: str, cls: type) -> Any:
        raw = self.raw.get(key)
        if raw is None:
            if key in self.raw:
                raise self.fail(key, f"{key} is empty (remove it or give a mapping)")
            return cls()
        if not isinstance(raw, dict):
            raise self.fail(key, f"{key} must be a mapping, not {raw!r}")
        unknown = set(raw) - set(cls.__dataclass_fields__)
        if unknown:
            raise self.fail(key, f"unknown {key} field(s) {sorted(unknown)}")
        if cls is Limits:
            return cls(**{k: self.integer(f"{key}.{k}", v, _LIMIT_MIN[k]) for k, v in raw.items()})
        return cls(**{k: None if v is None else self.string(f"{key}.{k}", v) for k, v in raw.items()})


def _nested_quantifier(tree: Any, inside_repeat: bool = False) -> bool:
    """True if a repeat (``+``, ``*``, ``{m,n}`` with n > 1) holds another such repeat: ``(a+)+``."""
    for op, arg in tree:
        if op in _REPEATS:
            _lo, hi, sub = arg
            unbounded = hi > 1
            if unbounded and inside_repeat:
                return True
            if _nested_quantifier(sub, inside_repeat or unbounded):
                return True
        elif op is sre_parse.SUBPATTERN:
            if _nested_quantifier(arg[-1], inside_repeat):
                return True
        elif op is sre_parse.BRANCH:
            if any(_nested_quantifier(b, inside_repeat) for b in arg[1]):
                return True
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT) and _nested_quantifier(arg[1], inside_repeat):
            return True
    return False


def parse_source(raw: dict[str, Any], where: str = "<registry>") -> Source:
    """Check one YAML mapping against the schema and build a :class:`Source` (``where``: file:line)."""
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: every entry of 'sources' must be a mapping, not {raw!r}")
    c = _Checker(where, raw)
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise c.fail(None, f"missing field(s) {missing}")
    unknown = set(raw) - set(Source.__dataclass_fields__)
    if unknown:
        raise c.fail(sorted(unknown)[0], f"unknown field(s) {sorted(unknown)}")
    name = c.string("name", raw["name"], _NAME_RE, "a lowercase slug")
    country = c.string("country", raw["country"]).upper()
    prefixes = countries()
    if country not in prefixes:
        raise c.fail("country", f"country {country!r} is not one of {sorted(prefixes)} (data/registry.yaml)")
    org_re = re.compile(rf"^{re.escape(prefixes[country])}-[a-z0-9-]+$")
    org = c.string("publisher_org_id", raw["publisher_org_id"], org_re, f"'{prefixes[country]}-<slug>'")
    languages = c.strings("languages", raw["languages"], _LANG_RE, "a two-letter language code")
    if not isinstance(raw["start_urls"], list) or not raw["start_urls"]:
        raise c.fail("start_urls", f"start_urls must be a non-empty list, not {raw['start_urls']!r}")
    start_urls = tuple(c.start_url(s) for s in raw["start_urls"])
    domains = c.strings("allowed_domains", raw["allowed_domains"], _HOST_RE, "a lowercase host name")
    pagination = raw.get("pagination", list(DEFAULT_PAGINATION))
    pagination = c.strings("pagination", [pagination] if isinstance(pagination, str) else pagination)
    since = raw.get("lastmod_since_days")
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise c.fail("notes", f"notes must be text, not {notes!r}")
    source = Source(
        name=name,
        publisher_org_id=org,
        country=country,
        languages=tuple(languages),
        start_urls=start_urls,
        allowed_domains=tuple(domains),
        article_patterns=c.regexes("article_patterns"),
        enabled=c.boolean("enabled", True),
        exclude_patterns=c.regexes("exclude_patterns"),
        pagination=tuple(pagination),
        selectors=c.mapping("selectors", Selectors),
        limits=c.mapping("limits", Limits),
        lastmod_since_days=None if since is None else c.integer("lastmod_since_days", since, 1),
        notes=notes,
    )
    off = [s.url for s in start_urls if not host_allowed(s.url, source.allowed_domains)]
    if off:
        raise c.fail("start_urls", f"start URL(s) outside allowed_domains: {off}")
    return source


def load_sources(path: Path | None = None) -> list[Source]:
    """Load and check every source in the registry YAML (default: ``spiders/sources.yaml``)."""
    path = Path(path or DEFAULT_REGISTRY)
    try:
        text = path.read_text(encoding="utf-8")
        doc = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: invalid YAML: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc.strerror}") from None
    entries = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: expected a top-level 'sources:' list")
    sources = [
        parse_source(e, str(path)) if isinstance(e, dict) else parse_source(e, f"{path}:{_entry_line(text, i)}")
        for i, e in enumerate(entries)
    ]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"{path}: duplicate source name(s) {dupes}")
    return sources


def _entry_line(text: str, index: int) -> int:
    """Line of the index-th entry of the top-level ``sources`` list (for entries that are not mappings)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    seq = next(v for k, v in root.value if k.value == "sources")
    return seq.value[index].start_mark.line + 1


def enabled_sources(path: Path | None = None) -> list[Source]:
    """The sources a nightly crawl visits."""
    return [s for s in load_sources(path) if s.enabled]


def get_source(name: str, path: Path | None = None) -> Source:
    """One source by name (enabled or not)."""
    for s in load_sources(path):
        if s.name == name:
            return s
    raise RegistryError(f"unknown source {name!r}")
