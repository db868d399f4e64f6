"""Where a name around a head word ends and starts: link complements ("für Wirtschaft, Arbeit und Tourismus"),
lists and tails after names, lowercase tails after a cue, a company's name before its legal form."""

from __future__ import annotations

from pipelines.parsers.entities.boundaries import _article_attribute, _verb_before_preposition
from pipelines.parsers.entities.heads import _describes, _head, _pre_ok, _word_head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Grammar, Lexicon
from pipelines.parsers.entities.segments import action_object, lowercase_noun, parallel_article
from pipelines.parsers.entities.tokens import Token, is_acronym, joined
from pipelines.text_keys import fold


def _segment(tokens: list[Token], text: str, i: int, lex: Lexicon, lowercase: bool | None = None) -> int:
    """End index (exclusive) of one complement segment at i: adjectives then a noun; i if none.

    A lowercase noun ends a segment where the language allows it (``lowercase``, default the lexicon's
    ``lowercase_complement``)."""
    lowercase = lex.lowercase_complement if lowercase is None else lowercase
    j = i
    while (
        j < len(tokens)
        and (j == i or joined(text, tokens[j - 1], tokens[j]))
        and tokens[j].low not in lex.stopwords_and_roles
        and _adjective_end(lex, tokens[j].text, lex.adjective_suffixes) is not None
        and not tokens[j].cap
    ):
        j += 1
    if (
        j < len(tokens)
        and (j == i or joined(text, tokens[j - 1], tokens[j]))
        and tokens[j].low not in lex.stopwords_and_roles
    ):
        if tokens[j].cap:
            k = j + 1
            while (
                k < len(tokens)
                and (joined(text, tokens[k - 1], tokens[k]) or _ampersand(text, tokens[k - 1], tokens[k]))
                and tokens[k].cap
                # "… für Informationsinfrastruktur FIZ Karlsruhe": another name; "für Angewandte KI": one
                and (
                    not tokens[k].acronym or tokens[k].text in lex.generic_acronyms or _acronym_compound(tokens[k].text)
                )
                and tokens[k].low not in lex.stopwords_and_roles
            ):
                k += 1
            return _article_attribute(tokens, text, _genitive_attribute(tokens, text, k, lex), lex)
        if lowercase and tokens[j].low in lex.clause_words:
            return i  # "… och finansieras av": a verb, no noun
        if lowercase and tokens[j].text.replace("-", "").replace(" ", "").isalpha():
            # "Rådet för forskningens infrastrukturer", "Centrum för datadriven hälsa": a genitive noun or an
            # adjective of no known ending before the noun it qualifies, where verbs can be told by their endings
            if (
                j + 1 < len(tokens)
                and lex.verb_endings
                and joined(text, tokens[j], tokens[j + 1])
                and (
                    not tokens[j + 1].low.endswith(lex.verb_endings)
                    or (len(tokens[j].low) > 5 and tokens[j].low.endswith(lex.genitive))
                )
                and tokens[j + 1].low not in lex.clause_words
                and tokens[j + 1].low not in lex.adverbs  # "ekonomi tillsammans", "byggs vidare"
                and tokens[j + 1].low[:1].islower()
                and tokens[j + 1].text.isalpha()
                and tokens[j + 1].low not in lex.stopwords_and_roles
                and tokens[j + 1].low not in lex.links
                and (tokens[j + 1].low,) not in lex.connectors
            ):
                # "i smart industriell produktion": the second word an adjective by its ending, its noun follows
                adjective = _adjective_end(lex, tokens[j + 1].text, lex.adjective_suffixes) is not None
                return j + 3 if adjective and lowercase_noun(tokens, text, j + 2, lex) else j + 2
            return j + 1
    if lowercase and j > i and tokens[j - 1].text.isalpha():
        return j  # "Institutionen för svenska, …", "för samhällsbyggnad och …": a noun with an adjective's ending
    return i


def _acronym_compound(word: str) -> bool:
    """ "VLSI-Systeme", "IT-Sicherheit": an acronym hyphenated to a noun is a common noun, not another name."""
    tail = word.rsplit("-", 1)[1] if "-" in word else ""
    return len(tail) > 2 and tail[0].isupper() and tail[1:].isalpha() and tail[1:].islower()


def _genitive_attribute(tokens: list[Token], text: str, k: int, lex: Lexicon) -> int:
    """End of a genitive attribute at ``k`` after a capitalised noun ("Schutz maritimer Infrastrukturen"): a
    lowercase adjective of a ``genitive_attribute_endings`` ending, then a capitalised noun; ``k`` if none."""
    if (
        lex.genitive_attribute_endings
        and k + 1 < len(tokens)
        and tokens[k].low.endswith(lex.genitive_attribute_endings)
        and tokens[k].text.isalpha()
        and tokens[k].text.islower()
        and tokens[k].low not in lex.adverbs
        and tokens[k].low not in lex.stopwords_and_roles
        and tokens[k + 1].cap
        and not tokens[k + 1].acronym
        and tokens[k + 1].low not in lex.stopwords_and_roles
        and joined(text, tokens[k - 1], tokens[k])
        and joined(text, tokens[k], tokens[k + 1])
    ):
        return k + 2
    return k


def _ampersand(text: str, left: Token, right: Token) -> bool:
    """ "Systems & Materials": an ampersand between capitalised words joins them into one name."""
    return text[left.end : right.start] == " & " and left.cap and right.cap


def _comma_gap(text: str, left: Token, right: Token) -> bool:
    return text[left.end : right.start] == ", "


def _connected(tokens: list[Token], text: str, end: int, lex: Lexicon, grammar: Grammar) -> int:
    """End of 'connector segment' at ``end`` (a segment holding a head word starts a new name); ``end`` if none."""
    for conn in lex.connectors:
        k = end + len(conn)
        if (
            k < len(tokens)
            and all(t.low == w for t, w in zip(tokens[end:k], conn))
            and all(joined(text, a, b) for a, b in zip(tokens[end - 1 : k], tokens[end : k + 1]))
        ):
            nxt = _segment(tokens, text, k, lex)
            if (  # "Ministerium der Finanzen und für Wissenschaft": a second link complement
                nxt == k
                and k + 1 < len(tokens)
                and conn[-1] in lex.coordinators
                and tokens[k].low in lex.links  # "und für …"; not "und der Deutsche Wetterdienst"
                and joined(text, tokens[k], tokens[k + 1])
            ):
                second = _segment(tokens, text, k + 1, lex)
                nxt = second if second > k + 1 else k
            # "… och knyter an till", "… och byggs vidare", "… och arbetar nära": a verb and its particle or
            # adverb go on the sentence
            verb = (
                nxt == k + 1
                and nxt < len(tokens)
                and joined(text, tokens[k], tokens[nxt])
                and (
                    tokens[nxt].low in lex.verb_particles
                    or (tokens[nxt].low in lex.adverbs and tokens[k].low.endswith(lex.verb_endings))
                    or _verb_before_preposition(tokens, k, lex)
                )
            )
            place = conn in lex.place_connectors and nxt == k + 1 and tokens[k].cap  # "… in Jena": where, not what
            # "… och Akademiska sjukhuset": a segment that starts another name ends this one
            starts_name = (
                nxt < len(tokens) and joined(text, tokens[nxt - 1], tokens[nxt]) and _head(tokens[nxt], grammar, lex)
            )
            if (
                nxt > k
                and not place
                and not verb
                and not starts_name
                and not any(_head(t, grammar, lex) for t in tokens[k:nxt])
            ):
                return nxt
    return end


def _listed(tokens: list[Token], text: str, end: int, lex: Lexicon, grammar: Grammar) -> int:
    """End of ', segment (, segment)* connector segment' at ``end`` ("für Wirtschaft, Arbeit und Tourismus");
    ``end`` unless the list closes with a connector."""
    k = end
    while k < len(tokens) and _comma_gap(text, tokens[k - 1], tokens[k]):
        nxt = _segment(tokens, text, k, lex)
        if nxt == k or any(_head(t, grammar, lex) for t in tokens[k:nxt]):
            return end
        closed = _connected(tokens, text, nxt, lex, grammar)
        if closed > nxt:
            return closed
        if " " in tokens[nxt - 1].text:  # "…, natur- och teknikvetenskap": a suspended compound closes the list
            return nxt
        k = nxt
    return end


def _tail(tokens: list[Token], text: str, end: int, lex: Lexicon) -> int:
    """End of a name tail such as "des Landes Brandenburg" at ``end``; ``end`` if none."""
    for words in lex.name_tails:
        k = end + len(words)
        if (
            k < len(tokens)
            and all(t.low == w for t, w in zip(tokens[end:k], words))
            and tokens[k].cap
            and all(joined(text, a, b) for a, b in zip(tokens[end - 1 : k], tokens[end : k + 1]))
        ):
            return k + 1
    return end


def _complement(tokens: list[Token], text: str, i: int, lex: Lexicon, grammar: Grammar) -> int:
    """End index of 'link complement ((connector | , ) complement)* [tail]' starting at the link token i; i if none.

    A segment after a connector that holds a head word starts a new name ("… of X and Y Institute").
    """
    if tokens[i].low in grammar.extra_links and tokens[i].low not in lex.links and tokens[i + 1].acronym:
        return i  # "das Institut des KIT", "Labor der TU": a genitive acronym names the owner, another name
    compound = (
        tokens[i].low in grammar.owner_links and "-" not in tokens[i - 1].text and _head(tokens[i - 1], grammar, lex)
    )
    if compound and compound[2]:
        return i  # "het Algoritmeregister van de stad": a closed compound names the thing, its owner follows
    end = _segment(tokens, text, i + 1, lex) if joined(text, tokens[i], tokens[i + 1]) else i + 1
    if (
        end == i + 1
        and i + 2 < len(tokens)
        and tokens[i + 1].low in lex.link_articles
        and joined(text, tokens[i], tokens[i + 1])
        and joined(text, tokens[i + 1], tokens[i + 2])
    ):  # "Raad voor de rechtspraak", "Institut für die vernetzte Gesellschaft"
        after = _segment(tokens, text, i + 2, lex, lex.lowercase_complement or lex.lowercase_after_article)
        end = after if after > i + 2 else end
    if end == i + 1 or any(_head(t, g, lex) for t in tokens[i + 1 : end] for g in (grammar, lex.organisation)):
        return i  # "Vorhaben der Technischen Universität Dresden": a complement holding a head word is another name
    while end < len(tokens):
        nxt = _connected(tokens, text, end, lex, grammar)
        if nxt == end:
            listed = _listed(tokens, text, end, lex, grammar)
            end = listed
            break
        end = nxt
    if (  # "Ministerium des Innern, für Digitalisierung und Kommunen": a genitive, then a link complement
        tokens[i].low in grammar.extra_links
        and end + 1 < len(tokens)
        and _comma_gap(text, tokens[end - 1], tokens[end])
        and tokens[end].low in lex.links
    ):
        end = max(end, _complement(tokens, text, end, lex, grammar))
    end = parallel_article(
        tokens, text, i, action_object(tokens, text, end, lex, grammar, _segment), lex, grammar, _segment
    )
    return _tail(tokens, text, end, lex) if end < len(tokens) else end


def _own_acronym(tokens: list[Token], text: str, lo: int, hi: int) -> int:
    """ "Fraunhofer-Institut für Materialfluss und Logistik IML": an acronym right after a long name whose letters
    it takes in order is part of the name (not "… für Informationsinfrastruktur FIZ Karlsruhe")."""
    if hi >= len(tokens) or hi - lo < 3 or not tokens[hi].acronym or not joined(text, tokens[hi - 1], tokens[hi]):
        return hi
    if hi + 1 < len(tokens) and tokens[hi + 1].cap and joined(text, tokens[hi], tokens[hi + 1]):
        return hi
    name = text[tokens[lo].start : tokens[hi - 1].end].lower()
    pos = 0
    for c in (c.lower() for c in tokens[hi].text if c.isalnum()):
        pos = name.find(c, pos) + 1
        if pos == 0:
            return hi
    return hi + 1


def _legal_name_start(tokens: list[Token], text: str, lo: int, i: int, lex: Lexicon, grammar: Grammar) -> int:
    """Start of a name before its legal form (or an English head), across link words and connectors between
    capitalised words ("Berlin Partner für Wirtschaft und Technologie GmbH"); ``lo`` if it has none. A part
    holding a head word is another name ("the University of X and Y Institute")."""
    k = lo
    start = lo
    while (
        lo < i
        and k >= 2
        and i - k < 8
        and (tokens[k - 1].low in lex.links or (tokens[k - 1].low,) in lex.connectors)
        and tokens[k - 2].cap
        and tokens[k - 2].low not in lex.stopwords_and_roles
        and joined(text, tokens[k - 2], tokens[k - 1])
        and joined(text, tokens[k - 1], tokens[k])
    ):
        k -= 2
        while k > 0 and i - k < 8 and joined(text, tokens[k - 1], tokens[k]) and _pre_ok(tokens[k - 1], lex):
            k -= 1
        if any(_head(t, grammar, lex) for t in tokens[k:lo]):
            break
        start = k
    if start < lo and start > 0 and tokens[start - 1].low in lex.links:
        start = lo  # the part is the complement of a name before it ("University of X and Y Institute")
    k = start
    while lo > k and tokens[k].sentence_start and not tokens[k].acronym:
        k += 1  # "Het AI for Fintech Lab": a capital at the sentence start is no evidence of a name
    return k


def _article_adjective(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """ "het Leidschendamse Fugro", "het Amerikaanse IVP": an adjective of origin after an article describes the name
    ("de Nationale Schuldhulpmaatjes" keeps its adjective)."""
    return (
        k > 0
        and not lex.nouns_capitalised  # "das Center for …": where nouns are capitalised an adjective is no evidence
        and tokens[k - 1].low in lex.stopwords_and_roles
        and tokens[k].low.endswith(lex.organisation.place_adjective_endings)
        and _word_head(tokens[k].text, True, "en", "organisation") is None  # "het Centre of Expertise"
    )


def _company_start(
    tokens: list[Token], text: str, lo: int, i: int, head_word: str, lex: Lexicon, grammar: Grammar
) -> int | None:
    """Where a name with head ``i`` starts once the words describing a company are left out; None where a legal form
    would start the name ("2500 AB Den Haag")."""
    if head_word in grammar.legal_forms:
        while lo < i and tokens[lo].low.endswith(lex.lowercase_adjective_suffixes):
            lo += 1  # "die französischen Atos SE": a lowercase adjective describes the company, its name is capitalised
        while lo < i - 1 and _article_adjective(tokens, lo, lex):
            lo += 1  # "het Delftse Fizyr B.V.": an adjective of origin after an article describes the company
        if lo == i or tokens[lo - 1].text[:1].isdigit():
            return None
    if head_word in grammar.legal_forms or grammar.complement_after_names:
        lo = _legal_name_start(tokens, text, lo, i, lex, grammar)  # "… Linguistics and Text Mining Lab"
    return lo


def _describing_cue(tok: Token, kind: str, lex: Lexicon) -> bool:
    """ "Fackförbundet Kommunal", "Verpleegkundigenvereniging V&VN": a describing noun that is lowercase or starts a
    sentence is a cue, the organisation's name follows it (inside a sentence a capitalised one is part of the name:
    "Coöperatie Huisartsenposten")."""
    # a head word itself starts a name ("Coöperatie Zorggroep Veluwe tekende")
    return (
        kind == "organisation"
        and _describes(tok, lex)
        and (not tok.cap or tok.sentence_start)
        and tok.low not in lex.organisation.heads
    )


def _proper_compound(tok: Token, lex: Lexicon) -> bool:
    """ "Comenius-programma", "Weizenbaum-Institut": a head hyphenated to a proper name names one thing."""
    first = tok.text.rsplit("-", 1)[0] if "-" in tok.text else ""
    return (
        first[:1].isupper()
        and not is_acronym(first.split("-")[0])  # "ICAI-lab": a unit of a known organisation, no name of its own
        and not lex.is_stop(first)
        and not tok.sentence_start
        and fold(first) not in lex.generic_names  # "Technologie-Netzwerk": a common noun hyphenated to the head
    )


def _dash_after_number(text: str, left: Token, right: Token) -> bool:
    """ "Fachbereich 4 – Informatik": a unit's number, a dash and its capitalised subject."""
    return left.text.isdigit() and text[left.end : right.start] in (" – ", " - ") and right.cap and not right.acronym
