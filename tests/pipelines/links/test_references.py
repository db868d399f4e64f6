"""References across sentences ("programmet", "die Stiftung", "Smarterinitiativet") resolved to named entities."""

from __future__ import annotations

from pipelines.links.clauses import Span, split_sentences
from pipelines.links.cues import funding_cues
from pipelines.links.references import Resolver, resolve_references
from pipelines.models import Party


def _references(text: str, lang: str, named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(reference word, entity it resolves to) of every reference in ``text``; ``named`` = (name, kind)."""
    cues = funding_cues(lang)
    mentions = []
    for name, kind in named:
        start = text.index(name)
        mentions.append((start, start + len(name), name, Party(name, None, kind, name)))  # type: ignore[arg-type]
    spans = [Span("entity", s, e, party) for s, e, _, party in mentions]
    resolver = Resolver(mentions)
    out = []
    for sent in split_sentences(text, spans, cues.abbreviations, cues.triggers):
        for before, after in zip(sent.slots, resolve_references(sent.slots, cues, resolver), strict=True):
            if before.kind == "word" and after.kind == "entity":
                out.append((before.text, after.party.name))
    return out


def test_a_noun_refers_to_the_earlier_name_carrying_its_stem():
    text = "Vinnova finansierar AI-programmet Smarter och Projekt X. Programmet får 2 miljoner kronor."
    got = _references(text, "sv", [("Vinnova", "organisation"), ("AI-programmet Smarter", "programme")])
    assert got == [("programmet", "AI-programmet Smarter")]


def test_without_a_name_carrying_its_stem_a_noun_refers_to_the_latest_programme():
    text = "Vinnova stödjer WASP och Smarter. Satsningen pågår till 2030."
    got = _references(text, "sv", [("Vinnova", "organisation"), ("WASP", "programme"), ("Smarter", "programme")])
    assert got == [("satsningen", "Smarter")]


def test_an_organisation_noun_refers_to_organisations_only():
    text = "Die Carl-Zeiss-Stiftung fördert das Programm KI-Lab. Die Stiftung gibt 5 Millionen Euro."
    got = _references(text, "de", [("Carl-Zeiss-Stiftung", "organisation"), ("KI-Lab", "programme")])
    assert got == [("stiftung", "Carl-Zeiss-Stiftung")]


def test_a_noun_before_a_name_or_without_its_determiner_refers_to_nothing():
    text = "Das Zentrum ZEN startet. Ein Zentrum entsteht."
    assert _references(text, "de", [("ZEN", "programme")]) == []


def test_a_compound_refers_to_the_entity_its_first_part_names():
    text = "KK-stiftelsen stödjer Smarter. Smarterinitiativet växer."
    got = _references(text, "sv", [("KK-stiftelsen", "organisation"), ("Smarter", "programme")])
    assert got == [("smarterinitiativet", "Smarter")]


def test_nothing_named_before_means_no_reference():
    assert _references("Programmet startar. Vinnova betalar.", "sv", [("Vinnova", "organisation")]) == []
