"""The edges of an article: rubrics over the headline, bylines under it and news agencies' tags leave the text."""

import pytest

from pipelines.extract.edges import is_byline, trim_edges
from pipelines.extract.html import extract_main
from pipelines.extract.markup import parse_page, read_markup


@pytest.mark.parametrize(
    "line",
    [
        "Von Jana Meier, 12. März 2025",
        "Door Sanne de Wit, 4 november 2024",
        "12.03.2025 Jana Meier",
        "Sanne van der Linden 4-11-24, 07:30",
        "Olle Berg 3 juni 2024 kl 09.15",
        "7 oktober 2024 Pieter Smit",
    ],
)
def test_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Anmeldeschluss 30. Juni 2025",  # one word beside a date: a heading with a deadline
        "Förderung ab 1. Januar 2025",
        "Von der Idee zur Firma",  # a cue word opening a heading
        "Von Bonn bis Dresden wollen Hochschulen mehr Geld.",  # a sentence
        "Ansökan stänger 15 maj 2025",
        "Jana Meier",  # a name alone says nothing of authorship
        "Text: Jana Meier",  # an undated byline stays: a page's credit line may name a person of the article
    ],
)
def test_lines_that_are_no_bylines(line: str) -> None:
    assert not is_byline(line)


def test_a_rubric_over_the_headline_and_a_byline_under_it_go() -> None:
    byline = "Door Sanne de Wit 4 november 2024"
    blocks = ["Onderwijs", "Hogeschool opent lab", byline, "De hogeschool opent een lab.", "Slot."]
    kept, bylines = trim_edges(blocks, "Hogeschool opent lab")
    assert kept == ["Hogeschool opent lab", "De hogeschool opent een lab.", "Slot."]
    assert bylines == [byline]


def test_a_sentence_before_the_headline_is_no_rubric() -> None:
    blocks = ["Die Hochschule hat heute gemeldet, dass es losgeht.", "Titel", "Text."]
    assert trim_edges(blocks, "Titel")[0] == blocks


@pytest.mark.parametrize(
    ("first", "last", "kept_first", "kept_last"),
    [
        ("DEN HAAG (ANP) – Het kabinet trekt geld uit.", "Meer volgt. (ANP)", "DEN HAAG – Het kabinet", "Meer volgt."),
        (
            "MÜNCHEN (dpa/lby) - Der Freistaat fördert KI.",
            "Das Land zahlt.",
            "MÜNCHEN - Der Freistaat",
            "Das Land zahlt.",
        ),
        ("STOCKHOLM (TT) Regeringen satsar på AI.", "Slut (TT)", "STOCKHOLM Regeringen", "Slut"),
    ],
)
def test_an_agency_tag_on_the_dateline_or_after_the_last_line_goes(first, last, kept_first, kept_last) -> None:
    kept, _ = trim_edges(["Titel", first, "Mitte.", last], "Titel")
    assert kept[1].startswith(kept_first) and kept[-1] == kept_last


@pytest.mark.parametrize(
    ("byline", "kept"),
    [("Door Sanne de Wit, ANP", "Door Sanne de Wit"), ("Av Olle Berg/TT", "Av Olle Berg"), ("Von Jana Meier", None)],
)
def test_an_agency_signing_an_undated_byline_goes_and_the_byline_stays(byline: str, kept: str | None) -> None:
    assert trim_edges(["Titel", byline, "Text."], "Titel")[0][1] == (kept or byline)


def test_an_acronym_in_parentheses_that_is_no_agency_stays() -> None:
    kept, _ = trim_edges(["Titel", "Die Technische Hochschule (TH) Wildau startet ein Labor."], "Titel")
    assert "(TH)" in kept[1]


def test_a_news_page_keeps_its_article_and_loses_its_edges() -> None:
    html = (
        "<html lang='de'><head><title>T</title></head><body><article><p class='kicker'>Wissenschaft</p>"
        "<h1>Land fördert neues KI-Labor</h1><p class='meta'>05.02.2025 Jana Meier</p>"
        "<p>MAGDEBURG (dpa) – Das Land Sachsen-Anhalt fördert ein neues Labor an der Universität Magdeburg mit zwei "
        "Millionen Euro. Die Forschenden wollen Firmen aus der Region beraten.</p>"
        "<p>Die ersten Projekte beginnen im Herbst mit drei Unternehmen aus der Börde.</p></article></body></html>"
    )
    root = parse_page(html)
    main = extract_main(root, read_markup(root))
    assert main.text.startswith("Land fördert neues KI-Labor\n\nMAGDEBURG – Das Land Sachsen-Anhalt fördert")
    for furniture in ("Wissenschaft", "Jana Meier", "dpa"):
        assert furniture not in main.text, furniture
    assert "05.02.2025 Jana Meier" in main.datelines
