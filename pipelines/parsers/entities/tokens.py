"""Word tokens with their offsets and surface facts, and the spans (hits) that name entities."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from pipelines.parsers.entities.gazetteer import Entry
from pipelines.parsers.entities.lexicon import Lexicon, name_abbreviations, suspended_connectors, uppercase_letters
from pipelines.regex_words import NOTHING
from pipelines.text_keys import TOKEN, fold

_UP = uppercase_letters()
# two capitals or more, led by two capitals or with no more lower- than upper-case letters, and no
# lower-case word after a hyphen: "KIMed", "GO-Bio", "SeRC", "ScaDS.AI", not "LinkedIn", "Jan-Ingvar", "AI-fabriek"
_ACRONYM_FORM = re.compile(rf"^(?=(?:.*[{_UP}]){{2}})(?!.*-[^\W\d_{_UP}])[{_UP}][\w.-]{{1,11}}$")


def is_acronym(word: str) -> bool:
    """Whether a word has the form of an acronym (not a Roman numeral: "Kristian IV")."""
    if not _ACRONYM_FORM.match(word) or not word.strip("IVX"):
        return False
    upper = sum(c.isupper() for c in word)
    return not word[1].islower() or upper >= sum(c.islower() for c in word)


# "e-Hälsa", "eLaw": a one-letter prefix before a capital (unless the letter is an elided word after an apostrophe,
# as in "’s-Hertogenbosch": see ``tokenize``)
_PREFIXED_CAPITAL = re.compile(rf"^[^\W\d_{_UP}]-?[{_UP}]")
APOSTROPHES = "'’"
SENTENCE_END = frozenset('.!?:;–—-"”„“(\n')  # a token after one of these (and spaces) starts a sentence


# --------------------------------------------------------------------------- tokens


class Token(NamedTuple):
    """A word with its offsets and the facts of its surface (computed once per distinct word)."""

    text: str
    start: int
    end: int
    sentence_start: bool
    low: str  # fold(text)
    cap: bool  # capitalised, or a digit-led word that is not a number ("3D")
    acronym: bool


@lru_cache(maxsize=1 << 16)
def _word_facts(word: str, elided: bool = False) -> tuple[str, bool, bool]:
    """(folded, capitalised, acronym) of a token's text; ``elided``: the token follows an apostrophe, so a first
    letter is an elided word, no prefix."""
    prefixed = not elided and bool(_PREFIXED_CAPITAL.match(word))
    cap = word[0].isupper() or (word[0].isdigit() and not word.isdigit()) or prefixed
    return fold(word), cap, is_acronym(word)


@lru_cache(maxsize=1 << 12)
def _starts_sentence(gap: str) -> bool:
    """Whether the text between two tokens ends a sentence: a mark of SENTENCE_END, then only spaces (cached: the
    same few gaps, ", " or ".\n\n", recur)."""
    body = gap.rstrip()
    return (body != "" and body[-1] in SENTENCE_END) or "\n" in gap[len(body) :]


@lru_cache(maxsize=1)
def _suspended() -> re.Pattern[str]:
    """'Computer- und Biowissenschaften', 'Hälso- och sjukvårdsnämnden': a word, a hyphen, a connector, a word."""
    conns = "|".join(re.escape(c) for c in sorted(suspended_connectors(), key=len, reverse=True)) or NOTHING
    # the hyphen first, then the word before it: a pattern led by a literal is searched fast
    return re.compile(rf"-(?<=\w-)[ \u00a0](?:{conns})[ \u00a0](?=\w)")


# a token with the gap of non-word characters before it (every gap: a token ends where word characters end). Each match
# starts where the last one ended (after a word character, or at the text's start): the lookbehind makes a search fail
# at once inside a gap, which a text ending in a long run of non-word characters would otherwise rescan per character
_GAPPED_TOKEN = re.compile(rf"(?<!\W)(\W*+)({TOKEN.pattern})")
_APOSTROPHE_SET = frozenset(APOSTROPHES)
_new_tuple = tuple.__new__  # builds a Token without the Python-level ``__new__`` of a NamedTuple
_START, _END, _LOW = attrgetter("start"), attrgetter("end"), attrgetter("low")


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; a token is sentence-initial after . ! ? : a dash, quote or newline.

    A suspended compound ("Computer- und Biowissenschaften") is one token: its parts name one thing."""
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for gap, word in _GAPPED_TOKEN.findall(text):
        start = end + len(gap)
        end = start + len(word)
        if gap == " " and tokens:
            # a concatenation builds the tuple in one step (unpacking goes through a list): 160k tokens per 360 pages
            append(_new_tuple(Token, (word, start, end, False) + _word_facts(word)))  # noqa: RUF005
        else:
            facts = _word_facts(word, gap[-1:] in _APOSTROPHE_SET)
            append(_new_tuple(Token, (word, start, end, not tokens or _starts_sentence(gap)) + facts))  # noqa: RUF005
    if "- " in text or "-\u00a0" in text:
        tokens = _join_suspended(text, tokens)
    if any(a in text for a in name_abbreviations()):  # the pattern of ``_abbreviation`` matches only these
        tokens = _join_abbreviations(text, tokens)
    return tokens


@lru_cache(maxsize=1)
def _abbreviation() -> re.Pattern[str]:
    """ "St. Gallen", "S:t Görans": a name abbreviation before a capitalised word."""
    forms = "|".join(re.escape(a) for a in name_abbreviations()) or NOTHING
    return re.compile(rf"(?<![\w.:])(?:{forms})(?=[ \u00a0][{_UP}])")


def _join_abbreviations(text: str, tokens: list[Token]) -> list[Token]:
    """An abbreviation that continues a name is one token, and the word after it does not start a sentence."""
    matches = list(_abbreviation().finditer(text))
    if not matches:
        return tokens
    out: list[Token] = []
    k = 0
    for m in matches:
        first = token_starting_at(tokens, m.start())
        if first is None or first < k:
            continue
        last = first
        while last + 1 < len(tokens) and tokens[last + 1].start < m.end():
            last += 1
        if last + 1 >= len(tokens):
            continue
        out += tokens[k:first]
        word = m.group()
        out.append(Token(word, m.start(), m.end(), tokens[first].sentence_start, *_word_facts(word)))
        nxt = tokens[last + 1]
        out.append(nxt._replace(sentence_start=False))
        k = last + 2
    return out + tokens[k:]


def _join_suspended(text: str, tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    skip_to = 0
    for m in _suspended().finditer(text):
        k = token_ending_at(tokens, m.start())
        if k is None or k < skip_to or k + 2 >= len(tokens) or tokens[k + 2].start != m.end():
            continue
        out += tokens[skip_to:k]
        first, last = tokens[k], tokens[k + 2]
        word = text[first.start : last.end]
        out.append(Token(word, first.start, last.end, first.sentence_start, *_word_facts(word)))
        skip_to = k + 3
    return out + tokens[skip_to:] if skip_to else tokens


def ending_in(tokens: list[Token], endings: tuple[str, ...], strip: str = "") -> Iterator[int]:
    """Indices of the tokens whose folded text (less trailing ``strip`` characters) ends in one of ``endings``, found
    in one C-level pass with the test cached per distinct word (a word is tested against every ending)."""
    return compress(count(), map(ending_test(endings, strip), map(_LOW, tokens)))


class _EndsIn(dict[str, bool]):
    """Whether a folded word (less trailing ``strip`` characters) ends in one of ``endings``, kept per distinct word:
    a known word is a C-level dict lookup (``map(ends.__getitem__, ...)``); emptied when it reaches its bound."""

    def __init__(self, endings: tuple[str, ...], strip: str) -> None:
        super().__init__()
        self.endings = endings
        self.strip = strip

    def __missing__(self, low: str) -> bool:
        if len(self) >= 1 << 14:
            self.clear()
        ends = self[low] = low.rstrip(self.strip).endswith(self.endings)
        return ends


@lru_cache(maxsize=64)
def ending_test(endings: tuple[str, ...], strip: str = "") -> Callable[[str], bool]:
    """Whether a folded word (less trailing ``strip`` characters) ends in one of ``endings`` (kept per distinct word)."""
    return _EndsIn(endings, strip).__getitem__


def first_token_from(tokens: list[Token], offset: int) -> int:
    """The index of the first token starting at or after ``offset`` (``len(tokens)`` if none; by bisection)."""
    return bisect_left(tokens, offset, key=_START)


def token_starting_at(tokens: list[Token], start: int) -> int | None:
    """The index of the token starting at offset ``start``, if any (by bisection: tokens are in text order)."""
    k = first_token_from(tokens, start)
    return k if k < len(tokens) and tokens[k].start == start else None


def last_token_ending_by(tokens: list[Token], offset: int) -> int:
    """The index of the last token ending at or before ``offset`` (-1 if none; by bisection)."""
    return bisect_right(tokens, offset, key=_END) - 1


def token_ending_at(tokens: list[Token], end: int) -> int | None:
    """The index of the token ending at offset ``end``, if any (by bisection: tokens are in text order)."""
    k = bisect_left(tokens, end, key=_END)
    return k if k < len(tokens) and tokens[k].end == end else None


def joined(text: str, left: Token, right: Token) -> bool:
    """Two tokens are parts of one name only if separated by plain spaces (one or two)."""
    gap = right.start - left.end
    if gap == 1:  # the usual case: one character, no slice
        return text[left.end] in " \u00a0"
    return gap == 2 and not text[left.end : right.start].strip(" \u00a0")


def continues_name(text: str, tokens: list[Token], j: int, first: int, lex: Lexicon) -> bool:
    """Token ``j`` goes on a run of capitalised name words that starts at token ``first``: joined to the
    token before it (the first one always is), capitalised, and not a stop word."""
    return (
        (j == first or joined(text, tokens[j - 1], tokens[j]))
        and tokens[j].cap
        and tokens[j].low not in lex.stopwords_and_roles
    )


def name_run(
    text: str, tokens: list[Token], first: int, lex: Lexicon, keep: Callable[[int], bool], most: int = 3
) -> int:
    """End (a token index) of the run of up to ``most`` name words from token ``first`` (``continues_name``) that
    ``keep`` accepts, by index."""
    j = first
    while j < len(tokens) and j - first < most and continues_name(text, tokens, j, first, lex) and keep(j):
        j += 1
    return j


# --------------------------------------------------------------------------- gazetteer matching


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text, ``text[start:end]``."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """Whether the two stretches share a character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span | Token) -> bool:
        """Whether ``other`` lies within this stretch."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Hit(Span):
    """A span of text naming an entity (``Hit(start, end, name, kind, ...)``); ``entry`` set for gazetteer hits."""

    name: str
    kind: str
    entry: Entry | None = None
    acronym: str | None = None


def plain_word(tok: Token) -> bool:
    """A capitalised word with no capital, digit or mark after its first letter ("Sachsen", not "AiNed", "MedTech.AI")."""
    return tok.cap and tok.text[1:].isalpha() and tok.text[1:].islower()
