"""`extract_document`: one page or text in, one `Document` out (the `aiscout extract` contract).

Stages, each a plain function: decode -> main content (HTML) -> publication date -> language ->
parsers -> normalisation (EUR values). Bad input raises `ExtractionError` with a clear reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bs4 import BeautifulSoup

from pipelines.extract.decode import ExtractionError, decode_input
from pipelines.extract.html import (
    FastPathUnsupported,
    MainContent,
    extract_main,
    extract_main_fast,
    metadata_markup,
    parse_html,
    parse_lxml,
)
from pipelines.extract.pubdate import find_dateline, find_publication_dates
from pipelines.langdata import supported_languages
from pipelines.language.detection import detect_language
from pipelines.links import link_amounts
from pipelines.models import Document, PublicationDates
from pipelines.normalise.currency import with_eur
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes

MAX_NESTING = 2000  # levels of tags; lxml's own limit is 255, browsers flatten beyond 512
FALLBACK_LANGUAGE = "en"
SHORT_TEXT_CHARS = 1000  # up to this, a text with no language tries each language's finders


def extract_document(
    html_or_text: str | bytes,
    *,
    lang: str | None = None,
    url: str | None = None,
    reference_date: str | dt.date | None = None,
    is_html: bool | None = None,
    source_languages: Sequence[str] = (),
) -> Document:
    """Extract title, language, publication date and every mention from a page or plain text.

    ``lang`` forces the language (None or "auto": detect). ``reference_date`` gives the year to
    dates without one when the page has no publication date. ``is_html`` overrides sniffing.
    A text too short to detect its language still gets amounts and dates (see ``_finder_language``).
    """
    text_in, html = decode_input(html_or_text, is_html=is_html)
    if html:
        main, dates = _main_and_dates(text_in)
        title, text, hint = main.title, main.text, main.html_lang
    else:
        text = text_in.strip()
        dates = find_dateline(text)
        title, hint = None, None
    if not text.strip():
        raise ExtractionError("no main text found")
    language = lang if lang and lang != "auto" else (detect_language(text, hint) or hint)
    if not html:
        title = _text_title(text, language)
    if not dates.published:
        dates = find_dateline(text, language) if html else dates
    ref = dates.published or _iso(reference_date)
    parse_lang = language or FALLBACK_LANGUAGE
    finder_lang = language or _finder_language(text, source_languages)
    organisations = find_organisations(text, parse_lang)
    programmes = find_programmes(text, parse_lang)
    found_dates = find_dates(text, finder_lang, reference_date=ref)
    amounts = link_amounts(text, finder_lang, find_amounts(text, finder_lang), organisations, programmes, found_dates)
    return Document(
        text=text,
        language=language,
        title=title,
        url=url,
        published=dates.published,
        modified=dates.modified,
        organisations=organisations,
        programmes=programmes,
        people=find_people(text, parse_lang),
        amounts=[with_eur(a, ref) for a in amounts],
        dates=found_dates,
    )


def _finder_language(text: str, source_languages: Sequence[str]) -> str:
    """The language to read amounts and dates of a text with no detected language in: of the source's
    languages (else every language), the one whose finders find the most; none finds any: the fallback.
    A long text with no language (no sentences) is read in the source's first language or the fallback."""
    if len(text) > SHORT_TEXT_CHARS or len(source_languages) == 1:
        return source_languages[0] if source_languages else FALLBACK_LANGUAGE
    scored = [
        (len(find_amounts(text, code)) + len(find_dates(text, code)), code)
        for code in (source_languages or supported_languages())
    ]
    best = max(scored, key=lambda sc: sc[0], default=(0, FALLBACK_LANGUAGE))
    return best[1] if best[0] else FALLBACK_LANGUAGE


def _main_and_dates(html: str) -> tuple[MainContent, PublicationDates]:
    """Main content and publication dates of a page, parsing the whole page once with lxml.

    BeautifulSoup then parses only the article container and a small page of the date-bearing
    elements (meta, JSON-LD, time); pages that need the visible dateline, or that the fast path
    cannot treat identically, go through the whole-page BeautifulSoup path (same results)."""
    root = parse_lxml(html)
    if root is not None:
        dates = find_publication_dates(BeautifulSoup(metadata_markup(root), "lxml"))
        if dates.published is None:
            dates = find_publication_dates(parse_html(html))
        try:
            main = extract_main_fast(root)
        except (FastPathUnsupported, RecursionError):
            main = None
        # lxml's tree stops at 255 levels of nesting: a page whose text lies deeper comes out
        # empty here, and BeautifulSoup (no depth limit) gets its chance below.
        if main is not None and main.text.strip():
            return main, dates
    soup = parse_html(html)
    if (depth := _nesting_depth(soup)) > MAX_NESTING:
        # choosing the container compares every element's text with its ancestors': quadratic in depth
        raise ExtractionError(f"too deeply nested: {depth} levels of tags (limit {MAX_NESTING})")
    dates = find_publication_dates(soup)
    return extract_main(soup), dates


def _nesting_depth(soup: BeautifulSoup) -> int:
    """Deepest level of tags in the tree, in one iterative pass."""
    depth: dict[int, int] = {id(soup): 0}
    deepest = 0
    for el in soup.descendants:
        if el.name is not None:  # a Tag
            level = depth[id(el)] = depth.get(id(el.parent), 0) + 1
            deepest = max(deepest, level)
    return deepest


def _text_title(text: str, language: str | None) -> str | None:
    """For plain text: the first headline-like line (several words, no final stop) in the text's language."""
    for line in text.splitlines()[:20]:
        line = line.strip()
        words = line.split()
        if not (3 <= len(words) <= 25) or line.endswith((".", ":", "?")) or not line[0].isupper():
            continue
        if language is None or detect_language(line, None, min_chars=10) == language:
            return line
    return None


def _iso(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value
