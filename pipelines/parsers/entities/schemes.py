"""Funding schemes named by a hyphenated compound of a scheme noun: "MOOI-regeling", "STAP-budget",
"Leven Lang Ontwikkelen-krediet", "PI-CAI-challenge" (``programmes.scheme_heads`` in the language's data); a plan's
target year closing its one-word name ("Värmlandsstrategin 2040,"); a fund's compound without a determiner, a common
noun ("Milliarden in Wagniskapitalfonds lenken")."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import (
    Hit,
    Token,
    ending_in,
    is_acronym,
    joined,
    token_ending_at,
    token_starting_at,
)
from pipelines.text_keys import fold

_YEAR_CLOSING = re.compile(r" ((?:19|20)\d\d)(?=[.,;:!?)]|\s*$)")
_MAX_WORDS = 3  # capitalised words before the hyphenated one ("Leven Lang Ontwikkelen-krediet")


@lru_cache(maxsize=16)
def _scheme_heads(lang: str) -> tuple[str, ...]:
    return tuple("-" + fold(w) for w in (lexicon(lang).raw.get("programmes") or {}).get("scheme_heads") or ())


@lru_cache(maxsize=16)
def _determiners(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in (lexicon(lang).raw.get("programmes") or {}).get("determiners") or ())


def without_bare_compounds(text: str, tokens: list[Token], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """The discovered programmes less a compound that names one alone ("der Zukunftsfonds") with no determiner
    before it ("in Wagniskapitalfonds", "Deutsche Pensionsfonds und …"): a plural or mass noun, where the language
    lists its determiners (``programmes.determiners``)."""
    determiners = _determiners(lex.lang)
    if not determiners:
        return hits
    out = []
    for h in hits:
        k, first = token_ending_at(tokens, h.end), token_starting_at(tokens, h.start)
        head = _head(tokens[k], lex.programme, lex) if k is not None and h.kind == "programme" else None
        bare = (
            head is not None
            and head[2]
            and head[0] in lex.programme.standalone_compounds
            and first is not None
            and (
                first == 0
                or tokens[first - 1].low not in determiners
                or not joined(text, tokens[first - 1], tokens[first])
            )
        )
        if not bare:
            out.append(h)
    return out


def scheme_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Programmes named by a proper word or acronym hyphenated to a scheme noun, with the capitalised words joined
    before it. A generic acronym ("AI-regeling") or a plain word at a sentence start ("Subsidie-regeling") names
    a kind of scheme, not one."""
    heads = _scheme_heads(lex.lang)
    if not heads:
        return []
    out = []
    for i in ending_in(tokens, heads):
        tok = tokens[i]
        prefix = tok.text.rsplit("-", 1)[0]
        first = prefix.split("-")[0]
        if not first[:1].isupper() or first in lex.generic_acronyms or lex.is_stop(first):
            continue
        acronym = is_acronym(first) or any(c.isdigit() for c in first)
        if not acronym and tok.sentence_start:
            continue
        lo = i
        while (
            not acronym
            and lo > 0
            and i - lo < _MAX_WORDS
            and not tokens[lo].sentence_start
            and tokens[lo - 1].cap
            and not tokens[lo - 1].acronym
            and tokens[lo - 1].low not in lex.stopwords_and_roles
            and joined(text, tokens[lo - 1], tokens[lo])
        ):
            lo -= 1
        out.append(Hit(tokens[lo].start, tok.end, text[tokens[lo].start : tok.end], "programme"))
    return out


def with_target_year(text: str, hits: list[Hit]) -> list[Hit]:
    """A discovered one-word programme name followed by a year that closes the clause names the plan of that year:
    "Värmlandsstrategin 2040, som …" (not "Polhemspriset 2024 går till …", where the year dates the award)."""
    out = []
    for h in hits:
        m = (
            _YEAR_CLOSING.match(text, h.end)
            if h.kind == "programme" and h.entry is None and " " not in h.name
            else None
        )
        out.append(Hit(h.start, m.end(1), f"{h.name} {m.group(1)}", h.kind, None, h.acronym) if m else h)
    return out
