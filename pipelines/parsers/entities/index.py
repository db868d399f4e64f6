"""One Aho-Corasick pass over a text for every gazetteer name, alias, acronym and inflected variant."""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from pipelines.parsers.entities.civic import HOME_TYPES, places
from pipelines.parsers.entities.gazetteer import Entry, Gazetteer
from pipelines.parsers.entities.inflection import variants
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, is_acronym
from pipelines.text_keys import fold

_LONG_ACRONYM = 4  # letters of an acronym that counts in every language, whatever its entry's country
_MIN_COMPOUND_NAME = 6  # characters of a one-word name that may start a compound ("Vinnovafinansierade")


# a dash between letters (the dash first, then the letter before it: a pattern led by a character set is searched fast)
_WORD = re.compile(r"\w*")
_WORD_DASH = re.compile(r"[–—](?<=[^\W\d_][–—])(?=[^\W\d_])")


def _plain_apostrophes(text: str) -> str:
    """ "’s-Hertogenbosch" and "'s-Hertogenbosch" are one name (same length)."""
    return text.replace("’", "'")


class GazetteerIndex:
    """Aho–Corasick automaton over all names, aliases, acronyms and variants of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[Entry, str | None]]] = {}
        # the name (or alias) whose form a key is, per entry: a foreign entry is named as the text names it
        self.base: dict[tuple[str, str], str] = {}
        home = lex.country.upper()
        # a name written only in capitals ("DENK") names nothing as a capitalised word ("Denk aan …")
        cased: dict[tuple[str, str], bool] = {}
        for entry in (*gazetteer.organisations.values(), *gazetteer.programmes.values()):
            for name in (entry.name, *entry.aliases):
                for form in variants(name, lex):
                    table.setdefault(fold(form), []).append((entry, None))
                    cased[(fold(form), entry.id)] = cased.get((fold(form), entry.id), False) or not form.isupper()
                    if home != "XX" and entry.country != home:
                        self.base.setdefault((fold(form), entry.id), name)
            for acr in entry.acronyms:
                for form in {acr, *(acr + g for g in lex.genitive)}:
                    table.setdefault(fold(form), []).append((entry, acr))
        # a name found by other means that equals a gazetteer name or alias is that entry (first row wins)
        self.capitals_only = {key for key, mixed in cased.items() if not mixed}
        self.named: dict[str, Entry] = {}
        for key, values in table.items():
            for entry, acronym in values:
                if acronym is None:
                    self.named.setdefault(key, entry)
        self.acronyms: dict[str, Entry] = {}
        for entry in (*gazetteer.organisations.values(), *gazetteer.programmes.values()):
            for acr in entry.acronyms:
                self.acronyms.setdefault(acr, entry)
        matched: dict[str, list[tuple[Entry, str | None]]] = {}
        for key, values in table.items():
            matched.setdefault(_plain_apostrophes(key), []).extend(values)
        for key, values in matched.items():
            self.automaton.add_word(key, (len(key), values))
        if table:
            self.automaton.make_automaton()
        self.compounds = lex.compounds
        self.places = places(gazetteer)
        self.genitive = lex.genitive
        self.generic = lex.generic_acronyms
        self.genitive_articles = lex.genitive_articles
        self.genitive_marks = lex.acronym_genitives
        self.countries = None if lex.country == "xx" else {None, "EU", lex.country.upper()}
        self.home = None if home == "XX" else home

    def _local(self, entry: Entry, acronym: str) -> bool:
        """Acronyms are ambiguous across countries: only those of the language's country (or EU) count,
        and long ones ("CNRS", "UKRI"), except in English text, which may be about any country. A party's,
        union's or association's short name that is a word ("Kommunal", "Handels") names it at home only."""
        return (
            self.countries is None
            or entry.country in self.countries
            or (len(acronym) >= _LONG_ACRONYM and (entry.type not in HOME_TYPES or is_acronym(acronym)))
        )

    def hits(self, text: str) -> list[Hit]:
        """All candidate gazetteer spans (overlapping; resolved later)."""
        if not len(self.automaton):
            return []
        # "Interreg Sverige–Norge": an unspaced dash is a hyphen
        folded = _plain_apostrophes(_WORD_DASH.sub("-", fold(text)))
        out = []
        for end_idx, (length, values) in self.automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            compound_tail = end < len(text) and text[end].isalnum()
            surface = text[start:end]
            if compound_tail and not self._may_start_compound(surface):
                continue  # no entry's name starts this word (``_compound_ok``'s first tests, shared by all entries)
            key = fold(surface)
            for entry, acr in values:
                if acr is not None and (not surface.startswith(acr) or not self._local(entry, acr)):
                    continue
                if acr in self.generic and (text[end : end + 1] == "-" or self._owner(text, start, end)):
                    continue  # "EU-stöd", "KI-Verordnung der EU": a generic acronym as a modifier or owner
                if compound_tail and not self._compound_ok(text, start, end, entry, acr):
                    continue
                if acr is None and entry.type == "company" and surface.islower() and not entry.name.islower():
                    continue  # "ny teknik", "dagens industri": a company's capitalised name in lowercase is words
                if acr is None and not surface.isupper() and (key, entry.id) in self.capitals_only:
                    continue
                kind = entry.kind
                name = self.acronym_name(entry, acr) if acr is not None else self.base.get((key, entry.id), entry.name)
                out.append(Hit(start, end, name, kind, entry, acr))
        return out

    def _owner(self, text: str, start: int, end: int) -> bool:
        """Whether an acronym stands as an owner: a genitive ("EU:s", "EU's") or after a genitive article that
        no preposition governs ("die KI-Verordnung der EU", not "von der EU")."""
        if self.genitive_marks and text.startswith(self.genitive_marks, end):
            return True
        before = re.findall(r"\w+", text[max(start - 40, 0) : start])[-2:]
        return (
            bool(before)
            and before[-1].lower() in self.genitive_articles
            and (len(before) < 2 or before[0].lower() not in self.genitive_articles.get(before[-1].lower(), ()))
        )

    def entry_named(self, name: str) -> Entry | None:
        """The entry one of whose names (or their inflected variants) is ``name``."""
        return self.named.get(fold(name))

    def name_of(self, entry: Entry, surface: str) -> str:
        """The name to give an entry found as ``surface``: its canonical name, or for an entry of another
        country (an EU fund, a foreign university) the name or alias the surface is a form of, so that
        a German text's "Europäischen Fonds für regionale Entwicklung" is named "Europäischer Fonds …"."""
        return self.base.get((fold(surface), entry.id), entry.name)

    def acronym_name(self, entry: Entry, acronym: str) -> str:
        """The name to give an entry found as its acronym: its canonical name, or for an entry of another country
        whose canonical name the acronym does not spell, the first of its names whose word initials spell it
        (a German text's "EFRE" is the "Europäischer Fonds für regionale Entwicklung", not the "… (ERDF)")."""
        if self.home is None or entry.country == self.home or _spells(acronym, entry.name):
            return entry.name
        return next((alias for alias in entry.aliases if _spells(acronym, alias)), entry.name)

    def entry_of_acronym(self, acronym: str) -> Entry | None:
        """The entry with this (case-sensitive) acronym, if it is local to the language."""
        entry = self.acronyms.get(acronym)
        return entry if entry is not None and self._local(entry, acronym) else None

    def _may_start_compound(self, surface: str) -> bool:
        """Whether a matched surface may start a compound word at all: one capitalised word, not too short
        ("Intelligence", "Bayerische": a short name is often the start of an ordinary word)."""
        return self.compounds and len(surface) >= _MIN_COMPOUND_NAME and surface[0].isupper() and " " not in surface

    def _compound_ok(self, text: str, start: int, end: int, entry: Entry, acr: str | None) -> bool:
        """'Vinnovafinansierade' names Vinnova: a one-word proper name starting a lowercase compound that is no
        known place ("Helsingborg" is no compound of "Helsing")."""
        if acr is not None or not self._may_start_compound(text[start:end]):
            return False
        form = self.base.get((fold(text[start:end]), entry.id))
        if form is not None and not form[:1].isupper():
            return False  # "Kabinettsvorlagen": a foreign entry's common-noun alias ("kabinet") names nothing inside
        tail = _WORD.match(text, end)  # at ``end``: no copy of the text's rest
        if tail is None or len(tail.group()) < 4 or not tail.group().islower():
            return False
        # "Helsingborg", "Helsingborgs" is a place a known name is made of, not a compound of "Helsing"
        word = fold(text[start : tail.end()])
        return word not in self.places and not any(
            word.endswith(g) and word[: -len(g)] in self.places for g in self.genitive
        )


def _spells(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are, in order, initials of the name's words (words may be skipped; the first
    letter is the first word's): "EFRE" spells "Europäischer Fonds für regionale Entwicklung"."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [w[0].lower() for w in re.findall(r"[^\W\d_]+", name)]
    if not letters or not initials or initials[0] != letters[0]:
        return False
    k = 0
    for c in initials:
        if k < len(letters) and c == letters[k]:
            k += 1
    return k == len(letters)


@lru_cache(maxsize=32)
def _index(gazetteer: Gazetteer, lang: str) -> GazetteerIndex:
    return GazetteerIndex(gazetteer, lexicon(lang))


def gazetteer_index(lang: str, gazetteer: Gazetteer) -> GazetteerIndex:
    """The (cached) automaton for a gazetteer and language."""
    return _index(gazetteer, lang)
