"""Sentences of a text as token streams in which each mention (entity, amount, date) is one slot."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, NamedTuple

from sortedcontainers import SortedKeyList

from pipelines.models import Party

MentionKind = Literal["entity", "amount", "date"]
SlotKind = Literal["word", "punct", "entity", "amount", "date"]

_WORD = re.compile(r"\w+(?:[-'’.:]\w+)*|[,;:()–—]")
_PUNCT = frozenset(",;:()–—")  # _WORD's second branch: a match not in it is a word (starts with \w)
_BOUNDARY = re.compile(r"[.!?](?=\s)")
_OPENERS = "\"'„“(–-"


class Slot(NamedTuple):
    """A word (``text`` casefolded), punctuation, or a mention: ``ref`` is the entity (a `Party`),
    or the index of the amount or date in the document's list. A mention's ``start``/``end`` are its
    span; a word's are the start of the stretch of words it lies in."""

    kind: SlotKind
    text: str
    start: int
    end: int
    ref: Party | int | None = None

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


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    slots: list[Slot] = field(default_factory=list)
    _words: list[str] | None = None

    def words(self) -> list[str]:
        """The sentence's words (mentions shown as a placeholder), for cue matching (computed once the
        slots are final)."""
        if self._words is None:
            self._words = [s.text if s.kind in ("word", "punct") else f"<{s.kind}>" for s in self.slots]
        return self._words

    def has(self, kind: MentionKind) -> bool:
        """Whether a mention of ``kind`` is among the slots (once the slots are final: no word reads '<…>')."""
        return f"<{kind}>" in self.words()


@dataclass(frozen=True, slots=True)
class Span:
    kind: SlotKind
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
    inside_starts = [a for a, _ in inside]
    sentences: list[Sentence] = []
    offset = 0
    for para, line in enumerate(text.split("\n")):
        start = offset
        for m in _BOUNDARY.finditer(line):
            cut = offset + m.start()
            nxt = line[m.end() :].lstrip()[:1]
            opens = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
            if not opens or _in_span(cut, inside, inside_starts) or _abbreviation(line[: m.start()], abbreviations):
                continue
            sentences.append(Sentence(start, cut + 1, para))
            start = cut + 1
        sentences.append(Sentence(start, offset + len(line), para))
        offset += len(line) + 1
    sentences = [s for s in sentences if text[s.start : s.end].strip()]
    _fill_slots(text, sentences, spans, triggers)
    return sentences


def _in_span(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``pos`` lies inside one of the (sorted) spans; a span starts at most a mention's length before."""
    k = bisect_right(starts, pos)
    return any(a <= pos < b for a, b in spans[max(0, k - 8) : k])


def _abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    word = re.search(r"(\w[\w.]*)$", before[-40:])
    return word is not None and (word.group(1).casefold() in abbreviations or len(word.group(1)) == 1)


def _fill_slots(text: str, sentences: list[Sentence], spans: list[Span], triggers: tuple[str, ...]) -> None:
    """Give each sentence its slots: mentions (amount before entity before date when they overlap), then words."""
    priority = {"amount": 0, "entity": 1, "date": 2}
    # kept sorted by start (equal starts: the later chosen first); spans do not overlap. A sorted container,
    # not list.insert: a long text has 10^5 mentions, and inserting into a list is linear.
    ordered = SortedKeyList(key=lambda ns: (ns[1].start, -ns[0]))
    for span in sorted(spans, key=lambda s: (priority[s.kind], s.start)):
        k = ordered.bisect_key_left((span.start, -math.inf))
        if (k == 0 or ordered[k - 1][1].end <= span.start) and (k == len(ordered) or span.end <= ordered[k][1].start):
            ordered.add((len(ordered), span))
    chosen = [span for _, span in ordered]
    k = 0
    for sent in sentences:
        pos = sent.start
        while k < len(chosen) and chosen[k].start < sent.start:
            k += 1
        has_mention = k < len(chosen) and chosen[k].start < sent.end
        if not has_mention:
            lowered = text[sent.start : sent.end].casefold()
            if not any(t in lowered for t in triggers):
                continue
        while pos < sent.end:
            nxt = chosen[k] if k < len(chosen) and chosen[k].start < sent.end else None
            stop = nxt.start if nxt else sent.end
            # a word's slot carries the start of its gap between mentions: what comes before it is all
            # that is asked of a word's position (which mentions precede a reference)
            sent.slots += [
                _slot(("punct" if w in _PUNCT else "word", w.casefold(), pos, pos, None))
                for w in _WORD.findall(text, pos, stop)
            ]
            if nxt is None:
                break
            sent.slots.append(Slot(nxt.kind, text[nxt.start : nxt.end], nxt.start, nxt.end, nxt.ref))
            pos = nxt.end
            k += 1
