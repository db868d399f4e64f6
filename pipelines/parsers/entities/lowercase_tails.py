"""What may go on after a name's head: lowercase complements ("Enheten för forskningsstöd och samverkan"),
coordinated lists after a head ("Faculteit Digitale Media en Creatieve Industrie") and the links inside a unit's subject."""

from __future__ import annotations

from pipelines.parsers.entities.boundaries import _english_and
from pipelines.parsers.entities.extents import _ampersand
from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Grammar, Lexicon
from pipelines.parsers.entities.tokens import Token, joined


def _lowercase_tail(tokens: list[Token], text: str, hi: int, lex: Lexicon, grammar: Grammar) -> int:
    """End of a name after a cue that goes on in lowercase ("programmet Digitalt ledarskap och …", "Projektet
    Språkstöd i socialtjänsten leds …"): at most three lowercase words, none a verb by its ending, link words
    only between them, followed by a clause word, a connector, a function word or punctuation; ``hi`` if none."""
    links = grammar.extra_links | (lex.links if lex.lowercase_complement else frozenset())
    # an adjective ending the name needs its noun, whatever its ending ("Digitala lösningar")
    word = tokens[hi - 1].low
    adjective = _adjective_end(lex, word, lex.adjective_suffixes) is not None or word.endswith(lex.attributive_endings)
    k = end = hi
    while (
        k < len(tokens)
        and k - hi < 4
        and joined(text, tokens[k - 1], tokens[k])
        and tokens[k].text[:1].islower()
        and tokens[k].low not in lex.clause_words
        and tokens[k].low not in lex.time_words  # "programmet Digital skola i höst"
        and tokens[k].low not in lex.adverbs  # "projektet X tillsammans med …"
        # no verb follows a link word: "för hållbar utveckling"
        and (not tokens[k].low.endswith(lex.verb_endings) or (k == hi and adjective) or tokens[k - 1].low in links)
    ):
        if tokens[k].low in links:  # "Språkstöd i socialtjänsten", "Digitala lösningar för hållbar utveckling"
            k += 1
            continue
        if tokens[k].low in lex.stopwords_and_roles:
            break
        k += 1
        end = k
    if (
        end + 2 <= len(tokens)
        and end - hi < 3
        and (tokens[end].low,) in lex.connectors
        and joined(text, tokens[end - 1], tokens[end])
        and joined(text, tokens[end], tokens[end + 1])
        and tokens[end + 1].text.isalpha()
        and tokens[end + 1].text.islower()
        and tokens[end + 1].low not in lex.stopwords_and_roles
        and (end + 2 == len(tokens) or not joined(text, tokens[end + 1], tokens[end + 2]))
    ):
        return end + 2  # "Hälsa och välfärd.": a coordinated noun closing the sentence
    if end == hi:
        return hi
    after = tokens[end] if end < len(tokens) else None
    if after is not None and (after.low in lex.clause_words or after.low in lex.adverbs):
        return end
    if not lex.verb_endings:  # without verb endings to tell a verb, only a clause word or mark closes the tail,
        # and a mark only after an adjective's noun ("het programma Veelbelovende zorg.")
        closed = after is None or not joined(text, tokens[end - 1], after)
        return end if adjective and end == hi + 1 and closed else hi
    if (
        after is None
        or not joined(text, tokens[end - 1], after)
        or after.low in lex.clause_words
        or (after.low,) in lex.connectors
        or (after.low in lex.stopwords_and_roles and after.low not in lex.links)
    ):
        return end
    return hi


def _post_list(tokens: list[Token], text: str, hi: int, lex: Lexicon, grammar: Grammar) -> int:
    """End of a list that goes on a name of capitalised words ("Faculteit Elektrotechniek, Wiskunde en
    Informatica"): ", Word" segments closed by a connector and a word; ``hi`` if the list does not close."""
    k = hi
    while (
        k + 1 < len(tokens)
        and text[tokens[k - 1].end : tokens[k].start] == ", "
        and tokens[k].cap
        and not tokens[k].acronym
        and tokens[k].low not in lex.stopwords_and_roles
        and _head(tokens[k], grammar, lex) is None
    ):
        k += 1
    if k > hi and " " in tokens[k - 1].text:
        return k  # "…, Physik, Elektro- und Informationstechnik": a suspended compound closes the list
    if k > hi and k + 1 < len(tokens) and _ampersand(text, tokens[k - 1], tokens[k]) and not tokens[k].acronym:
        return k + 1  # "Academie Life Science, Engineering & Design"
    if (
        k > hi
        and k + 1 < len(tokens)
        and ((tokens[k].low,) in lex.connectors or _english_and(tokens, k, lex))
        and joined(text, tokens[k - 1], tokens[k])
        and joined(text, tokens[k], tokens[k + 1])
        and tokens[k + 1].cap
        and not tokens[k + 1].acronym
        and _head(tokens[k + 1], grammar, lex) is None
    ):
        end = k + 2
        # "…, Mathematics and Computer Science": an English name's last item may have more words
        while (
            _english_and(tokens, k, lex)
            and end < len(tokens)
            and end - k < 4
            and joined(text, tokens[end - 1], tokens[end])
            and tokens[end].cap
            and not tokens[end].acronym
            and tokens[end].low not in lex.stopwords_and_roles
            and _head(tokens[end], grammar, lex) is None
        ):
            end += 1
        if not (end < len(tokens) and joined(text, tokens[end - 1], tokens[end]) and tokens[end].cap):
            return end
    return hi


def _subject_link(text: str, tokens: list[Token], k: int, grammar: Grammar) -> int:
    """Length of a subject link at ``k`` ("in de" in "lectoraat AI in de Zorg") followed by a capitalised word, 0 if
    none."""
    for link in grammar.subject_links:
        n = len(link)
        if (
            k + n < len(tokens)
            and tuple(t.low for t in tokens[k : k + n]) == link
            and all(joined(text, a, b) for a, b in zip(tokens[k - 1 : k + n], tokens[k : k + n + 1]))
            and tokens[k + n].cap
            and not tokens[k + n].acronym
        ):
            return n
    return 0
