"""Merges gazetteer hits, discovered names and acronym definitions into non-overlapping mentions with stable ids."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from pipelines.parsers.entities.acronyms import acronym_definitions
from pipelines.parsers.entities.discovery import _compound_prefixes, _head, discover, english_runs
from pipelines.parsers.entities.gazetteer import Gazetteer, load_gazetteer
from pipelines.parsers.entities.index import gazetteer_index
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, tokenize
from pipelines.text_keys import norm_key, slug

# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved mention: canonical name, id, kind and gazetteer facts."""

    name: str
    id: str
    kind: str
    text: str
    start: int
    end: int
    type: str | None = None
    country: str | None = None


def _select(tiers: Iterable[list[Hit]]) -> list[Hit]:
    """Non-overlapping hits: earlier tiers win, then longer spans, then earlier starts."""
    taken: list[Hit] = []  # kept sorted by start; non-overlapping, so only the neighbours can overlap
    starts: list[int] = []
    for tier in tiers:
        for hit in sorted(tier, key=lambda h: (h.start - h.end, h.start)):
            i = bisect.bisect_right(starts, hit.start)
            if all(hit.end <= t.start or hit.start >= t.end for t in taken[max(i - 1, 0) : i + 1]):
                taken.insert(i, hit)
                starts.insert(i, hit.start)
    return taken


def _kind_of(hit: Hit, tokens: list[Token], lex: Lexicon) -> str:
    """Kind of an unknown long form: organisation if it contains an organisation head word."""
    inner = [t for t in tokens if hit.start <= t.start and t.end <= hit.end]
    org = any(_head(t, lex.organisation, lex) for t in inner)
    return "organisation" if org or lex.organisation.default_for_acronyms else "programme"


def _extend_truncated(hits: list[Hit]) -> list[Hit]:
    """A discovered name that is a word-prefix of a longer discovered name of the same kind takes that name
    (the longest; the first found of equally long ones)."""
    keys = {(h.kind, norm_key(h.name)): h.name for h in hits if h.entry is None}
    order = {key: i for i, key in enumerate(keys)}
    ranked = sorted(keys)  # the keys extending "kind", "name " form one run from bisect_left(("kind", "name "))
    out = []
    for h in hits:
        longest = None
        if h.entry is None:
            prefix = norm_key(h.name) + " "
            i = bisect.bisect_left(ranked, (h.kind, prefix))
            candidates = []
            while i < len(ranked) and ranked[i][0] == h.kind and ranked[i][1].startswith(prefix):
                if not ranked[i][1][len(prefix)].isdigit():
                    candidates.append(ranked[i])
                i += 1
            longest = min(candidates, key=lambda key: (-len(keys[key]), order[key]), default=None)
        out.append(Hit(h.start, h.end, keys[longest], h.kind, h.entry, h.acronym) if longest else h)
    return out


def _is_word_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is a regex ``\\w`` character."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _repeats(text: str, hits: list[Hit]) -> list[Hit]:
    """Further exact occurrences of names discovered elsewhere in the text: per name, what
    ``re.finditer(r"(?<!\\w)name(?!\\w)")`` finds, for all names in one Aho–Corasick pass."""
    names = {text[h.start : h.end]: h for h in hits if h.entry is None and h.acronym is None}
    if not names:
        return []
    automaton = ahocorasick.Automaton()
    for surface in names:
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    found: dict[str, list[Hit]] = {surface: [] for surface in names}
    for end_idx, surface in automaton.iter(text):  # ordered by end: for one name, by start
        start, end = end_idx + 1 - len(surface), end_idx + 1
        own = found[surface]
        if (own and start < own[-1].end) or _is_word_char(text, start - 1) or _is_word_char(text, end):
            continue  # overlaps the name's previous occurrence, or not at word boundaries
        own.append(Hit(start, end, names[surface].name, names[surface].kind))
    return [hit for surface in names for hit in found[surface]]


@lru_cache(maxsize=256)
def _find(text: str, lang: str, gazetteer: Gazetteer) -> tuple[Entity, ...]:
    lex = lexicon(lang)
    tokens = tokenize(text)
    gaz = gazetteer_index(lang, gazetteer).hits(text)
    orgs = discover(text, tokens, "organisation", lex)
    progs = discover(text, tokens, "programme", lex)
    selected = _select([gaz, orgs, progs])
    for long, acr in acronym_definitions(text, tokens, selected):
        if acr in lex.generic_acronyms or not long.name[:1].isupper():
            continue
        if not long.kind:
            long = Hit(long.start, long.end, long.name, _kind_of(long, tokens, lex))
        selected = _select([selected, [long]])
        occurrences = [
            Hit(m.start(), m.end(), long.name, long.kind, long.entry, acr)
            for m in re.finditer(rf"(?<!\w){re.escape(acr)}(?!\w)", text)
        ]
        # the text's own definition of an acronym wins over a gazetteer's reading of it
        selected = _select([occurrences, [h for h in selected if h.acronym != acr or h.entry is long.entry]])
    selected = _select([selected, english_runs(text, tokens, lex)])
    selected = _select([selected, _compound_prefixes(tokens, lex)])
    selected = _select([selected, _repeats(text, selected)])
    entities = []
    for h in _extend_truncated(selected):
        if h.entry is not None:
            entities.append(
                Entity(
                    h.entry.name,
                    h.entry.id,
                    h.kind,
                    text[h.start : h.end],
                    h.start,
                    h.end,
                    h.entry.type,
                    h.entry.country,
                )
            )
        else:
            country = None if lex.country == "xx" else lex.country.upper()
            entities.append(
                Entity(
                    h.name,
                    f"{lex.country}-{slug(h.name)}",
                    h.kind,
                    text[h.start : h.end],
                    h.start,
                    h.end,
                    None,
                    country,
                )
            )
    return tuple(entities)


def find_entities(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[Entity]:
    """All organisation and programme mentions in a text, sorted by start, non-overlapping."""
    return list(_find(text, lang, gazetteer or load_gazetteer()))
