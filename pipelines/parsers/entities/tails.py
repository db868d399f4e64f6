"""Words glued after a discovered name that belong to the rest of the clause, not to the name."""

from __future__ import annotations

import bisect

from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit, Token


def without_object_noun(hits: list[Hit], tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Discovered organisation names that end in a common noun starting the clause's object lose it ("der
    Universität Jena Mittel bewilligt" -> "Universität Jena"); a head word left alone names nothing and is dropped
    ("hat die Hochschule Mittel beantragt"). A noun after a link word stays ("Institut für Verfahren")."""
    nouns = lex.organisation.object_nouns
    if not nouns:
        return hits
    starts = [t.start for t in tokens]
    out = []
    for h in hits:
        inner = tokens[bisect.bisect_left(starts, h.start) : bisect.bisect_left(starts, h.end)]
        last = inner[-1] if inner else None
        if (
            h.entry is not None
            or len(inner) < 2
            or not last.cap
            or not last.low.endswith(nouns)
            or inner[-2].low in lex.links
            or inner[-2].low in lex.stopwords
            or not inner[-2].cap
        ):
            out.append(h)
            continue
        kept = inner[:-1]
        if len(kept) == 1 and _head(kept[0], lex.organisation, lex) and kept[0].low in lex.organisation.heads:
            continue  # "die Hochschule Mittel": the bare head word names no body
        name = h.name[: -len(last.text)].rstrip() if h.name.endswith(last.text) else h.name
        out.append(Hit(h.start, kept[-1].end, name, h.kind, h.entry, h.acronym))
    return out
