"""Publication dates of pages (find_publication_dates) and of plain text (find_dateline)."""

from __future__ import annotations

import pytest

from pipelines.extract.pubdate import find_dateline, find_publication_dates
from pipelines.models import PublicationDates


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


LD_GRAPH = (
    '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
    '"datePublished": "2021-03-04T10:00:00+01:00", "dateModified": "2021-03-05"}]}</script>'
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page(LD_GRAPH, "<p>Publicerad: 2019-01-01</p>"), PublicationDates("2021-03-04", "2021-03-05", "json-ld")),
        (
            page('<script type="application/ld+json">[{"datePublished": "2020-11-23"}]</script>'),
            PublicationDates("2020-11-23", None, "json-ld"),
        ),
        (
            page(
                '<script type="application/ld+json">{not json</script><meta property="article:published_time" '
                'content="2022-06-23T08:00:00Z">'
            ),
            PublicationDates("2022-06-23", None, "meta"),
        ),
        (
            page(
                '<meta name="DC.date.issued" content="2019-06-19"><meta property="article:modified_time" content="2019-07-01">'
            ),
            PublicationDates("2019-06-19", "2019-07-01", "meta"),
        ),
        (page('<meta name="date" content="23.11.2020">'), PublicationDates("2020-11-23", None, "meta")),
        (
            page('<meta name="sailthru.date" content="Tue, 23 Nov 2021 10:00:00 +0100">'),
            PublicationDates("2021-11-23", None, "meta"),
        ),
        (page('<meta name="parsely-pub-date" content="20210304">'), PublicationDates("2021-03-04", None, "meta")),
        (
            page(
                body='<footer><time datetime="2018-01-01">x</time></footer><article><header><time datetime="2021-05-06">6 mei'
                "</time></header></article>"
            ),
            PublicationDates("2021-05-06", None, "time"),
        ),
        (
            page(body='<time datetime="2018-01-01">a</time><time pubdate datetime="2020-02-02">b</time>'),
            PublicationDates("2020-02-02", None, "time"),
        ),
        (
            page(
                body='<article><time class="updated" datetime="2023-03-03">u</time><p>Veröffentlicht am 1. Juli 2025</p></article>'
            ),
            PublicationDates("2025-07-01", "2023-03-03", "dateline"),
        ),
        (
            page(body="<main><p>Gepubliceerd op 5 mrt. 2021 | Laatst gewijzigd: 6-3-2021</p></main>"),
            PublicationDates("2021-03-05", "2021-03-06", "dateline"),
        ),
        (page(body="<p>Uppdaterad: 2021-01-01</p><p>Text utan datum.</p>"), PublicationDates(None, "2021-01-01", None)),
        (page(body="<p>Ingen metadata här.</p>"), PublicationDates()),
    ],
)
def test_publication_dates_by_trust_order(html: str, expected: PublicationDates) -> None:
    assert find_publication_dates(html) == expected


def test_accepts_bytes() -> None:
    html = page('<meta property="og:published_time" content="2020-01-02">')
    assert find_publication_dates(html.encode()).published == "2020-01-02"


def test_modified_never_fills_published() -> None:
    html = page(
        '<script type="application/ld+json">{"dateModified": "2021-03-05"}</script>'
        '<meta property="article:modified_time" content="2021-03-06">'
    )
    assert find_publication_dates(html) == PublicationDates(None, "2021-03-05", None)


@pytest.mark.parametrize(
    ("text", "published", "modified"),
    [
        ("Nyheter\nPublicerad: 2020-11-23\n\nRubrik", "2020-11-23", None),
        ("Publicerat 3 maj 2021", "2021-05-03", None),
        ("Titel\n\n23 June 2022\n\nHogescholen ...", "2022-06-23", None),
        ("Titel\nGepubliceerd op 23 juni 2022\nBijgewerkt op 24 juni 2022", "2022-06-23", "2022-06-24"),
        ("Veröffentlicht am 01.07.2025, Zuletzt geändert: 02.07.2025", "2025-07-01", "2025-07-02"),
        ("Veröffentlicht: Montag, 1. Juli 2025", "2025-07-01", None),
        ("Posted on July 1, 2025 by admin", "2025-07-01", None),
        ("Published 5 March 2024", "2024-03-05", None),
        ("Senast uppdaterad: 2022-02-02", None, "2022-02-02"),
        ("Aktualisiert am 3. März 2024", None, "2024-03-03"),
        ("Rubrik\nProjektet startar 1 juli 2022 i Umeå.", None, None),
        ("A\nB\nC\nD\nE\nF\n23 June 2022", None, None),
        ("Titel\n\nApril 2025\n", None, None),
    ],
)
def test_find_dateline(text: str, published: str | None, modified: str | None) -> None:
    result = find_dateline(text)
    assert (result.published, result.modified) == (published, modified)
    assert result.source == ("dateline" if published else None)
