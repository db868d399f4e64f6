"""Spans of text and the hits that name entities: overlap and containment."""

from __future__ import annotations

import pytest

from pipelines.parsers.entities.tokens import Hit, Span, tokenize


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [((0, 5), (5, 9), False), ((0, 5), (4, 9), True), ((3, 4), (0, 9), True), ((6, 9), (0, 5), False)],
)
def test_spans_overlap_when_they_share_a_character(a, b, overlap):
    assert Span(*a).overlaps(Span(*b)) is overlap
    assert Span(*b).overlaps(Span(*a)) is overlap


def test_a_hit_is_a_span_and_contains_the_tokens_inside_it():
    text = "Das Netzwerk KI-Allianz Baden-Württemberg startet."
    hit = Hit(4, 41, "Netzwerk KI-Allianz Baden-Württemberg", "programme")
    assert text[hit.start : hit.end] == hit.name
    inside = [t.text for t in tokenize(text) if hit.contains(t)]
    assert inside == ["Netzwerk", "KI-Allianz", "Baden-Württemberg"]
    assert hit.overlaps(Span(0, 5)) and not hit.contains(Span(0, 5))
