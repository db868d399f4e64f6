"""References across sentences ("programmet", "die Stiftung", "Smarterinitiativet") resolved to named entities
(the cases in ``cases/references.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.links.clauses import Span, split_sentences
from pipelines.links.cues import funding_cues
from pipelines.links.references import Resolver, resolve_references
from pipelines.models import Party
from tests.helpers.sentence_slots import sentence_slots


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
        slots = sentence_slots(sent)
        resolve_references(sent, cues, resolver)
        for before, after in zip(slots, sentence_slots(sent), strict=True):
            if before.kind == "word" and after.kind == "entity":
                out.append((before.text, after.party.name))
    return out


CASES = yaml.safe_load((Path(__file__).parent / "cases" / "references.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_references_resolve_to_earlier_named_entities(case):
    named = list(case["named"].items())
    assert _references(case["text"], case["lang"], named) == [tuple(pair) for pair in case["expect"]]


def test_a_reference_resolves_to_the_most_often_named_earlier_entity_with_its_stem():
    from pipelines.links.references import Resolver
    from pipelines.models import Party

    wasp = Party("WASP-programmet", None, "programme")
    stiftelse = Party("Wallenbergstiftelserna", None, "organisation")
    kaw = Party("Knut och Alice Wallenbergs stiftelse", None, "organisation")
    digital = Party("Digital Europe", None, "programme")
    named = [(0, wasp), (10, kaw), (20, stiftelse), (30, stiftelse), (40, digital), (50, kaw), (60, kaw)]
    resolver = Resolver([(s, s + 5, p.name, p) for s, p in named])
    assert resolver.resolve("stiftelse", 5, False) == wasp  # no name with the stem yet: the latest programme
    assert resolver.resolve("stiftelse", 25, False) == kaw  # one mention each: the first named wins
    assert resolver.resolve("stiftelse", 35, False) == stiftelse  # named twice before 35
    assert resolver.resolve("stiftelse", 55, False) == kaw  # two each: the first named
    assert resolver.resolve("stiftelse", 61, True) == kaw
    assert resolver.resolve("programmet", 45, False) == wasp  # the stem in the name
    assert resolver.resolve("projekt", 45, False) == digital  # no name with the stem: the latest programme
    assert resolver.resolve("projekt", 45, True) is None  # ... which an organisation reference never takes
    assert resolver.resolve("projekt", 0, False) is None  # nothing named before
