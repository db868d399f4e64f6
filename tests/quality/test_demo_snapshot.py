"""Parser quality on the demo snapshot's article pages (text the parsers were not developed on).

Every article of ``data/snapshots/demo/expected.yaml`` goes through ``extract_document`` (whole HTML page
with its URL); the expected values become gold in the seed format (``../shared/seeds/GOLD_FORMAT.md``)
and ``pipelines.devtools.evaluation.score_corpus`` scores them. The test prints a per-field table and, per page,
what was missed and what was spurious (run with ``-s`` to see it). Floors are what the parsers reach,
minus a small margin.

People are not in expected.yaml: ``PEOPLE`` below lists the named people of each page's main text,
read off the pages by hand (roles are informational).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pipelines.devtools.evaluation import differences, f1_scores, normalise, score_corpus
from pipelines.extract.document import extract_document
from tests.quality import gate

DEMO = Path(__file__).resolve().parents[2] / "data" / "snapshots" / "demo"
EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))

# Floors: the quality gate's ``baselines/demo.json`` (with a digest of the snapshot's pages and expected.yaml).

# Named people in each article's main text (URL path after the host -> [(name, role)]), read off the pages.
PEOPLE: dict[str, list[tuple[str, str | None]]] = {
    "/sv/nyheter/orebro-blir-ny-nod-i-ai-innovation-sweden": [
        ("Amy Loutfi", "vicerektor för AI vid Örebro universitet"),
        ("Johan Schnürer", "rektor"),
        ("Irén Lejegren", "regionråd och ordförande i Region Örebro läns regionala tillväxtnämnd"),
        ("Martin Svensson", "co-director på AI Innovation of Sweden"),
    ],
    "/sv/nyheter/nationellt-center-for-tillampad-ai-samlar-partner": [
        ("Henrik Vall", "verksamhetsutvecklare på Lindholmen Science Park")
    ],
    "/sv/nyheter/data-factory-ska-gora-det-enklare-att-dela-data": [
        ("Sara Holmén", "teknisk samordnare för Data Factory")
    ],
    "/sv/nyheter/ai-sweden-oppnar-utlysning-for-kommuner-och-regioner": [
        ("Elin Strandberg", "programledare på AI Sweden")
    ],
    "/nyheter/nyhetsarkiv/nyhetsarkiv-2020/gratis-kurser-inom-ai-for-permitterad-personal/": [
        ("Matilda Ernkrans", "minister för högre utbildning och forskning"),
        ("Amy Loutfi", "vicerektor för AI vid Örebro universitet"),
        ("Johan Schnürer", "Rektor"),
    ],
    "/nyheter/nyhetsarkiv/nyhetsarkiv-2020/orebro-universitet-med-i-europeiskt-natverk-for-palitlig-ai/": [
        ("Lina Bergkvist", "forskningssamordnare vid Institutionen för naturvetenskap och teknik")
    ],
    "/nyheter/ai-impact-lab-bjuder-in-smaforetag-till-ai-verkstad/": [
        ("Johan Ekdahl", "innovationsrådgivare vid AI Impact Lab")
    ],
    "/english/news/orebro-university-joins-european-ai-platform-ai4eu/": [
        ("Anna Sjöberg", "research coordinator at the School of Science and Technology")
    ],
    "/nyheter/partnerskapsdag-mellan-umea-universitet-och-region-vasterbotten_9211473/": [
        ("Alekzandra Granath", "Text"),
        ("Dieter Müller", "vice rektor vid Umeå universitet"),
        ("Kent Ehliasson", "Regiondirektören"),
        ("Annika Nordstrand", "Enheten för forskningsstöd och samverkan"),
    ],
    "/nyheter/wasp-starker-ai-forskningen-vid-umea-universitet_9471206/": [
        ("Maja Lindqvist", "koordinator vid Institutionen för datavetenskap")
    ],
    "/nyheter/taiga-samlar-ai-forskningen-over-fakultetsgranserna_10012877/": [
        ("Oskar Nyberg", "forskningskoordinator vid TAIGA")
    ],
    "/nyheter/universitetsbiblioteket-forlanger-oppettiderna_10398105/": [
        ("Lena Forsgren", "sektionschef vid Universitetsbiblioteket")
    ],
    "/nieuwsoverzicht/hogescholen-ontvangen-financiering-voor-learning-communities-ai/": [],
    "/nieuwsoverzicht/ained-krijgt-276-miljoen-euro-uit-nationaal-groeifonds/": [
        ("Marloes Verbeek", "programmaleider bij Regieorgaan SIA")
    ],
    "/nieuwsoverzicht/nieuwe-ronden-kiem-en-raak-mkb-voor-toegepaste-ai/": [
        ("Thijs Bakker", "beleidsmedewerker bij Regieorgaan SIA")
    ],
    "/nieuwsoverzicht/elsa-labs-onderzoeken-verantwoorde-inzet-van-ai/": [],
    "/forschung/kimed/": [("Matthias Nüchter", "Projektleiter"), ("Sara Volc", "Projektmanagerin")],
    "/newsdetail/artikel/scads-ai-wird-dauerhaft-gefoerdert-2022-07-05": [
        ("Katrin Möller", "Referentin für Forschungskommunikation an der Universität Leipzig")
    ],
    "/newsdetail/artikel/ringvorlesung-ki-in-der-medizin-startet-im-april-2025-03-14": [
        ("Jana Hofmann", "Koordinatorin der Ringvorlesung")
    ],
    "/newsdetail/artikel/ki-verordnung-was-forschende-jetzt-wissen-muessen-2024-10-22": [
        ("Felix Brandt", "Justiziar im Dezernat Forschung und Transfer")
    ],
}


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _date(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _entries(names: list[str]) -> list[list[str]]:
    """Each expected name with its alternatives from the top-level ``aliases`` map."""
    aliases = EXPECTED.get("aliases") or {}
    return [[name, *aliases.get(name, [])] for name in names or []]


def gold_of(article: dict) -> dict:
    """An expected.yaml article in the seed gold format."""
    published = article.get("published")
    return {
        "id": article["url"],
        "language": article["language"],
        "published": None if published is None else _date(published),
        "organisations": _entries(article.get("organisations")),
        "programmes": _entries(article.get("programmes")),
        "either": _entries(article.get("either")),
        "amounts": [
            {"value": a["value"], "currency": a["currency"], "text": a.get("text")} for a in article["amounts"]
        ],
        "dates": [{"date": _date(d)} for d in article.get("dates") or []],
        "people": [{"name": n, "role": r} for n, r in PEOPLE[_path(article["url"])]],
    }


@pytest.fixture(scope="module")
def evaluation():
    gold, predictions = [], {}
    for article in EXPECTED["articles"]:
        html = (DEMO / article["path"]).read_bytes()
        predictions[article["url"]] = extract_document(html, url=article["url"]).to_contract()
        gold.append(gold_of(article))
    scores = score_corpus(predictions, gold)
    print("\nDemo snapshot, per field (micro-averaged over", len(gold), "article pages):")
    print(f"  {'field':14s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp  fp  fn")
    for field, s in scores.items():
        print(f"  {field:14s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    for doc in gold:
        diff = differences(predictions[doc["id"]], doc)
        if diff:
            print(_path(doc["id"]))
            print("\n".join(diff))
    return scores, predictions, gold


def test_every_article_has_people_annotated():
    assert {_path(a["url"]) for a in EXPECTED["articles"]} == set(PEOPLE)


def test_demo_scores_meet_the_gate(evaluation):
    scores, _, _ = evaluation
    gate.check("demo", f1_scores(scores))


def test_no_date_inside_a_programme_name():
    """A year that is part of a programme's name ("Horisont 2020", "Horizon 2020") is not a date: on every
    demo page that names such a programme, no date mention overlaps the programme mention."""
    checked = 0
    for article in EXPECTED["articles"]:
        doc = extract_document((DEMO / article["path"]).read_bytes(), url=article["url"])
        named = [p for p in doc.programmes if p.text[-4:].isdigit()]
        checked += len(named)
        for prog in named:
            inside = [d.text for d in doc.dates if d.start < prog.end and prog.start < d.end]
            assert not inside, (article["url"], prog.text, inside)
    assert checked, "no programme name with a year on the demo pages: the check covers nothing"


def test_people_roles_are_deduplicated_and_names_carry_no_cue_words(evaluation):
    _, predictions, _ = evaluation
    for url, pred in predictions.items():
        names = [p["name"] for p in pred["people"]]
        assert len({normalise(n) for n in names}) == len(names), (url, names)
        for name in names:
            first = name.split()[0].casefold()
            assert first not in {"enligt", "volgens", "laut", "according", "säger", "zegt", "sagt", "says"}, (url, name)


# --------------------------------------------------------------------------- the general rules behind the fixes
# (invented sentences, so the rules are checked on text other than the demo pages)


@pytest.mark.parametrize(
    "lang,text,names",
    [
        ("sv", "Enligt Karin Berg, prefekt vid Mittlands högskola, går arbetet bra.", ["Karin Berg"]),
        ("nl", "Het werkt goed, volgens Pieter Smit, lector bij Hogeschool Polderstad.", ["Pieter Smit"]),
        ("de", "Laut Anna Weber, Leiterin des Instituts, ist das neu.", ["Anna Weber"]),
        ("en", "According to Jane Doe, director of the lab, it works.", ["Jane Doe"]),
        ("sv", "Vid Centrum för Tillämpad AI, möts forskare från hela landet.", []),
        ("sv", "Kontakta Per Holm vid Enheten för samverkan.", ["Per Holm"]),
        ("de", "Projektleiterin: Maria Roth, Institut für Robotik", ["Maria Roth"]),
    ],
)
def test_people_cues_are_not_names(lang, text, names):
    from pipelines.parsers.people import find_people

    assert [p.name for p in find_people(text, lang)] == names


def test_acronym_possessive_is_not_a_programme():
    from pipelines.parsers.programmes import find_programmes

    assert "EU's" not in {
        p.name for p in find_programmes("It is funded by Horizon Europe, the EU's programme for research.", "en")
    }


def test_german_weak_adjective_maps_to_the_gazetteer_name():
    from pipelines.parsers.organisations import find_organisations

    orgs = find_organisations("Der Sächsische Landtag hat die Mittel bewilligt.", "de")
    assert [o.name for o in orgs] == ["Sächsischer Landtag"] and orgs[0].id


def test_german_cue_noun_before_an_acronym_names_the_acronym():
    from pipelines.parsers.programmes import find_programmes

    assert [p.name for p in find_programmes("Getragen wird es vom Netzwerk KAIROS und der Stadt.", "de")] == ["KAIROS"]


def test_year_inside_a_programme_name_is_not_a_date():
    from pipelines.parsers.dates import find_dates

    assert [d.date for d in find_dates("Finansieras av Horisont 2020 sedan 2019.", "sv")] == ["2019"]


def test_people_roles_are_distinct_case_insensitively():
    from pipelines.tables.build import _distinct_roles

    assert _distinct_roles({"Rektor", "rektor", "vicerektor för AI"}) == ["rektor", "vicerektor för AI"]
