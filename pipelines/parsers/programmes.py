"""Programme mentions: gazetteer names, cue words, acronym definitions and English names in local text."""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.models import ProgrammeMention
from pipelines.parsers.entities.gazetteer import Gazetteer
from pipelines.parsers.entities.resolve import Entity, find_entities


def programme_mentions(entities: Iterable[Entity]) -> list[ProgrammeMention]:
    """The programmes among ``find_entities``' result (in its order)."""
    return [ProgrammeMention(e.name, e.id, e.text, e.start, e.end) for e in entities if e.kind == "programme"]


def find_programmes(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[ProgrammeMention]:
    """Named programmes, initiatives, networks and funds in ``text``, sorted by start."""
    return programme_mentions(find_entities(text, lang, gazetteer))
