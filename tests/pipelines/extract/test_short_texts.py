"""A sentence too short for language detection still gets its amounts and dates (issue 15)."""

from __future__ import annotations

import pytest

from pipelines.extract.document import extract_document


@pytest.mark.parametrize(
    ("text", "amounts", "dates"),
    [
        ("Formas ger 4 miljoner kronor", [(4_000_000, "SEK")], []),
        ("Het fonds geeft 2,5 miljoen euro", [(2_500_000, "EUR")], []),
        ("Das Land gibt 7 Mio. Euro", [(7_000_000, "EUR")], []),
        ("Start den 3 juni 2025", [], ["2025-06-03"]),
    ],
)
def test_short_text_without_a_language_gets_amounts_and_dates(text: str, amounts: list, dates: list) -> None:
    doc = extract_document(text, is_html=False)
    assert doc.language is None
    assert [(a.value, a.currency) for a in doc.amounts] == amounts
    assert all(a.value_eur is not None for a in doc.amounts)
    assert [d.date for d in doc.dates] == dates


def test_the_sources_languages_come_first() -> None:
    # "1.500" is 1500 in Dutch or German, 1.5 in English: the source's language decides
    text = "Price: 1.500 euro"
    assert [a.value for a in extract_document(text, is_html=False).amounts] == [1500]
    assert [a.value for a in extract_document(text, is_html=False, source_languages=["en"]).amounts] == [1.5]
