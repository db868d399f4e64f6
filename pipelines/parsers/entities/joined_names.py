"""Company names whose words are joined by more than spaces: a joiner sign between names ("Johnson & Johnson",
"Procter & Gamble") and a person's name with its lowercase particle ("Jan de Rijk Logistics")."""

from __future__ import annotations

from functools import lru_cache

from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, joined, token_ending_at
from pipelines.text_keys import fold


@lru_cache(maxsize=16)
def name_joiners(lang: str) -> frozenset[str]:
    """Signs that join two names into one company name (``name_joiners`` in entities.yaml)."""
    return frozenset(lexicon(lang).raw.get("name_joiners") or ())


@lru_cache(maxsize=16)
def name_particles(lang: str) -> frozenset[str]:
    """Lowercase one-word particles inside people's names ("de", "van", "von"), which company names keep."""
    people = lexicon(lang).raw.get("people") or {}
    return frozenset(fold(w) for w in people.get("particles") or () if " " not in w)


def _joined_by_sign(text: str, left: Token, right: Token, lex: Lexicon) -> bool:
    """ "Johnson & Johnson": a joiner sign between two capitalised words, spaced alike or not at all."""
    gap = text[left.end : right.start]
    return right.cap and len(gap) <= 3 and gap.strip(" ") in name_joiners(lex.lang) and gap[:1] == gap[-1:]


def name_run_end(text: str, tokens: list[Token], k: int, lex: Lexicon) -> int:
    """Index after the words that go on a company name whose last word is ``tokens[k - 1]``: a joiner sign and the
    capitalised word after it, or up to two particles and the capitalised word after them ("Jan de Rijk"); ``k``
    if none."""
    if k >= len(tokens) or not tokens[k - 1].cap or tokens[k - 1].low in lex.stopwords_and_roles:
        return k
    if _joined_by_sign(text, tokens[k - 1], tokens[k], lex) and tokens[k].low not in lex.stopwords_and_roles:
        return k + 1
    n = k
    while n < len(tokens) and n - k < 2 and tokens[n].low in name_particles(lex.lang) and tokens[n].text.islower():
        n += 1
    if (
        n > k
        and n < len(tokens)
        and tokens[n].cap
        and all(joined(text, a, b) for a, b in zip(tokens[k - 1 : n], tokens[k : n + 1]))
    ):
        return n + 1
    return k


def has_particle(hit: Hit, tokens: list[Token], lex: Lexicon) -> bool:
    """Whether a name holds a lowercase particle of people's names between its words ("Jan de Rijk Logistics") or
    starts with a capitalised one ("Van Wijnen Utrecht")."""
    particles = name_particles(lex.lang)
    inner = [t for t in tokens if hit.start < t.start and t.end < hit.end]
    first = next((t for t in tokens if t.start == hit.start), None)
    leads = first is not None and first.cap and first.end < hit.end and first.low in particles
    return leads or any(t.text.islower() and t.low in particles for t in inner)


def with_joined_names(text: str, tokens: list[Token], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """Unknown organisation names that stop before a joiner sign and a name ("Johnson" in "Johnson & Johnson")
    take the sign and the capitalised words after it."""
    if not name_joiners(lex.lang):
        return hits
    out = []
    for h in hits:
        i = token_ending_at(tokens, h.end)  # the token the name ends with, if one does
        if h.kind == "organisation" and h.entry is None and h.acronym is None and i is not None:
            k = i + 1
            if k < len(tokens) and _joined_by_sign(text, tokens[i], tokens[k], lex):
                k += 1
                while k < len(tokens) and k - i < 4 and joined(text, tokens[k - 1], tokens[k]) and tokens[k].cap:
                    k += 1
                end = tokens[k - 1].end
                h = Hit(h.start, end, text[h.start : end], h.kind, None, None)
        out.append(h)
    return out


@lru_cache(maxsize=16)
def _particle_pairs(lang: str) -> frozenset[str]:
    """Two-word particles of people's names ("van den", "von der")."""
    people = lexicon(lang).raw.get("people") or {}
    return frozenset(fold(w) for w in people.get("particles") or () if len(w.split()) == 2)


def _first_name_before(tokens: list[Token], i: int, lex: Lexicon) -> int | None:
    """Index of the first name before ``tokens[i]`` when a lowercase particle of people's names that is no link word
    ("Jan de Rijk", not "ROC van Twente") or a two-word one ("Maarten van den Bosch", not "Bakker van de Faculteit")
    stands between them; None otherwise. A sentence's first word is no first name ("Ook de PP")."""
    if i < 2 or not tokens[i - 1].text.islower():
        return None
    k = i - 2
    if (
        i >= 3
        and tokens[i - 2].text.islower()
        and f"{tokens[i - 2].low} {tokens[i - 1].low}" in _particle_pairs(lex.lang)
    ):
        k = i - 3
    elif tokens[i - 1].low in lex.links or tokens[i - 1].low not in name_particles(lex.lang):
        return None
    first = tokens[k]
    if not first.cap or first.sentence_start or first.acronym or first.low in lex.stopwords_and_roles:
        return None
    return k


def without_surname_words(tokens: list[Token], at: dict[int, int], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """A known one-word name right after a capitalised word and a lowercase particle of people's names is a
    surname, not that organisation ("Rijk" in "Jan de Rijk Logistics", "Bosch" in "Maarten van den Bosch"); link
    words ("ROC van Twente") are kept, and where every noun is capitalised a capitalised word before "von" is no
    first name ("Zentren von Bund"). ``at``: token indices by their starts."""
    if lex.nouns_capitalised:
        return hits
    out = []
    for h in hits:
        i = at.get(h.start)
        surname = (
            h.entry is not None
            and i is not None
            and tokens[i].end == h.end
            and not tokens[i].acronym
            and _first_name_before(tokens, i, lex) is not None
        )
        if not surname:
            out.append(h)
    return out


def with_first_names(text: str, tokens: list[Token], at: dict[int, int], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """An unknown company name that starts with a person's surname takes the first name and particles before it
    ("Jan de Rijk Logistics", not "Rijk Logistics"); not where every noun is capitalised. The same list if none does.
    ``at``: token indices by their starts."""
    if lex.nouns_capitalised:
        return hits
    out = []
    changed = False
    for h in hits:
        i = at.get(h.start)
        if (
            h.kind == "organisation"
            and h.entry is None
            and h.acronym is None
            and i is not None
            and h.end > tokens[i].end
        ):
            k = _first_name_before(tokens, i, lex)
            if k is not None and all(joined(text, a, b) for a, b in zip(tokens[k:i], tokens[k + 1 : i + 1])):
                h, changed = Hit(tokens[k].start, h.end, text[tokens[k].start : h.end], h.kind, None, None), True
        out.append(h)
    return out if changed else hits
