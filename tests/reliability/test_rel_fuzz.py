"""Property-based fuzzing of every parser and of `extract_document` (the adversarial inputs for
catastrophic regex backtracking are in test_rel_adversarial.py).

Examples per target are set explicitly (FUZZ_EXAMPLES) and reported in docs/reliability.md.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extract.decode import ExtractionError
from pipelines.extract.document import extract_document
from pipelines.extract.pubdate import find_dateline, find_publication_dates
from pipelines.models import Amount, DateMention, OrgMention, PersonMention, ProgrammeMention, PublicationDates
from pipelines.parsers.amounts import find_amounts
from pipelines.parsers.dates import find_dates
from pipelines.parsers.numbers import parse_number
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes
from tests.helpers.contract import AMOUNT_KEYS, DOCUMENT_KEYS

FUZZ_EXAMPLES = {
    "parse_number": 300,
    "find_amounts": 300,
    "find_dates": 300,
    "find_organisations": 300,
    "find_programmes": 300,
    "find_people": 300,
    "find_publication_dates": 300,
    "find_dateline": 300,
    "extract_document": 300,
}
LANGS = ["sv", "nl", "de", "en"]
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

# Text that looks like press-release prose: words the parsers react to, digits, separators, odd characters.
WORDS = [
    "miljoner",
    "kronor",
    "Mio.",
    "Euro",
    "euro",
    "miljoen",
    "Millionen",
    "million",
    "SEK",
    "EUR",
    "€",
    "$",
    "kr",
    "tkr",
    "mnkr",
    "Mrd.",
    "biljoner",
    "tusen",
    "tre",
    "drei",
    "twee",
    "fem",
    "zwei",
    "half",
    "halv",
    "januari",
    "März",
    "mei",
    "December",
    "maart",
    "Oktober",
    "2025",
    "1999",
    "3,6",
    "1.000.000",
    "12 000",
    "1,5",
    "–",
    "-",
    "bis",
    "till",
    "tot",
    "and",
    "och",
    "und",
    "en",
    "Universität",
    "universitet",
    "Centrum",
    "Stiftelse",
    "Vetenskapsrådet",
    "KTH",
    "(",
    ")",
    '"',
    "“",
    "”",
    "«",
    "Prof.",
    "Dr.",
    "professor",
    "rektor",
    "sa",
    "säger",
    "zegt",
    "sagt",
    "AI",
    "KI",
    "Programm",
    "programma",
    "Publicerad:",
    "Veröffentlicht am",
    "Gepubliceerd",
    "den",
    "am",
    "op",
    "the",
    "of",
    "på",
    ".",
    ",",
    ":",
    ";",
    "\n",
    "\n\n",
    "/",
    "år",
    "Ã¶",
    "\u00a0",
    "\u202f",
    "\u200b",
    "İ",
    "ß",
    "ﬁ",
    "𝟙",
    "١٢٣",
    "٫",
]
prose = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=12), st.integers(0, 10**12).map(str)), max_size=60
).map(" ".join)
texts = st.one_of(prose, st.text(max_size=400))
langs = st.sampled_from([*LANGS, None, "xx"])
ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _check_spans(text: str, mentions: list) -> None:
    for m in mentions:
        assert isinstance(m.start, int) and isinstance(m.end, int)
        assert 0 <= m.start <= m.end <= len(text), (m, len(text))
        assert text[m.start : m.end] == m.text, (m, text[m.start : m.end])


def _check_iso(value: str, grain: str | None = None) -> None:
    grains = {4: "year", 7: "month", 10: "day"}
    assert len(value) in grains, value
    if grain is not None:
        assert grains[len(value)] == grain, (value, grain)
    full = value + "-01" * ((10 - len(value)) // 3)
    dt.date.fromisoformat(full)  # raises on an invalid date


@settings(max_examples=FUZZ_EXAMPLES["parse_number"], **FUZZ)
@given(text=texts, lang=langs)
def test_fuzz_parse_number(text: str, lang: str | None) -> None:
    value = parse_number(text, lang)
    assert value is None or (isinstance(value, float) and math.isfinite(value)), value


@settings(max_examples=FUZZ_EXAMPLES["find_amounts"], **FUZZ)
@given(text=texts, lang=langs)
def test_fuzz_find_amounts(text: str, lang: str | None) -> None:
    found = find_amounts(text, lang)
    assert isinstance(found, list) and all(isinstance(a, Amount) for a in found)
    _check_spans(text, found)
    for a in found:
        assert isinstance(a.value, float) and math.isfinite(a.value) and a.value >= 0, a
        assert ISO_CURRENCY.match(a.currency), a
        assert a.range_role in (None, "low", "high")


@settings(max_examples=FUZZ_EXAMPLES["find_dates"], **FUZZ)
@given(text=texts, lang=langs, ref=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_fuzz_find_dates(text: str, lang: str | None, ref: dt.date | None) -> None:
    found = find_dates(text, lang, reference_date=ref)
    assert all(isinstance(d, DateMention) for d in found)
    _check_spans(text, found)
    for d in found:
        _check_iso(d.date, d.grain)
        assert d.role in ("event", "start", "end")


def _fuzz_named(find: Callable[[str, str], list], mention: type) -> Callable[..., None]:
    """A fuzz test of a finder of named things: its mentions, named, with spans in the text, in text order."""

    @settings(max_examples=FUZZ_EXAMPLES[find.__name__], **FUZZ)
    @given(text=texts, lang=st.sampled_from(LANGS))
    def test(text: str, lang: str) -> None:
        found = find(text, lang)
        assert all(isinstance(m, mention) and isinstance(m.name, str) and m.name for m in found)
        _check_spans(text, found)
        assert [m.start for m in found] == sorted(m.start for m in found)

    return test


test_fuzz_find_organisations = _fuzz_named(find_organisations, OrgMention)
test_fuzz_find_programmes = _fuzz_named(find_programmes, ProgrammeMention)


@settings(max_examples=FUZZ_EXAMPLES["find_people"], **FUZZ)
@given(text=texts, lang=st.sampled_from(LANGS))
def test_fuzz_find_people(text: str, lang: str) -> None:
    found = find_people(text, lang)
    assert all(isinstance(p, PersonMention) and isinstance(p.name, str) and p.name for p in found)
    assert all(p.role is None or isinstance(p.role, str) for p in found)
    _check_spans(text, found)


def _check_pubdates(dates: PublicationDates) -> None:
    assert isinstance(dates, PublicationDates)
    for value in (dates.published, dates.modified):
        if value is not None:
            _check_iso(value, "day")


@settings(max_examples=FUZZ_EXAMPLES["find_dateline"], **FUZZ)
@given(text=texts, lang=langs)
def test_fuzz_find_dateline(text: str, lang: str | None) -> None:
    _check_pubdates(find_dateline(text, lang))


# Pages: random markup around prose, including broken tags, JSON-LD, meta and time elements.
def _tag(inner: str, draw_attr: str) -> str:
    return f"<{draw_attr}>{inner}</{draw_attr.split()[0] if draw_attr.split() else ''}>"


fragments = st.one_of(
    prose,
    st.text(max_size=40),
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<article>",
            "</article>",
            "<h1>",
            "</h1>",
            "<nav>",
            "</nav>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "&nbsp;",
            "&bogus;",
            "<",
            ">",
            "<html lang='sv'>",
            "<html lang=''>",
            "<meta charset='latin-1'>",
            "<meta charset='utf-16'>",
            "<time datetime='2025-13-45'>",
            "<time datetime='2024-02-29T10:00'>",
            "<meta property='article:published_time' content='x'>",
            "<meta property='article:published_time' content='2023-04-05'>",
            '<script type="application/ld+json">{"datePublished": "2021-02-03"}</script>',
            '<script type="application/ld+json">{"@graph": [{"datePublished": 5}], </script>',
            '<script type="application/ld+json">[[[[[[[[[[</script>',
            "<table><tr><td>",
            "</td></tr></table>",
            "<div class='cookie-banner'>",
            "<main>",
            "</main>",
            "<title>",
            "</title>",
            "<svg>",
            "</svg>",
        ]
    ),
)
pages = st.lists(fragments, max_size=40).map("".join)


@settings(max_examples=FUZZ_EXAMPLES["find_publication_dates"], **FUZZ)
@given(html=pages)
def test_fuzz_find_publication_dates(html: str) -> None:
    _check_pubdates(find_publication_dates(html))


@settings(max_examples=FUZZ_EXAMPLES["extract_document"], **FUZZ)
@given(
    data=st.one_of(pages, pages.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=600), texts),
    lang=st.sampled_from([None, "auto", *LANGS]),
    ref=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2050, 1, 1))),
)
def test_fuzz_extract_document(data: str | bytes, lang: str | None, ref: dt.date | None) -> None:
    try:
        doc = extract_document(data, lang=lang, reference_date=ref, url="https://x.se/a")
    except ExtractionError as exc:
        assert str(exc)
        return
    for mentions in (doc.organisations, doc.programmes, doc.people, doc.amounts, doc.dates):
        _check_spans(doc.text, mentions)
    contract = json.loads(json.dumps(doc.to_contract(), allow_nan=False))
    assert list(contract) == DOCUMENT_KEYS
    assert contract["language"] is None or isinstance(contract["language"], str)
    assert contract["title"] is None or isinstance(contract["title"], str)
    if contract["published"] is not None:
        _check_iso(contract["published"], "day")
    for key in ("organisations", "programmes"):
        assert all(set(o) == {"name", "id", "text"} and isinstance(o["name"], str) for o in contract[key])
    assert all(set(p) == {"name", "role"} for p in contract["people"])
    for a in contract["amounts"]:
        assert list(a) == AMOUNT_KEYS and ISO_CURRENCY.match(a["currency"])
        assert isinstance(a["value"], (int, float)) and (a["value_eur"] is None or isinstance(a["value_eur"], float))
    for d in contract["dates"]:
        assert set(d) == {"date", "text"}
        _check_iso(d["date"])
