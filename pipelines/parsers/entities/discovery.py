"""Names no gazetteer has, built around head words: ``[pre-modifiers] HEAD [proper words | link complement]``;
English-style capitalised runs; programme names inside compounds."""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.parsers.entities.lexicon import Grammar, Lexicon, _adjective_end, base_adjective, lexicon, strip_genitive
from pipelines.parsers.entities.tokens import Hit, Token, is_acronym, joined
from pipelines.text_keys import fold

# --------------------------------------------------------------------------- discovery


def _head(tok: Token, grammar: Grammar, lex: Lexicon) -> tuple[str, str, bool] | None:
    """(head, surface-without-inflection, is_compound) if the token is a head word."""
    return _word_head(tok.text, tok.cap, lex.lang, grammar.kind)


@lru_cache(maxsize=1 << 16)
def _word_head(text: str, cap: bool, lang: str, kind: str) -> tuple[str, str, bool] | None:
    """``_head`` of a token's text, cached per distinct word."""
    lex = lexicon(lang)
    grammar = lex.grammar(kind)
    low = fold(text.rstrip("."))
    for word, stem in ((low, text), *((low[: -len(g)], text[: -len(g)]) for g in lex.genitive if low.endswith(g))):
        if word in grammar.heads and (word not in grammar.cased_heads or cap):
            return word, stem, False
        if lex.compounds and cap:
            head = next(
                (word[-n:] for n in grammar.head_lengths if len(word) >= n + 2 and word[-n:] in grammar.compound_heads),
                None,
            )
            if head:
                return head, stem, True
    return None


@lru_cache(maxsize=64)
def _head_endings(lang: str, kind: str) -> tuple[str, ...]:
    lex = lexicon(lang)
    return tuple({h + g for h in lex.grammar(kind).heads for g in ("", *lex.genitive)})


def _describes(tok: Token, lex: Lexicon) -> bool:
    """ "Göteborgsföretaget", "Start-up": a noun that describes the company named after it."""
    return bool(lex.company_nouns) and tok.low.endswith(tuple(lex.company_nouns))


def _run_noun(tokens: list[Token], text: str, k: int, lex: Lexicon) -> bool:
    """ "Brabant Startup Fonds": a capitalised describing noun after a proper word is part of the name."""
    return (
        k > 0
        and tokens[k].cap
        and not tokens[k].sentence_start
        and _describes(tokens[k], lex)
        and tokens[k - 1].cap
        and not lex.is_stop(tokens[k - 1].text)
        and _adjective_end(lex, tokens[k - 1].text, lex.adjective_suffixes) is None  # "Das Münchner Start-up X"
        and joined(text, tokens[k - 1], tokens[k])
    )


def _possessive_acronym(tok: Token, lex: Lexicon) -> bool:
    """ "EU's", "KTH:s": the genitive of an acronym names the owner, not part of the name that follows."""
    return any(
        tok.text.endswith(g) and tok.text[: -len(g)].rstrip("'’").isupper() and len(tok.text) - len(g) > 1
        for g in lex.genitive
    )


def _pre_ok(tok: Token, lex: Lexicon) -> bool:
    if lex.is_stop(tok.text) or tok.text.isdigit() or _possessive_acronym(tok, lex) or _describes(tok, lex):
        return False
    return tok.cap or tok.low.endswith(lex.lowercase_adjective_suffixes)


def _post_ok(tok: Token, lex: Lexicon) -> bool:
    low = tok.low
    if lex.is_stop(tok.text) or low in lex.links:
        return False
    return (
        tok.cap
        or low in lex.name_words
        or strip_genitive(low, lex.name_words, lex) != low
        or tok.text[0].isdigit()
        or low in lex.run_tail_words
    )


def _segment(tokens: list[Token], text: str, i: int, lex: Lexicon, lowercase: bool | None = None) -> int:
    """End index (exclusive) of one complement segment at i: adjectives then a noun; i if none.

    A lowercase noun ends a segment where the language allows it (``lowercase``, default the lexicon's
    ``lowercase_complement``)."""
    lowercase = lex.lowercase_complement if lowercase is None else lowercase
    j = i
    while (
        j < len(tokens)
        and (j == i or joined(text, tokens[j - 1], tokens[j]))
        and not lex.is_stop(tokens[j].text)
        and _adjective_end(lex, tokens[j].text, lex.adjective_suffixes) is not None
        and not tokens[j].cap
    ):
        j += 1
    if j < len(tokens) and (j == i or joined(text, tokens[j - 1], tokens[j])) and not lex.is_stop(tokens[j].text):
        if tokens[j].cap:
            k = j + 1
            while (
                k < len(tokens)
                and (joined(text, tokens[k - 1], tokens[k]) or _ampersand(text, tokens[k - 1], tokens[k]))
                and tokens[k].cap
                # "… für Informationsinfrastruktur FIZ Karlsruhe": another name; "für Angewandte KI": one
                and (not tokens[k].acronym or tokens[k].text in lex.generic_acronyms)
                and not lex.is_stop(tokens[k].text)
            ):
                k += 1
            return k
        if lowercase and tokens[j].text.replace("-", "").replace(" ", "").isalpha():
            if (  # "Rådet för forskningens infrastrukturer": a genitive noun before the noun it qualifies
                j + 1 < len(tokens)
                and joined(text, tokens[j], tokens[j + 1])
                and strip_genitive(tokens[j].low, (tokens[j].low[: -len(g)] for g in lex.genitive), lex)
                != tokens[j].low
                and len(tokens[j].low) > 5
                and tokens[j + 1].low[:1].islower()
                and tokens[j + 1].text.isalpha()
                and not lex.is_stop(tokens[j + 1].text)
                and tokens[j + 1].low not in lex.links
                and (tokens[j + 1].low,) not in lex.connectors
            ):
                return j + 2
            return j + 1
    return i


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
            and [t.low for t in tokens[end:k]] == list(conn)
            and all(joined(text, a, b) for a, b in zip(tokens[end - 1 : k], tokens[end : k + 1]))
        ):
            nxt = _segment(tokens, text, k, lex)
            if nxt > k and not any(_head(t, grammar, lex) for t in tokens[k:nxt]):
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
            and [t.low for t in tokens[end:k]] == list(words)
            and tokens[k].cap
            and all(joined(text, a, b) for a, b in zip(tokens[end - 1 : k], tokens[end : k + 1]))
        ):
            return k + 1
    return end


def _complement(tokens: list[Token], text: str, i: int, lex: Lexicon, grammar: Grammar) -> int:
    """End index of 'link complement ((connector | , ) complement)* [tail]' starting at the link token i; i if none.

    A segment after a connector that holds a head word starts a new name ("… of X and Y Institute").
    """
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
    if end == i + 1 or any(_head(t, grammar, lex) for t in tokens[i + 1 : end]):
        return i  # "Vorhaben der Technischen Universität Dresden": a complement holding a head word is another name
    while end < len(tokens):
        nxt = _connected(tokens, text, end, lex, grammar)
        if nxt == end:
            listed = _listed(tokens, text, end, lex, grammar)
            end = listed
            break
        end = nxt
    return _tail(tokens, text, end, lex) if end < len(tokens) else end


def discover(text: str, tokens: list[Token], kind: str, lex: Lexicon) -> list[Hit]:
    """Names built around head words of one kind ("organisation" or "programme")."""
    grammar = lex.grammar(kind)
    out = []
    endings = _head_endings(lex.lang, kind)  # a head word, or a compound or genitive of one, ends so
    for i, tok in enumerate(tokens):
        if not tok.low.rstrip(".").endswith(endings):
            continue
        head = _head(tok, grammar, lex)
        if head is None:
            continue
        head_word, head_stem, compound = head
        lo = i
        if any(tok.low.endswith(p) for p in lex.plural_heads):
            continue  # "KI-Zentren", "AI-programma's": a plural names a kind of thing
        while (
            lo > 0
            and i - lo < grammar.max_premodifiers
            and joined(text, tokens[lo - 1], tokens[lo])
            and (_pre_ok(tokens[lo - 1], lex) or _run_noun(tokens, text, lo - 1, lex))
        ):
            lo -= 1
        if (
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
            lo -= 2  # "Marcus och Amalia Wallenbergs minnesfond": owners coordinated before a genitive
        if (
            lo < i
            and tok.cap
            and tokens[lo].sentence_start
            and not tokens[lo].acronym
            and _adjective_end(lex, tokens[lo].text, lex.adjective_suffixes) is None
        ):
            lo += 1  # "Kontakta Avdelningen …": a capitalised head may itself start the sentence
        if head_word in grammar.legal_forms and (lo == i or tokens[lo - 1].text[:1].isdigit()):
            continue  # "2500 AB Den Haag": a legal form ends a company's name, it never starts one
        if head_word in grammar.legal_forms or grammar.complement_after_names:
            lo = _legal_name_start(tokens, text, lo, i, lex, grammar)  # "… Linguistics and Text Mining Lab"
        hi = i + 1
        adjectives_only = grammar.complement_after_names or all(
            _adjective_end(lex, t.text, lex.adjective_suffixes) for t in tokens[lo:i]
        )
        if (
            hi < len(tokens)
            and (tokens[hi].low in lex.links or tokens[hi].low in grammar.extra_links)
            and adjectives_only
            and (tok.cap or tokens[min(hi + 1, len(tokens) - 1)].cap)
        ):
            hi = _complement(tokens, text, hi, lex, grammar) if hi + 1 < len(tokens) else hi
            hi = max(hi, i + 1)
        if hi == i + 1:
            while (
                hi < len(tokens)
                and hi - i <= 5
                and (joined(text, tokens[hi - 1], tokens[hi]) or _ampersand(text, tokens[hi - 1], tokens[hi]))
            ):
                if _post_ok(tokens[hi], lex):
                    hi += 1
                elif (
                    grammar.post_connectors
                    and hi > i + 1
                    and hi + 1 < len(tokens)
                    and (tokens[hi].low,) in lex.connectors
                    and joined(text, tokens[hi], tokens[hi + 1])
                    and _post_ok(tokens[hi + 1], lex)
                    and not tokens[hi + 1].text[0].isdigit()  # "programmet X och 12 andra"
                    and _head(tokens[hi + 1], grammar, lex) is None  # "… en provincie X": another name
                ):
                    hi += 2
                else:
                    break
            if grammar.post_connectors and hi > i + 1 and tok.cap:
                hi = _post_list(tokens, text, hi, lex, grammar)
        while hi > i + 1 and tokens[hi - 1].text.isdigit() and hi < len(tokens) and tokens[hi].low[:1].islower():
            hi -= 1  # "programma X 12 projecten": a count after the name
        named_after_cue = (
            hi > i + 1 and tokens[i + 1].low not in lex.links and tokens[i + 1].low not in grammar.extra_links
        )
        if grammar.drop_lowercase_cue and named_after_cue and (not tok.cap or tok.sentence_start) and lex.clause_words:
            hi = _lowercase_tail(tokens, text, hi, lex, grammar)
        alone = lo == i and hi == i + 1
        if compound and alone and tok.text.split("-")[0] in lex.generic_acronyms:
            continue  # "AI-noden", "KI-Zentrum": a generic compound noun
        proper = alone and compound and _proper_compound(tok, lex)
        if proper and kind == "programme":  # "Comenius-programma": the cue noun is not part of the name
            first = tok.text.rsplit("-", 1)[0]
            out.append(Hit(tok.start, tok.start + len(first), first, kind))
            continue
        if (
            alone
            and not proper
            and not (compound and head_word in grammar.standalone_compounds)
            and not (tok.cap and head_word in grammar.standalone_heads)
        ):
            continue
        if (
            kind == "organisation"
            and lo > 0
            and tokens[lo - 1].low in lex.indefinite_articles
            and joined(text, tokens[lo - 1], tokens[lo])
            and not re.match(r"\s*\(", text[tokens[hi - 1].end :])
        ):
            # "ein Kompetenzzentrum für Big Data" describes an organisation, unless an acronym defines it;
            # networks and projects are often introduced by name with "ein" ("ein Netzwerk für Robotik und Pflege")
            continue
        linked = hi > i + 1 and (tokens[i + 1].low in lex.links or tokens[i + 1].low in grammar.extra_links)
        generic_cue = compound and kind == "programme" and tok.text.split("-")[0] in lex.generic_acronyms
        if (
            (grammar.cue_before_acronym or generic_cue)
            and lo == i
            and hi > i + 1
            and not linked
            and (
                generic_cue  # "het AI-programma ELLIS Amsterdam": a generic compound is a cue noun
                or (tokens[i + 1].acronym and tokens[i + 1].text not in lex.generic_acronyms)
                # "das Programm Digital Jetzt": after an article the bare cue noun is not part of the name either
                or (not compound and i > 0 and tokens[i - 1].low in lex.stopwords and not tokens[i + 1].acronym)
            )
        ):
            # "das Netzwerk KIMed", "Landesprogramm KI-Starter": the cue noun is not part of the name
            out.append(
                Hit(tokens[i + 1].start, tokens[hi - 1].end, text[tokens[i + 1].start : tokens[hi - 1].end], kind)
            )
            continue
        parts = [
            base_adjective(t.text, grammar.heads.get(head_word), lex)
            if _adjective_end(lex, t.text, lex.adjective_suffixes)
            else t.text
            for t in tokens[lo:i]
        ]
        tail = []
        if hi > i + 1:
            last = tokens[hi - 1]
            tail = [text[tokens[i + 1].start : last.start] + strip_genitive(last.text, lex.name_words, lex)]
        head_part = [head_stem]
        # a common noun as cue ("programmet X", sentence-initial "Satsningen X", "Pilotprojektet X") is not the name
        common = not tok.cap or (tok.sentence_start and head_word not in grammar.cased_heads)
        cue_only = (lo < i) != (hi > i + 1) and (not compound or (lo == i and grammar.drop_compound_cue))
        # "het Europese netwerk X", "Vinnovas program X": adjectives or an owner's genitive describe the cue
        described = lo < i < hi - 1 and all(
            _adjective_end(lex, t.text, lex.adjective_suffixes) or (t.cap and t.low.endswith(lex.genitive))
            for t in tokens[lo:i]
        )
        if grammar.drop_lowercase_cue and common and not linked and described:
            parts, lo = [], i  # "het Europese netwerk ELLIS": adjectives describe the cue, the name follows
        if grammar.drop_lowercase_cue and common and not linked and (cue_only or described):
            head_part = []
        span = tokens[lo:i] + ([tok] if head_part else []) + tokens[i + 1 : hi]
        out.append(Hit(span[0].start, span[-1].end, " ".join(parts + head_part + tail), kind))
    return out


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
        and not lex.is_stop(tokens[k - 2].text)
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


def _proper_compound(tok: Token, lex: Lexicon) -> bool:
    """ "Comenius-programma", "Weizenbaum-Institut": a head hyphenated to a proper name names one thing."""
    first = tok.text.rsplit("-", 1)[0] if "-" in tok.text else ""
    return (
        first[:1].isupper()
        and not is_acronym(first.split("-")[0])  # "ICAI-lab": a unit of a known organisation, no name of its own
        and not lex.is_stop(first)
        and not tok.sentence_start
    )


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
        # no verb follows a link word: "för hållbar utveckling"
        and (not tokens[k].low.endswith(lex.verb_endings) or (k == hi and adjective) or tokens[k - 1].low in links)
    ):
        if tokens[k].low in links:  # "Språkstöd i socialtjänsten", "Digitala lösningar för hållbar utveckling"
            k += 1
            continue
        if lex.is_stop(tokens[k].text):
            break
        k += 1
        end = k
    if end == hi:
        return hi
    after = tokens[end] if end < len(tokens) else None
    if (
        after is None
        or not joined(text, tokens[end - 1], after)
        or after.low in lex.clause_words
        or (after.low,) in lex.connectors
        or (lex.is_stop(after.text) and after.low not in lex.links)
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
        and not lex.is_stop(tokens[k].text)
        and _head(tokens[k], grammar, lex) is None
    ):
        k += 1
    if (
        k > hi
        and k + 1 < len(tokens)
        and (tokens[k].low,) in lex.connectors
        and joined(text, tokens[k - 1], tokens[k])
        and joined(text, tokens[k], tokens[k + 1])
        and tokens[k + 1].cap
        and not tokens[k + 1].acronym
        and _head(tokens[k + 1], grammar, lex) is None
        and not (k + 2 < len(tokens) and joined(text, tokens[k + 1], tokens[k + 2]) and tokens[k + 2].cap)
    ):
        return k + 2
    return hi


def _hyphen_noun(word: str) -> bool:
    """ "KI-Firma", "KI-Zentrum": an acronym before a capitalised noun is a (German) compound noun, not a name."""
    return bool(re.search(r"-[^\W\d_][^\W\d_A-Z]{2,}$", word)) and not word.split("-")[-1].isupper()


def english_runs(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Runs of capitalised English-style words with an acronym ("AI Competence for Sweden") in local text."""
    if not lex.english_runs:
        return []
    out = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and tokens[j].cap
            and (j == i or joined(text, tokens[j - 1], tokens[j]) or _ampersand(text, tokens[j - 1], tokens[j]))
            and not lex.is_stop(tokens[j].text)
        ) or (
            j > i
            and j + 1 < len(tokens)
            and tokens[j].low in lex.run_connectors
            and tokens[j].low not in lex.stopwords  # Dutch/German "in"
            and joined(text, tokens[j - 1], tokens[j])
            and tokens[j + 1].cap
        ):
            j += 1
        run = tokens[i:j]
        if len(run) < 2 or not any(t.acronym for t in run):
            i = max(j, i + 1)
            continue
        while run and (
            _describes(run[0], lex) or any(_head(run[0], g, lex) for g in (lex.organisation, lex.programme))
        ):
            run = run[1:]  # "Plattform Helmholtz AI", "Nätverket AI Lund": the cue noun is not part of the name
        # a capitalised sentence-initial word is no evidence of a name ("Verantwoorde AI ontstaat …")
        # nor is a run after a number ("2509 AC Den Haag", "500 Millionen US-Dollar"), nor a plural ("ELSA Labs")
        after_number = i > 0 and tokens[i - 1].text[0].isdigit() and joined(text, tokens[i - 1], tokens[i])
        after_number = after_number or (i > 0 and tokens[i - 1].low in lex.roles)  # "lector Responsible IT": a chair
        if (
            len(run) >= 2
            and any(t.acronym and not _hyphen_noun(t.text) for t in run)
            and any(t.cap and not t.acronym and not t.sentence_start for t in run)
            and not after_number
            and not any(t.low.endswith(p) for t in run for p in lex.plural_heads)
        ):
            out.append(Hit(run[0].start, run[-1].end, " ".join(t.text for t in run), "programme"))
        i = max(j, i + 1)
    return out


def _compound_prefixes(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """ "Smarterinitiativet" names the programme "Smarter" when "Smarter" also stands alone in the text."""
    alone = {t.text for k, t in enumerate(tokens) if t.cap and not (k and tokens[k - 1].low in lex.stopwords)}
    out = []
    for tok in tokens:
        head = _programme_suffix(tok.low, lex.lang) if tok.cap else None
        prefix = tok.text[: len(tok.text) - len(head)] if head else ""
        if prefix in alone and not lex.is_stop(prefix):
            out.append(Hit(tok.start, tok.start + len(prefix), prefix, "programme"))
    return out


@lru_cache(maxsize=1 << 16)
def _programme_suffix(low: str, lang: str) -> str | None:
    """The first programme head word that a longer word ends with ("initiativet" in "smarterinitiativet")."""
    return next((h for h in lexicon(lang).programme.heads if low.endswith(h) and len(low) > len(h)), None)
