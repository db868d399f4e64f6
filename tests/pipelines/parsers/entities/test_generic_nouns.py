"""Generic nouns and phrases are no names: plurals and common nouns after a describing noun or a cue, type words
alone, parts of a title (pipelines/parsers/entities/)."""

from __future__ import annotations

import pytest

from pipelines.parsers.entities import find_entities
from tests.pipelines.parsers.entities.test_cases import GAZETTEER


def _names(text: str, lang: str) -> dict[str, str]:
    return {e.name: e.kind for e in find_entities(text, lang, GAZETTEER)}


@pytest.mark.parametrize(
    ("text", "not_names", "names"),
    [
        ("Im Labor können kleine und mittlere Unternehmen Werkzeuge der Robotik erproben.", ["Werkzeuge"], []),
        ("Das Zentrum bietet Start-ups und Unternehmen Beratung und Rechenzeit an.", ["Beratung"], []),
        ("Künftig sollen Hersteller Prüfverfahren gemeinsam entwickeln.", ["Prüfverfahren"], []),
        (
            "Das Kölner Start-up Lernwerk wächst. Beim Softwarehersteller Datafeld arbeiten 40 Menschen.",
            [],
            ["Lernwerk", "Datafeld"],
        ),
        ("Start-up Wolkenbau erhält zwei Millionen Euro.", [], ["Wolkenbau"]),
    ],
)
def test_a_plural_describing_noun_names_nothing_after_it(text, not_names, names):
    found = _names(text, "de")
    assert not set(not_names) & set(found)
    assert set(names) <= set(found)


@pytest.mark.parametrize(
    ("text", "not_names", "names"),
    [
        ("Die Werft und die Hochschule starten ein Projekt für Boote ohne Besatzung.", ["Projekt für Boote"], []),
        ("Das Land startet Förderaufruf für KI in Schulen", ["Förderaufruf für KI"], []),
        ("Die Akademie startet neues Programm für Gründerinnen", ["Programm für Gründerinnen"], []),
        (
            "Die Universität gewinnt Stiftungsprofessur für Robotik in der Pflege",
            ["Stiftungsprofessur für Robotik"],
            [],
        ),
        ("Das Projekt für Robotik im Alltag (ProRobA) beginnt im Mai.", [], ["Projekt für Robotik im Alltag"]),
        ("Die Mittel stammen aus dem Förderprogramm Digital Jetzt des Bundes.", [], ["Digital Jetzt"]),
    ],
)
def test_a_cue_noun_with_no_article_describes_a_thing(text, not_names, names):
    found = _names(text, "de")
    assert not {n for n in found if any(n.startswith(x) for x in not_names)}
    assert set(names) <= set(found)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("nl", "De ronde werd geleid door het Britse investeringsfonds Nordwind, samen met twee banken.", "Nordwind"),
        ("de", "Angeführt wird die Runde vom Investmentfonds Lakeside, das in Zürich sitzt.", "Lakeside"),
        ("sv", "Bakom rundan står investeringsfonden Fjällkapital från Umeå.", "Fjällkapital"),
    ],
)
def test_a_fund_named_as_an_investor_is_an_organisation(lang, text, name):
    assert _names(text, lang).get(name) == "organisation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Partner ist das Fraunhofer-Institut für Photonik FIP, Institutsteil Optische Sensorik OSE, in Jena.",
            "Institutsteil Optische Sensorik OSE",
        ),
    ],
)
def test_a_unit_named_by_its_subject_is_an_organisation(text, name):
    assert _names(text, "de").get(name) == "organisation"


@pytest.mark.parametrize(
    ("text", "not_names", "names"),
    [
        ("Die Hochschule hat ein neues Labor für autonome Maschinen eröffnet.", ["Labor für autonome Maschinen"], []),
        ("Die Stiftung fördert ein großes Zentrum für sichere Künstliche Intelligenz.", ["Zentrum für sichere"], []),
        ("Das Institut betreibt in Kiel ein eigenes Labor Nordmark.", [], ["Labor Nordmark"]),
        ("Sie gründen ein neues Zentrum für Datenkompetenz (ZDK).", [], ["Zentrum für Datenkompetenz"]),
    ],
)
def test_a_body_after_an_indefinite_article_and_an_adjective_is_described(text, not_names, names):
    found = _names(text, "de")
    assert not {n for n in found if any(n.startswith(x) for x in not_names)}
    assert set(names) <= set(found)


@pytest.mark.parametrize(
    ("lang", "text", "not_names", "names"),
    [
        (
            "de",
            "Beide Firmen sind Mitglieder im Technologie-Netzwerk it's NORD, das Wissen teilt.",
            ["Technologie-Netzwerk"],
            [],
        ),
        ("de", "Das Team war zuvor im Accelerator-Programm der Hochschule.", ["Accelerator-Programm"], []),
        (
            "de",
            "Das Weizenbaum-Institut und das Comenius-Programm sind dabei.",
            [],
            ["Weizenbaum-Institut", "Comenius-Programm"],
        ),
        ("nl", "Hogeschool Duinstad start Centre of Expertise voor data in de zorg", ["Centre of Expertise"], []),
        ("nl", "Het Centre of Expertise Slimme Havens start in mei.", [], ["Centre of Expertise Slimme Havens"]),
    ],
)
def test_a_type_word_alone_is_no_name(lang, text, not_names, names):
    found = _names(text, lang)
    assert not set(not_names) & set(found)
    assert set(names) <= set(found)


@pytest.mark.parametrize(
    ("lang", "text", "not_names", "names"),
    [
        (
            "sv",
            "Kommunen testar verktyget. Fackförbundet Vårdfolket är kritiskt. Fackförbundet vill se en utvärdering.",
            ["Fackförbundet Vårdfolket", "Fackförbundet"],
            ["Vårdfolket"],
        ),
        (
            "nl",
            "Patiëntenvereniging ZorgSamen waarschuwt voor fouten.",
            ["Patiëntenvereniging ZorgSamen"],
            ["ZorgSamen"],
        ),
        ("nl", "Ook de huisartsen van Coöperatie Zorgpunt Noord doen mee.", [], ["Coöperatie Zorgpunt Noord"]),
    ],
)
def test_a_describing_noun_starting_a_sentence_is_no_part_of_the_name(lang, text, not_names, names):
    found = _names(text, lang)
    assert not set(not_names) & set(found)
    assert set(names) <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "Gefördert aus Landesmitteln entsteht in Kiel ein neues Testfeld.",
        "Das Land hat über das Programm Dutzende neue Stellen geschaffen.",
        "Die Hochschule wird im Rahmen der Spitzenforschung gestärkt.",
    ],
)
def test_a_common_noun_after_a_programme_cue_names_nothing(text):
    assert not {n for n, kind in _names(text, "de").items() if kind == "programme"}


def test_a_known_place_is_no_compound_of_a_known_name():
    # the real gazetteer knows the company "Helsing" and the city "Helsingborg" (Helsingborgs stad)
    found = {e.name for e in find_entities("Försöket startar i juni i norra Helsingborg.", "sv")}
    assert "Helsing" not in found
    assert "Vinnova" in {e.name for e in find_entities("Projektet är Vinnovafinansierat sedan i fjol.", "sv")}


def test_a_foreign_common_noun_alias_names_nothing_inside_a_compound():
    # the real gazetteer knows the Dutch cabinet by its common noun "kabinet"
    found = {e.name for e in find_entities("Das System recherchiert in Kabinettsvorlagen und Akten.", "de")}
    assert not found


@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        (
            "Sie will gemeinsam mit der Hochschule Nordmark Schulungen für Betriebe anbieten.",
            "Hochschule Nordmark",
            "Hochschule Nordmark Schulungen",
        ),
    ],
)
def test_a_plural_abstract_noun_after_a_name_begins_the_object(text, name, not_name):
    found = _names(text, "de")
    assert name in found
    assert not_name not in found


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        (
            "sv",
            "Tjänsten levereras av det svenska företaget AI Nordic Vision Systems, som startade 2019.",
            "AI Nordic Vision Systems",
        ),
        ("nl", "De software komt van het bedrijf AI Health Partners uit Utrecht.", "AI Health Partners"),
    ],
)
def test_a_run_after_a_describing_noun_names_a_company(lang, text, name):
    assert _names(text, lang).get(name) == "organisation"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Downloads\n\nPortretfoto onderzoeker (JPG)\n\nFactsheet kenniscentrum (PDF)"),
        ("sv", "Ladda ner\n\nPressbild forskare (JPG)\n\nFaktablad projektet (PDF)"),
    ],
)
def test_a_file_type_in_brackets_defines_no_acronym(lang, text):
    assert not {e.text for e in find_entities(text, lang, GAZETTEER)} & {"PDF", "JPG"}


@pytest.mark.parametrize(
    ("text", "name", "cut"),
    [
        ("Staden är medlem i nätverket Skolor för AI som drivs av regionen.", "Skolor för AI", "Skolor"),
        ("Kommunen deltar i projektet Trygga vägar i norr där fem orter ingår.", "Trygga vägar i norr", "Trygga vägar"),
    ],
)
def test_a_title_after_a_cue_runs_to_a_relative_clause(text, name, cut):
    found = _names(text, "sv")
    assert name in found
    assert cut not in found
