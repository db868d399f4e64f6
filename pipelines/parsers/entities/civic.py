"""Civil society, local government and places among the gazetteer hits: a party's tag after a person, its
parliamentary group, a union's or party's regional branch, a local body named as a place, a known name followed by its
place (a campus, a subsidiary, a unit)."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.parsers.entities.gazetteer import Gazetteer
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Hit, Token, joined
from pipelines.text_keys import fold

PLACE_TYPES = frozenset({"region", "municipality", "government"})  # gazetteer types named after a place
LOCAL_TYPES = frozenset({"region", "municipality"})  # local government, named after its place
AFFILIATION_TYPES = frozenset({"party"})  # "Anna Svensson (S)", "Jan Berg (CDU/CSU)": a person's tag, no actor
HOME_TYPES = frozenset({"party", "union", "association"})  # national bodies: a word as short name counts at home only


@lru_cache(maxsize=8)
def places(gazetteer: Gazetteer) -> frozenset[str]:
    """The proper words of the gazetteer's places: "Chemnitz" of "Stadt Chemnitz", "Sachsen" of "Freistaat Sachsen"."""
    return frozenset(
        fold(word)
        for e in gazetteer.organisations.values()
        if e.type in PLACE_TYPES
        for name in (e.name, *e.aliases)
        for word in name.split()
        if word[:1].isupper()
    )


def branch_place(tokens: list[Token], by_start: dict[int, int], hit: Hit, lex: Lexicon) -> int | None:
    """The token after a union's, party's or association's name and a branch link ("Moderaterna i Skellefteå",
    "Vårdförbundet avdelning Skåne"): the place of a regional branch, if capitalised."""
    k = next((by_start[p] for p in (hit.end + 1, hit.end + 2) if p in by_start), None)
    if k is None or k + 1 >= len(tokens) or tokens[k].low not in lex.branch_links or not tokens[k + 1].cap:
        return None
    return k + 1


def branch_hit(
    text: str, tokens: list[Token], by_start: dict[int, int], hit: Hit, lex: Lexicon, place_words: frozenset[str]
) -> Hit | None:
    """A union's, party's or association's name followed by a place (after a branch link or not) names its regional
    branch: "IG Metall Chemnitz", "Läkarförbundet i Västerbotten"; where every noun is capitalised, only a place the
    gazetteer knows ("Verdi Beschäftigte" is no branch)."""
    if hit.entry is None or (hit.entry.type not in lex.branch_types and hit.entry.type not in lex.section_types):
        return None
    k = branch_place(tokens, by_start, hit, lex) or next(
        (by_start[p] for p in (hit.end + 1, hit.end + 2) if p in by_start), None
    )
    if k is None:
        return None
    section = tokens[k].low in lex.section_places  # "Amnesty International Nederland": a national section
    if hit.entry.type not in lex.branch_types and not section:
        return None
    linked = k >= 2 and tokens[k - 1].low in lex.branch_links and tokens[k - 2].end == hit.end
    if linked and hit.entry.type in lex.located_links.get(tokens[k - 1].low, ()):
        return None  # "Vårdförbundet i Västerbotten": where the union speaks, not a branch's name
    # "Vänsterpartiet i Region Skåne": a linked branch's place may be a region named by its head and place
    end = k + 1 if linked and _headed_place(text, tokens, k, lex, place_words) else k
    if (
        (lex.nouns_capitalised and fold(tokens[end].text) not in place_words and not section)
        or not joined(text, tokens[k - 1], tokens[k])
        or not (tokens[k - 1].end == hit.end or linked)
        or not tokens[k].cap
        or tokens[k].acronym
        or tokens[k].low in lex.stopwords_and_roles
        or (end + 1 < len(tokens) and tokens[end + 1].cap and joined(text, tokens[end], tokens[end + 1]))
        or (end == k and tokens[k].low in lex.organisation.heads)
    ):
        return None
    return Hit(hit.start, tokens[end].end, text[hit.start : tokens[end].end], hit.kind)


def _headed_place(text: str, tokens: list[Token], k: int, lex: Lexicon, place_words: frozenset[str]) -> bool:
    """ "Region Skåne": a head word at ``k`` and a place the gazetteer knows after it."""
    return (
        k + 1 < len(tokens)
        and tokens[k].low in lex.organisation.heads
        and joined(text, tokens[k], tokens[k + 1])
        and fold(tokens[k + 1].text) in place_words
    )


def party_groups(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """A party's acronym hyphenated to a parliamentary group noun ("SPD-Fraktion", "CDU-Landtagsfraktion",
    "VVD-fractie") names that group, an organisation of its own."""
    out = []
    for h in hits:
        group = re.match(r"-(\w+)", text[h.end : h.end + 40]) if h.acronym else None
        if group and h.entry is not None and h.entry.type in AFFILIATION_TYPES and fold(group[1]) in lex.group_nouns:
            end = h.end + group.end()
            h = Hit(h.start, end, text[h.start : end], "organisation")
        out.append(h)
    return out


def no_actor(text: str, hit: Hit, lex: Lexicon) -> bool:
    """A party named alone in brackets ("(SPD)", "(CDU/CSU)", "(SP, wethouder)") tags the person before it; a party's
    acronym hyphenated to a noun ("CDU-Politikerin") is a modifier; a local body after a locative word ("im
    Landkreis Ansbach") says where, not who."""
    if hit.entry is None:
        return False
    if hit.entry.type in LOCAL_TYPES:
        words = re.findall(r"\w+", text[max(hit.start - 20, 0) : hit.start])
        return bool(words) and fold(words[-1]) in lex.locative_words
    if hit.entry.type not in AFFILIATION_TYPES:
        return False
    if hit.acronym and re.match(r"-\w", text[hit.end : hit.end + 2]):
        return True
    before = text[max(hit.start - 12, 0) : hit.start]
    return (
        text[hit.start - 1 : hit.start] in ("(", "/")
        and "(" in before
        and ")" not in before[before.rindex("(") :]
        and text[hit.end : hit.end + 1] in (")", "/", ",")
    )


@lru_cache(maxsize=8)
def place_phrases(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Places whose names hold lowercase words, by their first word: "frankfurt" -> (" am Main", …) of "Stadt
    Frankfurt am Main", "Mülheim an der Ruhr"."""
    phrases: dict[str, set[str]] = {}
    for e in gazetteer.organisations.values():
        if e.type not in PLACE_TYPES:
            continue
        for name in (e.name, *e.aliases):
            words = name.split()
            inner = [k for k in range(1, len(words) - 1) if words[k].islower() and words[k].isalpha()]
            if inner and words[inner[0] - 1][:1].isupper() and words[-1][:1].isupper():
                phrases.setdefault(fold(words[inner[0] - 1]), set()).add(" " + " ".join(words[inner[0] :]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()}


def with_place_phrase(text: str, hits: list[Hit], phrases: dict[str, tuple[str, ...]]) -> list[Hit]:
    """A discovered organisation name that ends in the first word of a place named with lowercase words takes the
    rest of that place's name: "Amtsgericht Frankfurt" + " am Main"."""
    out = []
    for h in hits:
        last = text[h.start : h.end].rsplit(" ", 1)[-1]
        if h.kind == "organisation" and h.entry is None and h.acronym is None and " " in text[h.start : h.end]:
            tail = next((p for p in phrases.get(fold(last), ()) if text.startswith(p, h.end)), None)
            if tail is not None and not text[h.end + len(tail) : h.end + len(tail) + 1].isalnum():
                h = Hit(h.start, h.end + len(tail), h.name + tail, h.kind, None, None)
        out.append(h)
    return out


_BRACKETED_PLACE = re.compile(r" \(([^()\s]{2,12})\) ([^\W\d_][\w-]*)")


def bracketed_branches(text: str, hits: list[Hit], lex: Lexicon, place_words: frozenset[str]) -> list[Hit]:
    """A union's, party's or association's name (or an unknown organisation's) with its acronym in brackets and then a
    place names its regional branch: "Gewerkschaft Erziehung und Wissenschaft (GEW) Sachsen", "Deutscher
    Gewerkschaftsbund (DGB) Hessen-Thüringen" (the place, or every part of it, known to the gazetteer)."""
    out = []
    for h in hits:
        m = _BRACKETED_PLACE.match(text, h.end)
        if (
            m is None
            or h.kind != "organisation"
            or (h.entry is not None and h.entry.type not in lex.branch_types)
            or not (fold(m[2]) in place_words or all(fold(part) in place_words for part in m[2].split("-")))
            or not (m.end() == len(text) or not text[m.end()].isalnum())
        ):
            continue
        out.append(Hit(h.start, m.end(), f"{h.name} {m[2]}", h.kind))
    return out


def without_false_branches(
    discovered: list[Hit], known: list[Hit], lex: Lexicon, place_words: frozenset[str]
) -> list[Hit]:
    """Discovered names that run on from a known union's, party's or association's name by capitalised words
    naming no known place, where every noun is capitalised ("die Gewerkschaft Metallbau Beschäftigte …"): the
    words after the name are no branch (``branch_hit``), so the known name stands."""
    if not lex.nouns_capitalised:
        return discovered
    starts = {h.start: h for h in known if h.entry is not None and h.entry.type in lex.branch_types}
    out = []
    for d in discovered:
        k = starts.get(d.start)
        if k is not None and k.end < d.end:
            extra = re.findall(r"\w[\w-]*", d.name[k.end - k.start :] if d.name.startswith(k.name) else "")
            if extra and all(w[:1].isupper() and fold(w) not in place_words for w in extra):
                continue
        out.append(d)
    return out


def with_place(
    text: str, tokens: list[Token], by_start: dict[int, int], hits: list[Hit], lex: Lexicon, place_words: frozenset[str]
) -> list[Hit]:
    """A university (or company) found in the gazetteer and followed by a proper name is that place's
    campus (or a subsidiary): "Duale Hochschule Baden-Württemberg Mannheim", "Bosch Ventures"; where common nouns
    are written in lowercase, up to three such words and an acronym name a unit ("Scania Production Zwolle",
    "Fontys ICT"). A union's, party's or association's name followed by a place is its regional branch
    (``civic.branch_hit``); ``by_start``: token indices by their starts."""
    known_starts = {h.start for h in hits}
    most = 1 if lex.nouns_capitalised else 3
    out = []
    for h in hits:
        branch = branch_hit(text, tokens, by_start, h, lex, place_words)
        if branch is not None:
            out.append(branch)
            continue
        after = by_start.get(h.end + 1)  # a token one or two characters on
        if after is None:
            after = by_start.get(h.end + 2)
        if after is None:
            out.append(h)
            continue
        k = m = after
        while (
            m < len(tokens)
            and m - k < most
            and joined(text, tokens[m - 1], tokens[m])
            and tokens[m].cap
            and not tokens[m].sentence_start
            and tokens[m].start not in known_starts  # "Capio S:t Görans sjukhus": another known name follows
            and not (tokens[m].acronym and lex.nouns_capitalised)
            and tokens[m].low not in lex.stopwords_and_roles
            and tokens[m].low not in lex.organisation.heads
            and not tokens[m].low.endswith(lex.plural_head_endings)  # "TU Delft AI Labs": a programme's name
            and not tokens[m].low.endswith(lex.organisation.object_nouns)  # "der Universität Jena Mittel bewilligt"
            # "Högskolan Dalarnas AI-kurs": where nouns are lowercase, a compound with a lowercase tail is a common noun
            and (lex.nouns_capitalised or not tokens[m].text.rsplit("-", 1)[-1].islower())
        ):
            m += 1
        if (
            h.entry is not None
            and h.acronym is None
            and h.entry.type in lex.campus_types
            and m > k
            and tokens[k - 1].end == h.end
            and not (m < len(tokens) and tokens[m].cap and joined(text, tokens[m - 1], tokens[m]))
        ):
            name = text[h.start : tokens[m - 1].end]  # as the text names it
            out.append(Hit(h.start, tokens[m - 1].end, name, h.kind))
        else:
            out.append(h)
    return out


def company_units(text: str, known: list[Hit], found: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """ "Capio S:t Görans sjukhus": a known company right before another capitalised organisation name (a hospital, a
    clinic, a centre it runs), known or discovered, names that unit with it; the company has no mention of its own
    there. Returns the known hits and the found hits with such companies joined to their units."""
    companies = {
        h.end + 1: h
        for h in known
        if h.entry is not None and h.entry.type == "company" and h.acronym is None and text[h.end : h.end + 1] == " "
    }
    joined_at: set[int] = set()  # starts of the companies joined to a unit

    def joined_unit(h: Hit) -> Hit:
        company = companies.get(h.start)
        if (
            company is None
            or h.kind != "organisation"
            or h.acronym is not None
            or not text[h.start : h.start + 1].isupper()
            or (h.entry is not None and h.entry.type in PLACE_TYPES)
        ):
            return h
        joined_at.add(company.start)
        surface = text[company.start : h.end]
        return Hit(company.start, h.end, h.entry.name if h.entry is not None else surface, h.kind, h.entry)

    units, others = [joined_unit(h) for h in known], [joined_unit(h) for h in found]
    used = {id(c) for c in companies.values() if c.start in joined_at}
    return [h for h in units if id(h) not in used], others
