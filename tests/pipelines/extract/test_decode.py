"""Input decoding: invalid bytes are replaced and counted, PHP messages before a page are skipped."""

import pytest

from pipelines.extract.decode import ExtractionError, decode_input

PAGE = "<html><head><title>T</title></head><body><p>Forskning för alla</p></body></html>"


def test_one_invalid_byte_is_replaced_and_counted() -> None:
    raw = PAGE.encode().replace("för".encode(), b"f\xff\xc3\xb6r")
    decoded = decode_input(raw)
    assert decoded.is_html and decoded.replaced == 1
    assert "Forskning f\ufffdör alla" in decoded.text


def test_declared_latin1_undeclared_cp1252_and_latin1_declared_utf8() -> None:
    latin = ('<meta charset="iso-8859-1">' + PAGE).encode("latin-1")
    assert "för" in decode_input(latin).text
    assert "för" in decode_input(('<meta charset="utf-8">' + PAGE).encode("latin-1")).text
    assert decode_input(PAGE.encode("cp1252")).text.count("för") == 1


def test_php_warnings_before_the_page_are_cut_off() -> None:
    warnings = "".join(
        f"<br />\n<b>Warning</b>:  Undefined variable $x in <b>/var/www/site.php</b> on line <b>{n}</b><br />\n"
        for n in range(80)
    )
    assert len(warnings) > 4096
    decoded = decode_input((warnings + PAGE).encode())
    assert decoded.is_html
    assert "Warning" not in decoded.text and decoded.text.startswith("<html>")


def test_plain_text_stays_plain() -> None:
    assert decode_input(b"Warning: this is a plain sentence.\nAnd another.").is_html is False


def test_mostly_invalid_bytes_are_refused_with_a_reason() -> None:
    with pytest.raises(ExtractionError, match="invalid bytes"):
        decode_input(b"<p>" + b"\x81\x8d\x8f\x90\x9d" * 200 + b"</p>")  # neither UTF-8 nor Windows-1252
