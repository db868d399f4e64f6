"""Governing and deciding bodies: named by fixed phrases of the language ("Gedeputeerde Staten", "Ministerrat"),
with or without their place, and given one id per real body: the place's id and the body's phrase."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from pipelines.parsers.entities.heads import _head, in_role
from pipelines.parsers.entities.index import GazetteerIndex
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit, Token, joined, name_run
from pipelines.text_keys import name_key, slug

if TYPE_CHECKING:
    from pipelines.parsers.entities.resolve import Entity


def body_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Governing and deciding bodies named by a fixed phrase of the language ("Gedeputeerde Staten", "gemeenteraad",
    "Ministerrat", "regionstyrelsen"), with the place after a link word ("Provinciale Staten van Limburg"); a
    genitive ending of the last word is no part of the name ("des Ministerrats")."""
    if not lex.bodies:
        return []
    firsts = {b[0] for b in lex.bodies} | {b[0] + g for b in lex.bodies if len(b) == 1 for g in lex.genitive}
    links = lex.links | lex.organisation.extra_links
    out = []
    for i, tok in enumerate(tokens):
        if tok.low not in firsts:
            continue
        for body in lex.bodies:
            j = i + len(body)
            words = [t.low for t in tokens[i:j]]
            if (
                j > len(tokens)
                or words[:-1] != list(body[:-1])
                or not (words[-1] == body[-1] or _genitive_of(words[-1], body[-1], lex))
                or not all(joined(text, a, b) for a, b in zip(tokens[i : j - 1], tokens[i + 1 : j]))
            ):
                continue
            end, name = tokens[j - 1].end, text[tok.start : tokens[j - 1].start] + tokens[j - 1].text[: len(body[-1])]
            if words[-1] == body[-1]:
                end = _place_after(text, tokens, j, links, lex) or end
                name = text[tok.start : end] if end > tokens[j - 1].end else name
            if (not tok.cap or tok.sentence_start) and in_role(tokens, i, j - 1, lex):
                break  # "kommunstyrelsens ordförande": a person's title
            out.append(Hit(tok.start, end, name, "organisation"))
            break
    return out


def _place_after(text: str, tokens: list[Token], j: int, links: frozenset[str], lex: Lexicon) -> int | None:
    """End of a place named after a body at token ``j``: a link word, maybe an article, up to three capitalised
    words that are no acronym and no head word ("… van Gelderland"); None if none."""
    if j >= len(tokens) or tokens[j].low not in links or not joined(text, tokens[j - 1], tokens[j]):
        return None
    k = j + 1 + (j + 1 < len(tokens) and tokens[j + 1].low in lex.link_articles)
    last = name_run(
        text, tokens, k, lex, lambda j: not tokens[j].acronym and not _head(tokens[j], lex.organisation, lex)
    )
    return tokens[last - 1].end if last > k and joined(text, tokens[k - 1], tokens[k]) else None


def _genitive_of(word: str, base: str, lex: Lexicon) -> bool:
    """Whether ``word`` is ``base`` with one of the language's genitive endings ("ministerrats")."""
    return any(word == base + g for g in lex.genitive)


def body_ids(entities: list[Entity], lex: Lexicon, index: GazetteerIndex) -> list[Entity]:
    """One id per real body: a body named by a fixed phrase takes the id of its place and the phrase ("Gedeputeerde
    Staten van Gelderland" and "Gedeputeerde Staten" in a text about the provincie Gelderland are one body). The place
    is the known entity of the body's place type that the name holds after its phrase (in the text, else the only
    one in the gazetteer), else the only one of that type the text names; a body with no such place keeps its id.
    A body the language names only with its place ("gemeenteraad van Utrecht") is no entity alone ("de gemeenteraad":
    the text's local council, not a name)."""
    entities = [e for e in entities if e.type is not None or name_key(e.name) not in lex.place_only_bodies]
    if not lex.body_places:
        return entities
    places: dict[str, dict[str, Entity]] = {}
    for e in entities:
        if e.type is not None:
            places.setdefault(e.type, {})[e.id] = e
    out = []
    for e in entities:
        if e.type is not None:  # a known entry keeps its id
            out.append(e)
            continue
        key = name_key(e.name)
        phrase = next((b for b in lex.body_places if key == b or key.startswith(b + " ")), None)
        kind = lex.body_places.get(phrase) if phrase else None
        if kind is not None and phrase is not None:
            word = key[len(phrase) :].split()[-1:]
            in_text = places.get(kind, {})
            if word:
                named = [p.id for p in in_text.values() if word[0] in name_key(p.name).split()]
                named = named or sorted(_places_by_word(index, kind).get(word[0], ()))
                place = named[0] if len(set(named)) == 1 else None
            else:
                place = next(iter(in_text)) if len(in_text) == 1 else None
            if place is not None:
                e = replace(e, id=f"{place}-{slug(phrase)}")
        out.append(e)
    return out


@lru_cache(maxsize=64)
def _places_by_word(index: GazetteerIndex, kind: str) -> dict[str, frozenset[str]]:
    """Ids of the gazetteer's entries of one type by each word of their names ("gelderland" -> the province)."""
    out: dict[str, set[str]] = {}
    for name, entry in index.named.items():
        if entry.type == kind:
            for word in name_key(name).split():
                out.setdefault(word, set()).add(entry.id)
    return {w: frozenset(ids) for w, ids in out.items()}
