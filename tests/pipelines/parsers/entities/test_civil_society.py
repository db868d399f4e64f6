"""Civil society and local government: parties, unions, associations, their branches, and places with heads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipelines.parsers.entities import find_entities
from pipelines.parsers.entities.gazetteer import gazetteer_dir, load_gazetteer

HEADER = ["id", "name", "country", "type", "aliases", "acronyms", "domain"]
ROWS = {
    "organisations_se.csv": [
        ["se-nordpartiet", "Nordpartiet", "SE", "party", "", "NP", ""],
        ["se-vardfacket", "Vårdfacket", "SE", "union", "", "", ""],
        ["se-fjallby-kommun", "Fjällby kommun", "SE", "municipality", "", "", ""],
        ["se-region-fjallbotten", "Region Fjällbotten", "SE", "region", "", "", ""],
        ["se-handelsanstalldas-forbund", "Handelsanställdas förbund", "SE", "union", "", "Handels", ""],
    ],
    "organisations_nl.csv": [
        ["nl-polderpartij", "Polderpartij", "NL", "party", "", "PP", ""],
        ["nl-gemeente-dijkdorp", "Gemeente Dijkdorp", "NL", "municipality", "", "", ""],
        ["nl-vakbond-techniek", "Vakbond Techniek", "NL", "union", "", "", ""],
    ],
    "organisations_de.csv": [
        ["de-gewerkschaft-metallbau", "Gewerkschaft Metallbau", "DE", "union", "GMB-Verband", "", ""],
        ["de-landkreis-talheim", "Landkreis Talheim", "DE", "region", "Landkreises Talheim", "", ""],
        ["de-stadt-bergheim", "Stadt Bergheim", "DE", "municipality", "", "", ""],
        ["de-bauernbund", "Bauernbund", "DE", "association", "", "", ""],
        ["de-volkspartei-mitte", "Volkspartei der Mitte", "DE", "party", "", "VdM", ""],
    ],
}


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gazetteer")
    for name, rows in ROWS.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([HEADER, *rows])
    (folder / "programmes.csv").write_text("id,name,country,type,aliases,acronyms,funder_org_id\n", encoding="utf-8")
    return load_gazetteer(folder)


def names(text: str, lang: str, gazetteer) -> list[str]:
    return [e.text for e in find_entities(text, lang, gazetteer) if e.kind == "organisation"]


@pytest.mark.parametrize(
    ("lang", "text", "branch"),
    [
        ("de", "Die Gewerkschaft Metallbau Talheim ruft zum Warnstreik auf.", "Gewerkschaft Metallbau Talheim"),
        ("de", "Kritik kam vom Bauernbund Bergheim und der Stadt.", "Bauernbund Bergheim"),
        ("sv", "Vårdfacket Fjällbotten kräver fler tjänster.", "Vårdfacket Fjällbotten"),
        ("sv", "Nordpartiet i Fjällby röstade emot förslaget.", "Nordpartiet i Fjällby"),
        ("sv", "Enligt Vårdfacket avdelning Fjällbotten räcker det inte.", "Vårdfacket avdelning Fjällbotten"),
        ("nl", "Vakbond Techniek Dijkdorp is tevreden over het akkoord.", "Vakbond Techniek Dijkdorp"),
    ],
)
def test_a_place_after_a_union_party_or_association_names_its_branch(lang, text, branch, gazetteer):
    assert branch in names(text, lang, gazetteer)


def test_a_capitalised_noun_after_a_german_union_is_no_branch(gazetteer):
    found = names("Am Dienstag rief die Gewerkschaft Metallbau Beschäftigte zum Streik auf.", "de", gazetteer)
    assert found == ["Gewerkschaft Metallbau"]


def test_a_branch_link_needs_a_proper_name_after_it(gazetteer):
    found = names("Nordpartiet i kommunen vill satsa mer.", "sv", gazetteer)
    assert found == ["Nordpartiet"]


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("sv", "– Det är ett bra beslut, säger Eva Lind (NP), kommunalråd. NP vill gå vidare.", "NP"),
        ("nl", "Wethouder Jan Smit (PP) is blij. Ook de PP in de gemeenteraad stemde voor.", "PP"),
        ("de", "Landrat Max Beck (VdM/GMB) begrüßt das. Die VdM will mehr.", "VdM"),
    ],
)
def test_a_party_in_brackets_after_a_person_tags_the_person(lang, text, actor, gazetteer):
    found = find_entities(text, lang, gazetteer)
    parties = [e for e in found if e.type == "party"]
    assert [e.text for e in parties] == [actor]
    assert text[parties[0].start - 1] == " "


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nl", "In Dijkdorp wonen veel forenzen. De Zeeuwse gemeente Dijkdorp investeert.", ["gemeente Dijkdorp"]),
        ("sv", "I Fjällby finns ett bryggeri. Fjällby kommun bygger ut.", ["Fjällby kommun"]),
        ("de", "In Bergheim und Talheim wird gebaut; der Landkreis Talheim zahlt.", ["Landkreis Talheim"]),
        ("de", "Die Verwaltung des Landkreises Talheim prüft das.", ["Landkreises Talheim"]),
    ],
)
def test_places_are_bodies_only_with_their_head_word(lang, text, expected, gazetteer):
    assert names(text, lang, gazetteer) == expected


def test_landratsamt_and_kreisverwaltung_are_bodies_of_their_own(gazetteer):
    found = names("Das Landratsamt Talheim und die Kreisverwaltung Bergheim haben zugestimmt.", "de", gazetteer)
    assert found == ["Landratsamt Talheim", "Kreisverwaltung Bergheim"]


# ------------------------------------------------------------------------------------------ the shipped lists

SHIPPED = gazetteer_dir()
HEADS = {
    "se": ("kommun", "stad", "Stad"),
    "nl": ("Gemeente ", "Waterschap ", "Hoogheemraadschap ", "Wetterskip ", " Staten van "),
    "de": (
        "Landkreis ",
        "Kreis ",
        "Stadt ",
        "Landeshauptstadt ",
        "Bezirk ",
        "Region ",
        "Regionalverband ",
        "Städteregion ",
    ),
}


def _rows(name: str) -> list[dict]:
    with (SHIPPED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("cc", ["se", "nl", "de"])
def test_every_local_body_is_named_with_its_head_word_never_as_a_bare_place(cc):
    rows = _rows(f"organisations_{cc}_local.csv")
    assert len(rows) > 200
    for row in rows:
        for form in (row["name"], *filter(None, row["aliases"].split("|"))):
            # a compound Kreis name ("Erzgebirgskreis") names the body itself
            assert any(h in form for h in HEADS[cc]) or "kreis" in form.lower(), form
        assert row["type"] in {"municipality", "region"}


def test_local_and_society_files_load_with_unique_ids():
    gaz = load_gazetteer(SHIPPED)
    files = [p.name for p in Path(SHIPPED).glob("organisations_*_*.csv")]
    assert {f"organisations_{cc}_{part}.csv" for cc in ("se", "nl", "de") for part in ("local", "society")} <= set(
        files
    )
    assert {"se-umea-kommun", "nl-gemeente-gemert-bakel", "de-landkreis-passau", "de-erzgebirgskreis"} <= set(
        gaz.organisations
    )
    assert {e.type for e in gaz.organisations.values()} >= {"party", "union", "association", "hospital"}


def test_a_party_acronym_hyphenated_to_a_noun_is_a_modifier(gazetteer):
    found = find_entities("Die VdM-Abgeordnete Eva Ott lobt den Plan. Die VdM stimmt zu.", "de", gazetteer)
    assert [e.text for e in found if e.type == "party"] == ["VdM"]


def test_a_local_body_after_a_locative_word_is_a_place(gazetteer):
    text = "Ein Betrieb im Landkreis Talheim wächst. Der Landkreis Talheim fördert ihn."
    found = [e for e in find_entities(text, "de", gazetteer) if e.kind == "organisation"]
    assert [e.start for e in found] == [text.index("Landkreis Talheim fördert")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Die Landkreise Talheim und Bergheim testen das.", ["Talheim"]),
        ("sv", "Kommunerna Fjällby och Bergsund samarbetar.", ["Fjällby"]),
        ("nl", "De gemeenten Dijkdorp en Zandwijk werken samen.", ["Dijkdorp"]),
    ],
)
def test_a_plural_local_head_names_each_known_body_after_it(lang, text, expected, gazetteer):
    assert names(text, lang, gazetteer) == expected


@pytest.mark.parametrize(
    ("lang", "text", "group"),
    [
        ("de", "Die Sprecherin der VdM-Fraktion, Eva Ott, ist dafür.", "VdM-Fraktion"),
        ("de", "Auch die VdM-Landtagsfraktion stimmt zu.", "VdM-Landtagsfraktion"),
        ("nl", "De PP-fractie in de gemeenteraad wil meer geld.", "PP-fractie"),
    ],
)
def test_a_party_acronym_hyphenated_to_its_group_names_the_group(lang, text, group, gazetteer):
    found = [e for e in find_entities(text, lang, gazetteer) if e.kind == "organisation"]
    assert group in [e.text for e in found]
    assert not [e for e in found if e.type == "party"]


def test_a_branch_of_a_body_known_by_its_short_name(gazetteer):
    # a party known by its (case-sensitive) short name takes its branch too
    assert names("Kritiken kommer från NP Fjällbotten.", "sv", gazetteer) == ["NP Fjällbotten"]


def test_a_unions_word_short_name_names_it_at_home_only(gazetteer):
    assert names("Handels kräver högre löner i avtalsrörelsen.", "sv", gazetteer) == ["Handels"]
    assert names("Vertreter des Handels sind skeptisch.", "de", gazetteer) == []


@pytest.mark.parametrize(
    ("lang", "text", "branch"),
    [
        ("de", "Die Gewerkschaft Metallbau (GMB) Bergheim lehnt das ab.", "Gewerkschaft Metallbau Bergheim"),
        ("de", "Der Bauernbund (BB) Talheim-Bergheim protestiert.", "Bauernbund Talheim-Bergheim"),
        ("nl", "Vakbond Techniek (VT) Dijkdorp is tevreden.", "Vakbond Techniek Dijkdorp"),
    ],
)
def test_a_place_after_a_bracketed_acronym_names_a_branch(lang, text, branch, gazetteer):
    found = [e for e in find_entities(text, lang, gazetteer) if e.kind == "organisation"]
    assert [e.name for e in found] == [branch]
    assert found[0].text.endswith(branch.rsplit(" ", 1)[-1])


def test_a_word_after_a_bracketed_acronym_that_is_no_place_names_no_branch(gazetteer):
    found = names("Die Gewerkschaft Metallbau (GMB) Beschäftigte streiken.", "de", gazetteer)
    assert "Gewerkschaft Metallbau" in found
    assert not any(name.endswith("Beschäftigte") for name in found)
