"""Regex alternations built from word lists (the data files' words): ``alternation`` (longest first) and
``nested_alternation`` (the same matches as a prefix tree, for lists a pattern tries at many positions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

NOTHING = r"(?!x)x"  # an alternation of no words matches nothing


def alternation(words: Iterable[Any], *, flexible_spaces: bool = True, dot_after: int = 0) -> str:
    """A regex alternation of ``words``, longest first (so the longest entry wins at a position).

    ``flexible_spaces``: the space inside an entry matches 1-3 white-space characters;
    ``dot_after``: entries of at most this many characters may take a trailing period ("Okt.")."""
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    space = r"\s{1,3}" if flexible_spaces else " "
    return (
        "|".join(space.join(re.escape(p) for p in w.split()) + (r"\.?" if len(w) <= dot_after else "") for w in parts)
        or NOTHING
    )


def word_starts(*word_lists: Any, width: int = 3) -> str:
    """A regex of how the words of ``word_lists`` start (their first ``width`` characters, as
    ``alternation`` matches them), nested by character: a cheap lookahead before a case-insensitive
    alternation, which sre tries alternative by alternative at every position."""
    starts: set[tuple[str, ...]] = set()
    for words in word_lists:
        for parts in (str(w).split() for w in words):
            if parts:
                # inside a multi-word entry, words are separated by white space (see ``alternation``)
                chars = [re.escape(c) for c in parts[0][:width]]
                starts.add(tuple([*chars, r"\s"] if len(parts) > 1 and len(chars) < width else chars))
    return _nested(starts)


def _nested(starts: set[tuple[str, ...]]) -> str:
    """Alternation of the character sequences ``starts``, sharing prefixes (a sequence that is a
    prefix of another makes the longer one redundant in a lookahead)."""
    if () in starts:
        return ""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for seq in starts:
        by_first.setdefault(seq[0], set()).add(seq[1:])
    out = []
    for first, rests in sorted(by_first.items()):
        inner = _nested(rests)
        out.append(first + (f"(?:{inner})" if inner and "|" in inner else inner))
    return "|".join(out)


def first_letters(words: Iterable[str]) -> str:
    """A lookahead for the first letters of ``words``, put before their alternation: sre tries
    every alternative at every position, the lookahead skips positions no word can start at."""
    letters = sorted({re.escape(w[0]) for w in words if w})
    return f"(?=[{''.join(letters)}])" if letters else ""


def nested_alternation(words: Iterable[Any]) -> str:
    """``alternation(words)`` as a prefix tree ("direkt(?:orin|or)"): the same strings and, of those matching
    at a position, the same one first (the longest: a longer continuation comes before a word's end). sre
    tries a case-insensitive alternation entry by entry; the tree tries only the entries that share a start.
    Words that differ only in case where they branch ("EUR", "euro") would both match there when the
    pattern ignores case, in the tree's order instead of the longest first, and a word with runs of spaces
    is longer than its pieces: those get ``alternation``."""
    words = [str(w) for w in words]
    entries = {tuple(_entry_parts(w)) for w in words}
    if not entries:
        return NOTHING
    if any(w != " ".join(w.split()) for w in words):
        return alternation(words)
    try:
        return _tree(entries)
    except _CaseVariants:
        return alternation(words)


class _CaseVariants(Exception):
    """Two branches of a prefix tree start with the same letter in another case."""


_SPACES = r"\s{1,3}"  # between the words of an entry, as ``alternation`` writes it


def _entry_parts(word: str) -> list[str]:
    """The regex pieces of one entry as ``alternation`` writes it: escaped characters, 1-3 spaces between words."""
    parts: list[str] = []
    for i, part in enumerate(word.split()):
        parts.extend([_SPACES] if i else [])
        parts.extend(re.escape(c) for c in part)
    return parts


def _tree(entries: set[tuple[str, ...]]) -> str:
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for entry in entries:
        if entry:
            by_first.setdefault(entry[0], set()).add(entry[1:])
    firsts = sorted(by_first)
    # a piece is an escaped character (re.escape: the character, maybe after a backslash) or the spaces
    letters = [first[-1] for first in firsts if first != _SPACES]
    if any(re.fullmatch(f"(?i:{re.escape(a)})", b) for i, a in enumerate(letters) for b in letters[i + 1 :]):
        raise _CaseVariants
    branches = [first + _tree(by_first[first]) for first in firsts]
    if () in entries:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
