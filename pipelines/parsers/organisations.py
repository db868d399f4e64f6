"""Organisation mentions: gazetteer names, head-word patterns and acronym definitions."""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.models import OrgMention
from pipelines.parsers.entities.gazetteer import Gazetteer
from pipelines.parsers.entities.resolve import Entity, find_entities


def organisation_mentions(entities: Iterable[Entity]) -> list[OrgMention]:
    """The organisations among ``find_entities``' result (in its order)."""
    return [
        OrgMention(e.name, e.id, e.text, e.start, e.end, e.type, e.country)
        for e in entities
        if e.kind == "organisation"
    ]


def find_organisations(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[OrgMention]:
    """Organisations named in ``text`` (sorted by start), canonical name and gazetteer id or slug id."""
    return organisation_mentions(find_entities(text, lang, gazetteer))
