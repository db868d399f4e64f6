"""Programme mentions: gazetteer names, cue words, acronym definitions and English names in local text."""

from __future__ import annotations

from pipelines.models import ProgrammeMention
from pipelines.parsers.entities.gazetteer import Gazetteer
from pipelines.parsers.entities.resolve import find_entities


def find_programmes(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[ProgrammeMention]:
    """Named programmes, initiatives, networks and funds in ``text``, sorted by start."""
    return [
        ProgrammeMention(e.name, e.id, e.text, e.start, e.end)
        for e in find_entities(text, lang, gazetteer)
        if e.kind == "programme"
    ]
