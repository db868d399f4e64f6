"""People named in a text, with their role: only where a cue says the words are a person.

Cues (words in ``data/lang/<lang>/entities.yaml``, section ``people`` and ``roles``):
- quote attributions: "säger Amy Loutfi, vicerektor för AI", "aldus …", "sagt …", "says …";
- a role word before the name: "Örebro universitets rektor Johan Schnürer", "Regiondirektören Kent Ehliasson";
- an apposition with a role word: "Dieter Müller, vice rektor vid Umeå universitet";
- contact blocks: a line holding a role, then a line with the name;
- credits: "Text: Alekzandra Granath", "Foto på X: Kristian Pohl" (a credit is no role: the role is None);
- contact phrases: "Hör gärna av dig till Annika Nordstrand på Enheten för …".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pipelines.models import PersonMention
from pipelines.parsers.entities.lexicon import Lexicon, lexicon, uppercase_letters
from pipelines.parsers.entities.resolve import Entity, find_entities
from pipelines.regex_words import alternation, first_letters, nested_alternation
from pipelines.text_keys import fold

UPPER = uppercase_letters()
WORD = rf"[{UPPER}][\w'’]++(?:-[{UPPER}][\w'’]++)?"  # what follows a name never takes its letters back


@dataclass(frozen=True)
class Patterns:
    """Compiled people patterns of one language."""

    attribution: re.Pattern
    role_before: re.Pattern
    apposition: re.Pattern
    contact_block: re.Pattern
    credit: re.Pattern
    contact_phrase: re.Pattern | None
    particles: frozenset[str]
    label: re.Pattern | None = None
    cue_words: frozenset[str] = frozenset()
    contact_words: frozenset[str] = frozenset()


@cache
def _patterns(lang: str) -> Patterns:
    lex = lexicon(lang)
    people = lex.raw.get("people") or {}
    particle_words = people.get("particles") or []
    particles = alternation(particle_words)
    title_words = people.get("titles") or []
    titles = alternation(title_words)
    bare_name = rf"(?P<name>{WORD}(?: (?:(?:{particles}) )?{WORD}){{1,2}})"
    name = rf"(?:(?:{titles}) )*{bare_name}"
    # tried at every letter of most words: roles as a prefix tree; \w*+: what follows a role word
    # (white space, ":", a role's tail) never takes word characters back
    role_word = rf"(?i:[\w-]*{first_letters(lex.roles)}(?:{nested_alternation(lex.roles)})\w*+)"
    role_tail = r"(?P<role>[^.;:\n!?]{2,120}?)(?=\s*(?:[.;:\n!?]|,\s|$))"
    verb_words = people.get("verbs") or []
    verbs = first_letters(verb_words) + f"(?:{nested_alternation(verb_words)})"
    credits = alternation(people.get("credits") or [])
    phrases = people.get("contact_phrases") or []
    links = alternation(people.get("role_links") or [])
    # The role alternation is tried at every letter of every word; first a cheap check that the
    # words a role can span are followed by what starts a name (a title or a capital). Words of
    # [\w-] only: a check that could run on through other characters would rescan them from
    # every start (quadratic in "1.2.3.4…"); roles of other characters go without it.
    role_span = max((len(r.split()) for r in lex.roles), default=1)
    name_first = "".join(sorted({re.escape(t[0]) for t in title_words}))
    before_name = (
        rf"(?=(?:[\w-]++\s++){{1,{role_span}}}[{UPPER}{name_first}])"
        if lex.roles and all(re.fullmatch(r"[\w-]+(?:\s+[\w-]+)*", r) for r in lex.roles)
        else ""
    )
    # cue words are matched in any case ("Enligt Matilda Ernkrans", "Kontakta Annika Nordstrand")
    return Patterns(
        attribution=re.compile(rf"(?<!\w)(?i:{verbs})\s+{name}(?:\s\([^)]{{1,12}}\))?(?:,\s+{role_tail})?"),
        role_before=re.compile(rf"(?<![\w-]){before_name}(?P<role>{role_word})\s+{name}"),
        # no title prefix here: unanchored, a run of titles would be rescanned from each of its words
        apposition=re.compile(
            rf"{bare_name}(?:\s\([^)]{{1,12}}\))?,\s+(?P<role>(?:\w+\s)?{role_word}[^.;:\n!?,]{{0,100}})"
        ),
        contact_block=re.compile(rf"(?m)^(?P<role>{role_word})[ \t]*\n\s*\n?[ \t]*{name}[ \t]*$"),
        credit=re.compile(
            rf"(?m)^(?P<role>(?i:(?:{credits})(?:(?:,\s*|\s+\w+\s+)(?:{credits}))*))(?:\s+\w+\s+[^:\n]+)?:\s*{name}"
        ),
        contact_phrase=re.compile(
            rf"(?<!\w)(?i:{first_letters(phrases)}(?:{alternation(phrases)}))\s+{name}(?:\s+(?:{links})\s+(?P<role>[^.;:\n!?]{{2,100}}?)(?=[.;:\n!?]))?"
        )
        if phrases
        else None,
        particles=frozenset(particle_words),
        # "Projektmanagerin: Sara Volc": a role word as a line label before a name
        label=re.compile(rf"(?m)^[ \t]*(?P<role>{role_word})[ \t]*:[ \t]*{name}"),
        cue_words=frozenset(fold(w) for phrase in [*verb_words, *phrases] for w in phrase.split()),
        contact_words=frozenset(fold(w) for w in people.get("contact_words") or ()),
    )


def _valid(name: str, lex: Lexicon, particles: frozenset[str]) -> bool:
    """Every word of a name (but particles such as 'de') is a proper word: no function word, role, head
    or acronym ("Centre for Transdisciplinary AI" holds no person)."""
    return all(
        w in particles
        or (not lex.is_stop(w) and fold(w) not in lex.organisation.heads and not (len(w) > 1 and w.isupper()))
        for w in name.split()
    )


def _strip_cues(name: str, start: int, lex: Lexicon, pats: Patterns) -> tuple[str, int]:
    """Leading cue, function and role words are not part of a name: "Enligt Matilda Ernkrans" -> "Matilda Ernkrans"."""
    words = name.split(" ")
    while len(words) > 2 and (fold(words[0]) in pats.cue_words or lex.is_stop(words[0])):
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


def _role(text: str | None, pats: Patterns) -> str | None:
    """A role as written, unless it is a contact detail ("telefon 072-123 45 67", "e-post …")."""
    role = (text or "").strip(" ,")
    if not role or re.search(r"\d{3}|@", role) or fold(role.split()[0]) in pats.contact_words:
        return None
    return role


def _inside_entity(start: int, end: int, entities: list[Entity]) -> bool:
    """A span inside an organisation or programme name ("Alfred Nobel Science Park") is no person.

    ``entities`` are sorted by start and do not overlap: only the last one starting at or before
    ``start`` can hold the span."""
    i = bisect.bisect_right(entities, start, key=lambda e: e.start) - 1
    return i >= 0 and end <= entities[i].end


_NEWLINE = re.compile("\n")


def _at_line_starts(pattern: re.Pattern[str], text: str, line_starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that starts with ``(?m)^``: tried only where a line starts
    (sre would try it at every position); ``match`` at a position sees the text before it, as a search does."""
    end = 0
    for pos in line_starts:
        if pos >= end and (m := pattern.match(text, pos)):
            end = m.end()
            yield m


def find_people(text: str, lang: str, entities: list[Entity] | None = None) -> list[PersonMention]:
    """People with their role, one per person (first mention, first role found), sorted by start.

    ``entities``: ``find_entities(text, lang)`` if the caller has it (found here when needed otherwise)."""
    lex, pats = lexicon(lang), _patterns(lang)
    found: dict[str, PersonMention] = {}
    matches: list[re.Match[str]] = []
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    for pattern in (
        pats.attribution,
        pats.role_before,
        pats.apposition,
        pats.contact_block,
        pats.credit,
        pats.contact_phrase,
        pats.label,
    ):
        if pattern is not None:
            matches.extend(
                _at_line_starts(pattern, text, line_starts)
                if pattern.pattern.startswith("(?m)^")
                else pattern.finditer(text)
            )
    if entities is None:
        entities = find_entities(text, lang) if matches else []
    for m in sorted(matches, key=lambda m: m.start("name")):
        name, start = _strip_cues(m.group("name"), m.start("name"), lex, pats)
        if not _valid(name, lex, pats.particles) or _inside_entity(start, m.end("name"), entities):
            continue
        role = None if m.re is pats.credit else _role(m.groupdict().get("role"), pats)
        known = found.get(name)
        if known is None:
            found[name] = PersonMention(name, role, name, start, m.end("name"))
        elif known.role is None and role:
            found[name] = PersonMention(name, role, known.text, known.start, known.end)
    return sorted(found.values(), key=lambda p: p.start)
