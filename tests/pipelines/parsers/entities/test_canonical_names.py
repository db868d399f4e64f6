"""Canonical names are base forms of what the text names: inflection undone only where it is inflection, the
text's own letters and separators kept, and one id per real thing in a text."""

from __future__ import annotations

import pytest

from pipelines.parsers.entities import find_entities
from pipelines.parsers.entities.inflection import base_adjective, inflected_adjective
from pipelines.parsers.entities.lexicon import lexicon


def _names(text: str, lang: str) -> dict[str, str]:
    """surface -> canonical name of every mention."""
    return {e.text: e.name for e in find_entities(text, lang)}


# ------------------------------------------------------------------ inflection undone only where it is inflection


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a proper name or place that merely ends in -en keeps its letters
        ("Das Werk der Nordlicht Sachsen GmbH in Zwickau wächst.", "Nordlicht Sachsen GmbH", "Nordlicht Sachsen GmbH"),
        ("Die Rotkehlchen Thüringen GmbH stellt ein.", "Rotkehlchen Thüringen GmbH", "Rotkehlchen Thüringen GmbH"),
        (
            "Gemeinsam mit der Brückenbauer Bremen AG plant die Stadt.",
            "Brückenbauer Bremen AG",
            "Brückenbauer Bremen AG",
        ),
        # capitals are a brand's spelling, not an ending
        ("Die HAFENKRANE GmbH liefert.", "HAFENKRANE GmbH", "HAFENKRANE GmbH"),
        # a real adjective before its noun takes the nominative of the head's gender
        (
            "Forschende des Thüringischen Instituts für Bodenkunde messen.",
            None,
            "Thüringisches Institut für Bodenkunde",
        ),
        ("Bei der Westfälischen Akademie für Robotik studieren 300.", None, "Westfälische Akademie für Robotik"),
        ("Das Städtische Klinikum Nordhafen testet KI.", None, "Städtisches Klinikum Nordhafen"),
        ("Mit der Freien Akademie für Datenkunst arbeitet sie.", None, "Freie Akademie für Datenkunst"),
        # a lowercase hyphenated place adjective is capitalised in all its parts
        (
            "Ein Zuschuss der nordrhein-westfälischen Landesregierung fließt.",
            None,
            "Nordrhein-Westfälische Landesregierung",
        ),
    ],
)
def test_german_base_forms(text, surface, name):
    names = _names(text, "de")
    assert name in names.values(), names
    if surface is not None:
        assert names[surface] == name


def test_inflected_adjective_needs_an_adjective_stem():
    lex = lexicon("de")
    assert inflected_adjective("Sächsischen", lex) == "en"
    assert inflected_adjective("Künstliche", lex) == "e"
    assert inflected_adjective("Deutschen", lex) == "en"
    for word in ("Volkswagen", "Sachsen", "Bremen", "EURODRIVE", "Hessen", "Garten", "Essen"):
        assert inflected_adjective(word, lex) is None, word
    assert base_adjective("Volkswagen", "f", lex) == "Volkswagen"
    assert base_adjective("Niedersächsische", "n", lex) == "Niedersächsisches"


def test_languages_without_stem_data_keep_their_rules():
    lex = lexicon("sv")
    assert inflected_adjective("Sachsen", lex) is None  # no nominative endings: nothing to undo
    assert base_adjective("tekniska", None, lex) == "Tekniska"


# ------------------------------------------------------------------ the text's letters and separators


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Die Kranbau Weser AG & Co. KGaA investiert.", "de", "Kranbau Weser AG & Co. KGaA"),
        ("Die Feldmann Pumpen GmbH & Co. KG baut aus.", "de", "Feldmann Pumpen GmbH & Co. KG"),
        ("Het AI & Zorg Lab van de TU Delft opent.", "nl", "AI & Zorg Lab"),
        ("Im KI & Pflege Lab der Hochschule Kiel testen Studierende.", "de", "KI & Pflege Lab"),
    ],
)
def test_names_keep_the_texts_separators(text, lang, name):
    names = _names(text, lang)
    assert name in names.values(), names
    assert any(surface == name for surface in names), names


# ------------------------------------------------------------------ acronyms and their long forms


@pytest.mark.parametrize(
    ("text", "lang", "acronym", "name"),
    [
        # a place right before the parenthesis is no long form whose letters it lacks
        ("Das KI-Kompetenzzentrum Niedersachsen (KIKN) startet.", "de", "KIKN", "KI-Kompetenzzentrum Niedersachsen"),
        ("Het AI-kenniscentrum Gelderland (AKG) start.", "nl", "AKG", "AI-kenniscentrum Gelderland"),
        # a long form does not reach into the sentence before
        (
            "Die Messe läuft bei der Zentralen Prüfstelle. Der Betrieb liegt beim Landesdienst Ostsee (LDO).",
            "de",
            "LDO",
            "Landesdienst Ostsee",
        ),
    ],
)
def test_acronym_long_forms(text, lang, acronym, name):
    found = find_entities(text, lang)
    named = [e.name for e in found if e.text == acronym]
    assert named and all(n == name for n in named), named
    assert name in {e.text for e in found}  # the long form is one mention, no place inside it


def test_long_form_stays_in_its_sentence():
    text = "Pilotprojekte starten bei der Zentralen Prüfstelle. Die Umsetzung liegt beim Betrieb Nordwest (ZPB-NW)."
    assert not any(e.name.startswith("Zentrale") and e.text == "ZPB-NW" for e in find_entities(text, "de"))
    assert all("." not in e.name for e in find_entities(text, "de"))


# ------------------------------------------------------------------ one id per real thing in a text


def _ids(text: str, lang: str) -> dict[str, str]:
    """surface -> id of every mention."""
    return {e.text: e.id for e in find_entities(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "surfaces"),
    [
        # an acronym the text defines, with more words that its long form ends with
        (
            "Die Wirtschaftsförderagentur Vorpommern (WFV) lädt ein. Die WFV Vorpommern berät Gründer.",
            "de",
            ["Wirtschaftsförderagentur Vorpommern", "WFV", "WFV Vorpommern"],
        ),
        # a known acronym with a campus word beside the known long name with the same word
        (
            "Studierende der Dualen Hochschule Baden-Württemberg Heidenheim und der DHBW Heidenheim lernen.",
            "de",
            ["Dualen Hochschule Baden-Württemberg Heidenheim", "DHBW Heidenheim"],
        ),
        # a discovered word-prefix of a known name the text uses
        (
            "Die Leibniz Universität Hannover forscht. An der Leibniz Universität lernen 30 000.",
            "de",
            ["Leibniz Universität Hannover", "Leibniz Universität"],
        ),
        # a known name written with its acronym
        (
            "Das Fraunhofer-Institut für Intelligente Analyse- und Informationssysteme IAIS und Fraunhofer IAIS.",
            "de",
            ["Fraunhofer-Institut für Intelligente Analyse- und Informationssysteme IAIS", "Fraunhofer IAIS"],
        ),
        (
            "Stiftelsen Nordlab för tillämpad AI (SNTA) växer. SNTA Umeå får nya lokaler.",
            "sv",
            ["Stiftelsen Nordlab för tillämpad AI", "SNTA"],
        ),
    ],
)
def test_one_id_for_the_forms_of_one_thing(text, lang, surfaces):
    ids = _ids(text, lang)
    assert all(s in ids for s in surfaces), ids
    assert len({ids[s] for s in surfaces}) == 1, ids


def test_different_things_keep_their_ids():
    ids = _ids("Die Universität Leipzig und die Universität Leipzig-Süd kooperieren mit der TU Dresden.", "de")
    assert ids["Universität Leipzig"] != ids.get("TU Dresden")
    ids = _ids("Die Landesregierung Sachsen und die Landesregierung Thüringen beraten.", "de")
    assert len(set(ids.values())) == len(ids)


# ------------------------------------------------------------------ a company's legal form is part of its name


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Die Siemens AG investiert in Erlangen. Siemens baut dort.", "de", "Siemens AG"),
        ("Partner ist die Festo SE & Co. KG aus Esslingen.", "de", "Festo SE & Co. KG"),
        ("Samarbetet med Saab AB fortsätter. Saab bidrar med data.", "sv", "Saab AB"),
        ("Gesprekken met Heineken N.V. lopen nog.", "nl", "Heineken N.V."),
    ],
)
def test_known_company_named_with_its_written_legal_form(text, lang, name):
    found = [e for e in find_entities(text, lang) if e.kind == "organisation"]
    assert found and {e.name for e in found} == {name}, found
    assert len({e.id for e in found}) == 1


def test_no_legal_form_when_the_text_writes_none():
    names = {e.text: e.name for e in find_entities("Siemens und Infineon forschen in München.", "de")}
    assert names["Siemens"] == "Siemens" and not names["Infineon"].endswith(" AG"), names


# ------------------------------------------------------------------ a foreign entry named by the name its acronym spells


@pytest.mark.parametrize(
    ("text", "lang", "acronym", "name"),
    [
        ("Das Vorhaben erhält Mittel aus dem EFRE.", "de", "EFRE", "Europäischer Fonds für regionale Entwicklung"),
        ("Het project krijgt steun uit het EFRO.", "nl", "EFRO", "Europees Fonds voor Regionale Ontwikkeling"),
        ("The project is funded by the ERDF.", "en", "ERDF", "European Regional Development Fund"),
    ],
)
def test_foreign_acronym_named_in_the_language_it_abbreviates(text, lang, acronym, name):
    named = [e.name for e in find_entities(text, lang) if e.text == acronym]
    assert named == [name]


# ------------------------------------------------------------------ genitives of discovered names


def test_genitive_of_a_name_the_text_uses_is_that_name():
    text = "Enligt Region Fjällmarkens beslut får Stiftelsen Polarljus medel. Region Fjällmarken växer."
    found = {e.text: e for e in find_entities(text, "sv")}
    assert found["Region Fjällmarkens"].name == "Region Fjällmarken"
    assert found["Region Fjällmarkens"].id == found["Region Fjällmarken"].id
    assert found["Stiftelsen Polarljus"].name == "Stiftelsen Polarljus"  # a name ending in -s keeps it


def test_marked_genitive_before_a_possessed_noun():
    found = {e.text: e.name for e in find_entities("Volgens het Kenniscentrum Duinzorg's bestuur groeit het.", "nl")}
    assert found["Kenniscentrum Duinzorg's"] == "Kenniscentrum Duinzorg"


def test_a_built_name_the_gazetteer_knows_takes_its_id():
    # a known company followed by a proper word is first taken as its subsidiary; the gazetteer knows the whole name
    found = {e.text: e.id for e in find_entities("Ook Siemens Healthineers en Google DeepMind doen mee.", "nl")}
    assert found == {"Siemens Healthineers": "de-siemens-healthineers", "Google DeepMind": "gb-google-deepmind"}
