"""A known organisation's mention takes the legal form written after it, and nothing else."""

from __future__ import annotations

from pathlib import Path

from pipelines.parsers.entities.gazetteer import load_gazetteer
from pipelines.parsers.organisations import find_organisations

GAZETTEER = load_gazetteer(Path(__file__).parent / "fixtures")


def _texts(text: str, lang: str) -> list[str]:
    return [m.text for m in find_organisations(text, lang, GAZETTEER)]


def test_legal_forms_join_known_names() -> None:
    texts = _texts("Stiftelsen för framtidsforskning e.V. betalar, Nordvik Energi GmbH & Co. KG bygger.", "sv")
    assert "Stiftelsen för framtidsforskning e.V" in texts
    assert "Nordvik Energi GmbH & Co. KG" in texts


def test_english_forms_after_a_comma_only() -> None:
    texts = _texts("Nordvik Energi, Inc. deltar. Avtalet med Nordvik Energi, AB Kustlinjen och andra.", "sv")
    assert texts.count("Nordvik Energi, Inc") == 1
    assert "Nordvik Energi" in texts and "Nordvik Energi, AB" not in texts
