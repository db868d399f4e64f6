"""The funding linker on single sentences: each rule of pipelines.links.roles, and kind/per-year/part-of (the links\nof single amounts in ``cases/linker.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.extract.document import extract_document
from tests.helpers.contract import AMOUNT_KEYS


def _amounts(text: str, lang: str) -> list[dict]:
    return extract_document(text, lang=lang, is_html=False).to_contract()["amounts"]


def _names(amount: dict, role: str) -> set[str]:
    return {p["name"] for p in amount[role]}


CASES = yaml.safe_load((Path(__file__).parent / "cases" / "linker.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_links_of_an_amount(case):
    (a,) = _amounts(case["text"], case["lang"])
    for role in ("funders", "recipients", "for"):
        if role in case:
            assert _names(a, role) == set(case[role]), role
        if f"{role}_written" in case:
            assert {p["text"] for p in a[role]} == set(case[f"{role}_written"]), role
    if "kind" in case:
        allowed = case["kind"] if isinstance(case["kind"], list) else [case["kind"]]
        assert a["kind"] in allowed
    for key in ("period", "per_year"):
        if key in case:
            assert a[key] == case[key], key


def test_fund_paying_is_a_funder_fund_filled_is_the_purpose():
    (paid,) = _amounts("Uit het Nationaal Groeifonds gaat 50 miljoen euro naar AiNed.", "nl")
    assert "Nationaal Groeifonds" in _names(paid, "funders")
    (filled,) = _amounts("Het kabinet trekt 20 miljard euro uit voor het Nationaal Groeifonds.", "nl")
    assert "Nationaal Groeifonds" in _names(filled, "for")
    assert "Nationaal Groeifonds" not in _names(filled, "funders")


def test_total_and_its_parts():
    amounts = _amounts(
        "Regeringen satsar 90 miljoner kronor, varav 60 miljoner kronor går till forskning "
        "och 30 miljoner kronor till utbildning.",
        "sv",
    )
    assert [a["part_of"] for a in amounts] == [None, 0, 0]


def test_contract_fields_of_an_amount():
    (a,) = _amounts("Vinnova beviljar 3 miljoner kronor till Lunds universitet.", "sv")
    assert list(a) == AMOUNT_KEYS
    assert a["funders"][0]["kind"] == "organisation"


def test_linked_document_survives_the_extraction_cache_round_trip():
    from pipelines.models import document_from_dict, document_to_dict

    doc = extract_document("Vinnova beviljar 3 miljoner kronor till Lunds universitet för 2024–2026.", lang="sv")
    again = document_from_dict(document_to_dict(doc))
    assert again == doc
    assert again.amounts[0].funders[0].name == "Vinnova"


def test_party_keeps_the_words_of_the_page_beside_its_canonical_name():
    (a,) = _amounts("Der Bund stellt 9 Mio. Euro für das Projekt Datenlotse bereit.", "de")
    (funder,) = a["funders"]
    assert funder["text"] == "Bund" and funder["id"] is not None
