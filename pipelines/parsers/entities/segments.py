"""Words a complement segment goes on through: an adjective's lowercase noun ("i smart industriell produktion"),
a coordinated complement led by an article ("für das Gesundheitswesen und die Pflege") and an action noun's object
in the genitive ("zur Stärkung der Lausitzer Wissenschaft")."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.lexicon import Grammar, Lexicon, lexicon
from pipelines.parsers.entities.tokens import Token, joined
from pipelines.text_keys import fold

Segment = Callable[[list[Token], str, int, Lexicon], int]  # end of one complement segment at a token


def lowercase_noun(tokens: list[Token], text: str, k: int, lex: Lexicon) -> bool:
    """Whether token ``k`` is a lowercase word joined to the one before that is no verb, function or link word."""
    return (
        k < len(tokens)
        and joined(text, tokens[k - 1], tokens[k])
        and tokens[k].text.isalpha()
        and tokens[k].text.islower()
        and not tokens[k].low.endswith(lex.verb_endings or ("\0",))
        and tokens[k].low not in lex.stopwords_and_roles
        and tokens[k].low not in lex.clause_words
        and tokens[k].low not in lex.links
        and (tokens[k].low,) not in lex.connectors
    )


def parallel_article(
    tokens: list[Token], text: str, i: int, end: int, lex: Lexicon, grammar: Grammar, segment: Segment
) -> int:
    """ "Digitalisierungsstrategie für das Gesundheitswesen und die Pflege": a programme's complement led by an
    article goes on through a coordinated one led by an article too (no head word in it: "und die Universität X")."""
    k = end + 2
    if not (
        grammar.kind == "programme"
        and k < len(tokens)
        and tokens[i + 1].low in lex.link_articles
        and tokens[end].low in lex.coordinators
        and tokens[end + 1].low in lex.link_articles
        and all(joined(text, a, b) for a, b in zip(tokens[end - 1 : k], tokens[end : k + 1]))
    ):
        return end
    after = segment(tokens, text, k, lex)
    heads = any(_head(t, g, lex) for t in tokens[k:after] for g in (grammar, lex.organisation))
    return after if after > k and not heads else end


@lru_cache(maxsize=16)
def _action_objects(lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    data = (lexicon(lang).raw.get("programmes") or {}).get("action_objects") or {}
    return tuple(fold(w) for w in data.get("endings") or ()), frozenset(fold(w) for w in data.get("articles") or ())


def action_object(tokens: list[Token], text: str, end: int, lex: Lexicon, grammar: Grammar, segment: Segment) -> int:
    """ "Programm zur Stärkung der Lausitzer Wissenschaft": a programme's complement ending in an action noun goes on
    through its object in the genitive (``programmes.action_objects``), unless that names a body."""
    endings, articles = _action_objects(lex.lang)
    k = end + 1
    if not (
        endings
        and grammar.kind == "programme"
        and k < len(tokens)
        and tokens[end - 1].low.endswith(endings)
        and tokens[end].low in articles
        and joined(text, tokens[end - 1], tokens[end])
        and joined(text, tokens[end], tokens[k])
    ):
        return end
    after = segment(tokens, text, k, lex)
    heads = any(_head(t, g, lex) for t in tokens[k:after] for g in (grammar, lex.organisation))
    return after if after > k and not heads else end
