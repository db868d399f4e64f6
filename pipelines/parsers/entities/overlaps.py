"""Overlapping and repeated hits: a name cut at a line break joined up, a found name's repeats elsewhere in the text,
and shorter hits inside longer ones."""

from __future__ import annotations

import bisect

import ahocorasick

from pipelines.parsers.entities.civic import PLACE_TYPES
from pipelines.parsers.entities.heads import after_lowercase_cue
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit
from pipelines.text_keys import fold, name_key


def _extend_truncated(hits: list[Hit]) -> list[Hit]:
    """A discovered name that is a word-prefix of a longer discovered name of the same kind takes that name
    (the longest; the first found of equally long ones); every mention of a name the text abbreviates
    takes the abbreviation (its id)."""
    names = [name_key(h.name) for h in hits]
    keys: dict[tuple[str, str], Hit] = {}
    for h, name in zip(hits, names):
        key = (h.kind, name)
        if h.entry is None and (key not in keys or (keys[key].acronym is None and h.acronym)):
            keys[key] = h
    order = {key: i for i, key in enumerate(keys)}
    ranked = sorted(keys)  # the keys extending "kind", "name " form one run from bisect_left(("kind", "name "))
    out = []
    for h, name in zip(hits, names):
        longest = None
        if h.entry is None:
            prefix = name + " "
            i = bisect.bisect_left(ranked, (h.kind, prefix))
            candidates = []
            while i < len(ranked) and ranked[i][0] == h.kind and ranked[i][1].startswith(prefix):
                if not ranked[i][1][len(prefix)].isdigit():
                    candidates.append(ranked[i])
                i += 1
            longest = min(candidates, key=lambda key: (-len(keys[key].name), order[key]), default=None)
        full = keys[longest] if longest else keys.get((h.kind, name)) if h.entry is None else None
        if full is not None:
            h = Hit(h.start, h.end, full.name, h.kind, h.entry, h.acronym or full.acronym)
        out.append(h)
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


def _within(start: int, end: int, hits: list[Hit], starts: list[int]) -> bool:
    """Whether [start, end) lies inside one of ``hits`` (sorted by start, disjoint; ``starts`` their starts)."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and end <= hits[i].end


def _inside_longer(text: str, hits: list[Hit], longer: list[Hit], lex: Lexicon) -> list[Hit]:
    """Gazetteer hits that a longer discovered name holds as an acronym ("EIC Fund", "ELLIS Institute
    Tübingen"), a compound's first part ("KIT-Fakultät für Informatik") or a later part ("Ministerium
    für … des Landes Brandenburg"): the longer name names another thing."""
    spans = sorted((h.start, h.end) for h in longer)
    units = {(h.start, h.end) for h in longer if h.kind == "organisation"}
    titles = {
        (h.start, h.end) for h in longer if h.kind == "programme" and after_lowercase_cue(text, h.start, lex.lang)
    }
    starts = [a for a, _ in spans]
    out = []
    for h in hits:
        i = bisect.bisect_right(starts, h.start)
        holders = [
            (a, b) for a, b in spans[max(i - 3, 0) : i] if a <= h.start and h.end <= b and b - a > h.end - h.start
        ]
        if not holders:
            out.append(h)  # inside no longer name
            continue
        # an organisation's name first ("Decathlon Deutschland GmbH & Co. KG" over a run that stops at "& Co")
        holder = next((s for s in holders if s in units), holders[0])
        before = text[holder[0] : h.start].split()
        # "… des Landes Brandenburg" is part of the longer name; "… en Saxion" is a coordination
        linked = any(w[:1].islower() for w in before) and fold(before[-1]) not in lex.coordinators
        # "Zukunftsagenda KI Rheinland-Pfalz": a place ends the longer name ("Drentse gemeente Emmen": a name led by
        # a lowercase head is one of its own, with a modifier before it)
        place = (
            bool(before)
            and text[h.start - 1] == " "
            and text[h.start].isupper()
            and h.entry is not None
            and h.entry.type in PLACE_TYPES
            and fold(before[-1]) not in lex.coordinators
        )
        # "ministerie van Economische Zaken, Landbouw en Innovatie": a known name the longer one goes on as a list
        listed = (
            holder[0] == h.start
            and text[h.end : h.end + 2] == ", "
            and any(fold(w) in lex.links for w in text[h.start : h.end].split())
        )
        # "Lund University AI Lab": a known name leading a longer organisation's name names its unit
        # ("forskningsprogrammet Mistra Food Futures": a programme's name, after its cue noun, led by its funder's)
        # "satsningen Expertkompetens för hållbar textil": a title after a lowercase cue that goes on past a known
        # name in lowercase names a project or call within it
        unit = holder[0] == h.start and (
            (holder in units | titles and text[h.end : h.end + 2].strip()[:1].isupper())
            or (holder in titles and text[h.end : h.end + 1] == " " and text[h.end + 1 : h.end + 2].islower())
        )
        # "Förderprogramm X und dem Land Nordmark": a programme's title that runs into a known name after a
        # coordination is two names (the title falls back to its first part)
        coordinated = holder not in units and any(fold(w) in lex.coordinators for w in before)
        if coordinated or not (h.acronym or text[h.end : h.end + 1] == "-" or linked or place or listed or unit):
            out.append(h)
    return out
