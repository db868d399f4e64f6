"""Inflection from the language data: adjective endings, a name's inflected variants, base forms of adjectives and
genitives undone."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.text_keys import fold


def _adjective_end(lex: Lexicon, word: str, ends: Iterable[str]) -> str | None:
    low = fold(word)
    if not low.endswith(lex.adjective_suffixes):
        return None
    return next((e for e in _longest_first(tuple(ends)) if low.endswith(e)), None)


@lru_cache(maxsize=64)
def _longest_first(ends: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(ends, key=len, reverse=True))


def variants(name: str, lex: Lexicon) -> set[str]:
    """Inflected forms of a known name: genitives and inflected leading adjectives (data rules)."""
    forms = {name}
    forms |= {name + g for g in lex.genitive}
    words = name.split(" ")
    lead = 0
    while lead < len(words) - 1 and _adjective_end(lex, words[lead], lex.adjective_nominative.values()):
        lead += 1
    for infl in lex.adjective_inflected:
        new = list(words)
        for i in range(lead):
            end = _adjective_end(lex, words[i], lex.adjective_nominative.values()) or ""
            new[i] = words[i][: len(words[i]) - len(end)] + infl
        if lead:
            forms.add(" ".join(new))
            forms |= {" ".join(new) + g for g in lex.genitive}
    return forms


def _adjective_stem(lex: Lexicon, stem: str) -> bool:
    """Whether ``stem`` (a word without its inflection ending) is an adjective's: a listed stem, or one ending as
    adjectives do ("sächsisch", "künstlich", "zentral"); "Volkswag", "Sachs", "EURODRIV" are not. Languages
    without stem data take every stem."""
    if not lex.adjective_stems and not lex.adjective_stem_endings:
        return True
    if not stem[-1:].islower():
        return False  # "EURODRIVE": capitals are no inflected adjective
    last = fold(stem).split("-")[-1]  # "baden-württembergisch"
    return last in lex.adjective_stems or (len(last) > 3 and last.endswith(lex.adjective_stem_endings))


def inflected_adjective(word: str, lex: Lexicon) -> str | None:
    """The inflection ending of ``word`` if it is an adjective in an oblique or weak form ("Sächsischen" -> "en"),
    else None (also for proper names that merely end so: "Volkswagen", "Sachsen")."""
    end = _adjective_end(lex, word, lex.adjective_inflected)
    if end is None or not lex.adjective_nominative or not _adjective_stem(lex, word[: len(word) - len(end)]):
        return None
    return end


def base_adjective(word: str, gender: str | None, lex: Lexicon) -> str:
    """'Sächsischen' before a feminine head -> 'Sächsische'; capitalised (every part of a hyphenated adjective:
    'baden-württembergische' -> 'Baden-Württembergische') as part of a name. Words that are no inflected
    adjective keep their letters."""
    end = inflected_adjective(word, lex)
    if end is None:
        return word[:1].upper() + word[1:]
    word = word[: len(word) - len(end)] + lex.adjective_nominative.get(
        gender or "", next(iter(lex.adjective_nominative.values()))
    )
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def strip_genitive(word: str, known: Iterable[str], lex: Lexicon) -> str:
    """'universitets' -> 'universitet' when the stem is a known word."""
    low = fold(word)
    for g in lex.genitive:
        if low.endswith(g) and low[: -len(g)] in known:
            return word[: -len(g)]
    return word
