"""Input sniffing and decoding: bytes or text in, ``Decoded`` (text, is_html, replaced) out, or an
ExtractionError saying why not.

Bytes are decoded by w3lib (byte-order mark, declared charset, else our guess) after a strict UTF-8
attempt (pages that declare Latin-1 and are UTF-8 are common); invalid bytes are replaced and counted,
never a reason to reject a page. PHP messages printed before the page ("<b>Warning</b>: ...") are
skipped when sniffing whether the input is HTML, and cut off an HTML page.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, read_bom

MAX_INPUT_BYTES = 20 * 1024 * 1024
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|div|p|article|main|title)[\s>/]", re.IGNORECASE)
_PHP_MESSAGES = re.compile(  # unambiguous (no two adjacent runs of white space): linear on any input
    r"\A(?:[ \t\r\n]*(?:<br\s*/?>[ \t\r\n]*)*(?:<b>)?(?:PHP[ \t]+)?(?:Warning|Notice|Deprecated|Strict Standards|"
    r"(?:Fatal|Parse|Catchable fatal|Recoverable fatal) error)[ \t]*(?:</b>[ \t]*)?:[^\n]*(?:\n|\Z))+",
    re.IGNORECASE,
)
_PHP_SCAN = 65536  # PHP messages are looked for in the first characters only
# control characters but tab, line feed and carriage return: replaced by a space
_CONTROL_CHARS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
_CONTROL = re.compile(f"[{re.escape(_CONTROL_CHARS)}]")
_CONTROL_BYTES = [c.encode() for c in _CONTROL_CHARS]  # the same characters in UTF-8: one byte each, as they are
_REPLACED_SHARE = 0.1  # more invalid bytes than this share of the text: not text at all
# UTF-8 lead byte read as Windows-1252 ("Ã" "Â" "Ã¢") followed by a continuation byte read the same way.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


class Decoded(NamedTuple):
    """Decoded input: the text, whether it is HTML, and how many invalid bytes were replaced by U+FFFD."""

    text: str
    is_html: bool
    replaced: int = 0


class ExtractionError(ValueError):
    """Input that cannot be processed; the message says why (shown as the "error" field)."""


def decode_input(data: str | bytes, *, is_html: bool | None = None) -> Decoded:
    """Decoded text and whether it is HTML; raises ExtractionError for unusable input."""
    replaced, utf8 = 0, False
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_INPUT_BYTES:
            raise ExtractionError(f"input too large: {len(data)} bytes (limit {MAX_INPUT_BYTES})")
        if data.startswith(_BINARY_MAGIC):
            raise ExtractionError("not text: binary content (PDF, image or archive)")
        text, replaced, utf8 = _decode_bytes(data)
    if len(text) > MAX_INPUT_BYTES:
        raise ExtractionError(f"input too large: {len(text)} characters (limit {MAX_INPUT_BYTES})")
    text = text.lstrip("\ufeff")
    if not text or text.isspace():  # ``not text.strip()`` without a copy of the text
        raise ExtractionError("empty input")
    if replaced > _REPLACED_SHARE * len(text):
        raise ExtractionError(f"undecodable input: {replaced} invalid bytes in {len(text)} characters")
    sample = text[:4096]
    # a stray NUL or control character is replaced below; many of them mean binary data (or UTF-16 without a BOM)
    if len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise ExtractionError("not text: binary or control characters")
    php = _PHP_MESSAGES.match(text, 0, _PHP_SCAN)  # as in text[:_PHP_SCAN], without the copy
    after_php = text[php.end() :] if php else text
    if is_html is None:
        is_html = _HTML_SNIFF.search(after_php[:4096]) is not None
    if is_html and php and after_php.strip():
        text = after_php
    # a scan per character (in C) is several times faster than the pattern; the text of UTF-8 bytes holds a control
    # character only where they hold its byte, and a scan of the bytes is faster again
    if any(c in data for c in _CONTROL_BYTES) if utf8 else any(c in text for c in _CONTROL_CHARS):
        text = _CONTROL.sub(" ", text)
    return Decoded(_repair_mojibake(text), is_html, replaced)


def _repair_mojibake(text: str) -> str:
    """Best effort: UTF-8 text that was decoded as Windows-1252 ("fÃ¶r") is turned back ("för").

    Only when the whole text round-trips (every non-ASCII character is part of such a sequence);
    anything else is left as it is. Then its first non-ASCII character starts such a sequence: where it does not,
    the text is left without the round trip (nor a search of the whole text for one)."""
    if text.isascii():
        return text
    try:
        text.encode("ascii")
    except UnicodeEncodeError as error:  # where the first non-ASCII character stands
        first = error.start
    if not _MOJIBAKE.match(text, first):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def _decode_bytes(raw: bytes) -> tuple[str, int, bool]:
    """Strict UTF-8 (with or without BOM); else a byte-order mark, the declared charset (w3lib), our guess,
    Windows-1252. A declared UTF-8 that the bytes are not (Latin-1 bytes) counts as no declaration.
    Returns the text, the number of invalid bytes replaced and whether the bytes were UTF-8."""
    try:
        return raw.decode("utf-8-sig"), 0, True
    except UnicodeDecodeError:
        pass
    encoding = read_bom(raw)[0] or html_body_declared_encoding(raw[:4096])
    if encoding in (None, "utf-8"):
        encoding = _guess_encoding(raw) or "cp1252"
    _, text = html_to_unicode(f"text/html; charset={encoding}", raw)
    return text, max(text.count("\ufffd") - raw.count("\ufffd".encode()), 0), False


def _guess_encoding(raw: bytes) -> str | None:
    """UTF-8 when the bytes hold valid UTF-8 sequences and only a few invalid bytes, else None (the default)."""
    valid = len(_UTF8_MULTIBYTE.findall(raw[:65536]))
    invalid = raw[:65536].decode("utf-8", "replace").count("\ufffd")
    return "utf-8" if valid and invalid <= max(valid // 10, 3) else None
