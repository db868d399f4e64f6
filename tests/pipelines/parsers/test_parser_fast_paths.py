"""The parsers' fast paths find what the plain definitions find (same output, less time)."""

from __future__ import annotations

import random

import pytest

from pipelines.parsers.people import _at_line_starts, _patterns

LINES = [
    "Kontakt",
    "Rektor",
    "Presschef",
    "Projektleiterin",
    "Pressesprecher:",
    "Text: Maria Lindgren",
    "Foto: Jesper Eriksson, Text och foto: Anna Berg",
    "Tekst: Sanne de Vries",
    "Woordvoerder: Jan de Vries",
    "Projektmanagerin: Sara Volc",
    "Communications officer: Emma Brown",
    "Anna Svensson",
    "Dr. Jonas Weber",
    "  Prof. Karin Holm ",
    "\tMaria Lindgren",
    "",
    " ",
    "Hon säger att rektor Johan Schnürer: nej.",
    "x",
]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    texts = ["", "\n", "\n\n", "Rektor\nAnna Svensson", "Rektor\n\nAnna Svensson\n", "a\nFoto: Anna Berg"]
    for _ in range(count):
        lines = [rnd.choice(LINES) for _ in range(rnd.randint(1, 14))]
        texts.append(rnd.choice(["\n", "\n\n", "\r\n", " \n"]).join(lines))
    return texts


@pytest.mark.parametrize("lang", ["sv", "de", "nl", "en"])
def test_line_anchored_people_patterns_find_what_finditer_finds(lang):
    pats = _patterns(lang)
    for pattern in (pats.contact_block, pats.credit, pats.label):
        assert pattern is not None and pattern.pattern.startswith("(?m)^")
        for text in _texts(7, 300):
            line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            found = [(m.span(), m.groupdict()) for m in _at_line_starts(pattern, text, line_starts)]
            assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], text
