"""Publication and modification dates of a page.

Trust order for ``published``: JSON-LD ``datePublished`` (also inside ``@graph``), then meta tags,
then ``<time datetime>`` (one marked pubdate/published, else one in the article header), then a
visible dateline. ``modified`` comes from ``dateModified``, modified-time meta tags and
"updated" datelines, and never fills ``published``. Dateline cues are the ``published_cues`` /
``modified_cues`` of every language in ``data/lang/*/dates.yaml``, and the dates after them may use
the month names of any language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from bs4 import BeautifulSoup, Tag

from pipelines.models import PublicationDates
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import lang_table
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
_ISO_DAY = re.compile(r"\s*(\d{4})[-/]?(\d\d)[-/]?(\d\d)(?!\d)")
_TOP_LINES, _TOP_CHARS = 5, 400


def _iso(value: Any) -> str | None:
    """A YYYY-MM-DD date from a metadata value ("2020-11-23T10:00:00+01:00", "23.11.2020", ...)."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_DAY.match(value)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return next((d.date for d in find_dates(value, None) if d.grain == "day"), None)


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lang_table(None, "dates")
    return tuple(  # type: ignore[return-value]
        re.compile(rf"(?<!\w)(?:{alternation(data.get(key) or [])})(?!\w)[^\S\n]{{0,3}}:?", re.IGNORECASE)
        for key in ("published_cues", "modified_cues")
    )


def _date_after(text: str, pos: int) -> str | None:
    """The first day-grain date starting within a few characters of ``pos`` on the same line."""
    line_end = text.find("\n", pos)
    window = text[pos : line_end if line_end >= 0 else len(text)][:80]
    for d in find_dates(window, None):
        if d.grain == "day" and d.start <= 12:
            return d.date
    return None


def find_dateline(text: str, lang: str | None = None) -> PublicationDates:
    """Published/modified dates stated by datelines in plain text.

    A published cue ("Publicerad:", "Veröffentlicht am") followed by a date, else a line near the
    top (first 5 non-empty lines within 400 characters) that is only a date. ``lang`` is accepted
    for symmetry; cues and month names of all languages are used.
    """
    published_re, modified_re = _cues()
    found: dict[str, str | None] = {}
    for key, cue_re in (("published", published_re), ("modified", modified_re)):
        for m in cue_re.finditer(text):
            date = _date_after(text, m.end())
            if date:
                found[key] = date
                break
    if "published" not in found:
        found["published"] = _top_line_date(text)
    published = found.get("published")
    return PublicationDates(published, found.get("modified"), "dateline" if published else None)


def _top_line_date(text: str) -> str | None:
    lines = [ln.strip() for ln in text[:_TOP_CHARS].splitlines() if ln.strip()][:_TOP_LINES]
    for line in lines:
        dates = find_dates(line, None)
        if len(dates) == 1 and dates[0].grain == "day" and len(dates[0].text) >= len(line.rstrip(" .,")) - 1:
            return dates[0].date
    return None


def _json_ld_nodes(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", type=re.compile("ld\\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                yield node
                stack.extend(v for k, v in node.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))


def _from_json_ld(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    published = modified = None
    for node in _json_ld_nodes(soup):
        published = published or _iso(node.get("datePublished")) or _iso(node.get("dateCreated"))
        modified = modified or _iso(node.get("dateModified"))
    return published, modified


def _from_meta(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv") or "").lower()
        value = tag.get("content")
        if key and value and key not in values:
            values[key] = value
    pick = lambda keys: next((d for d in (_iso(values.get(k)) for k in keys) if d), None)  # noqa: E731
    return pick(PUBLISHED_META), pick(MODIFIED_META)


def _time_score(tag: Tag) -> int:
    marks = " ".join([*(tag.get("class") or []), tag.get("itemprop") or "", tag.get("id") or ""]).lower()
    if tag.has_attr("pubdate") or "publish" in marks or "datepublished" in marks:
        return 3
    if "modif" in marks or "updat" in marks:
        return -1
    if tag.find_parent("header") is not None and tag.find_parent(["article", "main"]) is not None:
        return 2
    return 1 if tag.find_parent(["article", "main", "header"]) is not None else 0


def _from_time(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    tags = [t for t in soup.find_all("time") if _iso(t.get("datetime"))]
    modified = next((_iso(t["datetime"]) for t in tags if _time_score(t) == -1), None)
    best = max((t for t in tags if _time_score(t) >= 0), key=_time_score, default=None)
    return (_iso(best["datetime"]) if best is not None else None), modified


def find_publication_dates(html: str | bytes | BeautifulSoup, lang: str | None = None) -> PublicationDates:
    """Publication (and modification) date of a whole HTML page, by the trust order above."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    modified = None
    for source, finder in (("json-ld", _from_json_ld), ("meta", _from_meta), ("time", _from_time)):
        published, mod = finder(soup)
        modified = modified or mod
        if published:
            return PublicationDates(published, modified, source)
    root = soup.find("article") or soup.find("main") or soup.body or soup
    line = find_dateline(root.get_text("\n"), lang)
    return PublicationDates(line.published, modified or line.modified, line.source)
