"""One id per real thing in a text: discovered names that are another form of a thing the text names under a
known or defined name take that thing's name and id."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from pipelines.parsers.entities.gazetteer import Entry
from pipelines.parsers.entities.index import GazetteerIndex
from pipelines.parsers.entities.lexicon import lexicon
from pipelines.parsers.entities.tokens import Hit, is_acronym
from pipelines.text_keys import fold, name_key

if TYPE_CHECKING:
    from pipelines.parsers.entities.resolve import Entity


def with_own_acronym(hit: Hit, index: GazetteerIndex) -> Hit:
    """ "Fraunhofer-Institut für … Informationssysteme IAIS": a discovered name that is a known name followed by
    that entry's acronym (an acronym of the entry, or a word of one of its names) is the entry, named in full."""
    if hit.entry is not None or " " not in hit.name:
        return hit
    head, last = hit.name.rsplit(" ", 1)
    entry = index.entry_named(head) if is_acronym(last) else None
    if entry is None or not (
        last in entry.acronyms or any(last in name.split() for name in (entry.name, *entry.aliases))
    ):
        return hit
    return Hit(hit.start, hit.end, f"{index.name_of(entry, head)} {last}", entry.kind, entry, hit.acronym)


def with_legal_form(hit: Hit, text: str) -> Hit:
    """ "Siemens AG", "Festo SE & Co. KG": a known company the text writes with its legal form is named with it (the
    legal form is part of a company's name; the entry's name may lack it)."""
    if hit.entry is None or hit.kind != "organisation" or hit.acronym is not None:
        return hit
    forms = lexicon("en").organisation.legal_forms
    links = _legal_links()
    words = text[hit.start : hit.end].split()
    if len(words) < 2 or fold(words[-1].rstrip(".,")) not in forms:
        return hit
    j = len(words)
    while j > 1 and (fold(words[j - 1].rstrip(".,")) in forms or fold(words[j - 1]) in links):
        j -= 1
    while j < len(words) and fold(words[j].rstrip(".,")) not in forms:
        j += 1  # the tail starts with a legal form
    tail = " ".join(words[j:])
    name = name_key(hit.name)
    if not tail or f" {name}".endswith(f" {name_key(tail)}"):
        return hit
    # "ABN AMRO Bank N.V.": a surface that is one of the entry's own names as written is the name
    own = {fold(n) for n in (hit.entry.name, *hit.entry.aliases)}
    surface = " ".join(words)
    if fold(surface) in own or fold(" ".join(words[:j]).rstrip(",")) in own:
        return Hit(hit.start, hit.end, surface, hit.kind, hit.entry, hit.acronym)
    return Hit(hit.start, hit.end, f"{hit.name} {tail}", hit.kind, hit.entry, hit.acronym)


def _forms(text: str, hits: list[Hit]) -> dict[str, Hit]:
    """Name keys of the things the text names -> the mention that names them: known entries (their names,
    aliases and surfaces) first, then names the text abbreviates, then other discovered names."""
    forms: dict[str, Hit] = {}
    seen: set[str] = set()
    for h in sorted(hits, key=lambda h: 0 if h.entry is not None else 1 if h.acronym else 2):  # stable
        name = name_key(h.name)
        surface = text[h.start : h.end]
        forms.setdefault(name, h)
        forms.setdefault(name if surface == h.name else name_key(surface), h)
        if h.entry is not None and h.entry.id not in seen:
            seen.add(h.entry.id)
            for key in _entry_keys(h.entry):
                forms.setdefault(key, h)
    return forms


@lru_cache(maxsize=4096)
def _entry_keys(entry: Entry) -> tuple[str, ...]:
    """Name keys of an entry's name and aliases."""
    return tuple(name_key(n) for n in (entry.name, *entry.aliases))


def same_things(text: str, hits: list[Hit], index: GazetteerIndex, genitives: tuple[str, ...] = ()) -> list[Hit]:
    """Discovered names (no entry, no acronym of their own) that name a thing the text names otherwise:

    - an acronym of a known or defined thing and more words, which that thing's name ends with or which make
      another name in the text ("LEG Thüringen" after "Landesentwicklungsgesellschaft Thüringen (LEG)",
      "DHBW Mannheim" beside "Duale Hochschule Baden-Württemberg Mannheim");
    - a word-prefix (of two words or more) of the name of one known entry the text names, of the same kind
      ("Leibniz Universität" after "Leibniz Universität Hannover");
    - a genitive (``genitives``: the language's endings) of a name the text also uses ("Region Fjällmarkens
      beslut" beside "Region Fjällmarken")."""
    forms = _forms(text, hits)
    by_acronym: dict[str, Hit] = {}
    for h in hits:
        for acr in (h.entry.acronyms if h.entry is not None else ()) or ((h.acronym,) if h.acronym else ()):
            by_acronym.setdefault(acr, h)
    known = [(key, h) for key, h in forms.items() if h.entry is not None]
    out = []
    for h in hits:
        target = None
        if h.entry is None and h.acronym is None:
            first, _, rest = h.name.partition(" ")
            long = by_acronym.get(first) if rest else None
            entry = index.entry_of_acronym(first) if rest and long is None else None
            long_name = long.name if long is not None else entry.name if entry is not None else None
            if long_name is not None:
                full = forms.get(name_key(f"{long_name} {rest}"))
                if full is not None and full is not h:
                    target = full
                elif long is not None and name_key(long_name).endswith(" " + name_key(rest)):
                    target = long
            name = name_key(h.name)
            if target is None and " " in name:  # not a head alone: "Landesregierung"
                prefix = name + " "
                entries = {
                    t.entry.id: t
                    for key, t in known
                    if t.entry is not None and key.startswith(prefix) and t.kind == h.kind
                }
                target = next(iter(entries.values())) if len(entries) == 1 else None
            if target is None:
                base = next(
                    (h.name[: -len(g)] for g in genitives if h.name.endswith(g) and len(h.name) > len(g) + 3), ""
                )
                other = forms.get(name_key(base)) if base else None
                target = other if other is not None and other.kind == h.kind and other is not h else None
        if target is not None:
            h = Hit(h.start, h.end, target.name, target.kind, target.entry, target.acronym)
        out.append(h)
    return out


def one_name_per_entry(entities: list[Entity]) -> list[Entity]:
    """Every mention of one gazetteer entry in a text takes one name: the name given to its longest mention
    (the fullest form the text uses; "Regionalfonden" in a title and "Europeiska regionala utvecklingsfonden"
    in the body are one fund, named by the latter)."""
    best: dict[str, Entity] = {}
    for e in entities:
        if e.type is not None and (e.id not in best or len(e.text) > len(best[e.id].text)):
            best[e.id] = e
    return [e if e.type is None or best[e.id].name == e.name else replace(e, name=best[e.id].name) for e in entities]


@lru_cache(maxsize=1)
def _legal_links() -> frozenset[str]:
    """The words of the legal-form tails in the data ("&", "Co.", "+" of "GmbH & Co. KG")."""
    return frozenset(fold(w) for tail in lexicon("en").organisation.legal_form_tails for w in tail.split())
