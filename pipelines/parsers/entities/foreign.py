"""Universities and institutes named in their own language inside a Swedish, Dutch or German text ("Politechnika
Wrocławska", "Université de Lyon", "Česká zemědělská univerzita v Praze", "Luonnonvarakeskus"), found by the head
words of other languages (``foreign_bodies`` in data/lang/en/entities.yaml) without a gazetteer row."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipelines.parsers.entities.lexicon import Lexicon, lexicon
from pipelines.parsers.entities.tokens import Hit, Token, ending_in, joined
from pipelines.text_keys import fold


@dataclass(frozen=True)
class ForeignWords:
    """Head words that lead a name, head words (and compound ends) that close one, and the link words inside."""

    first: frozenset[str]
    last: tuple[str, ...]
    links: tuple[tuple[str, ...], ...]  # longest first
    max_words: int


@lru_cache(maxsize=1)
def foreign_words() -> ForeignWords:
    """The ``foreign_bodies`` data, folded."""
    data = lexicon("en").raw.get("foreign_bodies") or {}
    links = sorted({tuple(fold(w).split()) for w in data.get("links") or ()}, key=len, reverse=True)
    return ForeignWords(
        first=frozenset(fold(w) for w in data.get("heads_first") or ()),
        last=tuple(fold(w) for w in data.get("heads_last") or ()),
        links=tuple(links),
        max_words=int(data.get("max_words", 4)),
    )


@lru_cache(maxsize=1)
def _candidate_endings() -> tuple[str, ...]:
    """Closing head words and the leading ones (a word that is a leading head also ends in it)."""
    words = foreign_words()
    return words.last + tuple(sorted(words.first))


def foreign_bodies(text: str, tokens: list[Token], lex: Lexicon) -> list[Hit]:
    """Names led by a foreign head ("Universidad Politécnica de Madrid") or closed by one ("Helsingin yliopisto")."""
    words = foreign_words()
    out = []
    for i in ending_in(tokens, _candidate_endings()):  # the only tokens either test below may accept
        tok = tokens[i]
        if tok.cap and tok.low in words.first:
            lo, hi = i, _proper_words(text, tokens, i + 1, words, lex)
            if hi == i + 1:
                continue  # "Academia" alone names nothing
        elif tok.low.endswith(words.last):
            lo = _words_before(text, tokens, i, words, lex)
            # "Luonnonvarakeskus": a capitalised compound of a closing head names a body alone
            compound = tok.cap and not tok.sentence_start and tok.low not in words.last
            if lo == i and not compound:
                continue  # "yliopisto" alone
            hi = _proper_words(text, tokens, i + 1, words, lex, links_only=True)
        else:
            continue
        out.append(
            Hit(
                tokens[lo].start,
                tokens[hi - 1].end,
                " ".join(text[tokens[lo].start : tokens[hi - 1].end].split()),
                "organisation",
            )
        )
    return out


def _proper_words(
    text: str, tokens: list[Token], k: int, words: ForeignWords, lex: Lexicon, links_only: bool = False
) -> int:
    """Index after the capitalised words, and link words each followed by one, that go on a name from ``k``."""
    while k < len(tokens) and joined(text, tokens[k - 1], tokens[k]):
        link = next((n for n in map(len, words.links) if _link_at(tokens, k, n, words)), 0)
        if link and k + link < len(tokens) and tokens[k + link].cap and not tokens[k + link].sentence_start:
            k += link + 1
        elif (
            not links_only
            and tokens[k].cap
            and not tokens[k].sentence_start
            and tokens[k].low not in lex.stopwords_and_roles
        ):
            k += 1
        else:
            break
    return k


def _link_at(tokens: list[Token], k: int, n: int, words: ForeignWords) -> bool:
    span = tokens[k : k + n]
    return len(span) == n and tuple(t.low for t in span) in words.links and all(t.text.islower() for t in span)


def _words_before(text: str, tokens: list[Token], i: int, words: ForeignWords, lex: Lexicon) -> int:
    """Start of the words before a closing head ("Česká zemědělská univerzita"): up to ``max_words`` words that are
    no stop words of the text's language, starting with a capitalised one; ``i`` if there is none."""
    lo = i
    while (
        lo > 0
        and i - lo < words.max_words
        and not tokens[lo].sentence_start
        and joined(text, tokens[lo - 1], tokens[lo])
        and tokens[lo - 1].text.isalpha()
        and tokens[lo - 1].low not in lex.stopwords_and_roles
    ):
        lo -= 1
    while lo < i and not tokens[lo].cap:
        lo += 1  # "universitetet Česká …": the text's own noun before the name
    return lo
