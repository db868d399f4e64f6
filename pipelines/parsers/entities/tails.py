"""Words glued after a discovered name that belong to the rest of the clause, not to the name."""

from __future__ import annotations

from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit, Token, first_token_from
from pipelines.text_keys import fold


def _object_noun(last: Token, before: Token, lex: Lexicon) -> bool:
    """Whether ``last``, right after the name word ``before``, is a common noun of the clause: a listed noun
    ("der Universität Jena Mittel bewilligt"), or, where nouns are lowercase, a compound with a lowercase tail
    after a genitive ("Högskolan Dalarnas AI-kurs": the course the university has)."""
    if last.low.endswith(lex.organisation.object_nouns or ("\0",)):
        return True
    tail = last.text.rsplit("-", 1)
    return not lex.nouns_capitalised and len(tail) == 2 and tail[1].islower() and before.text.endswith("s")


def without_object_noun(hits: list[Hit], tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Discovered organisation names that end in a common noun of the clause (``_object_noun``) lose it;
    a head word left alone names nothing and is dropped ("hat die Hochschule Mittel beantragt"). A noun
    after a link word stays ("Institut für Werkstoffe und Verfahren")."""
    out = []
    for h in hits:
        inner = tokens[first_token_from(tokens, h.start) : first_token_from(tokens, h.end)]
        if (
            h.entry is not None
            or len(inner) < 2
            or not inner[-1].cap
            or not (inner[-2].cap or inner[-2].text.endswith("s"))
            or inner[-2].low in lex.links
            or inner[-2].low in lex.stopwords_and_roles
            or not _object_noun(inner[-1], inner[-2], lex)
        ):
            out.append(h)
            continue
        last, kept = inner[-1], inner[:-1]
        if len(kept) == 1 and _head(kept[0], lex.organisation, lex) and kept[0].low in lex.organisation.heads:
            continue  # "die Hochschule Mittel": the bare head word names no body
        name = h.name[: -len(last.text)].rstrip() if h.name.endswith(last.text) else h.name
        out.append(Hit(h.start, kept[-1].end, name, h.kind, h.entry, h.acronym))
    return out


def without_owner_phrase(text: str, hits: list[Hit], names: list[Hit], lex: Lexicon) -> list[Hit]:
    """A discovered name led by a lowercase head and a link word whose rest is a name found on its own
    (``names``) is a common noun and its owner: "een gezamenlijk instituut van Tilburg University" names only
    the university."""
    ends: dict[int, list[int]] = {}
    for n in names:
        ends.setdefault(n.end, []).append(n.start)
    out = []
    for h in hits:
        lead = text[h.start : max(ends.get(h.end, [h.start]))].split()
        if (
            h.entry is None
            and text[h.start : h.start + 1].islower()
            and len(lead) >= 2
            and fold(lead[1]) in lex.links
            and all(fold(w) in lex.stopwords for w in lead[2:])
        ):
            continue
        out.append(h)
    return out
