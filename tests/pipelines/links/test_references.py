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


CASES = yaml.safe_load((Path(__file__).parent / "cases" / "references.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_references_resolve_to_earlier_named_entities(case):
    named = list(case["named"].items())
    assert _references(case["text"], case["lang"], named) == [tuple(pair) for pair in case["expect"]]
