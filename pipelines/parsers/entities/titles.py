"""Titles named after a cue that go on past their first capitalised words ("Digitalisierung in Studium und
Lehre", "Öppna data och AI i offentlig sektor"), and the checks on the words around a described name."""

from __future__ import annotations

import re

from pipelines.parsers.entities.extents import _acronym_compound
from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.tokens import Token, joined

YEAR_WORD = re.compile(r"(?:19|20)\d\d$")


CLAUSE_MARKS = frozenset('.,;:!?()[]"”“»«–—\n')  # a title after a cue runs up to one of these


def _title_end(tokens: list[Token], text: str, hi: int, lex: Lexicon, named_cue: bool = False) -> int:
    """End of a title named after a cue that goes on past its first capitalised words ("Digitalisierung in
    Studium und Lehre", "Öppna data och AI i offentlig sektor", "Mensgerichte AI voor een inclusieve
    samenleving"): through the language's title words, capitalised words and, after a title word, at most two
    lowercase words (the second no verb by its ending), up to a clause mark or the text's end; an owner before
    the mark ("… des Landes") stays out; ``named_cue``: a naming cue ("heter", "den Namen") came before, so a generic
    acronym leads a title, not a topic ("heter AI i klassrummet"). ``hi`` unless the title reaches a clause mark."""
    if not lex.title_words or hi >= len(tokens):
        return hi
    k = end = hi
    lower = 0  # lowercase words since the last title word
    articles = lex.link_articles | lex.indefinite_articles
    while k < len(tokens) and k - hi < 12 and joined(text, tokens[k - 1], tokens[k]):
        tok = tokens[k]
        # "Textile and Fashion 2030": English connectors between capitalised words
        english = tok.low in lex.run_connectors and tokens[k - 1].cap and k + 1 < len(tokens) and tokens[k + 1].cap
        if tok.low in lex.title_words or english:
            nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
            if tok.low in lex.coordinators and nxt in lex.title_words and nxt not in articles:
                break  # "WASP och på WASP-HS": a coordinated phrase, not one title
            lower = 0
            k += 1
            continue
        prev_title = tokens[k - 1].low in lex.title_words
        # sentence case where verbs show by their endings: "Digitala tvillingar för …", "Framtidens hemtjänst"
        opening = k == hi and bool(lex.verb_endings) and not lex.nouns_capitalised
        last = tokens[k - 1]  # "Digitala tvillingar", "Framtidens hemtjänst": an adjective or genitive needs its noun
        attributive = _adjective_end(lex, last.text, lex.adjective_suffixes) is not None or last.low.endswith(
            lex.genitive
        )
        # "för hållbara hamnar": after a lowercase attributive word a noun follows, whatever its ending
        attributive = attributive or (
            not last.cap and bool(lex.attributive_endings) and last.low.endswith(lex.attributive_endings)
        )
        verb_checked = ((lower or opening) and not attributive) or last.low in lex.coordinators  # "… och samordnas"
        if tok.text.isdigit() and (tokens[k - 1].cap or YEAR_WORD.match(tok.text)):
            lower = 0  # "Fashion 2030": a year or number closing a capitalised name
        elif tok.cap and not tok.text[:1].isdigit():
            if tok.low in lex.stopwords_and_roles or tok.low in lex.time_words or _names_another(tokens, text, k, lex):
                break  # a function word, a month or season ("… im Herbst"), another name ("… und die Universität X")
            if lex.nouns_capitalised and tok.text.split("-")[0] in lex.generic_acronyms and _acronym_compound(tok.text):
                break  # "fördert über das Landesprogramm Wirtschaft KI-Projekte": a common noun, the object
            lower = 0
        elif tok.low in lex.title_closers and prev_title:
            lower = 2  # "AI för alla": the title's last word
        elif (
            tok.text[:1].islower()
            and tok.text.replace("-", "").isalpha()
            and not _names_another(tokens, text, k, lex)  # "… van de provincie Groningen"
            and (prev_title or 0 < lower < 2 or opening)
            and tok.low not in lex.clause_words
            and tok.low not in lex.time_words  # "programmet X i höst"
            and tok.low not in lex.adverbs  # "projektet X tillsammans med …"
            and tok.low not in lex.stopwords_and_roles
            and not (verb_checked and tok.low.endswith(lex.verb_endings or ("\0",)))
            and not (lex.nouns_capitalised and _lowercase_verb(tok, lex))  # "… Raum und läuft drei Jahre"
        ):
            lower += 1
        else:
            break
        k += 1
        end = k
    after = tokens[end] if end < len(tokens) and joined(text, tokens[end - 1], tokens[end]) else None
    closed = _clause_mark_after(text, tokens[end - 1].end) or (
        after is not None
        and (
            after.low in lex.clause_words  # "projektet AI-stödd radiologi i Södra sjukvårdsregionen ska …"
            or after.low in lex.relative_words  # "nätverket Kommuner för AI som drivs av …": a relative clause
            # "heter Digitalt lyft och samordnas av …": a conjunction before a verb starts another clause
            or (
                after.low in lex.coordinators
                and end + 1 < len(tokens)
                and tokens[end + 1].text.islower()
                # "heet AI in de wijk en loopt …": a clause word after the conjunction too
                and (
                    tokens[end + 1].low.endswith(lex.verb_endings or ("\0",))
                    or tokens[end + 1].low in lex.clause_words
                    or (lex.nouns_capitalised and _lowercase_verb(tokens[end + 1], lex))  # "… und läuft drei Jahre"
                )
            )
            # "bietet den Master Künstliche Intelligenz und Data Science an."
            or (after.low in lex.title_particles and _clause_mark_after(text, after.end))
        )
    )
    added = tokens[hi:end]
    # where nouns are lowercase, a preposition between capitalised words joins one title ("Werk aan Uitvoering")
    inner = lex.title_words - lex.programme.owner_links - lex.coordinators
    capitals = not lex.nouns_capitalised and all((t.cap and not t.acronym) or t.low in inner for t in added)
    # "Robotics and Autonomous Systems", "Data Science for Energy": an English title is whole in any language
    capitals = capitals or (
        any(t.low in lex.run_connectors for t in added) and all(t.cap or t.low in lex.run_connectors for t in added)
    )
    if end == hi or not (closed or capitals):
        return hi
    if end - 2 >= hi and (tokens[end - 2].low,) in lex.place_connectors and tokens[end - 1].cap:
        end -= 2  # "Smart Industry Lab i Göteborg": where, not part of the name
        added = tokens[hi:end]
    end = _audience_cut(added, hi, end, lex)
    added = tokens[hi:end]
    if not added:
        return hi
    name = tokens[hi - 1]
    owned = added[0].low in lex.genitive_articles or (
        added[0].low in lex.programme.owner_links and len(added) > 1 and added[1].text not in lex.generic_acronyms
    )
    # "AI-baserad prognos för …": a generic acronym's lowercase compound is an adjective, no coined name
    generic = name.text.split("-")[0] in lex.generic_acronyms and name.text.split("-", 1)[-1].islower()
    coined = (name.acronym or any(c.isupper() or c.isdigit() for c in name.text[1:])) and not (
        name.text in lex.generic_acronyms or generic
    )
    preposition = added[0].low not in lex.coordinators and added[0].low not in lex.link_articles
    if owned or (coined and preposition):
        # "das Programm digital.bremen des Senats", "het project X van de TU Delft": its owner; "das Projekt
        # RoboCare für Senioren": a coined name and its audience ("AI för Norrland" is one name)
        return hi
    closer = added[-1].low in lex.title_closers
    named = hi >= 2 and tokens[hi - 2].cap and joined(text, tokens[hi - 2], tokens[hi - 1])  # "AI Parade"
    lone = not any(t.cap for t in added) and sum(t.low not in lex.title_words for t in added) < 2
    if named and lone and not closer:
        return hi  # "AI Parade voor gemeenten": one lowercase word after a preposition names an audience
    if (
        not named
        and not named_cue
        and name.text in lex.generic_acronyms
        and not closer
        and not any(t.cap for t in added)
    ):
        return hi  # "minor AI in de zorg": a topic, not a title
    for p in range(hi, end):  # "Digitalisierung in Studium und Lehre des Landes": the owner is no part of the title
        for words in lex.title_owners:
            if tuple(t.low for t in tokens[p : p + len(words)]) == words and end - p - len(words) <= 1:
                return p if p > hi and tokens[p - 1].low not in lex.title_words else hi
    return end


def _audience_cut(added: list[Token], hi: int, end: int, lex: Lexicon) -> int:
    """ "AI in Health voor studenten van alle zorgopleidingen": where nouns are lowercase, a title-cased title (a
    capitalised word that is no acronym) ends before a title word followed by lowercase words only (its audience)."""
    if lex.nouns_capitalised:
        return end
    for p, tok in enumerate(added):
        rest = added[p + 1 :]
        if (
            tok.low in lex.title_words
            and rest
            and any(t.cap and not t.acronym for t in added[:p])
            and all(t.text[:1].islower() for t in rest)
        ):
            return hi + p
    return end


def _clause_mark_after(text: str, pos: int) -> bool:
    """Whether the text after ``pos`` (and spaces) is a clause mark or the end."""
    rest = text[pos : pos + 4].lstrip(" \u00a0")
    return rest == "" or rest[0] in CLAUSE_MARKS


def _names_another(tokens: list[Token], text: str, k: int, lex: Lexicon) -> bool:
    """Whether token ``k`` starts another name inside a title: a compound head word ("Landesregierung"), a head
    word followed by a proper word ("Universität Hamburg") or by nothing; "Gesellschaft von morgen" goes on."""
    head = next((h for g in (lex.organisation, lex.programme) if (h := _head(tokens[k], g, lex))), None)
    if head is None:
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) and joined(text, tokens[k], tokens[k + 1]) else None
    linked = nxt is not None and nxt.low in lex.links and k + 2 < len(tokens) and tokens[k + 2].cap
    # a capital is evidence of a name where nouns are written in lowercase ("het Instituut voor …"); a head
    # ending the title is a body of its own ("… und der Stadt.")
    return head[2] or not lex.nouns_capitalised or nxt is None or nxt.cap or linked


def _dangling_adjective(tokens: list[Token], text: str, hi: int, lex: Lexicon) -> bool:
    """Whether the name ending at ``hi`` ends in an attributive adjective whose lowercase words go on after it."""
    nxt = tokens[hi] if hi < len(tokens) else None
    return (
        nxt is not None
        and bool(lex.attributive_endings)
        and tokens[hi - 1].low.endswith(lex.attributive_endings)
        and joined(text, tokens[hi - 1], nxt)
        and nxt.text.isalpha()
        and nxt.text.islower()
        and nxt.low not in lex.stopwords  # a role is a noun here: "Priset Årets forskare"
        and nxt.low not in lex.title_words
        and nxt.low not in lex.clause_words
        and not (lex.verb_endings and nxt.low.endswith(lex.verb_endings))  # "Projektet Skogsdata samlar …"
    )


def _after_indefinite(tokens: list[Token], i: int, lex: Lexicon, directly: bool) -> bool:
    """Whether token ``i`` follows an indefinite article and one lowercase adjective ("eine neue"), or, if
    ``directly``, the article alone or (where every noun is capitalised, so a singular name needs its article) no
    article: a lowercase word that is no function word ("startet Förderaufruf für …", "startet neues Programm für …")."""
    before = [t.low for t in tokens[max(i - 2, 0) : i]]
    k = i - 1 - (i > 1 and _lowercase_adjective(tokens[i - 1], lex))  # "neues": an adjective before the noun
    bare = lex.nouns_capitalised and tokens[k].text[:1].islower() and tokens[k].low not in lex.stopwords_and_roles
    return bool(before) and (
        (directly and (before[-1] in lex.indefinite_articles or bare))
        or (len(before) == 2 and before[0] in lex.indefinite_articles and tokens[i - 1].text[:1].islower())
    )


def _indefinite_before(tokens: list[Token], lo: int, i: int, hi: int, lex: Lexicon) -> bool:
    """Whether a name from ``lo`` (head at ``i``, end ``hi``) follows an indefinite article ("ein Kompetenzzentrum
    für …"), or, where every noun is capitalised, an indefinite article and an adjective, or no article at all, before
    a head and its link ("ein neues Labor für …", "eröffnet Zentrum für …"; "ein eigenes Labor Niedersachsen" is
    named)."""
    return tokens[lo - 1].low in lex.indefinite_articles or (
        lex.nouns_capitalised
        and hi > i + 1
        and tokens[i + 1].low in lex.links
        and (_after_indefinite(tokens, lo, lex, False) or _after_bare_word(tokens, lo, lex))
    )


def _after_bare_word(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether token ``i`` follows, with no article, a lowercase word that is no function word, maybe through one
    lowercase adjective ("eröffnet Zentrum für …", "gründen gemeinsames Labor für …"; not "an der Fakultät für …")."""
    k = i - 1
    if k > 0 and _lowercase_adjective(tokens[k], lex) and tokens[k].low not in lex.stopwords_and_roles:
        k -= 1
    return k >= 0 and tokens[k].text[:1].islower() and tokens[k].low not in lex.stopwords_and_roles


def _lowercase_adjective(tok: Token, lex: Lexicon) -> bool:
    """ "berufsbegleitenden", "nieuwe": a lowercase word with an adjective ending."""
    return tok.text[:1].islower() and _adjective_end(lex, tok.text, lex.adjective_suffixes) is not None


def _lowercase_verb(tok: Token, lex: Lexicon) -> bool:
    """Where nouns are capitalised, a lowercase word that is no adjective and no function word ("läuft")."""
    return (
        tok.text.isalpha()
        and tok.text.islower()
        and _adjective_end(lex, tok.text, lex.adjective_suffixes) is None
        and tok.low not in lex.stopwords_and_roles
    )
