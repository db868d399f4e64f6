"""English-style capitalised runs in any language, and programme names inside compounds."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from pipelines.parsers.entities.extents import _ampersand
from pipelines.parsers.entities.heads import _describes, _head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, ending_in, joined
from pipelines.text_keys import fold


def english_runs(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Runs of capitalised English-style words with an acronym ("AI Competence for Sweden") in local text."""
    if not lex.english_runs:
        return []
    out = []
    plurals = lex.plural_head_endings
    stops = (
        lex.stopwords_and_roles
    )  # ``lex.is_stop(t.text)`` is ``t.low in stops``: a token's ``low`` is its folded text
    n = len(tokens)
    resume = 0  # the token after the last run read
    for i, tok in enumerate(tokens):
        if i < resume or not tok.cap or tok.low in stops:
            continue  # a run starts with a capitalised word that is no stop word
        j = i + 1
        while (
            j < n
            and tokens[j].cap
            and (joined(text, tokens[j - 1], tokens[j]) or _ampersand(text, tokens[j - 1], tokens[j]))
            and tokens[j].low not in stops
        ) or (
            j + 1 < n
            and tokens[j].low in lex.run_connectors
            and tokens[j].low not in lex.stopwords  # Dutch/German "in"
            and joined(text, tokens[j - 1], tokens[j])
            and tokens[j + 1].cap
        ):
            j += 1
        resume = j
        if j - i < 2 or not any(map(_ACRONYM, tokens[i:j])):
            continue  # one word, or no acronym among the words
        run = tokens[i:j]
        while run and (
            _describes(run[0], lex)
            or _generic_compound(run[0], lex)
            or any(_head(run[0], g, lex) for g in (lex.organisation, lex.programme))
            or (run[0].sentence_start and run[0].low in lex.links)  # "För GKN Aerospace är …": a preposition
        ):
            run = run[1:]  # "Plattform Helmholtz AI", "Nätverket AI Lund": the cue noun is not part of the name
        cut = max((k for k, t in enumerate(run[:-1]) if _describes(t, lex) or _generic_compound(t, lex)), default=-1)
        # "Göteborgsbaserade AI-bolaget Medsync Analytics AB": the name follows the noun, a company's noun names a company
        company = cut >= 0 and _describes(run[cut], lex)
        run = run[cut + 1 :]
        # "det svenska företaget AI Medical Technology": a run right after a describing noun names a company too
        k = j - len(run)
        company = company or (0 < k < j and _describes(tokens[k - 1], lex) and joined(text, tokens[k - 1], tokens[k]))
        # a capitalised sentence-initial word is no evidence of a name ("Verantwoorde AI ontstaat …")
        # nor is a run after a number ("2509 AC Den Haag", "500 Millionen US-Dollar"), nor a plural ("ELSA Labs")
        after_number = i > 0 and tokens[i - 1].text[0].isdigit() and joined(text, tokens[i - 1], tokens[i])
        after_number = after_number or (i > 0 and tokens[i - 1].low in lex.roles)  # "lector Responsible IT": a chair
        if (
            len(run) >= 2
            and any(t.acronym and not _hyphen_noun(t.text) for t in run)
            and any(t.cap and not t.acronym and not t.sentence_start for t in run)
            and not after_number
            and not any(t.low.endswith(plurals) for t in run)
            # "Franse CNRS": an adjective before a known acronym is no name of its own
            and not (len(run) == 2 and run[1].acronym and _adjective_end(lex, run[0].text, lex.adjective_suffixes))
        ):
            name = " ".join(text[run[0].start : run[-1].end].split())  # as written: "AI & Mobility Lab"
            kind = "organisation" if company else _run_kind(run, lex)
            out.append(Hit(run[0].start, run[-1].end, name, kind))
    return out


_ACRONYM = attrgetter("acronym")


def _run_kind(run: list[Token], lex: Lexicon) -> str:
    """A run ending in a legal form, or an acronym with one word and no generic acronym ("DPG Media", "RTL
    Nederland", "UVC Partners"), names a company or body; other runs ("AI Competence for Sweden") programmes."""
    english = lexicon("en").organisation
    if fold(run[-1].text.rstrip(".")) in english.legal_forms:
        return "organisation"
    if run[0].acronym and run[0].text not in lex.generic_acronyms and not any(t.low in lex.run_connectors for t in run):
        return "organisation"  # "IG Metall Zwickau", "FNV Zorg Welzijn": a body's acronym leads its name
    if len(run) == 2 and not any(t.text.split("-")[0] in lex.generic_acronyms for t in run):
        return "organisation"
    if run[-1].low in lex.body_heads:
        return "organisation"  # "Chalmers AI Research Centre", "Dalarna School of Digital Learning": a body
    if run[0].low in lex.organisation.subject_heads:
        return "organisation"  # "Institutsteil Entwicklung Adaptiver Systeme EAS": a unit named by its subject
    return "programme"


def _compound_prefixes(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """ "Smarterinitiativet" names the programme "Smarter" when "Smarter" also stands alone in the text."""
    compounds = [
        (tokens[k], head)
        for k in ending_in(tokens, _programme_heads(lex.lang))  # "Smarterinitiativet", also "Initiativet"
        if tokens[k].cap and (head := _programme_suffix(tokens[k].low, lex.lang))
    ]
    if not compounds:
        return []
    # a capital at a sentence start is no evidence ('"Leraren staan …"' and "Lerarenopleiding"), nor, where every
    # noun is capitalised, a plain noun ("Daten" and "Datenplattform"): a German prefix needs a name's shape
    alone = {
        t.text
        for k, t in enumerate(tokens)
        if t.cap and not t.sentence_start and not (k and tokens[k - 1].low in lex.stopwords)
    }
    out = []
    for tok, head in compounds:
        prefix = tok.text[: len(tok.text) - len(head)]
        plain = prefix[1:].islower() and prefix.isalpha()  # "Daten", not "InvestBW", "Smarter2"
        if prefix in alone and not lex.is_stop(prefix) and not (lex.nouns_capitalised and plain):
            out.append(Hit(tok.start, tok.start + len(prefix), prefix, "programme"))
    return out


@lru_cache(maxsize=16)
def _programme_heads(lang: str) -> tuple[str, ...]:
    return tuple(lexicon(lang).programme.heads)


@lru_cache(maxsize=1 << 16)
def _programme_suffix(low: str, lang: str) -> str | None:
    """The first programme head word that a longer word ends with ("initiativet" in "smarterinitiativet")."""
    return next((h for h in lexicon(lang).programme.heads if low.endswith(h) and len(low) > len(h)), None)


def _generic_compound(tok: Token, lex: Lexicon) -> bool:
    """ "AI-hubben", "KI-Labor": a generic acronym hyphenated to a common noun is a cue noun, not a name word."""
    return "-" in tok.text and tok.text.split("-")[0] in lex.generic_acronyms and _hyphen_noun(tok.text)


def _hyphen_noun(word: str) -> bool:
    """ "KI-Firma", "KI-Zentrum": an acronym before a capitalised noun is a (German) compound noun, not a name."""
    return bool(re.search(r"-[^\W\d_][^\W\d_A-Z]{2,}$", word)) and not word.split("-")[-1].isupper()
