"""Organisations named by their place in a list (``pipelines/parsers/entities/partners.py``), against the fixture
gazetteer: made-up company names, so only the list context can say they are organisations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsers.entities.gazetteer import load_gazetteer
from pipelines.parsers.organisations import find_organisations

GAZETTEER = load_gazetteer(Path(__file__).parent / "fixtures")

# (language, text, names that must be organisations, surfaces that must not be)
FOUND = [
    (
        "sv",
        "I projektet deltar företag som Brolin Maskin, Kvarnå och Trelvik.",
        ["Brolin Maskin", "Kvarnå", "Trelvik"],
        [],
    ),
    (
        "sv",
        "Bland parterna finns Ostrava Plast i Kalmar, Vendo och Lunds universitet.",
        ["Ostrava Plast", "Vendo"],
        ["Kalmar"],
    ),
    ("sv", "Forskarna arbetar tillsammans med Mellbo.", ["Mellbo"], []),
    ("sv", "Arbetet sker med Lunds universitet, Hallvik Data och det danska institutet DTRI.", ["Hallvik Data"], []),
    ("sv", "Nordvik Energi, Grävlinge Group och Selmo ska leverera sensorer.", ["Grävlinge Group", "Selmo"], []),
    ("nl", "Bedrijven als Veldmaat, Korenburg en Lintec doen mee.", ["Veldmaat", "Korenburg", "Lintec"], []),
    (
        "nl",
        "Partners zijn onder meer Hogeschool Polderstad, Dravik Holding en zorgorganisatie Zonnehof.",
        ["Dravik Holding", "Zonnehof"],
        [],
    ),
    ("nl", "Het lab werkt samen met Tessel Robotics.", ["Tessel Robotics"], []),
    ("nl", "Ook Veldmaat en Hogeschool Polderstad doen mee.", ["Veldmaat"], ["Ook Veldmaat"]),
    ("de", "Unternehmen wie Kramtal, Wendlinger und Auberg haben zugesagt.", ["Kramtal", "Auberg"], []),
    (
        "de",
        "Beteiligt sind die Universität Talheim, die Brendel Gruppe und die Ostmark Holding.",
        ["Brendel Gruppe", "Ostmark Holding"],
        [],
    ),
    ("de", "Das Projekt entsteht in Zusammenarbeit mit Selvatec.", ["Selvatec"], []),
]

NOT_FOUND = [
    # a person after a partner cue or a speech verb, or before a comma and a role
    ("sv", "Studien görs tillsammans med Anna Berglund och hennes kollegor.", ["Anna Berglund"]),
    ("sv", "– Det är ett viktigt steg, säger Karl Östman, rektor vid Talby universitet.", ["Karl Östman"]),
    ("nl", "Het onderzoek gebeurt samen met Pieter Jansen.", ["Pieter Jansen"]),
    # places in a list, after a place link or a postcode
    ("sv", "Kurserna ges i Stockholm, Göteborg och Malmö.", ["Stockholm", "Göteborg", "Malmö"]),
    ("de", "Das Institut in Sankt Ulrich und die Universität Bergstadt forschen gemeinsam.", ["Sankt Ulrich"]),
    ("de", "Postanschrift: 12345 Neustadt, Universität Bergstadt", ["Neustadt"]),
    ("nl", "De hogescholen in Delft, Almere en Hogeschool Polderstad werken samen.", ["Almere"]),
    ("nl", "Ook Hogeschool Polderstad in Heerlen en Sittard-Geleen doet mee.", ["Sittard-Geleen"]),
    # a German noun after an article is a common noun, also in a cued list
    ("de", "Sie forschen gemeinsam mit der Universität Bergstadt, die Sepsis früher erkennen will.", ["Sepsis"]),
    # capitalised German common nouns in a list, also after a cue
    ("de", "Land Nordmark, Kommunen und Verbände zahlen gemeinsam.", ["Kommunen", "Verbände"]),
    ("de", "Unternehmen wie Banken und Versicherungen nutzen das Angebot.", ["Banken", "Versicherungen"]),
    # two names between commas are one thing named twice; an acronym in brackets stands for the name before it
    ("sv", "Labbet, Talby universitet, öppnar i höst.", ["Labbet"]),
    ("de", "Das Ministerium (Land Nordmark, MWN) fördert das Projekt.", ["MWN"]),
    # a compound common noun and an adjective before a noun are no listed names
    ("nl", "Steeds meer bedrijven als AI-ontwikkelaars melden zich.", ["AI-ontwikkelaars"]),
    ("nl", "Het onderzoek gebeurt samen met het Belgische bedrijf Robostam.", ["Belgische"]),
    # a name that goes on with a particle is no listed name of its own
    ("nl", "Het geld komt van Hogeschool Polderstad en het Anton de Vries Gasthuis.", ["Anton"]),
    # a known name after a link word goes on a longer name: its coordinated neighbour is no list-mate
    ("nl", "Dat meldt het ministerie van Hogeschool Polderstad en Koninkrijkszaken.", ["Koninkrijkszaken"]),
]


@pytest.mark.parametrize(("lang", "text", "names", "absent"), FOUND, ids=[c[1][:40] for c in FOUND])
def test_listed_names_are_organisations(lang: str, text: str, names: list[str], absent: list[str]) -> None:
    found = {m.name for m in find_organisations(text, lang, GAZETTEER)}
    for name in names:
        assert name in found, f"{name!r} not in {sorted(found)}"
    for surface in absent:
        assert surface not in found


@pytest.mark.parametrize(("lang", "text", "absent"), NOT_FOUND, ids=[c[1][:40] for c in NOT_FOUND])
def test_no_list_no_organisation(lang: str, text: str, absent: list[str]) -> None:
    found = find_organisations(text, lang, GAZETTEER)
    surfaces = {m.name for m in found} | {m.text for m in found}
    for surface in absent:
        assert surface not in surfaces, f"{surface!r} in {sorted(surfaces)}"


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("sv", "Studien finansieras av Brolinverken.", "Brolinverken"),
        ("nl", "Het onderzoek wordt gefinancierd door Veldmaat.", "Veldmaat"),
        ("de", "Das Projekt wird gefördert von Selvatec.", "Selvatec"),
    ],
)
def test_funder_after_a_funding_cue(lang: str, text: str, name: str) -> None:
    assert name in {m.name for m in find_organisations(text, lang, GAZETTEER)}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("sv", "Gruvjätten Norrmalm ska testa tekniken.", "Norrmalm"),
        ("nl", "De chipmaker Veldmaat levert de sensoren.", "Veldmaat"),
        ("de", "Die Reederei Halvstedt stellt ein Schiff bereit.", "Halvstedt"),
    ],
)
def test_company_named_after_its_trade(lang: str, text: str, name: str) -> None:
    assert name in {m.name for m in find_organisations(text, lang, GAZETTEER)}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("sv", "Modellen byggdes av Hallvik Data, ett AI-bolag i Umeå.", "Hallvik Data"),
        ("nl", "De servers staan bij Korenburg Systemen, een bedrijf uit Zwolle.", "Korenburg Systemen"),
        ("de", "Die Daten liefert Kramtal, ein Start-up aus Jena.", "Kramtal"),
    ],
)
def test_company_named_by_an_apposition(lang: str, text: str, name: str) -> None:
    assert name in {m.name for m in find_organisations(text, lang, GAZETTEER)}


def test_a_person_with_an_apposition_is_no_company() -> None:
    found = find_organisations("Das sagte Jana Wendt, eine Forscherin aus Jena.", "de", GAZETTEER)
    assert "Jana Wendt" not in {m.name for m in found}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("de", "Das Vorhaben kostet 4 Millionen Euro. Auch Kramtal investiert in die Anlage.", "Kramtal"),
        ("sv", "Trelvik satsar 20 miljoner kronor. Avtalet med Trelvik gäller i fem år.", "Trelvik"),
    ],
)
def test_agent_of_a_funding_verb(lang: str, text: str, name: str) -> None:
    assert name in {m.name for m in find_organisations(text, lang, GAZETTEER)}


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("de", "Das Land investiert 5 Millionen Euro in das Zentrum.", "Land"),
        ("de", "Bremen stärkt die Forschung: Land fördert neues Zentrum. Das Geld kommt vom Land.", "Land"),
        ("sv", "Gruvindustrin satsar på autonoma maskiner.", "Gruvindustrin"),
        ("sv", "Enligt rektorn finansierar Anna Lind resan själv.", "Anna Lind"),
    ],
)
def test_no_agent_without_a_name(lang: str, text: str, absent: str) -> None:
    assert absent not in {m.name for m in find_organisations(text, lang, GAZETTEER)}


def test_a_listed_short_form_of_a_known_organisation_takes_its_id() -> None:
    text = "Nordvik Energi AB bygger en anläggning. Bland parterna finns Nordvik, Selmo och Lunds universitet."
    ids = {m.text: m.id for m in find_organisations(text, "sv", GAZETTEER)}
    assert ids["Nordvik"] == ids["Nordvik Energi AB"] == "se-nordvik-energi"
