"""Publication dates of pages (find_publication_dates) and of plain text (find_dateline)."""

from __future__ import annotations

import pytest

from pipelines.extract.pubdate import find_dateline, find_publication_dates, is_dateline, publisher_zone, to_day
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


@pytest.mark.parametrize(
    ("value", "zone", "day"),
    [
        ("2019-05-02T23:30:00Z", "Europe/Berlin", "2019-05-03"),  # 01:30 in Berlin (summer time)
        ("2019-12-31T23:30:00+00:00", "Europe/Stockholm", "2020-01-01"),
        ("2019-05-02T22:30:00Z", "Europe/Amsterdam", "2019-05-03"),
        ("2019-05-02T21:30:00Z", "Europe/Berlin", "2019-05-02"),
        ("2019-05-02T23:30:00-04:00", "Europe/Berlin", "2019-05-02"),  # a stated offset is kept
        ("2019-05-02T23:30:00Z", None, "2019-05-02"),  # no known zone: the UTC day
        ("1556834400", "Europe/Berlin", "2019-05-03"),  # Unix time 2019-05-02T22:00Z
    ],
)
def test_utc_times_take_the_publishers_day(value: str, zone: str | None, day: str) -> None:
    from zoneinfo import ZoneInfo

    assert to_day(value, ZoneInfo(zone) if zone else None) == day


@pytest.mark.parametrize(
    ("url", "lang", "country", "zone"),
    [
        ("https://www.kth.se/en/news/x", "en", None, "Europe/Stockholm"),
        ("https://www.tue.nl/nieuws/x", None, None, "Europe/Amsterdam"),
        ("https://example.org/x", "de", None, "Europe/Berlin"),
        ("https://example.org/x", "en", "SE", "Europe/Stockholm"),
        ("https://example.org/x", "en", None, None),
    ],
)
def test_publisher_zone(url: str, lang: str | None, country: str | None, zone: str | None) -> None:
    found = publisher_zone(url, lang, country)
    assert (str(found) if found else None) == zone


def test_utc_meta_time_near_midnight_on_a_german_page() -> None:
    html = page('<meta property="article:published_time" content="2019-05-02T23:30:00Z">')
    assert find_publication_dates(html, url="https://www.uni-x.de/a").published == "2019-05-03"


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        (  # the article node wins over an earlier node of another type
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "datePublished": "2010-01-01"},'
            '{"@type": "NewsArticle", "datePublished": "2021-03-04"}]}</script>',
            "",
            "2021-03-04",
        ),
        (
            '<script>{"@context": "https://schema.org", "@type": "Article", "datePublished": "2020-02-03"}</script>',
            "",
            "2020-02-03",
        ),
        (
            '<script type="application/ld+json">{"headline": "a\tb\x0bc", "datePublished": "2020-02-04"}</script>',
            "",
            "2020-02-04",
        ),
        (
            '<script type="application/ld+json">{"@type": "VideoObject", "uploadDate": "2020-02-05T10:00:00+01:00"}</script>',
            "",
            "2020-02-05",
        ),
        (
            "",
            '<article><abbr class="published" title="2020-02-06T10:00:00+01:00">6/2</abbr><p>Text.</p></article>',
            "2020-02-06",
        ),
        ("", '<article><div class="date" data-timestamp="1580983200"></div><p>Text.</p></article>', "2020-02-06"),
        (
            "",
            '<article><p>Text.</p><ul class="list"><li><time datetime="2019-01-01">1 jan</time></li></ul></article>',
            None,
        ),
        ('<meta property="og:url" content="https://x.se/nyheter/2020/02/07/rubrik/">', "<p>Text.</p>", "2020-02-07"),
    ],
)
def test_dates_in_markup(head: str, body: str, published: str | None) -> None:
    assert find_publication_dates(page(head, body)).published == published


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Titel\nMittwoch, 3.4.2019, 08:10\nText.", "2019-04-03"),
        ("Titel\n12.03.2019 09:15\nText.", "2019-03-12"),
        ("Titel\nGeschrieben von Anna Schmidt am 02.05.2019 17:45\nText.", "2019-05-02"),
        ("Titel\nDieser Beitrag wurde am 3. Mai 2019 um 10:12 veröffentlicht\nText.", "2019-05-03"),
        ("Titel\nPublicerad: ti 5 mar 2019\nText.", "2019-03-05"),
        ("Titel\nGepubliceerd op 4 april 2019\nText.", "2019-04-04"),
        ("Titel\nDie Förderung von 1,5 Mio. Euro beginnt am 1. Juli 2020 und läuft drei Jahre.", None),
    ],
)
def test_datelines_with_time_weekday_or_author(text: str, published: str | None) -> None:
    assert find_dateline(text).published == published


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("Publicerad: 2020-11-23 Uppdaterad: 2020-11-25", True),
        ("Geschrieben von Anna Schmidt am 02.05.2019 17:45", True),
        ("Das Projekt startet am 1. Juli 2020 mit einem Festakt in Leipzig und läuft drei Jahre.", False),
        ("Text: Alekzandra Granath", False),
    ],
)
def test_is_dateline(block: str, expected: bool) -> None:
    assert is_dateline(block) is expected


def test_the_page_locale_gives_the_country_of_an_english_page() -> None:
    html = (
        '<html lang="en-SE"><head><meta property="article:published_time" content="2021-03-01T23:30:00Z"></head></html>'
    )
    assert find_publication_dates(html, url="https://example.org/news/x").published == "2021-03-02"
    og = html.replace('lang="en-SE"', 'lang="en"').replace(
        "<head>", '<head><meta property="og:locale" content="en_SE">'
    )
    assert find_publication_dates(og, url="https://example.org/news/x").published == "2021-03-02"
    plain = html.replace('lang="en-SE"', 'lang="en"')
    assert find_publication_dates(plain, url="https://example.org/news/x").published == "2021-03-01"
