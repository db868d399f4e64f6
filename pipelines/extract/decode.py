"""Input sniffing and decoding: bytes or text in, (text, is_html) out, or an ExtractionError saying why not."""

from __future__ import annotations

import codecs
import re

MAX_INPUT_BYTES = 20 * 1024 * 1024
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|article|main|title)[\s>/]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Byte-order marks, UTF-32 before UTF-16 (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_BOMS = tuple(bom for bom, _ in _BOMS)
# UTF-8 lead byte read as Windows-1252 ("Ã" "Â" "Ã¢") followed by a continuation byte read the same way.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


class ExtractionError(ValueError):
    """Input that cannot be processed; the message says why (shown as the "error" field)."""


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
