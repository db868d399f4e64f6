"""Publication and modification dates of a page.

Trust order for ``published``: JSON-LD (the article node's ``datePublished``, a video's
``uploadDate``, before any other node), meta tags, dates in the markup of the article (``<time>``,
``<abbr title>``, ``itemprop``, ``data-*`` timestamps; those of related items and of anything after
the article are ignored), a visible dateline (cues of ``data/lang/*/dates.yaml`` and the byline cues
of ``pubdate.yaml``, or a date-only line near the top), a date in the page's URL, and last htmldate's
markup search (``htmldate_fallback``, called by ``extract_document``). ``modified`` never
fills ``published``. A UTC timestamp's day is decided in the publisher's time zone (from the source's
country, the URL's country domain, else the page language: ``pubdate.yaml``); a stated offset is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree

from pipelines.extract.blocks import text_blocks
from pipelines.extract.markup import PageMarkup, ld_types, parse_page, read_markup
from pipelines.langdata import load, supported_languages
from pipelines.models import PublicationDates
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import cldr, lang_table
from pipelines.regex_words import alternation

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publish-date",
    "publish_date",
    "publishdate",
    "published_time",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "uploaddate",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
)
_LD_PUBLISHED = ("datePublished", "uploadDate", "dateCreated")
_LD_ARTICLE = re.compile(r"article|posting|pressrelease|report|videoobject|blog|newsitem")
_ISO_DAY = re.compile(r"\s*(\d{4})[-/]?(\d\d)[-/]?(\d\d)(?!\d)")
_ISO_TIME = re.compile(
    r"\s*(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?$", re.I
)
_EPOCH = re.compile(r"\s*(\d{10}|\d{13})\s*$")
_URL_DAY = re.compile(r"[/_-]((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_DATA_ATTR = re.compile(r"data-(?:[\w-]*(?:date|time|publish|created)[\w-]*)$", re.I)
_TOP_LINES, _TOP_CHARS, _CUE_WINDOW, _BYLINE_LINE = 5, 400, 40, 120


@cache
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """(country domain -> zone, language -> zone) from ``data/lang/*/pubdate.yaml``."""
    by_tld: dict[str, str] = {}
    by_lang: dict[str, str] = {}
    for lang in supported_languages():
        data = load(lang, "pubdate")
        if zone := data.get("time_zone"):
            by_lang[lang] = zone
            by_tld.update(dict.fromkeys(data.get("country_tlds") or [], zone))
    return by_tld, by_lang


def publisher_zone(url: str | None = None, lang: str | None = None, country: str | None = None) -> ZoneInfo | None:
    """The publisher's time zone: the source's (or the page locale's) country, else the URL's country domain,
    else the language."""
    by_tld, by_lang = _zones()
    host = re.sub(r"^\w+://", "", url or "").split("/")[0].split(":")[0].lower()
    for key in ((country or "").lower(), host.rsplit(".", 1)[-1] if "." in host else ""):
        if key in by_tld:
            return ZoneInfo(by_tld[key])
    return ZoneInfo(by_lang[lang]) if lang in by_lang else None


def to_day(value: Any, zone: ZoneInfo | None = None) -> str | None:
    """A YYYY-MM-DD date from a metadata value ("2020-11-23T10:00:00+01:00", "23.11.2020", a Unix time, ...).

    A UTC time (Z, +00:00, a Unix time) is read in ``zone``; any other stated offset is kept as stated."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    if m := _EPOCH.match(value):
        seconds = int(m[1]) / (1000 if len(m[1]) == 13 else 1)
        when = dt.datetime.fromtimestamp(seconds, dt.UTC)
        return (when.astimezone(zone) if zone else when).date().isoformat() if 1990 <= when.year <= 2100 else None
    if (m := _ISO_TIME.match(value)) and zone and (m[7] or "").upper() in ("Z", "UTC", "GMT", "+00:00", "+0000"):
        try:
            when = dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), tzinfo=dt.UTC)
            return when.astimezone(zone).date().isoformat()
        except ValueError:
            return None
    m = _ISO_DAY.match(value)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return next((d.date for d in find_dates(value[:200], None) if d.grain == "day"), None)


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    dates, bylines = lang_table(None, "dates"), lang_table(None, "pubdate")
    published, modified = (
        re.compile(rf"(?<!\w)(?:{alternation(dates.get(key) or [])})(?!\w)[^\S\n]{{0,3}}:?", re.IGNORECASE)
        for key in ("published_cues", "modified_cues")
    )
    byline = re.compile(rf"^[^\S\n]*(?:{alternation(bylines.get('byline_cues') or [])})(?!\w)", re.I | re.M)
    return published, modified, byline


def _date_after(text: str, pos: int, window: int) -> str | None:
    """The first day-grain date starting within ``window`` characters of ``pos`` on the same line."""
    line_end = text.find("\n", pos)
    segment = text[pos : line_end if line_end >= 0 else len(text)][: window + 40]
    for d in find_dates(segment, None):
        if d.grain == "day" and d.start <= window and not re.search(r"[.!?]\s", segment[: d.start]):
            return d.date
    return None


def find_dateline(text: str, lang: str | None = None) -> PublicationDates:
    """Published/modified dates stated by datelines in plain text.

    A published cue ("Publicerad:", "Veröffentlicht am") followed by a date, a byline at a line's
    start ("Geschrieben von X am 02.05.2019 17:45") with a date on its short line, else a line near the
    top (first 5 non-empty lines within 400 characters) that is only a date, with a time or weekday.
    ``lang`` is accepted for symmetry; the cues and month names of all languages are used."""
    published_re, modified_re, byline_re = _cues()
    found: dict[str, str | None] = {}
    for key, cue_re, window in (("published", published_re, 12), ("modified", modified_re, 12)):
        for m in cue_re.finditer(text):
            if date := _date_after(text, m.end(), _CUE_WINDOW if _line_start(text, m.start()) else window):
                found[key] = date
                break
    if "published" not in found:
        for m in byline_re.finditer(text):
            line_end = text.find("\n", m.start())
            short = (line_end if line_end >= 0 else len(text)) - m.start() <= _BYLINE_LINE
            if short and (date := _date_after(text, m.end(), _CUE_WINDOW + 20)):
                found["published"] = date
                break
    if "published" not in found:
        found["published"] = _top_line_date(text)
    published = found.get("published")
    return PublicationDates(published, found.get("modified"), "dateline" if published else None)


def is_dateline(block: str) -> bool:
    """A short block that only states dates ("Publicerad: 2020-11-23 Uppdaterad: 2020-11-25",
    "Mittwoch, 3.4.2019, 08:10", "Geschrieben von Anna Schmidt am 02.05.2019 17:45")."""
    if len(block) > _BYLINE_LINE or "\n\n" in block or not any(map(str.isdigit, block)):
        return False
    found = find_dateline(block)
    if not (found.published or found.modified):
        return False
    rest = block
    for d in find_dates(block, None):
        rest = rest.replace(d.text, " ")
    return len(re.findall(r"[^\W\d_]+", rest)) <= 6 and not rest.rstrip().endswith(("!", "?"))


def _line_start(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    return not text[start:pos].strip()


@cache
def _time_or_weekday() -> tuple[re.Pattern[str], frozenset[str]]:
    """What may be left of a date line besides the date: a time with its words ("08:10 Uhr", "kl. 09.15"),
    and the words that may stand with a weekday (the time words of every language, from the language data)."""
    time_words = [str(w) for w in lang_table(None, "pubdate").get("time_words") or []]
    weekdays = [*(cldr(None).get("weekdays") or {}), *(lang_table(None, "dates").get("weekdays") or [])]
    time_alone = re.compile(rf"^[\W\d]*(?:\d{{1,2}}[:.]\d\d(?:\s*(?:{alternation(time_words)})\.?)?)?[\W\d]*$", re.I)
    return time_alone, frozenset(str(w).casefold() for w in [*weekdays, *time_words])


def _top_line_date(text: str) -> str | None:
    lines = [ln.strip() for ln in text[:_TOP_CHARS].splitlines() if ln.strip()][:_TOP_LINES]
    for line in lines:
        if len(line) > 60:
            continue
        dates = [d for d in find_dates(line, None) if d.grain == "day"]
        if len(dates) != 1:
            continue
        rest = (line[: dates[0].start] + " " + line[dates[0].end :]).strip(" .,|-–—")
        if not rest or _time_or_weekday()[0].match(rest) or _is_weekday_prefix(rest):
            return dates[0].date
    return None


def _is_weekday_prefix(rest: str) -> bool:
    """What is left of a date line is a weekday ("Mittwoch, ... 08:10", "ti") and perhaps a time."""
    words = re.findall(r"[^\W\d_]+", rest)
    allowed = _time_or_weekday()[1]
    return bool(words) and len(words) <= 3 and all(w.casefold() in allowed for w in words)


def _from_json_ld(nodes: list[dict[str, Any]], zone: ZoneInfo | None) -> tuple[str | None, str | None]:
    """The article-like node's dates first (in document order), then any node's."""
    ranked = sorted(nodes, key=lambda n: not any(_LD_ARTICLE.search(t) for t in ld_types(n)))
    published = next((d for n in ranked for k in _LD_PUBLISHED if (d := to_day(n.get(k), zone))), None)
    modified = next((d for n in ranked if (d := to_day(n.get("dateModified"), zone))), None)
    return published, modified


def _from_meta(meta: dict[str, str], zone: ZoneInfo | None) -> tuple[str | None, str | None]:
    pick = lambda keys: next((d for d in (to_day(meta.get(k), zone) for k in keys) if d), None)  # noqa: E731
    return pick(PUBLISHED_META), pick(MODIFIED_META)


def _marks(el: etree._Element) -> str:
    return " ".join([el.get("class") or "", el.get("itemprop") or "", el.get("id") or ""]).lower()


def _markup_dates(el: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, value) of every date stated in markup: time/abbr/itemprop values and data-* timestamps."""
    out = []
    for node in el.iter(etree.Element):
        if node.tag == "time" and node.get("datetime"):
            out.append((node, node.get("datetime")))
        elif node.tag == "abbr" and node.get("title"):
            out.append((node, node.get("title")))
        elif "date" in (node.get("itemprop") or "").lower():
            out.append((node, node.get("content") or node.get("datetime") or node.text_content()))
        for key, value in node.attrib.items():
            if _DATA_ATTR.match(key) and value:
                out.append((node, value))
    return out


def _score(el: etree._Element, container: etree._Element | None) -> int:
    marks = _marks(el) + " " + " ".join(k for k in el.attrib if k.startswith("data-"))
    if el.get("pubdate") is not None or "publish" in marks or "datepublished" in marks or "uploaddate" in marks:
        return 3
    if "modif" in marks or "updat" in marks or "datemodified" in marks:
        return -1
    ancestors = list(el.iterancestors())
    if any(
        a.tag in ("li",) or (a.tag == "article" and a is not container and _has_article_sibling(a)) for a in ancestors
    ):
        return -2  # an item of a list: a related article, an event
    if any(a.tag == "header" for a in ancestors) and any(a.tag in ("article", "main") for a in ancestors):
        return 2
    return 1 if any(a.tag in ("article", "main", "header") for a in ancestors) or container in ancestors else 0


def _has_article_sibling(article: etree._Element) -> bool:
    parent = article.getparent()
    return parent is not None and sum(1 for s in parent if s.tag == "article") >= 2


def _from_markup(
    root: etree._Element, container: etree._Element | None, zone: ZoneInfo | None
) -> tuple[str | None, str | None]:
    """A published date in the article's markup (container first, then what precedes it), and a modified one."""
    found = [(el, day, _score(el, container)) for el, value in _markup_dates(root) if (day := to_day(value, zone))]
    modified = next((day for _, day, score in found if score == -1), None)
    if container is not None:
        inside = set(container.iter())  # elements, not id()s: a freed lxml proxy's id is reused
        in_container = [f for f in found if f[0] in inside]
        before = [f for f in found if f[0] not in inside and _precedes(f[0], container)]
        found = in_container + before
    best = max((f for f in found if f[2] >= 0), key=lambda f: f[2], default=None)
    return (best[1] if best else None), modified


def _precedes(el: etree._Element, container: etree._Element) -> bool:
    """``el`` comes before ``container`` in document order."""
    for node in container.itersiblings(preceding=True):
        if node is el or any(d is el for d in node.iter()):
            return True
    parent = container.getparent()
    return parent is not None and _precedes(el, parent)


def _from_url(urls: list[str]) -> str | None:
    for url in urls:
        if m := _URL_DAY.search(url.split("?")[0]):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                continue
    return None


def publication_dates(
    root: etree._Element,
    markup: PageMarkup,
    *,
    container: etree._Element | None = None,
    text: str | None = None,
    url: str | None = None,
    zone: ZoneInfo | None = None,
) -> PublicationDates:
    """Publication (and modification) date by the trust order above. ``root`` may be the page with its
    chrome removed, ``container`` the article element in it and ``text`` its main text (for datelines)."""
    modified = None
    # each source is read only when the ones trusted more state no published date (the markup's is a tree walk)
    for source, read in (
        ("json-ld", lambda: _from_json_ld(markup.json_ld, zone)),
        ("meta", lambda: _from_meta(markup.meta, zone)),
        ("time", lambda: _from_markup(root, container, zone)),
    ):
        published, mod = read()
        modified = modified or mod
        if published:
            return PublicationDates(published, modified, source)
    body = next(root.iter("body"), root)
    # the whole page's blocks (BeautifulSoup over the body) only when the main text states no date
    for candidate_text in (lambda: text, lambda: "\n".join(text_blocks(body))):
        if candidate := candidate_text():
            line = find_dateline(candidate)
            modified = modified or line.modified
            if line.published:
                return PublicationDates(line.published, modified, "dateline")
    if published := _from_url([u for u in (url, *markup.urls) if u]):
        return PublicationDates(published, modified, "url")
    return PublicationDates(None, modified, None)


def htmldate_fallback(html: str | bytes, url: str | None = None) -> str | None:
    """htmldate's original publication date of the whole page: the last resort when none of the above finds
    a date. Its markup search only: its extensive search over the text guesses from a copyright year or a date
    in the article ("2024-01-01" for "© 2024"), which is worse than no date. Imported on first use."""
    import htmldate

    try:
        return htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
    except Exception:  # a fallback: whatever htmldate fails on leaves the page without a date
        return None


def find_publication_dates(
    html: str | bytes, *, url: str | None = None, lang: str | None = None, country: str | None = None
) -> PublicationDates:
    """Publication (and modification) date of a whole HTML page (no chrome removal, no main text)."""
    root = parse_page(html)
    if root is None:
        return PublicationDates()
    markup = read_markup(root)
    zone = publisher_zone(url or next(iter(markup.urls), None), lang or markup.html_lang, country or markup.region)
    return publication_dates(root, markup, url=url, zone=zone)
