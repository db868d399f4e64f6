"""Known names and English-style runs fitted to the text around them: a legal form written after a company,
a unit named with its parent, a known name inside another proper name, plural kinds, describing nouns."""

from __future__ import annotations

import bisect
import re
from functools import cache

from pipelines.parsers.entities.acronyms import _in_order
from pipelines.parsers.entities.extents import _article_adjective
from pipelines.parsers.entities.heads import _describes, _head, _word_head
from pipelines.parsers.entities.index import GazetteerIndex
from pipelines.parsers.entities.lexicon import Lexicon, lexicon, uppercase_letters
from pipelines.parsers.entities.tokens import (
    Hit,
    Token,
    first_token_from,
    is_acronym,
    joined,
    name_run,
    token_starting_at,
)
from pipelines.regex_words import alternation
from pipelines.text_keys import fold, name_key


def _after_describing_noun(hit: Hit, tokens: list[Token], starts: list[int], lex: Lexicon) -> Hit:
    """ "Münchner Start-up Kognia Robotics GmbH": an English-style name starts after the text's own describing noun
    (``starts``: the tokens' starts, for bisection)."""
    first_k = bisect.bisect_left(starts, hit.start)
    inner = tokens[first_k : bisect.bisect_left(starts, hit.end)]
    cut = max((k for k, t in enumerate(inner[:-1]) if _describes(t, lex)), default=None)
    if cut is None and len(inner) > 2 and _article_adjective(tokens, first_k, lex):
        cut = 0  # "het Amerikaanse Index Ventures": the text's own adjective describes the name
    if cut is None:
        return hit
    first = inner[cut + 1]
    return Hit(
        first.start, hit.end, hit.name[hit.name.index(first.text) :] if first.text in hit.name else first.text, hit.kind
    )


def _after_cue(hit: Hit, tokens: list[Token], starts: list[int], lex: Lexicon) -> Hit:
    """ "unter dem Namen AI Innovation Lab": a name starts after a programme context cue that ends inside it, and
    names a programme (``starts``: the tokens' starts, for bisection)."""
    first = bisect.bisect_left(starts, hit.start)
    last = bisect.bisect_left(starts, hit.end)
    for cue in lex.context_cues:
        n = len(cue)
        for k in range(first, min(first + n - 1, last - 1)):  # the cue's last word inside the hit, not its last word
            if k - n + 1 >= 0 and tokens[k].low == cue[-1] and tuple(t.low for t in tokens[k - n + 1 : k + 1]) == cue:
                start = tokens[k + 1]
                return Hit(start.start, hit.end, hit.name[start.start - hit.start :], "programme")
    return hit


def _after_own_head(hit: Hit, tokens: list[Token], starts: list[int], lex: Lexicon) -> Hit:
    """ "das Zentrum CZS Center for AI-based Imaging": an English-style name led by the text's own head word and an
    acronym starts at the acronym (the head word is the cue noun, where the language puts cue nouns before acronyms)."""
    if not lex.organisation.cue_before_acronym:
        return hit
    k = bisect.bisect_left(starts, hit.start)
    if k + 2 < len(tokens) and tokens[k + 1].acronym and tokens[k + 2].end <= hit.end:
        head = _word_head(tokens[k].text, tokens[k].cap, lex.lang, "organisation")
        if head is not None and not head[2]:
            start = tokens[k + 1].start
            return Hit(start, hit.end, hit.name[start - hit.start :], hit.kind)
    return hit


def _generic_plural(surface: str, lex: Lexicon) -> bool:
    """ "AI-fabriker", "nationalen KI-Kompetenzzentren": a generic acronym's compound in the plural."""
    words = surface.split()
    return fold(surface).endswith(lex.plural_head_endings) and words[-1].split("-")[0] in lex.generic_acronyms


def _kind_of_known_acronym(runs: list[Hit], gaz: list[Hit]) -> list[Hit]:
    """ "ESF Plus": a run holding a known acronym is of that entry's kind."""
    acronyms = [h for h in gaz if h.acronym]
    return [
        next(
            (Hit(r.start, r.end, r.name, h.kind) for h in acronyms if r.start <= h.start and h.end <= r.end),
            r,
        )
        for r in runs
    ]


def _not_inside_proper_name(text: str, tokens: list[Token], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """ "Den Bosch", "Van Gogh": in a language that writes common nouns in lowercase, a capitalised word right
    before a one-word known name (not at a sentence start, no function word) makes it part of another name."""
    if lex.nouns_capitalised:
        return hits
    out = []
    for h in hits:
        k = token_starting_at(tokens, h.start)
        before = tokens[k - 1] if k else None
        if (
            k is not None
            and before is not None
            and h.acronym is None
            and " " not in text[h.start : h.end]
            and before.cap
            and not before.acronym
            and not before.sentence_start
            and before.low not in lex.stopwords_and_roles
            and joined(text, before, tokens[k])
            and not (h.kind == "organisation" and _article_adjective(tokens, k - 1, lex))
        ):
            continue
        out.append(h)
    return out


def _units_and_parents(text: str, hits: list[Hit], index: GazetteerIndex, lex: Lexicon) -> list[Hit]:
    """A known name that holds its parent after a unit link ("Sahlgrenska akademin vid Göteborgs universitet",
    "… at Lund University") names two things: the unit and its parent (when the parent is known too)."""
    links = (*lex.unit_links, *lexicon("en").unit_links)
    out = []
    for h in hits:
        surface = text[h.start : h.end]
        for link in links if h.acronym is None else ():
            cut = surface.find(f" {link} ")
            parent = index.entry_named(surface[cut + len(link) + 2 :]) if cut > 0 else None
            if parent is not None and parent is not h.entry:
                start = h.start + cut + len(link) + 2
                out.append(Hit(h.start, h.start + cut, h.name, h.kind, h.entry))
                out.append(Hit(start, h.end, index.name_of(parent, text[start : h.end]), parent.kind, parent))
                break
        else:
            out.append(h)
    return out


def _with_legal_form(text: str, hits: list[Hit]) -> list[Hit]:
    """ "NXP Semiconductors N.V.", "Stifterverband … e.V.", "Meta Platforms, Inc.", "SEW-EURODRIVE GmbH & Co KG": a
    known organisation's mention takes the legal form written after it (after a comma only the English forms)."""
    grammar = lexicon("en").organisation
    out = []
    for h in hits:
        m = _legal_form(grammar.legal_form_tails).match(text, h.end)
        form = m.group(2).rstrip(".") if m else ""
        if (
            m
            and h.entry is not None
            and h.entry.kind == "organisation"
            and h.acronym is None
            and fold(form) in grammar.legal_forms
            and (not m.group(1) or fold(form) in grammar.legal_forms_after_comma)
        ):
            h = Hit(h.start, m.start(2) + len(form) + (len(m.group(3)) if m.group(3) else 0), h.name, h.kind, h.entry)
        out.append(h)
    return out


@cache
def _legal_form(tails: tuple[str, ...]) -> re.Pattern[str]:
    """ " GmbH", ", Inc.", " e.V.", " GmbH & Co. KG": one legal form (a dotted abbreviation or a short word), maybe
    with one of the language data's ``legal_form_tails`` after it (group 3)."""
    tail = rf"( (?:{alternation(tails, flexible_spaces=False)})\b)?" if tails else "()?"
    return re.compile(r"(,)? ([A-Za-z](?:[\w.]{0,5}))(?=[\s,;:)]|$)" + tail)


_DASH_ACRONYM = re.compile(rf" [–-] ([{uppercase_letters()}][\w&-]{{1,11}})(?=[\s,.;:)]|$)")


def _with_dash_acronym(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Leibniz-Institut für Präventionsforschung und Epidemiologie – BIPS": an organisation's name written with its
    acronym after a dash is one name (a mention of the acronym itself there is taken into it; a known acronym of
    another entity stays its own: "Universität Bremen – DFKI")."""
    at = {h.start: h for h in hits}
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        m = _DASH_ACRONYM.match(text, h.end)
        other = at.get(m.start(1)) if m else None
        if (
            m
            and h.kind == "organisation"
            and h.acronym is None
            and is_acronym(m.group(1))
            and (other is None or other.entry is None or other.entry is h.entry)
        ):
            name = h.name if h.entry is not None else h.name + text[h.end : m.end()]
            h = Hit(h.start, m.end(), name, h.kind, h.entry)
        out.append(h)
    return out


def _sub_programmes(text: str, tokens: list[Token], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """ "AiNed XS Europa", "Digital Futures Postdoctoral Fellowship": capitalised words written right after a known
    programme name one of its lines (up to three words, not a name of its own, not where every noun is capitalised);
    the same words alone elsewhere in the text name that line too."""
    if lex.nouns_capitalised:
        return hits
    at = {h.start: h for h in hits}
    lines: dict[str, str] = {}
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        k = first_token_from(tokens, h.end + 1)
        end = h.end
        if h.kind == "programme" and h.entry is not None and k < len(tokens) and tokens[k].start == h.end + 1:

            def keep(j: int, k: int = k) -> bool:
                known = at.get(tokens[j].start)
                return (
                    not tokens[j].sentence_start
                    and (j == k or known is None)
                    and (known is None or known.entry is None)
                )

            run_end = name_run(text, tokens, k, lex, keep)
            for j in range(k, run_end):
                word = tokens[j].text
                if "-" in word and word.split("-", 1)[1][:1].islower():  # "Fellowship-beurzen": the line, then a noun
                    end = tokens[j].start + word.index("-")
                    break
                end = tokens[j].end
        if end > h.end and text[h.end] == " ":
            lines[text[h.end + 1 : end]] = text[h.start : end]
            h = Hit(h.start, end, text[h.start : end], "programme")
        out.append(h)
    return [Hit(h.start, h.end, lines[h.name], "programme") if h.entry is None and h.name in lines else h for h in out]


def _type_names(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """ "die größte Hochschule für angewandte Wissenschaften": a discovered name that is a kind of body names nothing;
    right after a name and a dash it is part of that name ("Hochschule Karlsruhe – University of Applied Sciences")."""
    out: list[Hit] = []
    for h in hits:
        if h.entry is not None or h.acronym is not None or name_key(h.name) not in lex.type_names:
            out.append(h)
        elif out and out[-1].kind == "organisation" and text[out[-1].end : h.start] in (" – ", " - "):
            last = out[-1]
            name = last.name if last.entry is not None else text[last.start : h.end]
            out[-1] = Hit(last.start, h.end, name, last.kind, last.entry, last.acronym)
    return out


_NUMBER = re.compile(r" (\d{3,4})(?![\w.,]*\d)(?=[\s,.;:)]|$)")


_EDITION = re.compile(r" (?:II|III|IV|V|VI|VII|VIII|IX)\b")  # a lowercase word after it is no region (below)
_REGION = re.compile(r" (?:[^\W\d_]+-)+[^\W\d_]+\b")  # "Alpenrhein-Bodensee-Hochrhein", "Sverige-Norge"


def _editions(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Interreg VI Alpenrhein-Bodensee-Hochrhein": a programme's edition (a Roman numeral) and the hyphenated
    region after it are one name, a programme of its own."""
    out = []
    for h in hits:
        m = _EDITION.match(text, h.end) if h.kind == "programme" else None
        region = _REGION.match(text, m.end()) if m else None
        if region and all(p[:1].isupper() for p in region.group().strip().split("-")):
            h = Hit(h.start, region.end(), text[h.start : region.end()], h.kind, None, h.acronym)
        out.append(h)
    return out


def _numbered(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Schwerpunktprogramm SPP 2363", "SFB 1483": a programme acronym with its number is one name."""
    out = []
    for h in hits:
        m = _NUMBER.match(text, h.end)
        if m and h.kind == "programme" and h.entry is None and is_acronym(text[h.start : h.end]):
            h = Hit(h.start, m.end(), text[h.start : m.end()], h.kind, None, h.acronym)
        out.append(h)
    return out


def _owner_and_unit(text: str, known: list[Hit], found: list[Hit], lex: Lexicon) -> list[Hit]:
    """ "Västra Götalandsregionens regionutvecklingsnämnd", "Lunds universitets forskningsnämnd": a discovered name
    led by, or right after, a known name in the genitive and going on in lowercase names the owner's unit; the unit's
    mention starts after the owner, which keeps its own."""
    owners = [h for h in known if h.entry is not None and h.kind == "organisation" and h.acronym is None]
    by_start = {h.start: h for h in owners}
    by_next = {h.end + 1: h for h in owners}
    out = []
    for h in found:
        owner = by_start.get(h.start) or by_next.get(h.start)
        if (
            owner is not None
            and h.kind == "organisation"
            and owner.end < h.end
            and fold(text[owner.start : owner.end]).endswith(lex.genitive)
            and text[owner.end : owner.end + 1] == " "
            and text[owner.end + 1 : owner.end + 2].islower()
        ):
            name = h.name if owner.start == h.start else f"{text[owner.start : owner.end]} {h.name}"
            h = Hit(owner.end + 1, h.end, name, h.kind)
        out.append(h)
    return out


_TITLE_DASHES = (" – ", " — ", " - ")


def _dash_titles(text: str, tokens: list[Token], hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """ "Pilotprojekt KIVA – KI in der Verwaltungsarbeit", "programmet Lantmätare – geografisk IT": a programme
    found by context and the subtitle written after it with a dash are one name (the acronym alone, elsewhere in the
    text, is an alias of it)."""
    at = {h.start: h for h in hits}
    long: dict[str, str] = {}
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        end = _subtitle_end(text, tokens, h, at, lex) if h.kind == "programme" and h.entry is None else None
        if end is not None:
            acronym = h.name if is_acronym(h.name) else None
            subtitle = text[h.end + 3 : end]
            # "AININ – Artificial Intelligence Network Ingolstadt": the acronym's long form names it
            expands = acronym and subtitle[0] == acronym[0] and _in_order(acronym, subtitle)
            name = subtitle if expands and not any(is_acronym(w) for w in subtitle.split()) else text[h.start : end]
            if acronym:
                long[acronym] = name
            h = Hit(h.start, end, name, "programme", None, acronym)
        out.append(h)
    return [
        Hit(h.start, h.end, long[h.name], h.kind, None, h.name) if h.entry is None and h.name in long else h
        for h in out
    ]


def _subtitle_end(text: str, tokens: list[Token], h: Hit, at: dict[int, Hit], lex: Lexicon) -> int | None:
    """End of a subtitle after ``h`` and a spaced dash: capitalised words, the language's title words and (where
    verbs show by their endings) lowercase words that are no verb, closed by a clause mark or a lowercase word (the
    sentence's verb); None if there is none, it starts with a function word or it holds a known name."""
    if text[h.end : h.end + 3] not in _TITLE_DASHES:
        return None
    k = first_token_from(tokens, h.end + 3)
    if k >= len(tokens) or tokens[k].start != h.end + 3:
        return None
    first = tokens[k]
    if first.low in lex.stopwords_and_roles or first.low in lex.clause_words or first.text[:1].isdigit():
        return None
    if any(_head(first, g, lex) for g in (lex.organisation, lex.programme)):
        return None  # "KIMed – Netzwerk für Künstliche Intelligenz": the kind of thing, described
    inner = lex.title_words | lex.run_connectors
    j = k
    while j < len(tokens) and j - k < 10 and (j == k or joined(text, tokens[j - 1], tokens[j])):
        t = tokens[j]
        if t.start in at and at[t.start].entry is not None:
            return None  # "Programm X – Universität Bremen": another name
        sentence_case = (
            bool(lex.verb_endings)
            and t.text.isalpha()
            and not t.low.endswith(lex.verb_endings)
            and t.low not in lex.clause_words
            and t.low not in lex.stopwords_and_roles
        )
        if not (j == k or t.cap or t.low in inner or sentence_case):
            break
        j += 1
    while j > k and tokens[j - 1].low in inner and not tokens[j - 1].cap:
        j -= 1
    if j == k or (j == k + 1 and first.acronym):
        return None  # "Secure Processing Environment - SPE": its acronym
    if j < len(tokens) and joined(text, tokens[j - 1], tokens[j]):
        if not tokens[j].text[:1].islower():
            return None
        rest = text[tokens[j].start : tokens[j].start + 200].split(".")[0].split("\n")[0]
        if any(d in rest for d in _TITLE_DASHES[:2]):
            return None  # "Das Projekt X – Partner ist die Stadt – läuft": a dash pair around a clause
    return tokens[j - 1].end
