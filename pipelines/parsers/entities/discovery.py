"""Names no gazetteer has, built around head words: ``[pre-modifiers] HEAD [proper words | link complement]``;
English-style capitalised runs; programme names inside compounds."""

from __future__ import annotations

import re

from pipelines.parsers.entities.boundaries import (
    _article_link,
    _complement_premodifiers,
    _coordinated_owners,
    _english_and,
    _object_noun,
    _owned_compound,
)
from pipelines.parsers.entities.extents import (
    _ampersand,
    _company_start,
    _complement,
    _dash_after_number,
    _describing_cue,
    _own_acronym,
    _proper_compound,
)
from pipelines.parsers.entities.heads import _describes, _head, _post_ok, _pre_ok, _run_noun, head_candidates, in_role
from pipelines.parsers.entities.inflection import _adjective_end, base_adjective
from pipelines.parsers.entities.lexicon import Lexicon
from pipelines.parsers.entities.lowercase_tails import _lowercase_tail, _post_list, _subject_link
from pipelines.parsers.entities.runs import _generic_compound
from pipelines.parsers.entities.spelling import _base_of_last, _legal_tail, _spelled
from pipelines.parsers.entities.titles import (
    YEAR_WORD,
    _after_indefinite,
    _dangling_adjective,
    _indefinite_before,
    _lowercase_adjective,
    _title_end,
)
from pipelines.parsers.entities.tokens import Hit, Token, is_acronym, joined, plain_word

_BRACKET_NEXT = re.compile(r"\s*\(")  # matched at an offset: no copy of the text's rest


def discover(text: str, tokens: list[Token], kind: str, lex: Lexicon, among: list[int]) -> list[Hit]:
    """Names built around head words of one kind ("organisation" or "programme"); ``among``: the text's
    ``heads_of_any`` (the tokens that may be heads), found once for all calls."""
    grammar = lex.grammar(kind)
    plurals = lex.plural_head_endings
    out = []
    for i in head_candidates(tokens, lex.lang, kind, among):  # a head word, or a compound or genitive of one, ends so
        tok = tokens[i]
        head = _head(tok, grammar, lex) or _owned_compound(text, tokens, i, kind, lex)
        if head is None:
            continue
        head_word, head_stem, compound = head
        if tok.low in lex.roles:
            continue  # "Regionrådet Anna Ek", "Kommunalrådet …": a person's title ending in a head word
        lo = i
        if tok.low.endswith(plurals):
            continue  # "KI-Zentren", "AI-programma's": a plural names a kind of thing
        while (
            lo > 0
            and i - lo < grammar.max_premodifiers
            and joined(text, tokens[lo - 1], tokens[lo])
            and (_pre_ok(tokens[lo - 1], lex) or _run_noun(tokens, text, lo - 1, lex))
            and not _generic_compound(tokens[lo - 1], lex)  # "AI-hubben Sundsvall AI Hub": a cue noun
        ):
            lo -= 1
        lo = _coordinated_owners(tokens, text, lo, i, lex, grammar)
        if head_word in grammar.adjective_heads and not tokens[lo].low.endswith(grammar.place_adjective_endings):
            continue  # "de Zeeuwse Staten" is a council, "de Verenigde Staten" a country
        if (
            grammar.adjectives_describe
            and not tok.cap
            and lo < i
            and all(_adjective_end(lex, t.text, lex.adjective_suffixes) for t in tokens[lo:i])
        ):
            lo = i  # "de Drentse gemeente Emmen": an adjective before a lowercase head describes the body
        if (
            lo == i
            and compound
            and head_word in grammar.body_compounds
            and i > 0
            and joined(text, tokens[i - 1], tok)
            and tokens[i - 1].low not in lex.stopwords_and_roles
            and tokens[i - 1].text.islower()
            and _adjective_end(lex, tokens[i - 1].text, lex.adjective_suffixes)
        ):
            lo = i - 1  # "regionala tillväxtnämnden": an adjective names the body with it
        if (
            lo < i
            and tok.cap
            and tokens[lo].sentence_start
            and not tokens[lo].acronym
            and _adjective_end(lex, tokens[lo].text, lex.adjective_suffixes) is None
            and not (lo + 1 == i and compound and tokens[lo].low.endswith(lex.genitive))  # "Dalarnas Kommunförbund"
        ):
            lo += 1  # "Kontakta Avdelningen …": a capitalised head may itself start the sentence
        start = _company_start(tokens, text, lo, i, head_word, lex, grammar)
        if start is None:
            continue  # "2500 AB Den Haag": a legal form ends a company's name, it never starts one
        lo = start
        hi = i + 1
        adjectives_only = grammar.complement_after_names or _complement_premodifiers(tokens, lo, i, kind, lex)
        if (
            hi < len(tokens)
            and (tokens[hi].low in lex.links or tokens[hi].low in grammar.extra_links)
            and joined(text, tok, tokens[hi])  # "… Stiftung.\n\nDer Zulieferer …": a link word of the next sentence
            and adjectives_only
            and (tok.cap or head_word not in grammar.subject_heads)  # "de afdeling van X": X owns the unit
            and (
                tok.cap
                or (
                    tokens[min(hi + 1, len(tokens) - 1)].cap
                    and not compound
                    and not _generic_compound(tokens[min(hi + 1, len(tokens) - 1)], lex)  # "program för AI-kompetens"
                )
            )
        ):
            hi = _complement(tokens, text, hi, lex, grammar) if hi + 1 < len(tokens) else hi
            hi = max(hi, i + 1)
            hi = _own_acronym(tokens, text, lo, hi)
        if head_word in grammar.legal_forms and hi == i + 1:
            tail = _legal_tail(lex.lang).match(text, tok.end)  # "Drägerwerk AG & Co. KGaA": the form goes on
            while tail and hi < len(tokens) and tokens[hi].start < tail.end():
                hi += 1
        subjects = head_word in grammar.subject_heads  # "Fakultät Natur und Technik", "Fachbereich 4 – Informatik"
        # "högskolans Institution för …": a lowercase head in the genitive owns the name after it, no word of it
        if hi == i + 1 and (tok.cap or not tok.low.endswith(tuple(head_word + g for g in lex.genitive))):
            while (
                hi < len(tokens)
                and hi - i <= 5
                and (
                    joined(text, tokens[hi - 1], tokens[hi])
                    or _ampersand(text, tokens[hi - 1], tokens[hi])
                    or (subjects and _dash_after_number(text, tokens[hi - 1], tokens[hi]))
                )
            ):
                # "das Landesprogramm Wirtschaft KI-Projekte in …": a generic compound noun after the name is an object
                if hi > i + 1 and lex.nouns_capitalised and _generic_compound(tokens[hi], lex):
                    break
                if kind == "organisation" and _object_noun(tokens[hi], hi - i, lex):
                    break  # "der Freistaat Bayern Hochschulen …", "mit der Hochschule Schulungen …": the object
                if _post_ok(tokens[hi], lex):
                    hi += 1
                elif (
                    (grammar.post_connectors or subjects or _english_and(tokens, hi, lex))
                    and hi > i + 1
                    and hi + 1 < len(tokens)
                    and ((tokens[hi].low,) in lex.connectors or _english_and(tokens, hi, lex))
                    and joined(text, tokens[hi], tokens[hi + 1])
                    and _post_ok(tokens[hi + 1], lex)
                    and not tokens[hi + 1].text[0].isdigit()  # "programmet X och 12 andra"
                    and _head(tokens[hi + 1], grammar, lex) is None  # "… en provincie X": another name
                ):
                    hi += 2
                elif subjects and hi > i + 1 and (link := _subject_link(text, tokens, hi, grammar)):
                    hi += link  # "lectoraat Betrouwbare AI in de Zorg"
                elif hi > i + 1 and (link := _article_link(text, tokens, hi, grammar, lex)):
                    hi += link  # "Stiftung Innovation in der Hochschullehre"
                else:
                    break
            if hi > i + 1 and (tok.cap or kind == "organisation"):  # "de faculteit Elektrotechniek, Wiskunde en …"
                hi = _post_list(tokens, text, hi, lex, grammar)
        while (
            hi > i + 1
            and tokens[hi - 1].text.isdigit()
            # "Preis Junge Forschung 2025 der …": a year after a name names its edition
            and not (YEAR_WORD.match(tokens[hi - 1].text) and hi - 1 > i + 1 and tokens[hi - 2].cap)
            and hi < len(tokens)
            and tokens[hi].text[:1].islower()
            # "Medizinische Klinik 8 am Klinikum": the unit's own number ("das Projekt 2022 in": a year)
            and (tokens[hi].low not in lex.stopwords_and_roles or YEAR_WORD.match(tokens[hi - 1].text))
        ):
            hi -= 1  # "programma X 12 projecten": a count after the name
        named_after_cue = (
            hi > i + 1 and tokens[i + 1].low not in lex.links and tokens[i + 1].low not in grammar.extra_links
        )
        if grammar.drop_lowercase_cue and named_after_cue and (not tok.cap or tok.sentence_start) and lex.clause_words:
            hi = _lowercase_tail(tokens, text, hi, lex, grammar)
        short_hi = hi  # the name before a title's extension: taken where the longer one meets a known name
        if kind == "programme" and named_after_cue:
            hi = _title_end(tokens, text, hi, lex)  # "Förderprogramm Digitalisierung in Studium und Lehre."
            if short_hi == i + 2 and tokens[i + 1].low in lex.generic_names:
                short_hi = hi
            if hi == i + 2 and _dangling_adjective(tokens, text, hi, lex):
                continue  # "de KIC-call Maatschappelijk verantwoord innoveren": a title cut after its adjective
        if named_after_cue and not tok.cap and head_word in grammar.cue_heads:
            # "het kenniscentrum Creating 010", "stichting Health-RI": the cue noun, then the name
            named = tokens[i + 1]
            out.append(Hit(named.start, tokens[hi - 1].end, text[named.start : tokens[hi - 1].end], kind))
            continue
        if (
            compound
            and head_word in grammar.body_compounds
            and (not tok.cap or tok.sentence_start)
            and in_role(tokens, lo, i, lex)
        ):
            continue  # "ordförande i regionala tillväxtnämnden", "kommunstyrelsens ordförande": a person's title
        if (head_word in grammar.complement_heads or (lo == i and head_word in grammar.site_heads)) and not (
            hi > i + 1 and (tokens[i + 1].low in lex.links or tokens[i + 1].low in grammar.extra_links)
        ):
            continue  # "Senatorin Vogt" is a person, "Senatorin für Wissenschaft" a body, "Campus Lingen" a site
        alone = lo == i and hi == i + 1
        if alone and compound and text[tok.end : tok.end + 2].strip()[:1] in {q[0] for q in lex.quote_marks}:
            continue  # "des Förderwettbewerbs „…“": a cue noun before the quoted name
        if alone and (_describing_cue(tok, kind, lex) or (compound and tok.text.split("-")[0] in lex.generic_acronyms)):
            continue  # "AI-noden", "KI-Zentrum": a generic compound noun; "Fackförbundet har …": a describing noun
        if (
            kind == "organisation"
            and compound
            and lo == i
            and _generic_compound(tok, lex)
            and hi > i + 1
            and (tokens[i + 1].low in lex.links or tokens[i + 1].low in grammar.extra_links)
        ):
            continue  # "KI-Zentrum für die Landwirtschaft", "KI-Labor für Studierende": a description of a kind
        proper = alone and compound and _proper_compound(tok, lex)
        if (proper or (alone and compound and head_word in grammar.standalone_compounds)) and (
            i > 0 and tokens[i - 1].low in lex.indefinite_articles
        ):
            continue  # "einer Bund-Länder-Initiative", "einen Klimafonds": a description
        if (
            alone
            and not proper
            and not (
                compound
                and tok.cap
                and head_word in grammar.standalone_compounds
                # "Forskningscentrum är …": a sentence's first word is no evidence of a name for a capitalised head
                and not (tok.sentence_start and head_word in grammar.cased_heads)
            )
            and not (compound and head_word in grammar.body_compounds)
            and not (tok.cap and head_word in grammar.standalone_heads)
            # "het landelijke Deltaprogramma", "bland annat Ämneslärarprogrammet": where nouns are lowercase, a
            # capitalised closed compound of a programme head inside a sentence is a name
            and not (
                kind == "programme"
                and compound
                and tok.cap
                and "-" not in tok.text  # a hyphenated compound is ``proper`` or not ("SAILS-programma")
                and not tok.sentence_start
                and not lex.nouns_capitalised
            )
        ):
            continue
        if (
            kind == "organisation"
            and lo > 0
            and _indefinite_before(tokens, lo, i, hi, lex)
            and joined(text, tokens[lo - 1], tokens[lo])
            and not _BRACKET_NEXT.match(text, tokens[hi - 1].end)
        ):
            # "ein (neues) Kompetenzzentrum für X" describes a body unless an acronym defines it (a network: often named)
            continue
        linked = hi > i + 1 and (tokens[i + 1].low in lex.links or tokens[i + 1].low in grammar.extra_links)
        generic_cue = compound and tok.text.split("-")[0] in lex.generic_acronyms
        # "KI-Programm für die Landesverwaltung", "het Europese EFRO-programma voor …": a description
        bare_cue = "-" in tok.text and tok.low.rsplit("-", 1)[1] == head_word
        # "de KIC-call X", "de Saxion-opleiding X" (where nouns are lowercase): an owner's cue, the name follows
        owner = tok.text.split("-")[0]
        acronym_cue = (
            kind == "programme"
            and bare_cue
            and not generic_cue
            and (is_acronym(owner) or (not lex.nouns_capitalised and owner[:1].isupper()))
        )
        # "het ZonMw-programma Doelmatigheidsonderzoek", "de Saxion-opleiding Verpleegkunde": an owner's cue noun
        owner_cue = kind == "programme" and bare_cue and not generic_cue and tok.cap and not tok.sentence_start
        # ("Nationaal AI-netwerk voor de Zorg": a proper word before a generic compound makes it a name)
        if kind == "programme" and linked and bare_cue and ((generic_cue and lo == i) or acronym_cue):
            continue
        if (
            kind == "programme"
            and linked
            and lo == i
            and _after_indefinite(tokens, i, lex, head_word in grammar.described_heads)
            and not _BRACKET_NEXT.match(text, tokens[hi - 1].end)  # "ein Netzwerk für … (KIMed)": defined, a name
        ):
            continue  # "eine neue Professur für angewandte KI", "eine Stiftungsprofessur für …": a description
        if kind == "programme" and linked and not tok.cap and tokens[i + 1].low in grammar.owner_links:
            continue  # "de strategie van Fontys": a thing its owner has, no name
        if (
            kind == "programme"
            and linked
            and not tok.cap
            and hi == i + 3
            and tokens[i + 2].text in lex.generic_acronyms
        ):
            continue  # "opent subsidieregeling voor AI": a lowercase cue noun and its topic, no name
        if (
            (grammar.cue_before_acronym or generic_cue)
            and lo < i < hi - 1
            and tokens[i + 1].acronym
            and all(_adjective_end(lex, t.text, lex.adjective_suffixes) for t in tokens[lo:i])
        ):
            lo = i  # "im europäischen Netzwerk ELLIS": the adjectives describe the cue noun
        # "die Professur Teil des …", "de minor AI in de zorg": a common noun or a generic acronym names nothing
        generic_name = (
            kind == "programme"
            and hi == i + 2
            and (lex.is_generic(tokens[i + 1].low) or tokens[i + 1].text in lex.generic_acronyms)
        )
        cue_compound = kind == "programme" and tok.low.startswith(grammar.cue_prefixes)  # "Förderprogramm X"
        if (
            (grammar.cue_before_acronym or generic_cue or acronym_cue or owner_cue or _describing_cue(tok, kind, lex))
            and lo == i
            and hi > i + 1
            and not linked
            and not generic_name
            and (
                # "het AI-programma ELLIS": a generic compound is a cue noun ("die KI-Strategie Sachsen": a head)
                (generic_cue and not (hi == i + 2 and plain_word(tokens[i + 1]) and lex.nouns_capitalised))
                or acronym_cue  # "de KIC-call X": a known body's call, named by what follows
                or owner_cue
                or cue_compound  # "Förderprogramm Next Generation Computing", "Landesprogramm InvestBW"
                or _describes(tok, lex)  # "die Beteiligungsgesellschaft Next47"
                or (tokens[i + 1].acronym and tokens[i + 1].text not in lex.generic_acronyms)
                # "das Programm Digital Jetzt": after an article the bare cue noun is not part of the name either
                or (
                    kind == "programme"
                    and not compound
                    and i > 0
                    # "den berufsbegleitenden Master X": an article, or a lowercase adjective after one
                    and (tokens[i - 1].low in lex.stopwords or _lowercase_adjective(tokens[i - 1], lex))
                    and (not tokens[i + 1].acronym or hi > i + 2)
                    and head_word not in grammar.name_heads  # "der Masterstudiengang Angewandte KI": one name
                )
            )
        ):
            # "das Netzwerk KIMed", "Landesprogramm KI-Starter": the cue noun is not part of the name
            for end in {hi, short_hi}:
                out.append(
                    Hit(tokens[i + 1].start, tokens[end - 1].end, text[tokens[i + 1].start : tokens[end - 1].end], kind)
                )
            continue
        if generic_name and lo == i and not cue_compound:
            continue  # a common noun after a cue noun names nothing; "Landesprogramm Wirtschaft" keeps its cue
        described_compound = False
        if kind == "programme" and bare_cue and not generic_cue and tok.cap and lo < i and hi == i + 1:
            # "het Europese Copernicus-programma": adjectives before a proper name's compound describe it
            while lo < i and not tokens[lo].acronym and _adjective_end(lex, tokens[lo].text, lex.adjective_suffixes):
                lo += 1
                described_compound = True
        # the name is the text's words with their inflection undone: adjectives before the head, the head's and
        # the last word's genitive ("des Sächsischen Landtags" -> "Sächsischer Landtag")
        forms = {
            k: base_adjective(tokens[k].text, grammar.heads.get(head_word), lex)
            for k in range(lo, i)
            if _adjective_end(lex, tokens[k].text, lex.adjective_suffixes)
        }
        forms[i] = head_stem
        if compound and (lo < i or described_compound) and hi == i + 1 and bare_cue:
            forms[i] = head_stem.rsplit("-", 1)[0]  # "het Data Science Research Infrastructure-project"
        if hi > i + 1:
            forms[hi - 1] = _base_of_last(text, tokens, hi, lex)
        parts = list(range(lo, i))
        head_part = [i]
        # a common noun as cue ("programmet X", sentence-initial "Satsningen X", "Pilotprojektet X") is not the name
        common = not tok.cap or (tok.sentence_start and head_word not in grammar.cased_heads)
        cue_only = (lo < i) != (hi > i + 1) and (not compound or not tok.cap or (lo == i and grammar.drop_compound_cue))
        # "het Europese netwerk X", "Vinnovas program X": adjectives or an owner's genitive describe the cue
        # ("LTU på Campus Skellefteå kursen X": a lowercase cue noun with a name after it starts the name anew)
        described = lo < i < hi - 1 and (
            not tok.cap
            or all(
                _adjective_end(lex, t.text, lex.adjective_suffixes) or (t.cap and t.low.endswith(lex.genitive))
                for t in tokens[lo:i]
            )
        )
        if grammar.drop_lowercase_cue and common and not linked and described:
            parts, lo = [], i  # "het Europese netwerk ELLIS": adjectives describe the cue, the name follows
        opening_cue = kind == "programme" and grammar.drop_lowercase_cue and tok.sentence_start and common
        if opening_cue and linked and lo == i and hi == i + 3:
            continue  # "Projektet i Umeå startar": a common cue noun and where it runs
        if grammar.drop_lowercase_cue and common and not linked and (cue_only or described):
            head_part = []
        if (
            kind == "programme"
            and lex.nouns_capitalised
            and compound
            and hi == i + 1
            and lo < i
            and all(t.text[:1].islower() for t in tokens[lo:i])
        ):
            continue  # "ein österreichisches Großprojekt": lowercase adjectives and a compound noun describe
        if kind == "programme" and compound and not tok.cap and hi == i + 1:
            continue  # "een nieuw Europees onderzoeksproject": a lowercase compound names only what follows it
        if (
            not head_part
            and hi == i + 1
            and all(t.sentence_start or _adjective_end(lex, t.text, lex.adjective_suffixes) for t in tokens[lo:i])
        ):
            continue  # "het Europese fonds", "Zijn project heet …": the cue dropped leaves no name
        span = [*parts, *head_part, *range(i + 1, hi)]
        out.append(Hit(tokens[span[0]].start, tokens[span[-1]].end, _spelled(text, tokens, span, forms), kind))
        if short_hi < hi and (head_part or short_hi > i + 1):
            span = [*parts, *head_part, *range(i + 1, short_hi)]
            out.append(Hit(tokens[span[0]].start, tokens[span[-1]].end, _spelled(text, tokens, span, forms), kind))
    return out
