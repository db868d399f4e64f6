"""The cues of organisations named by their place in a list (``pipelines/parsers/entities/partners.py``): the
language's list words (``partner_lists`` in ``data/lang/<lang>/entities.yaml``), the contexts before and after a
listed name that say it names a body (a list noun, a partner cue, an apposition, a funding verb), and the checks that
keep people and common nouns out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipelines.parsers.entities.heads import _head
from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, joined
from pipelines.text_keys import fold

_MAX_CUE_GAP = 4  # words between a list noun and the list ("Bland de industriella partnerna finns …")


@dataclass(frozen=True)
class PartnerWords:
    """A language's list cues (``partner_lists`` in its entity data)."""

    nouns: tuple[str, ...]  # plural nouns a list of names follows ("företagen", "bedrijven", "Unternehmen")
    links: frozenset[str]  # words between such a noun and the list ("som", "als", "wie", "finns", "onder meer")
    cues: dict[str, tuple[tuple[str, ...], ...]]  # phrases before partners ("samen met"), by their last word
    articles: frozenset[str]  # articles before a listed name ("die Schwarz Gruppe")
    place_links: frozenset[str]  # "Volvo Powertrain i Skövde": a place after a listed name, not part of it
    heads: frozenset[str]  # last words of company names ("Group", "Holding"): a person's name never ends so
    describing: tuple[str, ...]  # nouns before a listed name that say it is a body ("zorgorganisatie Cordaan")
    apposition: tuple[str, ...]  # nouns of an apposition after a name that say it is a company ("een bedrijf")
    agent_verbs: frozenset[str]  # funding verbs whose subject right before them is a funder ("investerar")
    common_endings: tuple[str, ...]  # endings of common nouns ("-ungen"): a capitalised one is no name
    not_names: frozenset[str]  # capitalised words of contact lines and the like ("Presstjänst")


@lru_cache(maxsize=16)
def partner_words(lang: str) -> PartnerWords:
    """The list cues of a language (empty where the data has none)."""
    data = lexicon(lang).raw.get("partner_lists") or {}
    english = lexicon("en").raw.get("partner_lists") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in data.get(key) or ())

    return PartnerWords(
        nouns=tuple(fold(w) for w in data.get("nouns") or ()),
        links=words("links"),
        cues=_by_last_word(tuple(fold(c).split()) for c in data.get("cues") or ()),
        articles=words("articles"),
        place_links=words("place_links"),
        heads=words("heads") | {fold(w) for w in english.get("heads") or ()},  # "Tessel Robotics" in any language
        describing=tuple(fold(w) for w in data.get("describing_nouns") or ()),
        apposition=tuple(fold(w) for w in data.get("apposition_nouns") or ()),
        agent_verbs=words("agent_verbs"),
        common_endings=tuple(fold(w) for w in data.get("common_endings") or ()),
        not_names=words("not_names"),
    )


def _by_last_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        out[phrase[-1]] = (*out.get(phrase[-1], ()), phrase)
    return out


@dataclass
class _Item:
    """One name of a list: a span already found (``hit``) or a run of capitalised words (``first``..``end``)."""

    first: int
    end: int
    hit: Hit | None
    described: bool  # lowercase words before it: the list goes on, but it names nothing by itself


@lru_cache(maxsize=16)
def _role_words(lang: str) -> tuple[str, ...]:
    """Role words a describing word may end with ("kommunikationschef"): such a word introduces a person."""
    return tuple(lexicon(lang).roles)


def _lowercase_tail(word: str) -> bool:
    """ "Brightlands-campussen", "Isala-ziekenhuizen": a name hyphenated to a common noun."""
    return "-" in word and word.rsplit("-", 1)[1][:1].islower()


def _person(text: str, tokens: list[Token], item: _Item, lex: Lexicon) -> bool:
    """Whether a listed run names a person: after a speech verb or a role ("säger Anna Ek", "Sprecher ist …"),
    or before a comma and a role ("Lotta Berg, kommunikationschef")."""
    verbs = _speech_verbs(lex.lang)
    before = tokens[item.first - 1].low if item.first > 0 else ""
    if before in verbs or before.endswith(_role_words(lex.lang)):
        return True
    after = tokens[item.end] if item.end < len(tokens) else None
    return (
        after is not None
        and text[tokens[item.end - 1].end : after.start] == ", "
        and after.low.endswith(_role_words(lex.lang))
    )


@lru_cache(maxsize=16)
def _speech_verbs(lang: str) -> frozenset[str]:
    """One-word speech verbs of the language's people data ("säger", "sagt")."""
    verbs = (lexicon(lang).raw.get("people") or {}).get("verbs") or ()
    return frozenset(fold(v) for v in verbs if " " not in v)


def _cued(text: str, tokens: list[Token], k: int, lex: Lexicon, words: PartnerWords) -> bool:
    """Whether a list noun ("Unternehmen wie", "Bland deltagarna finns") or a partner cue ("samen met") ends
    right before token ``k``."""
    if k == 0 or tokens[k].sentence_start or not joined(text, tokens[k - 1], tokens[k]):
        return False
    for cue in words.cues.get(tokens[k - 1].low, ()):
        n = len(cue)
        if k >= n and tuple(t.low for t in tokens[k - n : k]) == cue:
            return all(joined(text, a, b) for a, b in zip(tokens[k - n : k], tokens[k - n + 1 : k + 1]))
    j = k - 1
    while j >= 0 and k - j <= _MAX_CUE_GAP and tokens[j].low in words.links:
        if tokens[j].sentence_start or not joined(text, tokens[j], tokens[j + 1]):
            return False
        j -= 1
    # "Unternehmen wie …", not "bedrijven AI-ontwikkeling financieren": a link word says a list follows
    return 0 <= j < k - 1 and joined(text, tokens[j], tokens[j + 1]) and tokens[j].low.endswith(words.nouns)


def _agent(text: str, tokens: list[Token], item: _Item, words: PartnerWords) -> bool:
    """Whether a name is the subject of a funding verb right after it ("Kramtal investiert"), not a common noun
    after an article ("Das Land investiert")."""
    end = item.end
    return (
        end < len(tokens)
        and tokens[end].low in words.agent_verbs
        and joined(text, tokens[end - 1], tokens[end])
        and item.hit is None
        and not item.described
        and not (item.first > 0 and tokens[item.first - 1].low in words.articles)
        and (
            item.end - item.first > 1 or not tokens[item.first].sentence_start or _named_elsewhere(tokens, item, words)
        )
    )


def _named_elsewhere(tokens: list[Token], item: _Item, words: PartnerWords) -> bool:
    """ "Bayern fördert …" with "in Bayern" elsewhere: a sentence-initial word is a name if the text also writes it
    capitalised inside a sentence and never after an article ("Gruvindustrin satsar", "das Land …" are nouns)."""
    word = tokens[item.first].text
    inside = [k for k, t in enumerate(tokens) if t.text == word and not t.sentence_start]
    return bool(inside) and not any(k > 0 and tokens[k - 1].low in words.articles for k in inside)


def _apposed(text: str, tokens: list[Token], j: int, lex: Lexicon, words: PartnerWords) -> bool:
    """Whether a name ending before token ``j`` is described by an apposition: ", een bedrijf uit …", ", ein
    Start-up aus …", ", ett AI-bolag i …" (an indefinite article, at most two lowercase words, a company noun)."""
    if j >= len(tokens) or not words.apposition or text[tokens[j - 1].end : tokens[j].start] != ", ":
        return False
    if tokens[j].low not in lex.indefinite_articles:
        return False
    for k in range(j + 1, min(j + 4, len(tokens))):
        if tokens[k].low.endswith(words.apposition):
            return True
        if tokens[k].cap or not joined(text, tokens[k - 1], tokens[k]):
            return False
    return False


def _name_like(
    run: list[Token], lex: Lexicon, words: PartnerWords, *, cued: bool, alone: bool, after_article: bool
) -> bool:
    """Whether a run of capitalised words in a list may name a company or body.

    A person's name ("Anna Svensson") alone after a cue names a person; in a language that capitalises all
    nouns a single listed word is a name only after a cue, not after an article ("die Sepsis") and not with a
    common noun's ending ("Banken")."""
    last = run[-1]
    if any(
        _head(t, lex.programme, lex) or t.text.split("-")[0] in lex.generic_acronyms or _lowercase_tail(t.text)
        for t in run
    ):
        return False  # "AI-ontwikkeling", "Brightlands-campussen": a compound common noun
    if last.low in words.heads or any(t.acronym for t in run):
        return True
    if alone and len(run) >= 2:
        return False  # "tillsammans med Anna Svensson"
    if lex.nouns_capitalised and len(run) == 1:
        return cued and not last.low.endswith(words.common_endings) and not after_article
    return True
