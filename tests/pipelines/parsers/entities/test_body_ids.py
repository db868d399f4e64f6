"""One id per real governing body: a body named by a fixed phrase takes its place's id (pipelines/parsers/entities/bodies.py)."""

from __future__ import annotations

from pipelines.parsers.organisations import find_organisations
from tests.pipelines.parsers.entities.test_cases import GAZETTEER


def _ids(text: str, lang: str) -> dict[str, str]:
    return {o.text: o.id for o in find_organisations(text, lang, GAZETTEER)}


def test_a_body_named_with_and_without_its_place_is_one_body():
    with_place = _ids("De gemeenteraad van Kustwijk stemde in met het plan.", "nl")
    alone = _ids("De gemeente Kustwijk start een proef. Daarna beslist de gemeenteraad.", "nl")
    assert with_place["gemeenteraad van Kustwijk"] == alone["gemeenteraad"] == "nl-gemeente-kustwijk-gemeenteraad"


def test_the_same_phrase_of_two_places_is_two_bodies():
    first = _ids("De gemeente Kustwijk start een proef. Daarna beslist de gemeenteraad.", "nl")
    second = _ids("De gemeente Duinrand start een proef. Daarna beslist de gemeenteraad.", "nl")
    assert first["gemeenteraad"] != second["gemeenteraad"]


def test_a_body_with_two_candidate_places_keeps_its_own_id():
    ids = _ids("De gemeente Kustwijk en de gemeente Duinrand werken samen. De gemeenteraad stemt in.", "nl")
    assert ids["gemeenteraad"] not in {ids["gemeente Kustwijk"], ids["gemeente Duinrand"]}
    assert not ids["gemeenteraad"].startswith((ids["gemeente Kustwijk"], ids["gemeente Duinrand"]))


def test_the_state_as_het_rijk_is_the_dutch_government_in_the_real_gazetteer():
    found = {
        o.text: o.id for o in find_organisations("Het Rijk en de provincie betalen. De regio is rijk aan data.", "nl")
    }
    assert found.get("Rijk") == "nl-rijksoverheid"
    assert "rijk" not in found
