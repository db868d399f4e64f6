"""`extract_document`: one page or text in, one `Document` out (the `aiscout extract` contract).

Stages, each a plain function: decode -> main content (HTML) -> publication date -> language ->
parsers -> normalisation (EUR values). Bad input raises `ExtractionError` with a clear reason.
A main text longer than ``MAX_MINED_CHARS`` is mined up to that many characters (at a paragraph break) and
the document says so (``Document.mined_chars``); a ``report`` callable hears each stage of a long page.
"""

from __future__ import annotations

import ctypes
import datetime as dt
from collections.abc import Callable, Sequence

from pipelines.extract.chrome_lines import is_chrome_line
from pipelines.extract.decode import ExtractionError, decode_input
from pipelines.extract.html import MainContent, extract_main
from pipelines.extract.markup import nesting_depth, parse_page, read_markup
from pipelines.extract.pubdate import find_dateline, htmldate_fallback, publication_dates, publisher_zone
from pipelines.langdata import supported_languages
from pipelines.language.detection import detect_language
from pipelines.links import link_amounts
from pipelines.models import Document, PublicationDates
from pipelines.normalise.currency import with_eur
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.entities import find_entities
from pipelines.parsers.organisations import organisation_mentions
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import programme_mentions

MAX_NESTING = 2000  # levels of tags; the parser keeps 2047 (huge_tree), browsers flatten beyond 512
FALLBACK_LANGUAGE = "en"
SHORT_TEXT_CHARS = 1000  # up to this, a text with no language tries each language's finders
# Characters of main text the parsers read (about 1,500 pages; a press release has a few thousand): time and
# memory of mining grow with the text, and a 20 MB page of text must not take minutes and gigabytes.
MAX_MINED_CHARS = 3_000_000
LARGE_PAGE_CHARS = 2_000_000  # a page this long gives the memory of its freed tree back before mining


def extract_document(
    html_or_text: str | bytes,
    *,
    lang: str | None = None,
    url: str | None = None,
    reference_date: str | dt.date | None = None,
    is_html: bool | None = None,
    body_selector: str | None = None,
    country: str | None = None,
    source_languages: Sequence[str] = (),
    report: Callable[[str], None] | None = None,
) -> Document:
    """Extract title, language, publication date and every mention from a page or plain text.

    ``lang`` forces the language (None or "auto": detect). ``reference_date`` gives the year to
    dates without one when the page has no publication date. ``is_html`` overrides sniffing.
    A text too short to detect its language still gets amounts and dates (see ``_finder_language``).
    ``body_selector`` (CSS) and ``country`` (ISO code, for the time zone) come from the source registry.
    ``report`` is told what each stage is about to do ("parsing 20.6 MB"), for progress on long inputs.
    """
    say = report or (lambda message: None)
    decoded = decode_input(html_or_text, is_html=is_html)
    if decoded.is_html:
        say(f"parsing {len(decoded.text) / 1e6:.1f} M characters of HTML")
        main, dated = _main_content(decoded.text, url, body_selector)
        title, text, hint = main.title, main.text, main.html_lang
    else:
        main, dated = None, None
        text = decoded.text.strip()
        title, hint = None, None
    if not text.strip():
        raise ExtractionError("no main text found")
    mined = _mined_text(text)
    if len(mined) < len(text):
        say(f"main text of {len(text) / 1e6:.1f} M characters: mining the first {len(mined) / 1e6:.1f} M")
    language = lang if lang and lang != "auto" else (detect_language(text, hint) or hint)
    if dated is not None and main is not None:
        root, markup = dated
        zone = publisher_zone(url or next(iter(markup.urls), None), language, country or markup.region)
        lines = "\n".join(main.datelines)
        dates = publication_dates(root, markup, container=main.container, text=f"{lines}\n\n{text}", url=url, zone=zone)
        if dates.published is None and (guess := htmldate_fallback(decoded.text, url)):
            dates = PublicationDates(guess, dates.modified, "htmldate")
        source = main.source
        del main, dated, root, markup  # the page's tree is not needed any more: free it before mining
        if len(decoded.text) >= LARGE_PAGE_CHARS:
            _return_freed_memory()
    else:
        source = None
        title = _text_title(text, language)
        dates = find_dateline(text, language)
    ref = dates.published or _iso(reference_date)
    parse_lang = language or FALLBACK_LANGUAGE
    finder_lang = language or _finder_language(mined, source_languages)
    say(f"finding entities in {len(mined) / 1e6:.1f} M characters")
    entities = find_entities(mined, parse_lang)  # once: organisations, programmes, people and dates share it
    organisations = organisation_mentions(entities)
    programmes = programme_mentions(entities)
    say(f"finding dates and amounts ({len(organisations) + len(programmes)} names found)")
    found_dates = find_dates(mined, finder_lang, reference_date=ref, entities=entities)
    amounts = find_amounts(mined, finder_lang)
    say(f"linking amounts to their funders ({len(amounts)} found)")
    amounts = link_amounts(mined, finder_lang, amounts, organisations, programmes, found_dates)
    say("finding people")
    return Document(
        text=text,
        language=language,
        title=title,
        url=url,
        published=dates.published,
        modified=dates.modified,
        organisations=organisations,
        programmes=programmes,
        people=find_people(mined, parse_lang, entities),
        amounts=[with_eur(a, ref) for a in amounts],
        dates=found_dates,
        text_source=source,
        replaced_bytes=decoded.replaced,
        mined_chars=len(mined) if len(mined) < len(text) else None,
    )


def _return_freed_memory() -> None:
    """Give the memory of freed objects back to the system (glibc's ``malloc_trim``; elsewhere nothing): the
    tree of a long page is freed in C and would otherwise stay in the process while the parsers allocate more."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _mined_text(text: str) -> str:
    """The text the parsers read: all of it, or up to ``MAX_MINED_CHARS`` characters, cut at the last
    paragraph (else line, else word) break before the limit."""
    if len(text) <= MAX_MINED_CHARS:
        return text
    for brk in ("\n\n", "\n", " "):
        if (cut := text.rfind(brk, 0, MAX_MINED_CHARS)) > 0:
            return text[:cut]
    return text[:MAX_MINED_CHARS]


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


def _main_content(html: str, url: str | None, selector: str | None) -> tuple[MainContent, tuple]:
    """Main content of a page and what the date finder needs (the cleaned tree and the page's markup)."""
    root = parse_page(html)
    if root is None:
        raise ExtractionError("no HTML document found")
    markup = read_markup(root)
    main = extract_main(root, markup, html=html, selector=selector)
    if not main.text.strip() and (depth := nesting_depth(root)) >= MAX_NESTING:
        raise ExtractionError(f"too deeply nested: {depth} levels of tags (limit {MAX_NESTING})")
    return main, (root, markup)


def _text_title(text: str, language: str | None) -> str | None:
    """For plain text: the first headline-like line (several words, no final stop) in the text's language."""
    for line in text.splitlines()[:20]:
        line = line.strip()
        words = line.split()
        if not (3 <= len(words) <= 25) or line.endswith((".", ":", "?")) or not line[0].isupper():
            continue
        if is_chrome_line(line):
            continue
        if language is None or detect_language(line, None, min_chars=10) == language:
            return line
    return None


def _iso(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value
