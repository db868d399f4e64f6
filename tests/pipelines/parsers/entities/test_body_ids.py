"""One id per real governing body: a body named by a fixed phrase takes its place's id (pipelines/parsers/entities/bodies.py)."""

from __future__ import annotations

import pytest

from pipelines.parsers.organisations import find_organisations
from tests.pipelines.parsers.entities.test_cases import GAZETTEER


def _ids(text: str, lang: str) -> dict[str, str]:
    return {o.text: o.id for o in find_organisations(text, lang, GAZETTEER)}


def test_a_body_named_with_and_without_its_place_is_one_body():
    with_place = _ids("Gedeputeerde Staten van Heidewold stemden in met het plan.", "nl")
    alone = _ids("De provincie Heidewold start een proef. Daarna beslissen Gedeputeerde Staten.", "nl")
    expected = "nl-provincie-heidewold-gedeputeerde-staten"
    assert with_place["Gedeputeerde Staten van Heidewold"] == alone["Gedeputeerde Staten"] == expected


def test_the_same_phrase_of_two_places_is_two_bodies():
    first = _ids("De provincie Heidewold start een proef. Daarna beslissen Gedeputeerde Staten.", "nl")
    second = _ids("De provincie Veenmark start een proef. Daarna beslissen Gedeputeerde Staten.", "nl")
    assert first["Gedeputeerde Staten"] != second["Gedeputeerde Staten"]


def test_a_body_with_two_candidate_places_keeps_its_own_id():
    ids = _ids("De provincie Heidewold en de provincie Veenmark werken samen. Gedeputeerde Staten stemmen in.", "nl")
    assert ids["Gedeputeerde Staten"] not in {ids["provincie Heidewold"], ids["provincie Veenmark"]}
    assert not ids["Gedeputeerde Staten"].startswith((ids["provincie Heidewold"], ids["provincie Veenmark"]))


def test_a_local_council_with_its_place_keeps_its_place_id():
    ids = _ids("De gemeenteraad van Kustwijk stemde in met het plan.", "nl")
    assert ids["gemeenteraad van Kustwijk"] == "nl-gemeente-kustwijk-gemeenteraad"


@pytest.mark.parametrize(
    ("lang", "text", "alone", "with_place"),
    [
        (
            "nl",
            "Het plan ging naar de gemeenteraad. Later stemde de gemeenteraad van Kustwijk in.",
            "gemeenteraad",
            "gemeenteraad van Kustwijk",
        ),
        (
            "nl",
            "Het college van burgemeester en wethouders besloot het anders.",
            "college van burgemeester en wethouders",
            None,
        ),
        ("de", "Im Kreistag gab es Kritik. Der Kreistag des Landkreises Nordmark stimmte zu.", "Kreistag", None),
        (
            "sv",
            "Frågan ska avgöras av kommunfullmäktige i höst, och regionfullmäktige väntar.",
            "kommunfullmäktige",
            None,
        ),
        ("sv", "Beslutet fattades av kommunstyrelsens arbetsutskott i går.", "kommunstyrelsen", None),
    ],
)
def test_a_council_named_only_with_its_place_is_no_entity_alone(lang, text, alone, with_place):
    names = {o.name for o in find_organisations(text, lang, GAZETTEER)}
    assert alone not in names  # a mention alone of the council the text names with its place takes that name
    assert with_place is None or with_place in names


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        ("nl", "De ministerraad stemde vrijdag in met het voorstel.", "ministerraad"),
        ("nl", "Provinciale Staten stemden in met het voorstel.", "Provinciale Staten"),
        ("sv", "Beslutet fattades av regionstyrelsen på tisdagen.", "regionstyrelsen"),
        ("de", "Der Ministerrat hat das Programm am Dienstag beschlossen.", "Ministerrat"),
    ],
)
def test_governments_and_named_councils_stay_alone(lang, text, body):
    assert body in _ids(text, lang)


def test_the_state_as_het_rijk_is_the_dutch_government_in_the_real_gazetteer():
    found = {
        o.text: o.id for o in find_organisations("Het Rijk en de provincie betalen. De regio is rijk aan data.", "nl")
    }
    assert found.get("Rijk") == "nl-rijksoverheid"
    assert "rijk" not in found


@pytest.mark.parametrize(
    ("text", "body_id"),
    [
        ("Das Land Bremen übernimmt die Hälfte der Kosten.", "de-freie-hansestadt-bremen"),
        ("Mit Mitteln des Landes Hamburg entsteht ein Labor.", "de-freie-und-hansestadt-hamburg"),
    ],
)
def test_the_city_states_as_land_are_their_governments_in_the_real_gazetteer(text, body_id):
    assert body_id in {o.id for o in find_organisations(text, "de")}


def test_the_city_names_alone_are_no_government_in_the_real_gazetteer():
    found = {o.id for o in find_organisations("Die Messe zieht von Bremen nach Hamburg um.", "de")}
    assert not found & {"de-freie-hansestadt-bremen", "de-freie-und-hansestadt-hamburg"}


def test_a_company_before_the_hospital_it_runs_names_the_hospital_in_the_real_gazetteer():
    found = {o.text: o.id for o in find_organisations("Röntgenbilderna granskas på Capio S:t Görans sjukhus.", "sv")}
    assert found == {"Capio S:t Görans sjukhus": "se-s-t-gorans-sjukhus"}
    alone = {o.text for o in find_organisations("Capio, S:t Görans sjukhus och Region Stockholm deltar.", "sv")}
    assert {"Capio", "S:t Görans sjukhus"} <= alone


def test_a_land_government_named_with_von_is_the_land_in_the_real_gazetteer():
    found = {
        o.text: o.id for o in find_organisations("Die Landesregierung von Rheinland-Pfalz fördert das Labor.", "de")
    }
    assert found.get("Landesregierung von Rheinland-Pfalz") == "de-land-rheinland-pfalz"
