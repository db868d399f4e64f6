"""Programmes named by their place in a text: event names ("AI-dagen") and lists of programmes after a plural
head ("utbildningarna X och Y")."""

from __future__ import annotations

from functools import lru_cache

from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, ending_in, joined


@lru_cache(maxsize=16)
def _event_endings(lang: str) -> tuple[str, ...]:
    """Event suffixes and event heads (a word that is a head also ends in it)."""
    lex = lexicon(lang)
    return tuple(lex.event_suffixes) + tuple(sorted(lex.event_heads | lex.run_event_heads))


def event_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Events named by a local head word and the name after it ("Forum Digitale Landwirtschaft"), an English run
    ending in an event word ("Nordic Dairy Congress") or a compound ending in one ("Chemnitzer KI-Tag", "KI-Tag
    Schleswig-Holstein", "Logistiekdag"), with the capitalised words around."""
    if not lex.event_heads and not lex.event_suffixes and not lex.run_event_heads:
        return []
    out = []
    # only a word ending in an event suffix or equal to an event head passes the tests below
    for k in ending_in(tokens, _event_endings(lex.lang)):
        tok = tokens[k]
        if not tok.cap:
            continue
        suffix = (
            next((s for s in lex.event_suffixes if tok.low.endswith(s) and len(tok.low) > len(s) + 1), None)
            if tok.low.endswith(lex.event_suffixes)
            else None
        )
        # "tijdens de jaarlijkse Logistiekdag", not "op Koningsdag": a closed compound after an article names an event
        compound = suffix is not None and (suffix.startswith("-") or _after_article(tokens, k, lex))
        local = tok.low in lex.event_heads
        if not compound and (tok.acronym or not (local or tok.low in lex.run_event_heads)):
            continue
        lo = k
        while lo > 0 and k - lo < 3 and joined(text, tokens[lo - 1], tokens[lo]) and _name_word(tokens[lo - 1], lex):
            lo -= 1
        hi = k + 1
        while (compound or local) and hi < len(tokens) and hi - k <= 3 and joined(text, tokens[hi - 1], tokens[hi]):
            word = tokens[hi].text  # where every noun is capitalised only a hyphenated place follows a compound
            if not _name_word(tokens[hi], lex) or (
                lex.nouns_capitalised and compound and not ("-" in word and word.split("-")[-1][:1].isupper())
            ):
                break
            hi += 1
        if lo < k and tokens[lo].sentence_start and lex.nouns_capitalised:
            lo += 1  # "Chemnitzer KI-Tag" mid-sentence; a sentence's first capitalised word is no evidence
        if compound and tok.sentence_start and lo == k and hi == k + 1:
            continue
        if not compound and (lo == k if not local else lo == k and hi == k + 1):
            continue  # "das Forum" names nothing; an English event word ends its name ("Forum Groningen" is a place)
        out.append(Hit(tokens[lo].start, tokens[hi - 1].end, text[tokens[lo].start : tokens[hi - 1].end], "programme"))
    return out


def _name_word(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that can go on an event's name: no number, function word, month or season."""
    return (
        tok.cap
        and not tok.text[:1].isdigit()
        and tok.low not in lex.stopwords_and_roles
        and tok.low not in lex.time_words
    )


def _after_article(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Token ``k`` follows an article, directly or after one lowercase word ("de jaarlijkse Logistiekdag")."""
    before = tokens[max(k - 2, 0) : k]
    if before and before[-1].low in lex.link_articles:
        return True
    return len(before) == 2 and before[1].text.islower() and before[0].low in lex.link_articles


def listed_programmes(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """ "de opleidingen Logistics Management en Informatica", "der Studiengänge X und Y": a plural cue noun before
    coordinated capitalised names names one programme per name."""
    out: list[Hit] = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.low not in lex.programme_lists or not joined(text, tok, tokens[i + 1]):
            continue
        names, k = [], i + 1
        while k < len(tokens) and tokens[k].cap and tokens[k].low not in lex.stopwords_and_roles:
            first = k
            while k + 1 < len(tokens) and joined(text, tokens[k], tokens[k + 1]) and _list_word(tokens[k + 1], lex):
                k += 1
            names.append((tokens[first].start, tokens[k].end))
            if k + 1 < len(tokens) and text[tokens[k].end : tokens[k + 1].start] == ", ":
                k += 1
            elif (
                k + 2 < len(tokens)
                and tokens[k + 1].low in lex.coordinators
                and joined(text, tokens[k + 1], tokens[k + 2])
            ):
                k += 2
            else:
                break
        if len(names) >= 2:
            out += [Hit(a, b, text[a:b], "programme") for a, b in names]
    return out


def _list_word(tok: Token, lex: Lexicon) -> bool:
    return tok.cap and tok.low not in lex.stopwords_and_roles and tok.low not in lex.coordinators
