"""Names found by their context rather than a head word: quoted names used as nouns, and names after
a programme cue phrase ("im Rahmen von X")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache

from pipelines.parsers.entities.gazetteer import Entry
from pipelines.parsers.entities.heads import _head, _run_noun, _word_head
from pipelines.parsers.entities.inflection import _adjective_end
from pipelines.parsers.entities.joined_names import name_particles, name_run_end
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.titles import _title_end
from pipelines.parsers.entities.tokens import Hit, Token, continues_name, ending_in, joined, last_token_ending_by
from pipelines.text_keys import fold

_COMMA = re.compile(", ")


@lru_cache(maxsize=16)
def _quotes(lang: str) -> list[re.Pattern[str]]:
    """A pattern per quote mark pair of the language: the opening mark, the quoted words (group 1), the closing one."""
    out = []
    for opening, closing in lexicon(lang).quote_marks:
        pattern = rf"{re.escape(opening)}([^\n{re.escape(opening + closing)}]{{2,120}}){re.escape(closing)}"
        if opening == closing == "'":  # an apostrophe ("'s-Hertogenbosch", "auto's") opens or closes no quote
            pattern = r"(?<![\w'])'(?=([^\n']{2,120}?)'(?!\w))"
        out.append(re.compile(pattern))
    return out


def quoted_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Quoted names used as nouns inside a sentence: 'die Ausschreibung „KI und Gesellschaft“', 'utlysningen "X"'.

    Not speech: the quote follows a word of its own sentence, starts with a capital, holds at most
    ten words and no sentence mark."""
    out = []
    for pattern in _quotes(lex.lang):
        for m in pattern.finditer(text):
            inner = m.group(1)
            before = text[max(m.start() - 80, 0) : m.start()].rstrip(" \u00a0")  # bounded: no rescans
            prev = re.search(r"\w+$", before)
            if prev is not None and fold(prev.group()) in lex.quote_non_cues and not _after_cue(before, lex):
                continue  # "Ringvorlesung „…“", "boken "…"": the title of an event or a work
            # a lowercase title counts after a cue noun only: 'de oproep "slimmer samenwerken in de zorg"'
            cued = prev is not None and _word_head(prev.group(), prev.group()[:1].isupper(), lex.lang, "programme")
            if (
                not (inner[:1].isupper() or (cued and inner[:1].isalpha()))
                or inner != inner.strip()
                or len(inner.split()) > 10
                or re.search(r"[.!?;,]\s", inner + " ")
                or not before
                # 'Ett annat, "Lärare och maskiner", leds …': a quote between commas is an apposition, not speech
                or not (before[-1].isalnum() or (before[-1] == "," and text[m.end(1) + 1 : m.end(1) + 2] == ","))
            ):
                continue
            if " " not in inner and not cued and _scare_quote(inner, before, lex):
                continue
            if inner[:1].islower() and any(w in lex.indefinite_articles for w in fold(inner).split()):
                continue  # "noemt het project 'weer een prestigeproject'": a description in quotes, no title

            last = last_token_ending_by(tokens, m.end(1))  # the quote's last word
            org = last >= 0 and tokens[last].start >= m.start(1) and _head(tokens[last], lex.organisation, lex)
            out.append(Hit(m.start(1), m.end(1), inner, "organisation" if org else "programme"))
    return out


def _after_cue(before: str, lex: Lexicon) -> bool:
    """Whether ``before`` ends with a programme cue phrase ("unter dem Titel") and names no event or work just
    before it ("ein Vortrag mit dem Titel")."""
    words = [fold(w) for w in re.findall(r"\w+", before[-60:])]
    for cue in lex.context_cues:
        if len(cue) > 1 and tuple(words[-len(cue) :]) == cue:
            return not any(w in lex.quote_non_cues for w in words[-len(cue) - 3 : -len(cue)])
    return False


def _scare_quote(word: str, before: str, lex: Lexicon) -> bool:
    """A one-word quote, not after a cue noun, that is a common noun in quotation marks: a generic acronym's
    compound ("zur „KI-Nation“", "‘AI-scan’") or a word after an indefinite article ("eine eigene „Roadmap“")."""
    head = word.split("-")[0]
    if "-" in word and head in lex.generic_acronyms and word.split("-")[-1][:1].isalpha():
        return True
    prior = before.split()[-3:]
    while (
        prior
        and prior[-1].islower()
        and fold(prior[-1]) not in lex.indefinite_articles
        and _adjective_end(lex, prior[-1], lex.adjective_suffixes) is not None
    ):
        prior.pop()  # lowercase adjectives ("eigene")
    return bool(prior) and fold(prior[-1]) in lex.indefinite_articles


def described_companies(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Organisations named after a describing noun: "företaget Sinch", "Göteborgsföretaget X AB", "das
    Start-up Konux", "het bedrijf Pacmed" (the noun, alone or ending a compound, is not part of the name)."""
    out: list[Hit] = []
    if not lex.company_nouns:
        return out
    for i in ending_in(tokens[:-1], lex.company_noun_endings):
        if _run_noun(tokens, text, i, lex):
            continue  # "het Brabant Startup Fonds": inside a name the noun describes nothing
        if lex.organisation.describing_determiners and not _determined(tokens, i, lex):
            continue  # "kleine und mittlere Unternehmen Anwendungen": a plural noun describes no name after it
        j = i + 1
        if tokens[j].sentence_start:
            continue  # "Kritiek vakbond⏎De FNV vindt": a heading's noun describes nothing in the next paragraph
        # "aannemersbedrijf Van Wijnen Utrecht": a capitalised particle of a family name starts the name
        lead = (
            j + 1 < len(tokens)
            and tokens[j].cap
            and tokens[j].low in name_particles(lex.lang)
            and joined(text, tokens[j], tokens[j + 1])
            and tokens[j + 1].cap
            and tokens[j + 1].low not in lex.stopwords_and_roles
        )
        k = j + 1 if lead else j
        while k < len(tokens) and k - j < 4:
            if (
                joined(text, tokens[k - 1], tokens[k])
                and tokens[k].cap
                and tokens[k].low not in lex.stopwords_and_roles
                and tokens[k].text not in lex.generic_acronyms
                and not tokens[k].low.endswith(lex.organisation.plural_noun_endings)  # "Unternehmen Anwendungen"
            ):
                k += 1
            elif k > j and name_run_end(text, tokens, k, lex) > k:
                k = name_run_end(text, tokens, k, lex)  # "Jan de Rijk Logistics", "Procter & Gamble"
            else:
                break
        if k > j:
            out.append(
                Hit(tokens[j].start, tokens[k - 1].end, text[tokens[j].start : tokens[k - 1].end], "organisation")
            )
    return out


def _determined(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether the noun at ``i`` follows a determiner, adjectives between ("der Logistiker X", "das Berliner Start-up
    X"), or starts a sentence with them ("Start-up X erhält …"): in a language that capitalises every noun, a noun
    after none is a plural or a common noun's, and the capitalised word after it no name."""
    k = i
    while k > 0 and i - k < 3 and not tokens[k].sentence_start:
        prev = tokens[k - 1]
        if prev.low in lex.organisation.describing_determiners:
            return True
        if (
            prev.low in lex.coordinators
            or prev.low in lex.stopwords_and_roles
            or _adjective_end(lex, prev.text, lex.adjective_suffixes) is None
        ):
            return False
        k -= 1
    return tokens[k].sentence_start


@lru_cache(maxsize=16)
def _naming_cues(lang: str) -> frozenset[str]:
    """Last words of the context cues that name what follows ("heter", "Namen"): a generic acronym may lead it."""
    return frozenset(fold(w) for w in (lexicon(lang).raw.get("programmes") or {}).get("naming_cues") or ())


@lru_cache(maxsize=16)
def _cues_by_first_word(lang: str) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
    """The language's context cues (then its acronym cues, flagged True) by their first word, in the data's order."""
    lex = lexicon(lang)
    out: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for cues, acronym_only in ((lex.context_cues, False), (lex.acronym_cues, True)):
        for cue in cues:
            out.setdefault(cue[0], []).append((tuple(cue), acronym_only))
    return out


def cued_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Programme names after a context cue: capitalised words ("im Rahmen von GO-Bio initial", "via de
    regeling X"), or after a weaker cue an acronym alone ("gefördert aus dem NGF", "uit het NGF")."""
    out = []
    by_first = _cues_by_first_word(lex.lang)
    for i, tok in enumerate(tokens):
        if tok.low not in by_first:
            continue
        for cue, acronym_only in by_first[tok.low]:
            j = i + len(cue)
            if j >= len(tokens) or (j > i + 1 and tokens[i + 1].low != cue[1]):  # the second word first: one test
                continue
            if tuple(t.low for t in tokens[i:j]) != cue:
                continue
            if not all(joined(text, a, b) for a, b in zip(tokens[i:j], tokens[i + 1 : j + 1])):
                continue
            k = j
            while (
                k < len(tokens)
                and k - j < 5
                and continues_name(text, tokens, k, j, lex)
                # "unter dem Namen AI Innovation Lab": a generic acronym only inside a longer name
                and (
                    tokens[k].text not in lex.generic_acronyms
                    or (k + 1 < len(tokens) and continues_name(text, tokens, k + 1, j, lex))
                )
            ):
                k += 1
            if acronym_only and not (
                k == j + 1 and tokens[j].acronym and tokens[j].text.split("-")[0] not in lex.generic_acronyms
            ):  # "aus der IT-Branche": a generic acronym's compound is a common noun
                continue
            head = _head(tokens[j], lex.programme, lex) if k == j + 1 else None
            opens = {q[0] for q in lex.quote_marks}
            if head and (not head[2] or text[tokens[j].end : tokens[j].end + 2].strip()[:1] in opens):
                break  # "im Rahmen der Förderrichtlinie …", "des Förderwettbewerbs „…“": the cue noun, the name follows
            naming = cue[-1] in _naming_cues(lex.lang)  # "Kursen heter AI för offentlig verksamhet": a title
            if naming and k == j and tokens[j].text in lex.generic_acronyms:
                k = _title_end(tokens, text, j + 1, lex, named_cue=True)
                k = k if k > j + 1 else j
            k = (
                _title_end(tokens, text, k, lex, naming) if k > j and not acronym_only else k
            )  # "im Rahmen von X für Y."
            if k == j + 1 and lex.is_generic(tokens[j].low):
                break  # "gefördert aus Mitteln des Landes": a common noun names nothing
            if k > j and not (k < len(tokens) and tokens[k].low in lex.links):  # "… Fonds für …": a longer name
                out.append(
                    Hit(tokens[j].start, tokens[k - 1].end, text[tokens[j].start : tokens[k - 1].end], "programme")
                )
            break
    return out


def coordinated_names(text: str, tokens: list[Token], lex: Lexicon, known: Callable[[str], Entry | None]) -> list[Hit]:
    """ "die Universitäten Bonn und Köln", "universiteten i Uppsala och Lund": a plural head before coordinated
    proper names names one organisation per name, built by the language's templates ("Universität {}") and
    kept only when ``known`` (the gazetteer) has it."""
    out = []
    firsts = {cue[0] for cue, _ in lex.plural_coordinations}
    for i, tok in enumerate(tokens):
        if tok.low not in firsts:
            continue
        for cue, templates in lex.plural_coordinations:
            j = i + len(cue)
            if j >= len(tokens) or tuple(t.low for t in tokens[i:j]) != cue:
                continue
            if not all(joined(text, a, b) for a, b in zip(tokens[i:j], tokens[i + 1 : j + 1])):
                continue
            names, k = [], j
            while k < len(tokens) and tokens[k].cap and tokens[k].low not in lex.stopwords_and_roles:
                names.append(tokens[k])
                if k + 1 < len(tokens) and text[tokens[k].end : tokens[k + 1].start] == ", ":
                    k += 1
                elif (
                    k + 2 < len(tokens)
                    and tokens[k + 1].low in lex.coordinators
                    and joined(text, tokens[k], tokens[k + 1])
                    and joined(text, tokens[k + 1], tokens[k + 2])
                ):
                    k += 2
                else:
                    break
            if len(names) < 2:
                continue
            for name in names:
                entry = next((e for e in (known(t.format(name.text)) for t in templates) if e is not None), None)
                if entry is not None:
                    out.append(Hit(name.start, name.end, entry.name, entry.kind, entry))
            break
    return out


def apposed_names(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """A programme named between commas after its cue noun: "Satsningen, AI-lyftet Östergötland, genomförs …",
    "Das Projekt, KI-Pflege 2030, startet …" (capitalised words, at most four, no function word)."""
    out = []
    for i in _before_commas(text, tokens):  # a comma after the cue noun or after its audience
        tok = tokens[i]
        head = _head(tok, lex.programme, lex)
        # "en kurs för yrkesverksamma, AI för …": the cue noun's audience before the comma
        c = i + 2 if head is not None and _audience(text, tokens, i, lex) else i
        if head is None or text[tokens[c].end : tokens[c + 1].start] != ", " or not tokens[c + 1].cap:
            continue
        if tok.cap and not tok.sentence_start and tok.low not in lex.programme.heads:
            continue  # a name of its own ("Smarterinitiativet, …"), not a cue noun
        if (end := _sentence_case_apposition(text, tokens, c + 1, lex)) is not None:
            first = tokens[c + 1]
            out.append(Hit(first.start, end, text[first.start : end], "programme"))
            continue
        if c > i:
            continue
        k = i + 1
        while k < len(tokens) and k - i <= 4 and tokens[k].cap and tokens[k].low not in lex.stopwords_and_roles:
            if k + 1 < len(tokens) and not joined(text, tokens[k], tokens[k + 1]):
                break
            k += 1
        if k < len(tokens) and k - i <= 4 and text[tokens[k].end : tokens[k].end + 1] == "," and tokens[k].cap:
            first, last = tokens[i + 1], tokens[k]
            if not (first.sentence_start and first is last):
                out.append(Hit(first.start, last.end, text[first.start : last.end], "programme"))
    return out


def _before_commas(text: str, tokens: list[Token]) -> list[int]:
    """The indices ``i`` below ``len(tokens) - 2``, in order, with ", " in ``text[tokens[i].end : tokens[i + 2].end +
    2]``: a comma right after the token or one of the next two. Only the three last tokens that end before a comma
    can have one, so the commas are found and not every token tried."""
    near: set[int] = set()
    for m in _COMMA.finditer(text):
        last = last_token_ending_by(tokens, m.start())
        near.update(range(max(last - 2, 0), min(last + 1, len(tokens) - 2)))
    return [i for i in sorted(near) if ", " in text[tokens[i].end : tokens[i + 2].end + 2]]


def _audience(text: str, tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether a link word and one lowercase word follow the cue noun at ``i`` up to a comma ("kurs för lärare,")."""
    return (
        i + 3 < len(tokens)
        and tokens[i + 1].low in lex.title_words
        and tokens[i + 2].text.isalpha()
        and tokens[i + 2].text.islower()
        and tokens[i + 2].low not in lex.stopwords_and_roles
        and joined(text, tokens[i], tokens[i + 1])
        and text[tokens[i + 2].end : tokens[i + 3].start] == ", "
    )


def _sentence_case_apposition(text: str, tokens: list[Token], j: int, lex: Lexicon) -> int | None:
    """End of a sentence-case title between commas at token ``j`` ("en ny kurs, Säker maskininlärning för
    fordonsindustrin, som …"), where verbs show by their endings: words that are no verb or clause word, closed by a
    comma and a relative word or a verb; None if there is none."""
    if not lex.verb_endings or lex.nouns_capitalised or not lex.relative_words:
        return None
    k = j
    while k < len(tokens) and k - j < 8 and (k == j or joined(text, tokens[k - 1], tokens[k])):
        tok = tokens[k]
        if tok.low in lex.clause_words or (tok.low in lex.stopwords_and_roles and tok.low not in lex.title_words):
            return None
        if k > j and not tok.cap and tok.low not in lex.title_words and tok.low.endswith(lex.verb_endings):
            return None
        k += 1
        if text[tok.end : tok.end + 2] == ", ":
            break
    else:
        return None
    after = tokens[k] if k < len(tokens) else None
    if k - j < 2 or tokens[k - 1].low in lex.title_words or text[tokens[k - 1].end : tokens[k - 1].end + 2] != ", ":
        return None
    # "…, startar i maj", "…, med start i höst": a verb or a preposition goes on after the title
    verb = (
        after is not None
        and after.text.islower()
        and (after.low.endswith(lex.verb_endings) or after.low in lex.stopwords_and_roles)
    )
    if after is None or not (after.low in lex.relative_words or after.low in lex.clause_words or verb):
        return None
    return tokens[k - 1].end


def without_cue(hits: list[Hit], cued: list[Hit]) -> list[Hit]:
    """Discovered names that hold the cue words of a name found after its cue ("Namen AI Innovation Lab" in
    "unter dem Namen AI Innovation Lab") are dropped: the cue is no part of a name."""
    if not cued:
        return hits
    starts = sorted(c.start for c in cued)
    out = []
    for h in hits:
        k = bisect.bisect_right(starts, h.start)
        if k < len(starts) and starts[k] < h.end:
            continue
        out.append(h)
    return out
