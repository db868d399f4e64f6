"""Hand-made PageRecords with realistic Swedish, Dutch and German values, as fixtures."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from pipelines.models import Amount, DateMention, Document, OrgMention, PageRecord, PersonMention, ProgrammeMention

RUN_ID = "2026-11-21T03-00-00Z"
SV_TEXT = (
    "Vinnova satsar 30 miljoner kronor på AI i vården. KTH och Karolinska Institutet leder projektet "
    "inom WASP, som startar i april 2025. – Det är ett viktigt steg, säger Anna Lindqvist, "
    "generaldirektör på Vinnova."
)
NL_TEXT = (
    "TU Delft en de Universiteit Leiden starten met 2,5 miljoen euro een AI-lab binnen het programma "
    "AiNed. Het lab loopt tot 2027. Samenwerking met KTH is gepland, aldus hoogleraar Jan de Vries."
)
DE_TEXT = (
    "Die TU München erhält rund 3,6 Mio. Euro für das KI-Zentrum ab dem 1. März 2026. "
    "Das Land Bayern gibt weitere 2 bis 3 Millionen Euro, sagte Ministerpräsident Markus Söder."
)


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _org(text: str, surface: str, name: str, org_id: str | None, **kw) -> OrgMention:
    return OrgMention(name, org_id, surface, *_span(text, surface), **kw)


def page_record(doc_id: str, document: Document | None = None, **fields: Any) -> PageRecord:
    """A fetched page as the pipeline records it: ``doc_id``'s URL (also the canonical one), the hash of the
    document's text, the test run; ``fields`` override or add any other field (source, country, error, ...)."""
    url = fields.pop("url", f"https://example.org/{doc_id}")
    content = document.text if document is not None else doc_id
    defaults: dict[str, Any] = {
        "url": url,
        "canonical_url": url,
        "source": "x",
        "publisher_org_id": None,
        "fetched_at": "2026-11-21T03:00:05Z",
        "content_sha256": hashlib.sha256(content.encode()).hexdigest(),
        "run_id": RUN_ID,
    }
    return PageRecord(doc_id=doc_id, document=document, **{**defaults, **fields})


def _record(
    doc_id: str,
    text: str,
    *,
    lang: str,
    source: str,
    url: str,
    title: str,
    published: str,
    organisations=(),
    programmes=(),
    people=(),
    amounts=(),
    dates=(),
) -> PageRecord:
    doc = Document(
        text=text,
        language=lang,
        title=title,
        url=url,
        published=published,
        organisations=list(organisations),
        programmes=list(programmes),
        people=list(people),
        amounts=list(amounts),
        dates=list(dates),
    )
    return page_record(doc_id, doc, url=url, source=source, publisher_org_id=source, ai_score=0.9, is_ai_related=True)


def swedish() -> PageRecord:
    t = SV_TEXT
    return _record(
        "sv0000000000000a",
        t,
        lang="sv",
        source="vinnova",
        title="Vinnova satsar på AI i vården",
        url="https://www.vinnova.se/nyheter/2025/03/ai-i-varden/",
        published="2025-03-12",
        organisations=[
            _org(t, "Vinnova", "Vinnova", "vinnova", type="agency", country="SE"),
            _org(t, "KTH", "Kungliga Tekniska högskolan", "kth", type="university", country="SE"),
            _org(t, "Karolinska Institutet", "Karolinska Institutet", None),
        ],
        programmes=[
            ProgrammeMention(
                "Wallenberg AI, Autonomous Systems and Software Program", "wasp", "WASP", *_span(t, "WASP")
            )
        ],
        people=[PersonMention("Anna Lindqvist", "generaldirektör", "Anna Lindqvist", *_span(t, "Anna Lindqvist"))],
        amounts=[
            Amount(30_000_000.0, "SEK", "30 miljoner kronor", *_span(t, "30 miljoner kronor"), value_eur=2_640_000.0)
        ],
        dates=[DateMention("2025-04", "month", "april 2025", *_span(t, "april 2025"), role="start")],
    )


def dutch() -> PageRecord:
    t = NL_TEXT
    return _record(
        "nl0000000000000b",
        t,
        lang="nl",
        source="tudelft",
        title="Nieuw AI-lab in Delft en Leiden",
        url="https://www.tudelft.nl/nieuws/2025/ai-lab",
        published="2025-05-02",
        organisations=[
            _org(t, "TU Delft", "Technische Universiteit Delft", "tu-delft", type="university", country="NL"),
            _org(t, "Universiteit Leiden", "Universiteit Leiden", "leiden-univ", country="NL"),
            _org(t, "KTH", "Kungliga Tekniska högskolan", "kth", type="university", country="SE"),
        ],
        programmes=[ProgrammeMention("AiNed", "ained", "AiNed", *_span(t, "AiNed"))],
        people=[PersonMention("Jan de Vries", "hoogleraar", "Jan de Vries", *_span(t, "Jan de Vries"))],
        amounts=[Amount(2_500_000.0, "EUR", "2,5 miljoen euro", *_span(t, "2,5 miljoen euro"), value_eur=2_500_000.0)],
        dates=[DateMention("2027", "year", "2027", *_span(t, "2027"), role="end")],
    )


def german() -> PageRecord:
    t = DE_TEXT
    rng = _span(t, "2 bis 3 Millionen Euro")
    return _record(
        "de0000000000000c",
        t,
        lang="de",
        source="tum",
        title="KI-Zentrum an der TU München",
        url="https://www.tum.de/aktuelles/ki-zentrum",
        published="2026-01-15",
        organisations=[
            _org(t, "TU München", "Technische Universität München", "tum", type="university", country="DE"),
            _org(t, "Land Bayern", "Freistaat Bayern", "bayern", type="region", country="DE"),
        ],
        people=[PersonMention("Markus Söder", "Ministerpräsident", "Markus Söder", *_span(t, "Markus Söder"))],
        amounts=[
            Amount(
                3_600_000.0,
                "EUR",
                "rund 3,6 Mio. Euro",
                *_span(t, "rund 3,6 Mio. Euro"),
                approx=True,
                value_eur=3_600_000.0,
            ),
            Amount(2_000_000.0, "EUR", "2 bis 3 Millionen Euro", *rng, range_role="low", value_eur=2e6),
            Amount(3_000_000.0, "EUR", "2 bis 3 Millionen Euro", *rng, range_role="high", value_eur=3e6),
        ],
        dates=[DateMention("2026-03-01", "day", "1. März 2026", *_span(t, "1. März 2026"), role="start")],
    )


def failed() -> PageRecord:
    return page_record(
        "xx0000000000000d",
        url="https://www.rise.se/nyheter/trasig-sida",
        source="rise",
        publisher_org_id="rise",
        fetched_at="2026-11-21T03:00:09Z",
        content_sha256="0" * 64,
        error="not HTML: application/pdf",
    )


@pytest.fixture
def records() -> list[PageRecord]:
    """Three processed pages (sv, nl, de) and one failed page, freshly built for each test."""
    return [swedish(), dutch(), german(), failed()]
