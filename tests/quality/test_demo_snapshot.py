"""Parser quality on the demo snapshot's article pages (text the parsers were not developed on).

Every article of ``data/snapshots/demo/expected.yaml`` goes through ``extract_document`` (whole HTML page
with its URL); the expected values become gold in the seed format (``../shared/seeds/GOLD_FORMAT.md``)
and ``pipelines.evaluation.score_corpus`` scores them. The test prints a per-field table and, per page,
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

from pipelines.devtools.evaluation import score_corpus, score_document
from pipelines.extract.document import extract_document
from pipelines.text_keys import name_key

DEMO = Path(__file__).resolve().parents[2] / "data" / "snapshots" / "demo"
EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text(encoding="utf-8"))

# F1 floors: reached after the parser fixes (amounts 1.0, dates 0.977, organisations 0.975, programmes 0.941,
# people 1.0), minus a small margin; published and language are per-document accuracies.
FLOORS = {
    "amounts": 0.98,
    "dates": 0.95,
    "organisations": 0.95,
    "programmes": 0.9,
    "people": 0.95,
    "published": 1.0,
    "language": 1.0,
}

# Named people in each article's main text (URL path after the host -> [(name, role)]), read off the pages.
PEOPLE: dict[str, list[tuple[str, str | None]]] = {
    "/nyheter/orebro-blir-ny-nod-i-ai-innovation-sweden/": [
        ("Amy Loutfi", "vicerektor för AI vid Örebro universitet"),
        ("Johan Schnürer", "rektor"),
        ("Irén Lejegren", "regionråd och ordförande i Region Örebro läns regionala tillväxtnämnd"),
        ("Martin Svensson", "co-director på AI Innovation of Sweden"),
    ],
    "/nyheter/nationellt-center-for-tillampad-ai-samlar-partner/": [
        ("Henrik Vall", "verksamhetsutvecklare på Lindholmen Science Park")
    ],
    "/nyheter/data-factory-ska-gora-det-enklare-att-dela-data/": [
        ("Sara Holmén", "teknisk samordnare för Data Factory")
    ],
    "/nyheter/ai-sweden-oppnar-utlysning-for-kommuner-och-regioner/": [
        ("Elin Strandberg", "programledare på AI Sweden")
    ],
    "/nyheter/gratis-kurser-inom-ai-for-permitterad-personal/": [
        ("Matilda Ernkrans", "minister för högre utbildning och forskning"),
        ("Amy Loutfi", "vicerektor för AI vid Örebro universitet"),
        ("Johan Schnürer", "Rektor"),
    ],
    "/nyheter/orebro-universitet-med-i-europeiskt-natverk-for-palitlig-ai/": [
        ("Lina Bergkvist", "forskningssamordnare vid Institutionen för naturvetenskap och teknik")
    ],
    "/nyheter/ai-impact-lab-bjuder-in-smaforetag-till-ai-verkstad/": [
        ("Johan Ekdahl", "innovationsrådgivare vid AI Impact Lab")
    ],
    "/english/news/orebro-university-joins-european-ai-platform-ai4eu/": [
        ("Anna Sjöberg", "research coordinator at the School of Science and Technology")
    ],
    "/nyheter/partnerskapsdag-mellan-umea-universitet-och-region-vasterbotten/": [
        ("Alekzandra Granath", "Text"),
        ("Dieter Müller", "vice rektor vid Umeå universitet"),
        ("Kent Ehliasson", "Regiondirektören"),
        ("Annika Nordstrand", "Enheten för forskningsstöd och samverkan"),
    ],
    "/nyheter/wasp-starker-ai-forskningen-vid-umea-universitet/": [
        ("Maja Lindqvist", "koordinator vid Institutionen för datavetenskap")
    ],
    "/nyheter/taiga-samlar-ai-forskningen-over-fakultetsgranserna/": [
        ("Oskar Nyberg", "forskningskoordinator vid TAIGA")
    ],
    "/nyheter/universitetsbiblioteket-forlanger-oppettiderna/": [
        ("Lena Forsgren", "sektionschef vid Universitetsbiblioteket")
    ],
    "/nieuws/hogescholen-ontvangen-financiering-voor-learning-communities-ai/": [],
    "/nieuws/ained-krijgt-276-miljoen-euro-uit-nationaal-groeifonds/": [
        ("Marloes Verbeek", "programmaleider bij Regieorgaan SIA")
    ],
    "/nieuws/nieuwe-ronden-kiem-en-raak-mkb-voor-toegepaste-ai/": [
        ("Thijs Bakker", "beleidsmedewerker bij Regieorgaan SIA")
    ],
    "/nieuws/elsa-labs-onderzoeken-verantwoorde-inzet-van-ai/": [],
    "/forschung/kimed/": [("Matthias Nüchter", "Projektleiter"), ("Sara Volc", "Projektmanagerin")],
    "/newsdetail/artikel/scads-ai-wird-dauerhaft-gefoerdert/": [
        ("Katrin Möller", "Referentin für Forschungskommunikation an der Universität Leipzig")
    ],
    "/newsdetail/artikel/ringvorlesung-ki-in-der-medizin-startet-im-april/": [
        ("Jana Hofmann", "Koordinatorin der Ringvorlesung")
    ],
    "/newsdetail/artikel/ki-verordnung-was-forschende-jetzt-wissen-muessen/": [
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


def _differences(pred: dict, gold: dict) -> list[str]:
    """Human-readable missed (-) and spurious (+) items of one page."""
    lines = []
    either = [{name_key(a) for a in e} for e in gold["either"]]
    for field in ("organisations", "programmes"):
        entries = [{name_key(a) for a in e} for e in gold[field]]
        forms = [{name_key(p["name"]), name_key(p["text"])} for p in pred[field]]
        other = "programmes" if field == "organisations" else "organisations"
        other_forms = [{name_key(p["name"]), name_key(p["text"])} for p in pred[other]]
        for entry, names in zip(entries, gold[field]):
            if not any(f & entry for f in forms):
                where = " (found as " + other + ")" if any(f & entry for f in other_forms) else ""
                lines.append(f"  - {field}: {names[0]}{where}")
        for p, f in zip(pred[field], forms):
            if not any(f & e for e in entries + either):
                lines.append(f"  + {field}: {p['name']!r} (text {p['text']!r})")
    for a in gold["amounts"]:
        if not any(
            p["currency"] == a["currency"] and abs(p["value"] - a["value"]) <= 0.005 * a["value"]
            for p in pred["amounts"]
        ):
            lines.append(f"  - amounts: {a['value']} {a['currency']} ({a['text']})")
    for p in pred["amounts"]:
        if not any(
            p["currency"] == a["currency"] and abs(p["value"] - a["value"]) <= 0.005 * a["value"]
            for a in gold["amounts"]
        ):
            lines.append(f"  + amounts: {p['value']} {p['currency']} ({p['text']!r})")
    gold_dates = {d["date"] for d in gold["dates"]}
    pred_dates = {d["date"]: d["text"] for d in pred["dates"] if d["date"] != gold["published"]}
    lines += [f"  - dates: {d}" for d in sorted(gold_dates - set(pred_dates))]
    lines += [f"  + dates: {d} ({t!r})" for d, t in sorted(pred_dates.items()) if d not in gold_dates]
    gold_people = {name_key(p["name"]): p for p in gold["people"]}
    for p in pred["people"]:
        g = gold_people.get(name_key(p["name"]))
        if g is None:
            lines.append(f"  + people: {p['name']!r} role {p['role']!r}")
    pred_people = {name_key(p["name"]) for p in pred["people"]}
    lines += [f"  - people: {p['name']}" for key, p in gold_people.items() if key not in pred_people]
    for field in ("published", "language"):
        if pred[field] != gold[field]:
            lines.append(f"  ! {field}: got {pred[field]!r}, expected {gold[field]!r}")
    return lines


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
        diff = _differences(predictions[doc["id"]], doc)
        if diff:
            print(_path(doc["id"]))
            print("\n".join(diff))
    return scores, predictions, gold


def test_every_article_has_people_annotated():
    assert {_path(a["url"]) for a in EXPECTED["articles"]} == set(PEOPLE)


@pytest.mark.parametrize("field", list(FLOORS))
def test_field_floor(evaluation, field):
    scores, _, _ = evaluation
    assert scores[field].f1 >= FLOORS[field], f"{field}: {scores[field]}"


def test_amounts_and_dates_have_no_false_positive_traps(evaluation):
    """Phone numbers, percentages, head counts and 'Horisont 2020' give neither amounts nor dates."""
    _, predictions, _ = evaluation
    for url, pred in predictions.items():
        assert not any(d["date"] == "2020" and "2020" in d["text"] and "Hori" in d["text"] for d in pred["dates"]), url


def test_people_roles_are_deduplicated_and_names_carry_no_cue_words(evaluation):
    _, predictions, _ = evaluation
    for url, pred in predictions.items():
        names = [p["name"] for p in pred["people"]]
        assert len({name_key(n) for n in names}) == len(names), (url, names)
        for name in names:
            first = name.split()[0].casefold()
            assert first not in {"enligt", "volgens", "laut", "according", "säger", "zegt", "sagt", "says"}, (url, name)


def test_document_scores_are_computable_per_page(evaluation):
    _, predictions, gold = evaluation
    for doc in gold:
        assert set(score_document(predictions[doc["id"]], doc)) >= set(FLOORS)


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
