"""`extract_document`: one page or text in, one `Document` out (the `aiscout extract` contract).

Stages, each a plain function: decode -> main content (HTML) -> publication date -> language ->
parsers -> normalisation (EUR values). Bad input raises `ExtractionError` with a clear reason.
"""
from __future__ import annotations

import codecs
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
MAX_NESTING = 2000  # levels of tags; lxml's own limit is 255, browsers flatten beyond 512
FALLBACK_LANGUAGE = "en"
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|article|main|title)[\s>/]",
                         re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Byte-order marks, UTF-32 before UTF-16 (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE_BOMS = tuple(bom for bom, _ in _BOMS)
# UTF-8 lead byte read as Windows-1252 ("Ã" "Â" "Ã¢") followed by a continuation byte read the same way.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                       "\u2039\u203a\u20ac\u2122]")
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
            main = content.extract_main_fast(root)
        except (content.FastPathUnsupported, RecursionError):
            main = None
        # lxml's tree stops at 255 levels of nesting: a page whose text lies deeper comes out
        # empty here, and BeautifulSoup (no depth limit) gets its chance below.
        if main is not None and main.text.strip():
            return main, dates
    soup = content.parse_html(html)
    if (depth := _nesting_depth(soup)) > MAX_NESTING:
        # choosing the container compares every element's text with its ancestors': quadratic in depth
        raise ExtractionError(f"too deeply nested: {depth} levels of tags (limit {MAX_NESTING})")
    dates = metadata.find_publication_dates(soup)
    return content.extract_main(soup), dates


def _nesting_depth(soup: BeautifulSoup) -> int:
    """Deepest level of tags in the tree, in one iterative pass."""
    depth: dict[int, int] = {id(soup): 0}
    deepest = 0
    for el in soup.descendants:
        if el.name is not None:  # a Tag
            level = depth[id(el)] = depth.get(id(el.parent), 0) + 1
            deepest = max(deepest, level)
    return deepest


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
        if raw.startswith(_WIDE_BOMS):
            raw = None  # sniff the decoded text, not its 2- or 4-byte code units
    if len(text) > MAX_INPUT_BYTES:
        raise ExtractionError(f"input too large: {len(text)} characters (limit {MAX_INPUT_BYTES})")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ExtractionError("empty input")
    sample = text[:4096]
    # a stray NUL or control character is replaced below; many of them mean binary data (or UTF-16 without a BOM)
    if len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise ExtractionError("not text: binary or control characters")
    if is_html is None:
        is_html = _HTML_SNIFF.search((raw or text.encode("utf-8", "replace"))[:4096]) is not None
    return _repair_mojibake(_CONTROL.sub(" ", text)), is_html


def _repair_mojibake(text: str) -> str:
    """Best effort: UTF-8 text that was decoded as Windows-1252 ("fÃ¶r") is turned back ("för").

    Only when the whole text round-trips (every non-ASCII character is part of such a sequence);
    anything else is left as it is."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def _decode_bytes(raw: bytes) -> str:
    """A UTF-32/UTF-16 BOM, else UTF-8 (with or without BOM), then a declared charset, then Windows-1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise ExtractionError(f"undecodable input: invalid {encoding} after its byte-order mark") from None
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
