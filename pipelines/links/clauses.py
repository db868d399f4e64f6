"""Sentences of a text as token streams in which each mention (entity, amount, date) is one slot."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import attrgetter
from typing import Literal, NamedTuple

from pipelines.models import Party

MentionKind = Literal["entity", "amount", "date"]

PUNCTUATION = frozenset(",;:()–—")  # the marks a sentence keeps as words of their own
_WORD = re.compile(rf"\w+(?:[-'’.:]\w+)*|[{re.escape(''.join(sorted(PUNCTUATION)))}]")
# a sentence end followed by spaces within its line; next: the character after the spaces ('' at the line's end)
_BOUNDARY = re.compile(r"[.!?](?=[^\S\n]+(?P<next>.?))")
_OPENERS = "\"'„“(–-"


class Slot(NamedTuple):
    """A mention as one token of its sentence: ``ref`` is the entity (a `Party`), or the index of the amount or
    date in the document's list; ``start``/``end`` its span (a reference resolved to an entity: its word's stretch)."""

    kind: MentionKind
    text: str
    start: int
    end: int
    ref: Party | int

    @property
    def party(self) -> Party:
        """The entity of an ``entity`` slot."""
        if not isinstance(self.ref, Party):
            raise TypeError(f"not an entity slot: {self}")
        return self.ref

    @property
    def pos(self) -> int:
        """The list index of an ``amount`` or ``date`` slot."""
        if not isinstance(self.ref, int):
            raise TypeError(f"not an amount or date slot: {self}")
        return self.ref


_slot = partial(tuple.__new__, Slot)  # a Slot from a tuple of all its fields, without the Python-level __new__
_PLACEHOLDER = {kind: f"<{kind}>" for kind in ("entity", "amount", "date")}  # a mention's word


@dataclass(slots=True)
class Sentence:
    """A sentence's span, its paragraph (line) and its tokens: the words for cue matching (casefolded; each
    mention a placeholder word '<entity>', '<amount>' or '<date>') and the mentions' slots by their index."""

    start: int
    end: int
    paragraph: int
    mentions: dict[int, Slot] = field(default_factory=dict)  # index in the words -> the mention's slot
    _words: list[str] = field(default_factory=list)
    _stretches: dict[int, int] = field(default_factory=dict)  # first word of a stretch between mentions -> its start
    _positions: dict[str, list[int]] = field(default_factory=dict)  # kind of mention -> its indexes, in order

    def words(self) -> list[str]:
        """The sentence's words (mentions shown as a placeholder; no word reads '<…>')."""
        return self._words

    def word_start(self, k: int) -> int:
        """The start of the stretch between mentions that word ``k`` lies in."""
        return self._stretches[max(j for j in self._stretches if j <= k)]

    def make_entity(self, k: int, party: Party) -> None:
        """Word ``k`` (a reference) becomes an entity slot of ``party``."""
        start = self.word_start(k)
        self.mentions[k] = Slot("entity", self._words[k], start, start, party)
        self._words[k] = _PLACEHOLDER["entity"]
        insort(self._positions.setdefault("entity", []), k)
        self._stretches.pop(k, None)
        if k + 1 < len(self._words) and k + 1 not in self.mentions:
            self._stretches.setdefault(k + 1, start)  # the next word stays in the same stretch

    def positions(self, kind: MentionKind) -> list[int]:
        """The indexes of the mentions of ``kind``, in order (a list shared by every caller: do not change it)."""
        return self._positions.get(kind) or []


class Span(NamedTuple):
    """A mention (never empty) to be made one slot: ``ref`` as in `Slot`."""

    kind: MentionKind
    start: int
    end: int
    ref: Party | int


def split_sentences(
    text: str, spans: list[Span], abbreviations: frozenset[str], triggers: tuple[str, ...] = ()
) -> list[Sentence]:
    """Sentences (lines, split again at sentence ends outside mentions and abbreviations) with their slots.

    A sentence without any mention gets its words only when it contains one of ``triggers`` (words that
    can matter there: references, verbs of receiving, continuations); else it can link nothing."""
    inside = sorted((s.start, s.end) for s in spans)
    inside_starts, inside_ends = [a for a, _ in inside], [b for _, b in inside]
    sentences: list[Sentence] = []
    # the sentence ends of all lines, found in one pass over the text (few: most lines hold none)
    ends = [(m.start(), m["next"]) for m in _BOUNDARY.finditer(text)]
    e = 0
    offset = 0
    for para, line in enumerate(text.split("\n")):
        if not line or line.isspace():  # no sentence, no sentence end
            offset += len(line) + 1
            continue
        start = offset
        while e < len(ends) and ends[e][0] < offset + len(line):  # the ends in this line
            cut, nxt = ends[e]
            e += 1
            opens = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
            if (
                not opens
                or _in_span(cut, inside_starts, inside_ends)
                or _abbreviation(line, cut - offset, abbreviations)
            ):
                continue
            if text[start : cut + 1].strip():
                sentences.append(Sentence(start, cut + 1, para))
            start = cut + 1
        if text[start : offset + len(line)].strip():
            sentences.append(Sentence(start, offset + len(line), para))
        offset += len(line) + 1
    _fill_slots(text, sentences, spans, triggers)
    return sentences


def _in_span(pos: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``pos`` lies inside one of the spans (sorted by start; ``ends`` in the same order); a span starts
    at most a mention's length before: only the 8 spans starting last at or before ``pos`` are asked."""
    k = bisect_right(starts, pos)
    return k > 0 and max(ends[max(0, k - 8) : k]) > pos


_LAST_WORD = re.compile(r"(\w[\w.]*)$")


def _abbreviation(line: str, end: int, abbreviations: frozenset[str]) -> bool:
    """Whether the word ending at ``line[end]`` is an abbreviation or a single letter."""
    word = _LAST_WORD.search(line[max(0, end - 40) : end])
    return word is not None and (word.group(1).casefold() in abbreviations or len(word.group(1)) == 1)


def _fill_slots(text: str, sentences: list[Sentence], spans: list[Span], triggers: tuple[str, ...]) -> None:
    """Give each sentence its tokens: mentions (amount before entity before date when they overlap), then words."""
    chosen = _without_overlaps(spans)
    starts = [span.start for span in chosen]
    trigger = _any_of(triggers)
    k = 0
    for sent in sentences:
        k = bisect_left(starts, sent.start, k)  # the sentence's mentions: chosen[k:last]
        last = bisect_left(starts, sent.end, k)
        if k == last and not (trigger and trigger.search(text[sent.start : sent.end].casefold())):
            continue
        words, stretches, mentions, positions = sent._words, sent._stretches, sent.mentions, sent._positions
        pos = sent.start
        for kind, start, end, ref in chosen[k:last]:
            # a word carries the start of its stretch between mentions: what comes before it is all that is
            # asked of a word's position (which mentions precede a reference)
            if start > pos and (found := _WORD.findall(text, pos, start)):
                stretches[len(words)] = pos
                words += map(str.casefold, found)
            at = len(words)
            mentions[at] = _slot((kind, text[start:end], start, end, ref))
            if kind in positions:
                positions[kind].append(at)
            else:
                positions[kind] = [at]
            words.append(_PLACEHOLDER[kind])
            pos = end
        if found := _WORD.findall(text, pos, sent.end):  # none when the last mention reaches the end
            stretches[len(words)] = pos
            words += map(str.casefold, found)


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of ``words`` anywhere in a text (None: no words, nothing is found)."""
    return re.compile("|".join(map(re.escape, words))) if words else None


_START = attrgetter("start")


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans that overlap no span kept before them, sorted by start: amounts first, then entities, then
    dates, each kind from left to right. Each kind is checked by binary search against the kinds kept before
    it and against its own last kept span (kept spans do not overlap: their ends rise with their starts), so a
    long text with 10^5 mentions costs a few sorts, not a quadratic scan."""
    by_kind: dict[str, list[Span]] = {"amount": [], "entity": [], "date": []}
    for span in spans:
        by_kind[span.kind].append(span)
    kept: list[Span] = []
    for kind in ("amount", "entity", "date"):
        starts, ends = [s.start for s in kept], [s.end for s in kept]
        own: list[Span] = []
        for span in sorted(by_kind[kind], key=_START):
            k = bisect_left(starts, span.start)  # kept spans of the kinds before starting before this one
            if (k and ends[k - 1] > span.start) or (k < len(starts) and starts[k] < span.end):
                continue
            if own and own[-1].end > span.start:
                continue
            own.append(span)
        kept = sorted(kept + own, key=_START)
    return kept
