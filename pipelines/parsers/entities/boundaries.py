"""Where a name's words stop at a coordinator: owners coordinated before a genitive ("Marcus och Amalia
Wallenbergs minnesfond"), an English "and" between capitalised words of one name ("Governance and Global
Affairs"), a verb after a coordinator ("… och bygger på") that goes on the sentence, not the name."""

from __future__ import annotations

from pipelines.parsers.entities.heads import _head, _pre_ok, _word_head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Grammar, Lexicon
from pipelines.parsers.entities.tokens import Token, joined


def _coordinated_owners(tokens: list[Token], text: str, lo: int, i: int, lex: Lexicon, grammar: Grammar) -> int:
    """Start of a name whose pre-modifiers at ``lo`` are the second of owners coordinated before a genitive
    ("Marcus och Amalia Wallenbergs minnesfond"); ``lo`` if none."""
    if not (
        lo < i
        and lo >= 2
        and (tokens[lo - 1].low,) in lex.connectors
        and tokens[lo].cap
        and tokens[lo - 2].cap
        and _pre_ok(tokens[lo - 2], lex)
        and joined(text, tokens[lo - 2], tokens[lo - 1])
        and joined(text, tokens[lo - 1], tokens[lo])
        and any(tokens[lo + k].low.endswith(lex.genitive) for k in range(i - lo))
    ):
        return lo
    lo -= 2
    first = lo  # "Kungliga Vitterhets Historie och Antikvitets Akademien": the first owner's own words
    while (
        lo > 0
        and first - lo < grammar.max_premodifiers - 1
        and joined(text, tokens[lo - 1], tokens[lo])
        and _pre_ok(tokens[lo - 1], lex)
        and not tokens[lo].sentence_start
    ):
        lo -= 1
    return lo


def _english_and(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """ "Governance and Global Affairs": an English coordinator between capitalised words joins them in one name."""
    return (
        0 < k < len(tokens) - 1
        and tokens[k].low in lex.run_coordinators
        and tokens[k].text.islower()
        and tokens[k - 1].cap
        and tokens[k + 1].cap
        and not tokens[k + 1].acronym
    )


def _verb_before_preposition(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """ "… och bygger på", "… och knyts till": where verbs can be told by their endings, a lowercase word of a
    verb's (or a passive's "-s") ending followed by a preposition that no name goes on with is a verb."""
    if not lex.verb_endings or k + 1 >= len(tokens) or not tokens[k].text.isalpha() or not tokens[k].text.islower():
        return False
    after = tokens[k + 1].low
    return (
        tokens[k].low.endswith(lex.verb_endings + lex.genitive)
        and tokens[k + 1].low in lex.stopwords_and_roles
        and after not in lex.links
        and after not in lex.unit_links
        and (after,) not in lex.connectors
        and (after,) not in lex.place_connectors
        and after not in lex.branch_links
    )


def _owned_compound(text: str, tokens: list[Token], i: int, kind: str, lex: Lexicon) -> tuple[str, str, bool] | None:
    """ "Fyrbodals kommunalförbund": a lowercase compound of an ``owned_compounds`` head after a proper name's
    genitive names the body as a capitalised compound would; None otherwise."""
    tok = tokens[i]
    if kind != "organisation" or not lex.compounds or tok.cap or i == 0 or not tok.text.isalpha():
        return None
    owner = tokens[i - 1]
    if not (
        owner.cap
        and not owner.sentence_start
        and not owner.acronym
        and owner.low.endswith(lex.genitive)
        and owner.low not in lex.stopwords_and_roles
        and joined(text, owner, tok)
    ):
        return None
    head = _word_head(tok.text, True, lex.lang, kind)
    # only a body's compound ("kommunalförbund"); "Volvos forskningscentrum" describes
    return head if head is not None and head[2] and head[0] in lex.organisation.owned_compounds else None


def _article_attribute(tokens: list[Token], text: str, k: int, lex: Lexicon) -> int:
    """End of genitive attributes with an article at ``k`` after a complement's noun, where every noun is capitalised
    ("für die Grundlagen des Lernens und der Daten", "für Geschichte der Medizin"); ``k`` if none. A word that is a
    head or an acronym names an owner ("… der Universität Talheim", "… des KIT")."""
    end = k
    while (
        lex.nouns_capitalised
        and end + 1 < len(tokens)
        and tokens[end].low in lex.genitive_articles
        and joined(text, tokens[end - 1], tokens[end])
        and joined(text, tokens[end], tokens[end + 1])
        and tokens[end + 1].cap
        and not tokens[end + 1].acronym
        and tokens[end + 1].low not in lex.stopwords_and_roles
        and _head(tokens[end + 1], lex.organisation, lex) is None
        and (tokens[end].low, tokens[end + 1].low) not in lex.name_tails  # "… des Landes": the owner
        and (end + 2 >= len(tokens) or not (tokens[end + 2].cap and joined(text, tokens[end + 1], tokens[end + 2])))
    ):
        k = end = end + 2
        if end + 1 < len(tokens) and tokens[end].low in lex.coordinators and joined(text, tokens[end - 1], tokens[end]):
            end += 1  # "… des Lernens und der Daten"
    return k


def _article_link(text: str, tokens: list[Token], k: int, grammar: Grammar, lex: Lexicon) -> int:
    """Length of a connector of two words at ``k`` ("in der") between a name's capitalised words and a capitalised
    noun that is no head or acronym and stands alone ("Stiftung Innovation in der Hochschullehre"); 0 if none."""
    conn = tuple(t.low for t in tokens[k : k + 2])
    if not (
        len(conn) == 2
        and conn in lex.connectors
        and conn not in lex.place_connectors
        and k + 2 < len(tokens)
        and all(joined(text, a, b) for a, b in zip(tokens[k - 1 : k + 2], tokens[k : k + 3]))
    ):
        return 0
    after = tokens[k + 2]
    plain = (
        after.cap
        and not after.acronym
        and after.low not in lex.stopwords_and_roles
        and _head(after, grammar, lex) is None
    )
    # "… in der Region Ost": a proper name of more words after the connector is a place
    alone = k + 3 >= len(tokens) or not (tokens[k + 3].cap and joined(text, after, tokens[k + 3]))
    return 2 if plain and alone and _head(after, lex.organisation, lex) is None else 0


def _object_noun(tok: Token, after_head: int, lex: Lexicon) -> bool:
    """A plural noun after an organisation's words is the sentence's object, not a word of its name: a plural head
    after a name's first word ("der Freistaat Bayern Hochschulen … stärkt") or a noun of a plural-only ending
    ("mit der Hochschule Schulungen anbieten", ``plural_noun_endings``)."""
    return (after_head > 1 and tok.low.endswith(lex.plural_head_endings)) or (
        tok.cap and tok.low.endswith(lex.organisation.plural_noun_endings)
    )


def _complement_premodifiers(tokens: list[Token], lo: int, i: int, kind: str, lex: Lexicon) -> bool:
    """Whether the words ``lo..i`` before the head at ``i`` let its link complement follow: adjectives, acronyms
    ("FWU Institut für …") or, where nouns are lowercase, capitalised words before a capitalised organisation head
    ("Nederlands Instituut voor Ecologie"; not an owner after an article or acronym: "… Instituut van de UvA")."""
    hi = i + 1
    own = kind == "organisation" and tokens[i].cap and not lex.nouns_capitalised and not tokens[lo].sentence_start
    own = own and hi + 1 < len(tokens) and tokens[hi + 1].low not in lex.link_articles and not tokens[hi + 1].acronym
    return all(
        _adjective_end(lex, t.text, lex.adjective_suffixes) or t.acronym or (own and t.cap) for t in tokens[lo:i]
    )
