"""Merges gazetteer hits, discovered names and acronym definitions into non-overlapping mentions with stable ids."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count, pairwise
from operator import attrgetter

from pipelines.parsers.entities.acronyms import acronym_definitions
from pipelines.parsers.entities.bodies import body_ids, body_names
from pipelines.parsers.entities.civic import (
    PLACE_TYPES,
    bracketed_branches,
    company_units,
    no_actor,
    party_groups,
    place_phrases,
    places,
    with_place,
    with_place_phrase,
    without_false_branches,
)
from pipelines.parsers.entities.context import (
    apposed_names,
    coordinated_names,
    cued_names,
    described_companies,
    quoted_names,
    without_cue,
)
from pipelines.parsers.entities.countries import without_countries
from pipelines.parsers.entities.cue_nouns import without_cue_noun_names
from pipelines.parsers.entities.discovery import discover
from pipelines.parsers.entities.downloads import without_download_programmes
from pipelines.parsers.entities.fitting import (
    _after_cue,
    _after_describing_noun,
    _after_own_head,
    _dash_titles,
    _editions,
    _generic_plural,
    _kind_of_known_acronym,
    _not_inside_proper_name,
    _numbered,
    _owner_and_unit,
    _sub_programmes,
    _type_names,
    _units_and_parents,
    _with_dash_acronym,
    _with_legal_form,
)
from pipelines.parsers.entities.foreign import foreign_bodies
from pipelines.parsers.entities.gazetteer import Gazetteer, load_gazetteer
from pipelines.parsers.entities.heads import _head, _word_head, heads_of_any, without_generic_acronym_kinds
from pipelines.parsers.entities.index import GazetteerIndex, gazetteer_index
from pipelines.parsers.entities.joined_names import (
    has_particle,
    with_first_names,
    with_joined_names,
    without_surname_words,
)
from pipelines.parsers.entities.lexicon import Lexicon, lexicon, uppercase_letters
from pipelines.parsers.entities.overlaps import _extend_truncated, _inside_longer, _repeats, _within
from pipelines.parsers.entities.partners import listed_organisations
from pipelines.parsers.entities.programme_lists import event_names, listed_programmes
from pipelines.parsers.entities.runs import _compound_prefixes, english_runs
from pipelines.parsers.entities.sameness import one_name_per_entry, same_things, with_legal_form, with_own_acronym
from pipelines.parsers.entities.schemes import scheme_names, with_target_year, without_bare_compounds
from pipelines.parsers.entities.tails import without_object_noun, without_owner_phrase
from pipelines.parsers.entities.tokens import Hit, Token, is_acronym, token_ending_at, tokenize
from pipelines.text_keys import fold, slug

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
    tiers = [tier for tier in tiers if tier]  # an empty tier takes nothing
    first = tiers[0] if tiers else []
    # a lone non-empty tier that is sorted and disjoint (an earlier selection passed on) is its own result
    disjoint = all(a.start < b.start and a.end <= b.start for a, b in pairwise(first))
    if disjoint and len(tiers) <= 1:
        return list(first)
    # the characters the taken hits cover, their starts and the places of taken empty hits: a hit is free if it
    # shares no character with a taken one (no list kept sorted by insertion: a long text has 10^5 hits)
    covered = bytearray(max(h.end for tier in tiers for h in tier))
    starts: set[int] = set()
    empty: list[int] = []
    taken: list[Hit] = list(first) if disjoint else []
    for hit in taken:
        covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        starts.add(hit.start)
        if hit.start == hit.end:
            empty.append(hit.start)
    for tier in tiers[1:] if disjoint else tiers:
        for hit in sorted(tier, key=lambda h: (h.start - h.end, h.start)):
            start, end = hit.start, hit.end
            if start == end:  # free unless strictly inside a taken hit
                if covered[start : start + 1] == b"\x01" and start not in starts:
                    continue
                empty.append(start)
            elif covered.find(1, start, end) >= 0 or (empty and any(start < p < end for p in empty)):
                continue
            covered[start:end] = b"\x01" * (end - start)
            starts.add(start)
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)  # stable: equal starts in the order taken


def _kind_of(hit: Hit, tokens: list[Token], lex: Lexicon) -> str:
    """Kind of an unknown long form: programme only if it holds a programme head word and no organisation head
    (an abbreviated name without either is a body: "Bund Deutscher Milchviehhalter (BDM)")."""
    inner = [t for t in tokens if hit.contains(t)]
    english = lexicon("en") if lex.english_runs else lex
    # "Tilburg Institute for Law, Technology, and Society (TILT)": an English head names an organisation in any text
    org = any(_head(t, lex.organisation, lex) or _head(t, english.organisation, english) for t in inner)
    prog = any(
        _head(t, g, gl) or t.low.endswith(g.acronym_words)
        for t in inner
        for g, gl in ((lex.programme, lex), (english.programme, english))
    )
    return "organisation" if org or not prog or lex.organisation.default_for_acronyms else "programme"


_CAPITALS_AFTER = re.compile(
    rf"-[{uppercase_letters()}0-9]{{2,6}}(?![\w-])"
)  # "WASP-ED" (in 8 characters after a name)
_WORD_AFTER = re.compile(r"-(\w+)")  # "Fraunhofer-Instituten"


def _modifiers(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """A known name hyphenated to a head word ("Fraunhofer-Instituten", "Max-Planck-Institute") names a
    unit of the known organisation, not the organisation: such a hit is dropped. A known acronym
    hyphenated to capitals ("WASP-ED", "X-NEST") names a programme of its own."""
    out = []
    known = {(h.start, h.end) for h in hits}
    for h in hits:
        hyphen = text.startswith("-", h.end)  # both patterns start with one: most hits end the test here
        variant = _CAPITALS_AFTER.match(text[h.end : h.end + 8]) if h.acronym and hyphen else None
        if variant:
            end = h.end + variant.end()
            if (h.start, end) not in known:  # "WASP-HS" may be known itself
                out.append(Hit(h.start, end, text[h.start : end], h.kind))
            continue
        nxt = _WORD_AFTER.match(text[h.end : h.end + 40]) if h.acronym is None and hyphen else None
        word = nxt.group(1) if nxt else ""
        if word[:1].isupper() and (
            _word_head(word, True, lex.lang, "organisation") or fold(word).endswith(lex.plural_head_endings)
        ):
            continue
        out.append(h)
    return out


def _apposed(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Zentrum für skalierbare Datenanalyse … ScaDS.AI Dresden/Leipzig": a discovered long name right before a
    known name led by an acronym is that entity's long form (one id for one thing)."""
    out = list(hits)
    for k in range(len(out) - 1):
        long, known = out[k], out[k + 1]
        first = text[known.start : known.end].split(" ")[0]
        if (
            long.entry is None
            and known.entry is not None
            and text[long.end : known.start] == " "
            and is_acronym(first.split("-")[0])
            and " " in long.name
        ):
            out[k] = Hit(long.start, long.end, known.entry.name, known.kind, known.entry)
    return out


def _known(hit: Hit, index: GazetteerIndex) -> Hit:
    """A discovered name that equals a gazetteer name or alias takes that entry."""
    if hit.entry is not None:
        return hit
    entry = index.entry_named(hit.name)
    if entry is None:
        return with_own_acronym(hit, index)
    return Hit(hit.start, hit.end, index.name_of(entry, hit.name), entry.kind, entry, hit.acronym)


def _entity(hit: Hit, text: str, lex: Lexicon) -> Entity:
    if hit.entry is not None:
        e = hit.entry
        return Entity(hit.name, e.id, hit.kind, text[hit.start : hit.end], hit.start, hit.end, e.type, e.country)
    country = None if lex.country == "xx" else lex.country.upper()
    return Entity(
        hit.name,
        f"{lex.country}-{slug(hit.acronym or hit.name)}",
        hit.kind,
        text[hit.start : hit.end],
        hit.start,
        hit.end,
        None,
        country,
    )


def _english_programmes(text: str, tokens: list[Token], lex: Lexicon, among: list[int]) -> list[Hit]:
    """ "via het Deep Tech Fund": a run of capitalised words ending in a capitalised English programme head (the
    English word order) names a programme in local text too; "Project Management Jülich", led by its head, does not."""
    if lex.lang == "en" or not lex.english_runs:
        return []
    english = lexicon("en")
    found = discover(text, tokens, "programme", english, among)
    last = [token_ending_at(tokens, h.end) for h in found]  # by bisection: a few hits, no map of every token
    return [
        h
        for h, k in zip(found, last)
        if k is not None
        and fold(tokens[k].text) in english.programme.heads
        and tokens[k].cap
        and " " in text[h.start : h.end]
        and all(w[:1].isupper() or w == "&" for w in text[h.start : h.end].split())
        and not _run_goes_on_before(text, h.start)
    ]


def _run_goes_on_before(text: str, start: int) -> bool:
    """Whether the word before ``start`` is capitalised or "&": "TU Delft AI Labs & Talent Programme" is not named by
    its last part."""
    before = text[max(start - 40, 0) : start].split()
    return bool(before) and (before[-1][:1].isupper() or before[-1] == "&")


def find_entities(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[Entity]:
    """All organisation and programme mentions in a text, sorted by start, non-overlapping.

    Call it once per text: ``find_organisations``, ``find_programmes`` and ``find_people`` take its result."""
    lex = lexicon(lang)
    gazetteer = gazetteer or load_gazetteer()
    index = gazetteer_index(lang, gazetteer)
    tokens = tokenize(text)
    english_heads = lang != "en" and lex.english_runs
    heads = heads_of_any(tokens, (lang, "en") if english_heads else (lang,))  # one pass for the four discover calls
    orgs = without_object_noun(discover(text, tokens, "organisation", lex, heads), tokens, lex)
    orgs = without_generic_acronym_kinds(text, orgs, lex)  # "start lectoraat AI in de zorg"
    progs = without_bare_compounds(text, tokens, discover(text, tokens, "programme", lex, heads), lex)
    # English heads and runs inside another language come after the text's own head words, which say what
    # a name is when both find the same span ("Projekt Smart Health Lab" is a project)
    english = discover(text, tokens, "organisation", lexicon("en"), heads) if english_heads else []
    english += _english_programmes(text, tokens, lex, heads)
    token_starts = list(map(attrgetter("start"), tokens))
    token_at = dict(zip(token_starts, count()))  # token index by start
    # "das Projekt Green Mobility Lab": a name led by the text's own programme cue noun is that programme's
    english = [h for h in english if not _head(tokens[token_at[h.start]], lex.programme, lex)]
    english = [_after_describing_noun(h, tokens, token_starts, lex) for h in english]
    gaz = _units_and_parents(text, _with_legal_form(text, index.hits(text)), index, lex)
    runs = [_after_describing_noun(h, tokens, token_starts, lex) for h in english_runs(text, tokens, lex)]
    english += _kind_of_known_acronym(runs, gaz)  # "het Delftse Fizyr B.V.": the adjective describes the run
    english += foreign_bodies(text, tokens, lex)  # "Politechnika Wrocławska": other languages' head words
    # "unter dem Namen AI Innovation Lab", "das Zentrum CZS Center for …": the cue is not part of the name
    english = [_after_own_head(_after_cue(h, tokens, token_starts, lex), tokens, token_starts, lex) for h in english]
    orgs = without_owner_phrase(text, _owner_and_unit(text, gaz, orgs, lex), gaz + english, lex)
    orgs = without_false_branches(orgs, gaz, lex, places(gazetteer))
    orgs = without_cue_noun_names(text, orgs, gaz, tokens, token_at, lex)  # "das Forschungsinstitut Inria": a cue noun
    gaz, orgs = company_units(text, gaz, orgs)  # "Capio S:t Görans sjukhus"
    gaz = _inside_longer(text, gaz, orgs + progs + english, lex)
    gaz = with_place(text, tokens, token_at, _modifiers(text, gaz, lex), lex, places(gazetteer))
    gaz = _not_inside_proper_name(text, tokens, gaz, lex)
    # "EU:s satsning på AI-fabriker", "die KI-Kompetenzzentren": a generic compound in the plural names a kind of
    # thing, not the programme (a plural with a name of its own, "ELSA labs", is the programme)
    gaz = [h for h in gaz if h.acronym or h.kind != "programme" or not _generic_plural(text[h.start : h.end], lex)]
    cued = [_known(h, index) for h in cued_names(text, tokens, lex)]
    orgs, progs, english = (without_cue(hits, cued) for hits in (orgs, progs, english))
    quoted = [_known(h, index) for h in quoted_names(text, tokens, lex)]
    coordinated = coordinated_names(text, tokens, lex, index.entry_named)
    coordinated += [_known(h, index) for h in listed_programmes(text, tokens, lex)]
    bodies = [_known(h, index) for h in body_names(text, tokens, lex)]
    selected = _select([coordinated, quoted, bodies, gaz, [_known(h, index) for h in orgs + progs + english]])
    for long, acr in acronym_definitions(text, tokens, selected):
        if acr in lex.generic_acronyms or not long.name[:1].isupper():
            continue
        long = _known(long, index)
        known = index.entry_of_acronym(acr) if long.entry is None else None
        if known is not None:
            # "Netzwerk für KI in der Medizin (KIMed)": the text's long form of a known acronym is that entry
            long = Hit(long.start, long.end, index.name_of(known, text[long.start : long.end]), known.kind, known)
        if long.entry is None:
            # the id of a name the text abbreviates follows the abbreviation, which other texts use alone
            long = Hit(long.start, long.end, long.name, long.kind or _kind_of(long, tokens, lex), None, acr)
        # "KI-Kompetenzzentrum Niedersachsen (KIKN)": a long form the acronym's letters found holds the names inside it
        # (discovered names and places, not a known entity: "Berlin Institute of Health in der Charité (BIH)")
        inside = [h for h in selected if long.contains(h) and h.end - h.start < long.end - long.start]
        if (
            inside
            and long.entry is None
            and all(h.entry is None or h.entry.type in PLACE_TYPES for h in inside)
            and not any(h.overlaps(long) and not long.contains(h) for h in selected)
        ):
            selected = [h for h in selected if h not in inside]
        selected = _select([selected, [long]])
        # not inside a longer name of something else: "KIT-Fakultät für Informatik" after "… (KIT)"
        longer = [h for h in selected if h.acronym != acr and h.end - h.start > len(acr)]  # sorted, disjoint
        longer_starts = [h.start for h in longer]
        occurrences = [
            Hit(m.start(), m.end(), long.name, long.kind, long.entry, acr)
            for m in re.finditer(rf"(?<!\w){re.escape(acr)}(?!\w)", text)
            if not _within(m.start(), m.end(), longer, longer_starts)
        ]
        # the text's own definition of an acronym wins over a gazetteer's reading of it
        selected = _select([occurrences, [h for h in selected if h.acronym != acr or h.entry is long.entry]])
    schemes = [_known(h, index) for h in scheme_names(text, tokens, lex)]  # "MOOI-regeling", "STAP-budget"
    selected = _select([selected, _compound_prefixes(tokens, lex), schemes])
    selected = _select([selected, cued])
    apposed = [_known(h, index) for h in apposed_names(text, tokens, lex)]  # "ett program, Hållbar AI i vardagen, där"
    wins = [a for a in apposed if all(a.contains(h) and h.entry is None for h in selected if h.overlaps(a))]
    selected = _select([wins, selected, apposed])  # a title between commas holds the unknown names inside it
    selected = _select([selected, [_known(h, index) for h in event_names(text, tokens, lex)]])
    described = [_known(h, index) for h in described_companies(text, tokens, lex)]
    # "transportbedrijf Jan de Rijk Logistics": a described name with a person's particle holds any known word in it
    selected = _select([[h for h in described if has_particle(h, tokens, lex)], selected, described])
    listed = [_known(h, index) for h in listed_organisations(text, tokens, token_at, lex, selected)]
    selected = _select([selected, listed]) if listed else selected
    selected = without_surname_words(
        tokens, token_at, _select([[_known(h, index) for h in with_joined_names(text, tokens, selected, lex)]]), lex
    )
    named = with_first_names(text, tokens, token_at, selected, lex)
    selected = selected if named is selected else _select([[_known(h, index) for h in named]])
    selected = _numbered(text, _type_names(text, _select([selected, _repeats(text, selected)]), lex))
    selected = with_target_year(text, _editions(text, selected))
    selected = _sub_programmes(text, tokens, _with_dash_acronym(text, _apposed(text, selected)), lex)
    selected = _dash_titles(text, tokens, selected, lex)
    # a name built by the steps above ("Siemens Healthineers" from "Siemens" and the word after it) that a gazetteer
    # knows is that entry
    selected = [_known(h, index) if h.acronym is None else h for h in selected]
    selected = [h for h in party_groups(text, selected, lex) if not no_actor(text, h, lex)]
    selected = _select([with_place_phrase(text, selected, place_phrases(gazetteer))])
    selected = _select([bracketed_branches(text, selected, lex, places(gazetteer)), selected])
    selected = without_download_programmes(
        text,
        same_things(
            text, [with_legal_form(h, text) for h in without_countries(text, selected, lang)], index, lex.genitive
        ),
    )
    return body_ids(one_name_per_entry([_entity(h, text, lex) for h in _extend_truncated(selected)]), lex, index)
