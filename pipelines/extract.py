"""`extract_document`: one page or text in, one `Document` out (the `aiscout extract` contract).

Stages, each a plain function: decode -> main content (HTML) -> publication date -> language ->
parsers -> normalisation (EUR values). Bad input raises `ExtractionError` with a clear reason.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bs4 import BeautifulSoup

from pipelines import content, currency, metadata
from pipelines.language import detect_language
from pipelines.models import Amount, Document, PublicationDates
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes

MAX_INPUT_BYTES = 20 * 1024 * 1024
FALLBACK_LANGUAGE = "en"
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|article|main|title)[\s>/]",
                         re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


class ExtractionError(ValueError):
    """Input that cannot be processed; the message says why (shown as the "error" field)."""


def extract_document(html_or_text: str | bytes, *, lang: str | None = None, url: str | None = None,
                     reference_date: str | dt.date | None = None, is_html: bool | None = None) -> Document:
    """Extract title, language, publication date and every mention from a page or plain text.

    ``lang`` forces the language (None or "auto": detect). ``reference_date`` gives the year to
    dates without one when the page has no publication date. ``is_html`` overrides sniffing.
    """
    text_in, html = decode_input(html_or_text, is_html=is_html)
    if html:
        main, dates = _main_and_dates(text_in)
        title, text, hint = main.title, main.text, main.html_lang
    else:
        text = text_in.strip()
        dates = metadata.find_dateline(text)
        title, hint = None, None
    if not text.strip():
        raise ExtractionError("no main text found")
    language = lang if lang and lang != "auto" else (detect_language(text, hint) or hint)
    if not html:
        title = _text_title(text, language)
    if not dates.published:
        dates = metadata.find_dateline(text, language) if html else dates
    ref = dates.published or _iso(reference_date)
    parse_lang = language or FALLBACK_LANGUAGE
    amounts = [_with_eur(a, ref) for a in find_amounts(text, parse_lang)]
    return Document(
        text=text, language=language, title=title, url=url,
        published=dates.published, modified=dates.modified,
        organisations=find_organisations(text, parse_lang),
        programmes=find_programmes(text, parse_lang),
        people=find_people(text, parse_lang),
        amounts=amounts,
        dates=find_dates(text, parse_lang, reference_date=ref),
    )


def _main_and_dates(html: str) -> tuple[content.MainContent, PublicationDates]:
    """Main content and publication dates of a page, parsing the whole page once with lxml.

    BeautifulSoup then parses only the article container and a small page of the date-bearing
    elements (meta, JSON-LD, time); pages that need the visible dateline, or that the fast path
    cannot treat identically, go through the whole-page BeautifulSoup path (same results)."""
    root = content.parse_lxml(html)
    if root is not None:
        dates = metadata.find_publication_dates(BeautifulSoup(content.metadata_markup(root), "lxml"))
        if dates.published is None:
            dates = metadata.find_publication_dates(content.parse_html(html))
        try:
            return content.extract_main_fast(root), dates
        except content.FastPathUnsupported:
            pass
    soup = content.parse_html(html)
    dates = metadata.find_publication_dates(soup)
    return content.extract_main(soup), dates


def decode_input(data: str | bytes, *, is_html: bool | None = None) -> tuple[str, bool]:
    """Decoded text and whether it is HTML; raises ExtractionError for unusable input."""
    if isinstance(data, str):
        raw = None
        text = data
    else:
        raw = data
        if len(raw) > MAX_INPUT_BYTES:
            raise ExtractionError(f"input too large: {len(raw)} bytes (limit {MAX_INPUT_BYTES})")
        if raw.startswith(_BINARY_MAGIC):
            raise ExtractionError("not text: binary content (PDF, image or archive)")
        text = _decode_bytes(raw)
    if len(text) > MAX_INPUT_BYTES:
        raise ExtractionError(f"input too large: {len(text)} characters (limit {MAX_INPUT_BYTES})")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ExtractionError("empty input")
    sample = text[:4096]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise ExtractionError("not text: binary or control characters")
    if is_html is None:
        is_html = _HTML_SNIFF.search((raw or text.encode("utf-8", "replace"))[:4096]) is not None
    return _CONTROL.sub(" ", text), is_html


def _decode_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, then a declared charset, then Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(raw[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1252"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ExtractionError("undecodable input: neither UTF-8 nor the declared charset")


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


def _with_eur(amount: Amount, on_date: str | None) -> Amount:
    return replace(amount, value_eur=currency.to_eur(amount.value, amount.currency, on_date))


def _iso(value: str | dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value
