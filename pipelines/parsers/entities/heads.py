"""Word-level facts for name finding: head words (plain, compound, genitive), describing nouns, and which words
may stand before or after a head inside a name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipelines.parsers.entities.inflection import _adjective_end, strip_genitive
from pipelines.parsers.entities.lexicon import Grammar, Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, ending_in, ending_test, is_acronym, joined
from pipelines.text_keys import fold


def _head(tok: Token, grammar: Grammar, lex: Lexicon) -> tuple[str, str, bool] | None:
    """(head, surface-without-inflection, is_compound) if the token is a head word."""
    return _word_head(tok.text, tok.cap, lex.lang, grammar.kind)


@lru_cache(maxsize=1 << 16)
def _word_head(text: str, cap: bool, lang: str, kind: str) -> tuple[str, str, bool] | None:
    """``_head`` of a token's text, cached per distinct word."""
    lex = lexicon(lang)
    grammar = lex.grammar(kind)
    low = fold(text.rstrip("."))
    if kind == "programme" and not cap and low.endswith(tuple(lex.company_nouns)):
        return None  # "het investeringsfonds IVP": a lowercase company noun names an investor, not a programme
    for word, stem in ((low, text), *((low[: -len(g)], text[: -len(g)]) for g in lex.genitive if low.endswith(g))):
        if word in grammar.not_heads:
            continue  # "Leidraad" ends in "raad" and names no council
        if word in grammar.heads and (word not in grammar.cased_heads or cap):
            return word, stem, False
        # a lowercase compound is a cue noun where the name follows one ("forskningsprogrammet X")
        if lex.compounds:
            head = next(
                (word[-n:] for n in grammar.head_lengths if len(word) >= n + 2 and word[-n:] in grammar.compound_heads),
                None,
            )
            # "tillväxtnämnden": a deciding body's compound is a name in lowercase too; "investeringsfonds": a
            # compound ending in a company's noun describes the company after it, no programme
            company = kind == "programme" and word.endswith(tuple(lex.company_nouns))
            if head and not company and (cap or grammar.drop_lowercase_cue or head in grammar.body_compounds):
                return head, stem, True
    return None


@lru_cache(maxsize=64)
def _head_endings(lang: str, kind: str) -> tuple[str, ...]:
    lex = lexicon(lang)
    return tuple({h + g for h in lex.grammar(kind).heads for g in ("", *lex.genitive)})


def head_candidates(tokens: list[Token], lang: str, kind: str, among: list[int]) -> Iterator[int]:
    """Indices of the tokens whose folded text (a trailing dot aside) ends in a head word or its genitive: the only
    ones ``_head`` may accept, of ``among`` (the text's ``heads_of_any``, found once for every kind and language)."""
    ends = ending_test(_head_endings(lang, kind), ".")
    return (i for i in among if ends(tokens[i].low))


def heads_of_any(tokens: list[Token], langs: tuple[str, ...]) -> list[int]:
    """Indices of the tokens that end in a head word of either kind in any of ``langs``: one pass over a text's
    tokens for all its ``discover`` calls, each of which tests only these (``head_candidates(..., among=)``)."""
    return list(ending_in(tokens, _any_head_endings(langs), strip="."))


@lru_cache(maxsize=16)
def _any_head_endings(langs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        sorted({e for lang in langs for kind in ("organisation", "programme") for e in _head_endings(lang, kind)})
    )


def _describes(tok: Token, lex: Lexicon) -> bool:
    """ "Göteborgsföretaget", "Start-up": a noun that describes the company named after it."""
    return tok.low.endswith(lex.company_noun_endings)


def _run_noun(tokens: list[Token], text: str, k: int, lex: Lexicon) -> bool:
    """ "Brabant Startup Fonds": a capitalised describing noun after a proper word is part of the name."""
    return (
        k > 0
        and tokens[k].cap
        and not tokens[k].sentence_start
        and _describes(tokens[k], lex)
        and tokens[k - 1].cap
        and tokens[k - 1].low not in lex.stopwords_and_roles
        and _adjective_end(lex, tokens[k - 1].text, lex.adjective_suffixes) is None  # "Das Münchner Start-up X"
        and joined(text, tokens[k - 1], tokens[k])
    )


def _possessive_acronym(tok: Token, lex: Lexicon) -> bool:
    """ "EU's", "KTH:s": the genitive of an acronym names the owner, not part of the name that follows."""
    return tok.text.endswith(lex.genitive) and any(
        tok.text.endswith(g) and tok.text[: -len(g)].rstrip("'’").isupper() and len(tok.text) - len(g) > 1
        for g in lex.genitive
    )


def _pre_ok(tok: Token, lex: Lexicon) -> bool:
    if (
        tok.low in lex.stopwords_and_roles
        or tok.text.isdigit()
        or _possessive_acronym(tok, lex)
        or _describes(tok, lex)
    ):
        return False
    return (tok.cap and not _hyphen_adjective(tok)) or tok.low.endswith(lex.lowercase_adjective_suffixes)


def _hyphen_adjective(tok: Token) -> bool:
    """ "die CDU-geführte Landesregierung", "KI-gestützte": an acronym hyphenated to a lowercase word describes."""
    first, _, rest = tok.text.partition("-")
    return bool(rest) and is_acronym(first) and rest.isalpha() and rest.islower()


def _post_ok(tok: Token, lex: Lexicon) -> bool:
    low = tok.low
    if tok.low in lex.stopwords_and_roles or low in lex.links:
        return False
    return (
        tok.cap
        or low in lex.name_words
        or strip_genitive(low, lex.name_words, lex) != low
        or tok.text[0].isdigit()
        or low in lex.run_tail_words
        or _dotted_name(tok.text)
    )


def _dotted_name(word: str) -> bool:
    """ "zukunft.niedersachsen": lowercase words joined by dots are a coined name (not a web address: its last
    part is no two- or three-letter domain)."""
    parts = word.split(".")
    return len(parts) > 1 and all(p.isalpha() and p.islower() for p in parts) and len(parts[-1]) > 3


def in_role(tokens: list[Token], lo: int, i: int, lex: Lexicon) -> bool:
    """Whether tokens ``lo..i`` name a body only inside a person's title: after a role and its link, maybe with the
    body's owner between ("ordförande i Region Örebro läns regionala tillväxtnämnd"), or in the genitive before a role
    ("kommunstyrelsens ordförande")."""
    if i + 1 < len(tokens) and tokens[i].low.endswith(lex.genitive) and tokens[i + 1].low in lex.roles:
        return True
    links = _role_links(lex.lang)
    k = lo
    while (
        k > 0
        and lo - k < 4
        and (tokens[k - 1].cap or strip_genitive(tokens[k - 1].low, lex.name_words, lex) != tokens[k - 1].low)
    ):
        k -= 1  # the owner's name: "Region Örebro läns"
    return k >= 2 and tokens[k - 2].low in lex.roles and tokens[k - 1].low in links


@lru_cache(maxsize=16)
def _role_links(lang: str) -> frozenset[str]:
    """Words linking a role to its organisation ("ordförande i", "Leiterin der")."""
    return frozenset(fold(w) for w in (lexicon(lang).raw.get("people") or {}).get("role_links") or ())


def after_lowercase_cue(text: str, start: int, lang: str) -> bool:
    """Whether the word before ``start`` is a lowercase programme cue noun ("forskningsprogrammet X")."""
    prev = re.search(r"(\w+) $", text[max(start - 40, 0) : start])
    return (
        prev is not None and prev.group(1).islower() and _word_head(prev.group(1), False, lang, "programme") is not None
    )


def without_generic_acronym_kinds(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """``hits`` without a lowercase head followed only by a generic acronym ("start lectoraat AI in de zorg"): it
    describes a kind of organisation and names none."""
    return [h for h in hits if not _generic_acronym_kind(text[h.start : h.end], lex)]


def _generic_acronym_kind(surface: str, lex: Lexicon) -> bool:
    words = surface.split()
    return len(words) == 2 and words[0].islower() and words[1] in lex.generic_acronyms
