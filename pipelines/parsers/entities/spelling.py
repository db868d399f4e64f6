"""How a discovered name is written: the text's words with their inflection undone and their separators kept,
and the tails a legal form may have."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.parsers.entities.inflection import strip_genitive
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Token, joined
from pipelines.regex_words import alternation


def _base_of_last(text: str, tokens: list[Token], hi: int, lex: Lexicon) -> str:
    """The last word of a name (``tokens[hi - 1]``) without its genitive: a known name word's ("universitets"), or
    a capitalised word's marked one ("Duinzorg's bestuur") before the lowercase noun it possesses, in languages
    that write common nouns in lowercase (a bare "-s" may end the name itself: "Stiftelsen Polarljus medel")."""
    word = tokens[hi - 1].text
    base = strip_genitive(word, lex.name_words, lex)
    if base != word or lex.nouns_capitalised or hi >= len(tokens) or not tokens[hi - 1].cap:
        return base
    after = tokens[hi]
    possessed = (
        joined(text, tokens[hi - 1], after)
        and after.text[:1].islower()
        and after.text.isalpha()
        and after.low not in lex.stopwords_and_roles
        and after.low not in lex.links
        and after.low not in lex.clause_words
        and (after.low,) not in lex.connectors
    )
    ending = next((g for g in lex.genitive if word.endswith(g) and not g.isalpha()), None)
    return word[: -len(ending)] if possessed and ending and len(word) - len(ending) >= 3 else word


def _spelled(text: str, tokens: list[Token], span: list[int], forms: dict[int, str]) -> str:
    """The name of the tokens ``span`` (indices, ascending): each token as ``forms`` gives it or as written, with
    the text's separators between neighbours ("AG & Co. KGaA", "Luft- und Raumfahrt") and one space elsewhere."""
    out = []
    for n, k in enumerate(span):
        if n:
            gap = text[tokens[span[n - 1]].end : tokens[k].start] if span[n - 1] == k - 1 else " "
            out.append(gap if gap.strip() else " ")
        out.append(forms.get(k, tokens[k].text))
    return "".join(out)


@lru_cache(maxsize=16)
def _legal_tail(lang: str) -> re.Pattern[str]:
    """ " & Co. KG", " & Co. KGaA": what may follow a legal form in one name (the language's and English data)."""
    tails = (*lexicon(lang).organisation.legal_form_tails, *lexicon("en").organisation.legal_form_tails)
    return re.compile(rf" (?:{alternation(tails, flexible_spaces=False)})(?!\w)")
