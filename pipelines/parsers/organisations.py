"""Organisation mentions: gazetteer names, head-word patterns and acronym definitions."""

from __future__ import annotations

from pipelines.models import OrgMention
from pipelines.parsers.entities.gazetteer import Gazetteer
from pipelines.parsers.entities.resolve import find_entities


def find_organisations(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[OrgMention]:
    """Organisations named in ``text`` (sorted by start), canonical name and gazetteer id or slug id."""
    return [
        OrgMention(e.name, e.id, e.text, e.start, e.end, e.type, e.country)
        for e in find_entities(text, lang, gazetteer)
        if e.kind == "organisation"
    ]
