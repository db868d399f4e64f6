"""Organisations named by their place in a list rather than by a head word: "Unternehmen wie Amazone, Krone und
Claas", "Bland deltagarna finns Volvo Powertrain i Skövde, Cejn och …", "tillsammans med Scania", or a name
coordinated with a known organisation ("LKAB, Boliden och Epiroc"). Cue words: ``partner_lists`` in
``data/lang/<lang>/entities.yaml``."""

from __future__ import annotations

import bisect
from functools import lru_cache

from pipelines.parsers.entities.extents import _article_adjective
from pipelines.parsers.entities.heads import _describes
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.partner_cues import (
    PartnerWords,
    _agent,
    _apposed,
    _cued,
    _Item,
    _name_like,
    _person,
    _role_words,
    partner_words,
)
from pipelines.parsers.entities.tokens import Hit, Token, joined
from pipelines.text_keys import fold

_MAX_NAME_WORDS = 4  # capitalised words of one listed name
_MAX_DESCRIBING = 3  # lowercase words before a listed name ("det finska forskningsinstitutet VTT")
_PLACE_TYPES = frozenset({"region", "municipality", "government"})  # a list of these is a list of places


def listed_organisations(
    text: str, tokens: list[Token], by_start: dict[int, int], lex: Lexicon, found: list[Hit]
) -> list[Hit]:
    """Organisations in a list after a cue, or coordinated with a known (non-place) organisation.

    ``found`` are the names already selected (sorted, disjoint); only words outside them become new names.
    ``by_start``: token indices by their starts."""
    words = partner_words(lex.lang)
    if not (words.nouns or words.cues):
        return []
    at = {by_start[h.start]: h for h in found if h.start in by_start}  # found names by the token they start at
    hit_starts = [h.start for h in found]
    out: list[Hit] = []
    resume = 0  # the token after the last list read
    for k, tok in enumerate(tokens):
        if k < resume or not (tok.cap or tok.low in words.articles):
            continue  # a list starts with a name or an article
        if (
            k > 0
            and (prev := tokens[k - 1]).cap
            and joined(text, prev, tok)
            and prev.low not in lex.stopwords_and_roles
        ):
            continue  # inside a run of capitalised words ("Ook Fizyr en …": a function word runs into none)
        items, coordinated = _list_at(text, tokens, k, lex, words, at, hit_starts, found)
        if not items:
            continue
        resume = max(k + 1, items[-1].end)
        if k > 0 and (tokens[k - 1].text[0].isdigit() or tokens[k - 1].low in words.place_links):
            continue  # "53757 Sankt Augustin", "in Delft, Eindhoven en Twente": places
        apposed = len(items) == 1 and _apposed(text, tokens, items[0].end, lex, words)
        # "Nordvik Energi investerar …", "Bayern investiert …": the agent of a funding verb funds
        agent = len(items) == 1 and _agent(text, tokens, items[0], words)
        cued = apposed or agent or _cued(text, tokens, k, lex, words)
        mates = [i.hit for i in items if i.hit is not None and i.hit.kind == "organisation"]
        # "van Binnenlandse Zaken en Koninkrijksrelaties": a known name after a link word goes on a longer name
        mates = [h for h in mates if not _complement(text, tokens, h, lex)]
        places = [h for h in mates if _place(text, h)]
        # "Labbet, Ericsson AI Lab Lund, ska …", "…, MWK)": two names between commas are one thing twice
        listed = cued or (coordinated and len(mates) > len(places) and not places)
        if listed:
            plain = [
                i
                for i in items
                if i.hit is None
                and (not i.described or _described_body(tokens, i, lex) or tokens[i.end - 1].low in words.heads)
            ]
            alone = len(items) == 1 and not apposed  # "Nudie Jeans, ett klädföretag i Göteborg": no person
            for item in plain:
                run = tokens[item.first : item.end]
                if len(run) > 1 and item.first > 0 and tokens[item.first - 1].low in words.articles:
                    # "het Nederlandse Centric", "het Amerikaanse IVP": an adjective after the article describes
                    run = run[1:] if run[0].low.endswith(lex.organisation.place_adjective_endings) else run
                # "Labbet och …": a capitalised sentence-initial word is a common noun as often as a name
                opening = item is items[0] and len(run) == 1 and run[0].sentence_start and not run[0].acronym
                if (
                    _name_like(
                        run,
                        lex,
                        words,
                        cued=cued,
                        alone=alone,
                        after_article=item.first > 0 and tokens[item.first - 1].low in words.articles,
                    )
                    and not _person(text, tokens, item, lex)
                    and not (opening and len(items) == 2)
                    and not any(t.low in words.not_names for t in run)
                ):
                    out.append(
                        _short_form(
                            Hit(run[0].start, run[-1].end, text[run[0].start : run[-1].end], "organisation"),
                            text,
                            found,
                        )
                    )
    return out


def _short_form(hit: Hit, text: str, found: list[Hit]) -> Hit:
    """ "Axis finansierar …" after "Axis Communications AB": a listed name that begins a known organisation's
    mention in the same text is that organisation (one id for one thing)."""
    surface = text[hit.start : hit.end] + " "
    for h in found:
        if h.entry is not None and h.kind == "organisation" and text[h.start : h.end].startswith(surface):
            return Hit(hit.start, hit.end, h.name, h.kind, h.entry)
    return hit


def _complement(text: str, tokens: list[Token], hit: Hit, lex: Lexicon) -> bool:
    """Whether a found name follows a link word ("ministerie van …"): it may go on beyond what was found."""
    before = text[max(hit.start - 20, 0) : hit.start].split()
    return bool(before) and fold(before[-1]) in lex.links | _link_words(lex.lang)


@lru_cache(maxsize=16)
def _link_words(lang: str) -> frozenset[str]:
    """Link words of organisation names in the language ("van", "für") and in English-style names ("of")."""
    lex = lexicon(lang)
    return lex.links | lex.organisation.extra_links | lexicon("en").links


def _place(text: str, hit: Hit) -> bool:
    """ "Gelderland", "Skåne": a region or town named by its place name alone makes a list one of places."""
    return hit.entry is not None and hit.entry.type in _PLACE_TYPES and " " not in text[hit.start : hit.end]


def _described_body(tokens: list[Token], item: _Item, lex: Lexicon) -> bool:
    """ "det finska forskningsinstitutet VTT", "zorgorganisatie X": a describing word before the name is a body's."""
    before = tokens[item.first - 1]
    describing = partner_words(lex.lang).describing
    return _describes(before, lex) or before.low.endswith(_body_heads(lex.lang) + describing)


@lru_cache(maxsize=16)
def _body_heads(lang: str) -> tuple[str, ...]:
    """The language's organisation head words of four letters or more ("institutet", "organisatie")."""
    return tuple(h for h in lexicon(lang).organisation.heads if len(h) >= 4)


def _list_at(
    text: str,
    tokens: list[Token],
    k: int,
    lex: Lexicon,
    words: PartnerWords,
    at: dict[int, Hit],
    hit_starts: list[int],
    found: list[Hit],
) -> tuple[list[_Item], bool]:
    """The names of a list starting at token ``k`` ("A, B och C"), or [] if none starts there; and whether
    its last name follows a coordinator (the caller has checked that token ``k`` goes on no run of capitalised
    words)."""
    items: list[_Item] = []
    coordinated = False
    j = k
    while True:
        item = _item(text, tokens, j, lex, words, at, hit_starts, found)
        if item is None:
            break
        items.append(item)
        j = item.end
        if (
            j + 1 < len(tokens)
            and tokens[j].low in words.place_links
            and tokens[j + 1].cap
            and joined(text, tokens[j - 1], tokens[j])
            and joined(text, tokens[j], tokens[j + 1])
        ):
            j += 2  # "Volvo Powertrain i Skövde": where it is
            if j < len(tokens) and tokens[j].low in lex.coordinators:
                break  # "… in Heerlen en Sittard-Geleen": the coordinator joins places
        if j >= len(tokens) or j == 0:
            break
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap == ", ":
            continue
        if tokens[j].low in lex.coordinators and joined(text, tokens[j - 1], tokens[j]) and j + 1 < len(tokens):
            last = _item(text, tokens, j + 1, lex, words, at, hit_starts, found)
            if last is not None and joined(text, tokens[j], tokens[j + 1]):
                items.append(last)
                coordinated = True
        break
    if not items or (items[0].described and items[0].hit is None):
        return [], False  # "forskare Anna, …": a list starts with a name
    if (
        len(items) >= 2
        or _cued(text, tokens, k, lex, words)
        or _apposed(text, tokens, items[0].end, lex, words)
        or _agent(text, tokens, items[0], words)
    ):
        return items, coordinated
    return [], False


def _item(
    text: str,
    tokens: list[Token],
    j: int,
    lex: Lexicon,
    words: PartnerWords,
    at: dict[int, Hit],
    hit_starts: list[int],
    found: list[Hit],
) -> _Item | None:
    """One listed name at token ``j``: optional article and lowercase describing words, then a found name or
    a run of capitalised words."""
    n = len(tokens)
    first = j
    if j + 1 < n and tokens[j].low in words.articles:
        j += 1
    described = False
    if j > first and j + 1 < n and tokens[j + 1].cap and _article_adjective(tokens, j, lex):
        j += 1  # "het Amerikaanse Paige": the text's own adjective describes the name
    while j < n and j - first <= _MAX_DESCRIBING:
        low = tokens[j].low
        if (
            tokens[j].cap
            or j in at
            or low in lex.coordinators
            or low in lex.stopwords_and_roles
            or low in lex.links
            or low.endswith(_role_words(lex.lang))
        ):
            break
        j += 1
        described = True
    if j >= n or (j > first and not joined(text, tokens[j - 1], tokens[j])):
        return None
    if j in at:
        hit = at[j]
        end = j
        while end < n and tokens[end].start < hit.end:
            end += 1
        return _Item(j, end, hit, described)
    end = j
    while end < n and end - j < _MAX_NAME_WORDS and end not in at:
        tok = tokens[end]
        if (
            not tok.cap
            or tok.text[0].isdigit()
            or tok.low in lex.stopwords_and_roles
            or tok.text in lex.generic_acronyms
            # "Johnson & Johnson", "Procter & Gamble": an ampersand between capitalised words joins one name
            or not (end == j or joined(text, tokens[end - 1], tok) or text[tokens[end - 1].end : tok.start] == " & ")
        ):
            break
        end += 1
    after = tokens[end] if end < n else None
    last = tokens[end - 1] if end > j else None
    if last is None or (after is not None and after.cap and joined(text, last, after)):
        return None  # no capitalised word, or a longer run than a listed name
    i = bisect.bisect_right(hit_starts, tokens[j].start) - 1
    if i >= 0 and found[i].end > tokens[j].start:
        return None  # inside a longer name
    if after is not None and not after.cap and joined(text, last, after):
        if (
            after.low not in lex.coordinators
            and last.low.endswith(lex.adjective_suffixes)  # (``_adjective_end``'s own first test)
            and _adjective_end(lex, last.text, lex.adjective_suffixes)
        ):
            return None  # "het Belgische bedrijf X": an adjective before a common noun
        if (
            end + 1 < n
            and after.low not in lex.coordinators
            and after.low not in words.place_links
            and tokens[end + 1].cap
            and joined(text, after, tokens[end + 1])
        ):
            return None  # "Reinier de Graaf Gasthuis": a particle or link word goes on the name
    if text[last.end : last.end + 1] == ")":
        return None  # "(Ministerium für …, MWK)": an acronym in brackets stands for the name before it
    return _Item(j, end, None, described)
