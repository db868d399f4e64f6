"""Shared machinery for organisation and programme finding.

- :class:`Lexicon`: the language words of ``data/lang/<lang>/entities.yaml``.
- :func:`gazetteer_hits`: one Aho–Corasick pass over a text for all gazetteer names, aliases,
  acronyms and their inflected variants (casefolded names, case-sensitive acronyms, word boundaries).
- :func:`discover`: head-word grammar ``[pre-modifiers] HEAD [proper words | link complement]``
  for names no gazetteer has, with inflected surfaces rewritten to a base form.
- :func:`acronym_definitions`: "Long Name (ACR)", "ACR (Long Name)", "(Long Name - ACR)".
- :func:`resolve`: merges all of these into non-overlapping mentions with stable ids.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple

import ahocorasick

from pipelines import langdata
from pipelines.gazetteer import Entry, Gazetteer, load_gazetteer

TOKEN = re.compile(r"\w+(?:[-.'’&/]\w+)*")
ACRONYM = re.compile(r"^(?=(?:.*[A-ZÅÄÖÜ]){2})[A-ZÅÄÖÜ][\w.-]{1,11}$")
SENTENCE_END = frozenset(".!?:;–—-\"”„“(\n")  # a token after one of these (and spaces) starts a sentence


def fold(text: str) -> str:
    """Lower-case without changing the length, so offsets stay valid."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def norm_key(text: str) -> str:
    """Casefolded, whitespace- and punctuation-normalised comparison key."""
    return " ".join(TOKEN.findall(text.casefold()))


def slug(text: str) -> str:
    """ASCII slug: 'Örebro universitet' -> 'orebro-universitet'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _words(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(fold(v) for v in values or ())


@dataclass(frozen=True)
class Grammar:
    """Head words of one kind (organisation or programme) and how names form around them."""

    kind: str
    heads: dict[str, str | None]           # folded head -> gender (for adjective base forms)
    cased_heads: frozenset[str]            # heads that only count when capitalised in the text
    standalone_compounds: frozenset[str]   # compound tails that make a name alone ("Utbildningsdepartementet")
    drop_lowercase_cue: bool               # "programmet Smarter" -> "Smarter"
    post_connectors: bool                  # "deelprogramma Mensen en Vaardigheden"
    default_for_acronyms: bool = False
    head_lengths: tuple[int, ...] = ()     # for compounds ending in a head: "Aufbaubank"
    cue_before_acronym: bool = False       # "das Netzwerk KIMed" -> "KIMed"


@dataclass(frozen=True)
class Lexicon:
    """Language words for entity finding (``data/lang/<lang>/entities.yaml``)."""

    lang: str
    country: str
    stopwords: frozenset[str]
    roles: frozenset[str]
    name_words: frozenset[str]
    links: frozenset[str]
    connectors: tuple[tuple[str, ...], ...]
    adjective_suffixes: tuple[str, ...]
    lowercase_adjective_suffixes: tuple[str, ...]
    lowercase_complement: bool
    compounds: bool
    genitive: tuple[str, ...]
    adjective_nominative: dict[str, str]
    adjective_inflected: tuple[str, ...]
    english_runs: bool
    run_connectors: frozenset[str]
    run_tail_words: frozenset[str]
    generic_acronyms: frozenset[str]
    indefinite_articles: frozenset[str]
    organisation: Grammar
    programme: Grammar
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    def is_stop(self, token: str) -> bool:
        """Function words and roles never belong to a name."""
        low = fold(token)
        return low in self.stopwords or low in self.roles

    def grammar(self, kind: str) -> Grammar:
        """The organisation or programme grammar."""
        return self.organisation if kind == "organisation" else self.programme


def _grammar(kind: str, section: dict) -> Grammar:
    heads_raw = section.get("heads") or {}
    heads = {fold(k): v for k, v in (heads_raw.items() if isinstance(heads_raw, dict) else dict.fromkeys(heads_raw).items())}
    return Grammar(
        kind=kind,
        heads=heads,
        cased_heads=frozenset(fold(k) for k in heads_raw if k[:1].isupper()) - frozenset(k for k in heads_raw if k[:1].islower()),
        standalone_compounds=_words(section.get("standalone_compounds")),
        drop_lowercase_cue=bool(section.get("drop_lowercase_cue", False)),
        post_connectors=bool(section.get("post_connectors", False)),
        default_for_acronyms=bool(section.get("default_for_acronyms", False)),
        head_lengths=tuple(sorted({len(h) for h in heads}, reverse=True)),
        cue_before_acronym=bool(section.get("cue_before_acronym", False)),
    )


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The entity lexicon of a language (English words if the language has none)."""
    data = langdata.load(lang, "entities") or langdata.load("en", "entities")
    infl = data.get("inflection") or {}
    adj = infl.get("adjective") or {}
    return Lexicon(
        lang=lang,
        country=data.get("country", "xx"),
        stopwords=_words(data.get("stopwords")),
        roles=_words(data.get("roles")),
        name_words=_words(data.get("name_words")),
        links=_words(data.get("links")),
        connectors=tuple(tuple(fold(c).split()) for c in data.get("connectors") or ()),
        adjective_suffixes=tuple(adj.get("suffixes") or ()),
        lowercase_adjective_suffixes=tuple(adj.get("lowercase_pre_suffixes") or ()),
        lowercase_complement=bool(data.get("lowercase_complement", False)),
        compounds=bool(data.get("compounds", False)),
        genitive=tuple(infl.get("genitive") or ()),
        adjective_nominative=dict(adj.get("nominative") or {}),
        adjective_inflected=tuple(adj.get("inflected") or ()),
        english_runs=bool(data.get("english_runs", False)),
        run_connectors=_words(langdata.load("en", "entities").get("run_connectors")),
        run_tail_words=_words(langdata.load("en", "entities").get("run_tail_words")) if data.get("english_runs") else frozenset(),
        generic_acronyms=frozenset(data.get("generic_acronyms") or ()),
        indefinite_articles=_words(data.get("indefinite_articles")),
        organisation=_grammar("organisation", data.get("organisations") or {}),
        programme=_grammar("programme", data.get("programmes") or {}),
        raw=data,
    )


# --------------------------------------------------------------------------- tokens

class Token(NamedTuple):
    """A word with its offsets and the facts of its surface (computed once per distinct word)."""

    text: str
    start: int
    end: int
    sentence_start: bool
    low: str        # fold(text)
    cap: bool       # capitalised, or a digit-led word that is not a number ("3D")
    acronym: bool


@lru_cache(maxsize=1 << 16)
def _word_facts(word: str) -> tuple[str, bool, bool]:
    """(folded, capitalised, acronym) of a token's text."""
    return fold(word), word[0].isupper() or (word[0].isdigit() and not word.isdigit()), bool(ACRONYM.match(word))


def _starts_sentence(gap: str) -> bool:
    """Whether the text between two tokens ends a sentence: a mark of SENTENCE_END, then only spaces."""
    body = gap.rstrip()
    return (body != "" and body[-1] in SENTENCE_END) or "\n" in gap[len(body):]


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; a token is sentence-initial after . ! ? : a dash, quote or newline."""
    tokens = []
    prev_end = 0
    for m in TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        gap = text[prev_end:start]
        tokens.append(Token(word, start, end, not tokens or (gap != " " and _starts_sentence(gap)), *_word_facts(word)))
        prev_end = end
    return tokens


def joined(text: str, left: Token, right: Token) -> bool:
    """Two tokens are parts of one name only if separated by plain spaces."""
    gap = text[left.end:right.start]
    return 0 < len(gap) <= 2 and gap.strip(" \u00a0") == ""


# --------------------------------------------------------------------------- inflection

def _adjective_end(lex: Lexicon, word: str, ends: Iterable[str]) -> str | None:
    low = fold(word)
    if not any(low.endswith(s) for s in lex.adjective_suffixes):
        return None
    return next((e for e in sorted(ends, key=len, reverse=True) if low.endswith(e)), None)


def variants(name: str, lex: Lexicon) -> set[str]:
    """Inflected forms of a known name: genitives and inflected leading adjectives (data rules)."""
    forms = {name}
    forms |= {name + g for g in lex.genitive}
    words = name.split(" ")
    lead = 0
    while lead < len(words) - 1 and _adjective_end(lex, words[lead], lex.adjective_nominative.values()):
        lead += 1
    for infl in lex.adjective_inflected:
        new = list(words)
        for i in range(lead):
            end = _adjective_end(lex, words[i], lex.adjective_nominative.values())
            new[i] = words[i][: len(words[i]) - len(end)] + infl
        if lead:
            forms.add(" ".join(new))
            forms |= {" ".join(new) + g for g in lex.genitive}
    return forms


def base_adjective(word: str, gender: str | None, lex: Lexicon) -> str:
    """'Sächsischen' before a feminine head -> 'Sächsische'; capitalised as part of a name."""
    end = _adjective_end(lex, word, lex.adjective_inflected)
    if end is not None and lex.adjective_nominative:
        word = word[: len(word) - len(end)] + lex.adjective_nominative.get(gender or "", next(iter(lex.adjective_nominative.values())))
    return word[:1].upper() + word[1:]


def strip_genitive(word: str, known: Iterable[str], lex: Lexicon) -> str:
    """'universitets' -> 'universitet' when the stem is a known word."""
    low = fold(word)
    for g in lex.genitive:
        if low.endswith(g) and low[: -len(g)] in known:
            return word[: -len(g)]
    return word


# --------------------------------------------------------------------------- gazetteer matching

@dataclass(frozen=True, slots=True)
class Hit:
    """A span of text naming an entity; ``entry`` set for gazetteer hits."""

    start: int
    end: int
    name: str
    kind: str
    entry: Entry | None = None
    acronym: str | None = None


class GazetteerIndex:
    """Aho–Corasick automaton over all names, aliases, acronyms and variants of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[Entry, str | None]]] = {}
        for entry in (*gazetteer.organisations.values(), *gazetteer.programmes.values()):
            for name in (entry.name, *entry.aliases):
                for form in variants(name, lex):
                    table.setdefault(fold(form), []).append((entry, None))
            for acr in entry.acronyms:
                for form in {acr, *(acr + g for g in lex.genitive)}:
                    table.setdefault(fold(form), []).append((entry, acr))
        for key, values in table.items():
            self.automaton.add_word(key, (len(key), values))
        if table:
            self.automaton.make_automaton()
        self.compounds = lex.compounds
        self.countries = None if lex.country == "xx" else {None, "EU", lex.country.upper()}

    def _local(self, entry: Entry) -> bool:
        """Acronyms are ambiguous across countries: only those of the language's country (or EU) count,
        except in English text, which may be about any country."""
        return self.countries is None or entry.country in self.countries

    def hits(self, text: str) -> list[Hit]:
        """All candidate gazetteer spans (overlapping; resolved later)."""
        if not len(self.automaton):
            return []
        folded = fold(text)
        out = []
        for end_idx, (length, values) in self.automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            compound_tail = end < len(text) and text[end].isalnum()
            for entry, acr in values:
                surface = text[start:end]
                if acr is not None and (not surface.startswith(acr) or not self._local(entry)):
                    continue
                if compound_tail and not self._compound_ok(text, start, end, entry, acr):
                    continue
                kind = entry.kind
                out.append(Hit(start, end, entry.name, kind, entry, acr))
        return out

    def _compound_ok(self, text: str, start: int, end: int, entry: Entry, acr: str | None) -> bool:
        """'Vinnovafinansierade' names Vinnova: a one-word proper name starting a lowercase compound."""
        if not self.compounds or acr is not None or " " in text[start:end] or not text[start].isupper():
            return False
        tail = re.match(r"\w+", text[end:]).group()
        return len(tail) >= 4 and tail.islower()


@lru_cache(maxsize=32)
def _index(gazetteer: Gazetteer, lang: str) -> GazetteerIndex:
    return GazetteerIndex(gazetteer, lexicon(lang))


def gazetteer_index(lang: str, gazetteer: Gazetteer) -> GazetteerIndex:
    """The (cached) automaton for a gazetteer and language."""
    return _index(gazetteer, lang)


# Gazetteer is a frozen dataclass of dicts (unhashable); hash it by identity for the cache.
Gazetteer.__hash__ = object.__hash__  # type: ignore[method-assign]
Gazetteer.__eq__ = object.__eq__  # type: ignore[method-assign]


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
            head = next((word[-n:] for n in grammar.head_lengths if len(word) >= n + 2 and word[-n:] in grammar.heads), None)
            if head:
                return head, stem, True
    return None


def _possessive_acronym(tok: Token, lex: Lexicon) -> bool:
    """"EU's", "KTH:s": the genitive of an acronym names the owner, not part of the name that follows."""
    return any(tok.text.endswith(g) and tok.text[: -len(g)].rstrip("'’").isupper() and len(tok.text) - len(g) > 1
               for g in lex.genitive)


def _pre_ok(tok: Token, lex: Lexicon) -> bool:
    if lex.is_stop(tok.text) or tok.text.isdigit() or _possessive_acronym(tok, lex):
        return False
    return tok.cap or tok.low.endswith(lex.lowercase_adjective_suffixes)


def _post_ok(tok: Token, lex: Lexicon) -> bool:
    low = tok.low
    if lex.is_stop(tok.text) or low in lex.links:
        return False
    return tok.cap or low in lex.name_words or strip_genitive(low, lex.name_words, lex) != low or tok.text[0].isdigit() \
        or low in lex.run_tail_words


def _segment(tokens: list[Token], text: str, i: int, lex: Lexicon) -> int:
    """End index (exclusive) of one complement segment at i: adjectives then a noun; i if none."""
    j = i
    while j < len(tokens) and (j == i or joined(text, tokens[j - 1], tokens[j])) and not lex.is_stop(tokens[j].text) \
            and _adjective_end(lex, tokens[j].text, lex.adjective_suffixes) is not None and not tokens[j].cap:
        j += 1
    if j < len(tokens) and (j == i or joined(text, tokens[j - 1], tokens[j])) and not lex.is_stop(tokens[j].text):
        if tokens[j].cap:
            k = j + 1
            while k < len(tokens) and joined(text, tokens[k - 1], tokens[k]) and tokens[k].cap and not lex.is_stop(tokens[k].text):
                k += 1
            return k
        if lex.lowercase_complement and tokens[j].text.isalpha():
            return j + 1
    return i


def _complement(tokens: list[Token], text: str, i: int, lex: Lexicon, grammar: Grammar) -> int:
    """End index of 'link complement (connector complement)*' starting at the link token i; i if none.

    A segment after a connector that holds a head word starts a new name ("… of X and Y Institute").
    """
    end = _segment(tokens, text, i + 1, lex) if joined(text, tokens[i], tokens[i + 1]) else i + 1
    if end == i + 1:
        return i
    while end < len(tokens):
        for conn in lex.connectors:
            k = end + len(conn)
            if k < len(tokens) and [t.low for t in tokens[end:k]] == list(conn) and \
                    all(joined(text, a, b) for a, b in zip(tokens[end - 1:k], tokens[end:k + 1])):
                nxt = _segment(tokens, text, k, lex)
                if nxt > k and not any(_head(t, grammar, lex) for t in tokens[k:nxt]):
                    end = nxt
                    break
        else:
            return end
    return end


def discover(text: str, tokens: list[Token], kind: str, lex: Lexicon) -> list[Hit]:
    """Names built around head words of one kind ("organisation" or "programme")."""
    grammar = lex.grammar(kind)
    out = []
    for i, tok in enumerate(tokens):
        head = _head(tok, grammar, lex)
        if head is None:
            continue
        head_word, head_stem, compound = head
        lo = i
        while lo > 0 and i - lo < 3 and joined(text, tokens[lo - 1], tokens[lo]) and _pre_ok(tokens[lo - 1], lex):
            lo -= 1
        if lo < i and tok.cap and tokens[lo].sentence_start and not tokens[lo].acronym \
                and _adjective_end(lex, tokens[lo].text, lex.adjective_suffixes) is None:
            lo += 1  # "Kontakta Avdelningen …": a capitalised head may itself start the sentence
        hi = i + 1
        adjectives_only = all(_adjective_end(lex, t.text, lex.adjective_suffixes) for t in tokens[lo:i])
        if hi < len(tokens) and tokens[hi].low in lex.links and adjectives_only and (tok.cap or tokens[min(hi + 1, len(tokens) - 1)].cap):
            hi = _complement(tokens, text, hi, lex, grammar) if hi + 1 < len(tokens) else hi
            hi = max(hi, i + 1)
        if hi == i + 1:
            while hi < len(tokens) and hi - i <= 4 and joined(text, tokens[hi - 1], tokens[hi]):
                if _post_ok(tokens[hi], lex):
                    hi += 1
                elif grammar.post_connectors and hi > i + 1 and hi + 1 < len(tokens) and (tokens[hi].low,) in lex.connectors \
                        and joined(text, tokens[hi], tokens[hi + 1]) and _post_ok(tokens[hi + 1], lex):
                    hi += 2
                else:
                    break
        alone = lo == i and hi == i + 1
        if alone and not (compound and head_word in grammar.standalone_compounds):
            continue
        if kind == "organisation" and lo > 0 and tokens[lo - 1].low in lex.indefinite_articles \
                and joined(text, tokens[lo - 1], tokens[lo]) and not re.match(r"\s*\(", text[tokens[hi - 1].end:]):
            # "ein Kompetenzzentrum für Big Data" describes an organisation, unless an acronym defines it;
            # networks and projects are often introduced by name with "ein" ("ein Netzwerk für Robotik und Pflege")
            continue
        if grammar.cue_before_acronym and lo == i and hi == i + 2 and not compound and tokens[i + 1].acronym:
            out.append(Hit(tokens[i + 1].start, tokens[i + 1].end, tokens[i + 1].text, kind))
            continue
        parts = [base_adjective(t.text, grammar.heads.get(head_word), lex) if _adjective_end(lex, t.text, lex.adjective_suffixes)
                 else t.text for t in tokens[lo:i]]
        tail = [t.text for t in tokens[i + 1:hi]]
        if tail:
            tail[-1] = strip_genitive(tail[-1], lex.name_words, lex)
        head_part = [head_stem]
        linked = hi > i + 1 and tokens[i + 1].low in lex.links
        if grammar.drop_lowercase_cue and not tok.cap and not compound and not linked and (lo < i) != (hi > i + 1):
            head_part = []
        span = tokens[lo:i] + ([tok] if head_part else []) + tokens[i + 1:hi]
        out.append(Hit(span[0].start, span[-1].end, " ".join(parts + head_part + tail), kind))
    return out


def english_runs(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Runs of capitalised English-style words with an acronym ("AI Competence for Sweden") in local text."""
    if not lex.english_runs:
        return []
    out = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].cap and (j == i or joined(text, tokens[j - 1], tokens[j])) \
                and not lex.is_stop(tokens[j].text) or (j > i and j + 1 < len(tokens) and tokens[j].low in lex.run_connectors
                                                        and tokens[j].low not in lex.stopwords  # Dutch/German "in"
                                                        and joined(text, tokens[j - 1], tokens[j]) and tokens[j + 1].cap):
            j += 1
        run = tokens[i:j]
        # a capitalised sentence-initial word is no evidence of a name ("Verantwoorde AI ontstaat …")
        if len(run) >= 2 and any(t.acronym for t in run) and any(t.cap and not t.acronym and not t.sentence_start for t in run):
            out.append(Hit(run[0].start, run[-1].end, " ".join(t.text for t in run), "programme"))
        i = max(j, i + 1)
    return out


# --------------------------------------------------------------------------- acronyms

def _long_start(acr: str, words: list[Token]) -> int | None:
    """Schwartz–Hearst: index of the word where the long form of ``acr`` starts among ``words``."""
    letters = [c.lower() for c in acr if c.isalnum()]
    flat = " ".join(w.text for w in words).lower()
    li = len(flat) - 1
    for si in range(len(letters) - 1, -1, -1):
        while li >= 0 and (flat[li] != letters[si] or (si == 0 and li > 0 and flat[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    offsets = [sum(len(w.text) + 1 for w in words[:k]) for k in range(len(words))]
    return max(k for k, off in enumerate(offsets) if off <= li + 1)


def acronym_definitions(text: str, tokens: list[Token], hits: list[Hit]) -> list[tuple[Hit, str]]:
    """(long-form hit, acronym) pairs from "Long Name (ACR)", "(Long Name - ACR)" and "ACR (Long Name)".

    A long form already found (``hits``) is reused; otherwise the words the acronym's letters
    point to are taken (Schwartz–Hearst), with an empty ``kind`` for the caller to decide.
    """
    by_end = {h.end: h for h in hits}
    by_start = {h.start: h for h in hits}
    # tokens are in text order and do not overlap: find ranges by bisection, not by scanning them all
    # for every parenthesis (that was quadratic: 5,000 "Name (ACR)" pairs took minutes)
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]

    def between(first_start: int, last_end: int) -> list[Token]:
        return tokens[bisect.bisect_left(starts, first_start):bisect.bisect_right(ends, last_end)]

    pairs = []
    for m in re.finditer(r"\(\s*([^()\n]{2,150}?)\s*\)", text):
        inner, lo, hi = m.group(1), m.start(1), m.end(1)
        dash = re.fullmatch(r"(.+?)\s+[-–]\s+(\S+)", inner)
        if ACRONYM.match(inner) or (dash and ACRONYM.match(dash.group(2))):
            acr = dash.group(2) if dash else inner
            long_end = lo + len(dash.group(1)) if dash else len(text[:m.start()].rstrip())
            window = between(lo if dash else 0, long_end)[-(len(acr) + 5):]
        else:
            before = tokens[:bisect.bisect_right(ends, m.start())]
            if not before or not before[-1].acronym or text[before[-1].end:m.start()] != " ":
                continue
            acr, long_end = before[-1].text, hi
            window = between(lo, hi)
            if len(window) < 2 or window[0].low[0] != acr[0].lower():
                continue
            known = by_start.get(lo)
            long = known if known is not None and known.end == hi else \
                Hit(window[0].start, window[-1].end, text[window[0].start:window[-1].end], "")
            pairs.append((long, acr))
            continue
        known = by_end.get(long_end)
        if known is not None:
            pairs.append((known, acr))
            continue
        first = _long_start(acr, window) if window else None
        if first is None or len(window) - first < 2:
            continue
        span = window[first:]
        pairs.append((Hit(span[0].start, span[-1].end, text[span[0].start:span[-1].end], ""), acr))
    return pairs


# --------------------------------------------------------------------------- resolution

@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved mention: canonical name, id, kind and gazetteer facts."""

    name: str
    id: str
    kind: str
    text: str
    start: int
    end: int
    type: str | None = None
    country: str | None = None


def _select(tiers: Iterable[list[Hit]]) -> list[Hit]:
    """Non-overlapping hits: earlier tiers win, then longer spans, then earlier starts."""
    taken: list[Hit] = []  # kept sorted by start; non-overlapping, so only the neighbours can overlap
    starts: list[int] = []
    for tier in tiers:
        for hit in sorted(tier, key=lambda h: (h.start - h.end, h.start)):
            i = bisect.bisect_right(starts, hit.start)
            if all(hit.end <= t.start or hit.start >= t.end for t in taken[max(i - 1, 0):i + 1]):
                taken.insert(i, hit)
                starts.insert(i, hit.start)
    return taken


def _kind_of(hit: Hit, tokens: list[Token], lex: Lexicon) -> str:
    """Kind of an unknown long form: organisation if it contains an organisation head word."""
    inner = [t for t in tokens if hit.start <= t.start and t.end <= hit.end]
    org = any(_head(t, lex.organisation, lex) for t in inner)
    return "organisation" if org or lex.organisation.default_for_acronyms else "programme"


def _extend_truncated(hits: list[Hit]) -> list[Hit]:
    """A discovered name that is a word-prefix of a longer discovered name of the same kind takes that name
    (the longest; the first found of equally long ones)."""
    keys = {(h.kind, norm_key(h.name)): h.name for h in hits if h.entry is None}
    order = {key: i for i, key in enumerate(keys)}
    ranked = sorted(keys)  # the keys extending "kind", "name " form one run from bisect_left(("kind", "name "))
    out = []
    for h in hits:
        longest = None
        if h.entry is None:
            prefix = norm_key(h.name) + " "
            i = bisect.bisect_left(ranked, (h.kind, prefix))
            candidates = []
            while i < len(ranked) and ranked[i][0] == h.kind and ranked[i][1].startswith(prefix):
                if not ranked[i][1][len(prefix)].isdigit():
                    candidates.append(ranked[i])
                i += 1
            longest = min(candidates, key=lambda key: (-len(keys[key]), order[key]), default=None)
        out.append(Hit(h.start, h.end, keys[longest], h.kind, h.entry, h.acronym) if longest else h)
    return out


def _compound_prefixes(tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """"Smarterinitiativet" names the programme "Smarter" when "Smarter" also stands alone in the text."""
    alone = {t.text for t in tokens if t.cap}
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


def _is_word_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is a regex ``\\w`` character."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _repeats(text: str, hits: list[Hit]) -> list[Hit]:
    """Further exact occurrences of names discovered elsewhere in the text: per name, what
    ``re.finditer(r"(?<!\\w)name(?!\\w)")`` finds, for all names in one Aho–Corasick pass."""
    names = {text[h.start:h.end]: h for h in hits if h.entry is None and h.acronym is None}
    if not names:
        return []
    automaton = ahocorasick.Automaton()
    for surface in names:
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    found: dict[str, list[Hit]] = {surface: [] for surface in names}
    for end_idx, surface in automaton.iter(text):  # ordered by end: for one name, by start
        start, end = end_idx + 1 - len(surface), end_idx + 1
        own = found[surface]
        if (own and start < own[-1].end) or _is_word_char(text, start - 1) or _is_word_char(text, end):
            continue  # overlaps the name's previous occurrence, or not at word boundaries
        own.append(Hit(start, end, names[surface].name, names[surface].kind))
    return [hit for surface in names for hit in found[surface]]


@lru_cache(maxsize=256)
def _find(text: str, lang: str, gazetteer: Gazetteer) -> tuple[Entity, ...]:
    lex = lexicon(lang)
    tokens = tokenize(text)
    gaz = gazetteer_index(lang, gazetteer).hits(text)
    orgs = discover(text, tokens, "organisation", lex)
    progs = discover(text, tokens, "programme", lex)
    selected = _select([gaz, orgs, progs])
    for long, acr in acronym_definitions(text, tokens, selected):
        if acr in lex.generic_acronyms or not long.name[:1].isupper():
            continue
        if not long.kind:
            long = Hit(long.start, long.end, long.name, _kind_of(long, tokens, lex))
        selected = _select([selected, [long]])
        occurrences = [Hit(m.start(), m.end(), long.name, long.kind, long.entry, acr)
                       for m in re.finditer(rf"(?<!\w){re.escape(acr)}(?!\w)", text)]
        # the text's own definition of an acronym wins over a gazetteer's reading of it
        selected = _select([occurrences, [h for h in selected if h.acronym != acr or h.entry is long.entry]])
    selected = _select([selected, english_runs(text, tokens, lex)])
    selected = _select([selected, _compound_prefixes(tokens, lex)])
    selected = _select([selected, _repeats(text, selected)])
    entities = []
    for h in _extend_truncated(selected):
        if h.entry is not None:
            entities.append(Entity(h.entry.name, h.entry.id, h.kind, text[h.start:h.end], h.start, h.end,
                                   h.entry.type, h.entry.country))
        else:
            country = None if lex.country == "xx" else lex.country.upper()
            entities.append(Entity(h.name, f"{lex.country}-{slug(h.name)}", h.kind, text[h.start:h.end],
                                   h.start, h.end, None, country))
    return tuple(entities)


def find_entities(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[Entity]:
    """All organisation and programme mentions in a text, sorted by start, non-overlapping."""
    return list(_find(text, lang, gazetteer or load_gazetteer()))
