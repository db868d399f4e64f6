"""The funding linker on single sentences: each rule of pipelines.links.roles, and kind/per-year/part-of."""

from __future__ import annotations

from pipelines.extract.document import extract_document


def _amounts(text: str, lang: str) -> list[dict]:
    return extract_document(text, lang=lang, is_html=False).to_contract()["amounts"]


def _names(amount: dict, role: str) -> set[str]:
    return {p["name"] for p in amount[role]}


def test_passive_with_source_and_period_in_german():
    (a,) = _amounts(
        "Das Projekt KI-Werkstatt wird vom Bundesministerium für Bildung und Forschung "
        "von 2024 bis 2026 mit 2 Mio. Euro gefördert.",
        "de",
    )
    assert _names(a, "funders") == {"Bundesministerium für Bildung und Forschung"}
    assert a["period"] == {"start": "2024", "end": "2026"}
    assert a["kind"] in ("grant", "budget")


def test_coordinated_recipients_in_dutch():
    (a,) = _amounts("Avans, Fontys en Saxion ontvangen 600.000 euro van Regieorgaan SIA.", "nl")
    assert _names(a, "funders") == {"Regieorgaan SIA"}
    assert len(a["recipients"]) == 3
    assert a["kind"] == "grant"


def test_fund_paying_is_a_funder_fund_filled_is_the_purpose():
    (paid,) = _amounts("Uit het Nationaal Groeifonds gaat 50 miljoen euro naar AiNed.", "nl")
    assert "Nationaal Groeifonds" in _names(paid, "funders")
    (filled,) = _amounts("Het kabinet trekt 20 miljard euro uit voor het Nationaal Groeifonds.", "nl")
    assert "Nationaal Groeifonds" in _names(filled, "for")
    assert "Nationaal Groeifonds" not in _names(filled, "funders")


def test_reference_across_sentences_and_per_year_in_swedish():
    text = (
        "KK-stiftelsen har beslutat att fortsätta stödja Smarter. "
        "Stödet till Örebro universitet uppgår till 2 miljoner kronor per år."
    )
    (a,) = _amounts(text, "sv")
    assert _names(a, "funders") == {"KK-stiftelsen"}
    assert _names(a, "recipients") == {"Örebro universitet"}
    assert _names(a, "for") == {"Smarter"}
    assert a["per_year"] is True


def test_total_and_its_parts():
    amounts = _amounts(
        "Regeringen satsar 90 miljoner kronor, varav 60 miljoner kronor går till forskning "
        "och 30 miljoner kronor till utbildning.",
        "sv",
    )
    assert [a["part_of"] for a in amounts] == [None, 0, 0]


def test_a_fine_is_other_and_links_nothing():
    (a,) = _amounts("Bei Verstößen drohen Bußgelder von bis zu 10 Mio. Euro.", "de")
    assert a["kind"] == "other"
    assert a["funders"] == a["recipients"] == a["for"] == []
    assert a["period"] is None


def test_contract_fields_of_an_amount():
    (a,) = _amounts("Vinnova beviljar 3 miljoner kronor till Lunds universitet.", "sv")
    assert list(a) == [
        "value",
        "currency",
        "value_eur",
        "text",
        "funders",
        "recipients",
        "for",
        "period",
        "per_year",
        "kind",
        "part_of",
    ]
    assert a["funders"][0]["kind"] == "organisation"


def test_subject_before_the_verb_makes_the_organisation_after_it_the_recipient():
    (a,) = _amounts(
        "Das Bundesministerium für Bildung und Forschung fördert die Universität Leipzig mit 2 Mio. Euro.", "de"
    )
    assert _names(a, "funders") == {"Bundesministerium für Bildung und Forschung"}
    assert _names(a, "recipients") == {"Universität Leipzig"}


def test_verb_second_order_makes_the_organisation_after_the_verb_the_funder():
    (a,) = _amounts("För att stärka forskningen satsar Vinnova 4 miljoner kronor på AI.", "sv")
    assert _names(a, "funders") == {"Vinnova"}
    assert a["recipients"] == []


def test_linked_document_survives_the_extraction_cache_round_trip():
    from pipelines.models import document_from_dict, document_to_dict

    doc = extract_document("Vinnova beviljar 3 miljoner kronor till Lunds universitet för 2024–2026.", lang="sv")
    again = document_from_dict(document_to_dict(doc))
    assert again == doc
    assert again.amounts[0].funders[0].name == "Vinnova"


def test_receiving_unit_of_an_organisation_is_the_purpose_its_owner_the_recipient():
    (de,) = _amounts(
        "Das Land Niedersachsen gibt 4 Mio. Euro an das Zentrum für Digitale Innovationen der Leibniz Universität "
        "Hannover.",
        "de",
    )
    assert _names(de, "for") == {"Zentrum für Digitale Innovationen"}
    assert len(de["recipients"]) == 1 and "Zentrum für Digitale Innovationen" not in _names(de, "recipients")
    (nl,) = _amounts("NWO kent 3 miljoen euro toe aan het Mercury Machine Learning Lab van de TU Delft.", "nl")
    assert _names(nl, "for") == {"Mercury Machine Learning Lab"}
    assert [p["text"] for p in nl["recipients"]] == ["TU Delft"]


def test_coordinated_recipients_are_no_units_of_each_other():
    (a,) = _amounts(
        "De provincie Utrecht geeft 1 miljoen euro aan de Universiteit Utrecht en de Hogeschool Utrecht.", "nl"
    )
    assert len(a["recipients"]) == 2 and a["for"] == []


def test_party_keeps_the_words_of_the_page_beside_its_canonical_name():
    (a,) = _amounts("Der Bund stellt 9 Mio. Euro für das Projekt Datenlotse bereit.", "de")
    (funder,) = a["funders"]
    assert funder["text"] == "Bund" and funder["id"] is not None


def test_a_reference_resolves_to_the_most_often_named_earlier_entity_with_its_stem():
    from pipelines.links.linker import _Resolver
    from pipelines.models import Party

    wasp = Party("WASP-programmet", None, "programme")
    stiftelse = Party("Wallenbergstiftelserna", None, "organisation")
    kaw = Party("Knut och Alice Wallenbergs stiftelse", None, "organisation")
    digital = Party("Digital Europe", None, "programme")
    named = [(0, wasp), (10, kaw), (20, stiftelse), (30, stiftelse), (40, digital), (50, kaw), (60, kaw)]
    resolver = _Resolver([(s, s + 5, p.name, p) for s, p in named])
    assert resolver.resolve("stiftelse", 5, False) == wasp  # no name with the stem yet: the latest programme
    assert resolver.resolve("stiftelse", 25, False) == kaw  # one mention each: the first named wins
    assert resolver.resolve("stiftelse", 35, False) == stiftelse  # named twice before 35
    assert resolver.resolve("stiftelse", 55, False) == kaw  # two each: the first named
    assert resolver.resolve("stiftelse", 61, True) == kaw
    assert resolver.resolve("programmet", 45, False) == wasp  # the stem in the name
    assert resolver.resolve("projekt", 45, False) == digital  # no name with the stem: the latest programme
    assert resolver.resolve("projekt", 45, True) is None  # ... which an organisation reference never takes
    assert resolver.resolve("projekt", 0, False) is None  # nothing named before
