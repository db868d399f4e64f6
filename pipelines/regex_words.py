"""Regex alternations built from word lists (the data files' words): the one builder of them."""

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
        "|".join(
            space.join(re.escape(p) for p in w.split(" ")) + (r"\.?" if len(w) <= dot_after else "") for w in parts
        )
        or NOTHING
    )


def word_starts(*word_lists: Any) -> str:
    """An alternation of how the words of ``word_lists`` start (first two characters, as
    ``alternation`` matches them): a cheap lookahead before a case-insensitive alternation, which
    sre tries alternative by alternative at every position."""
    seconds: dict[str, set[str]] = {}
    for words in word_lists:
        for parts in (str(w).split() for w in words):
            if not parts:
                continue
            first = parts[0]
            # inside a multi-word entry, words are separated by white space (see ``alternation``)
            seconds.setdefault(first[0], set()).add(first[1] if len(first) > 1 else r"\s" if len(parts) > 1 else "")
    return "|".join(
        re.escape(first)
        + ("" if "" in rest else "[" + "".join(sorted(c if c == r"\s" else re.escape(c) for c in rest)) + "]")
        for first, rest in sorted(seconds.items())
    )


def first_letters(words: Iterable[str]) -> str:
    """A lookahead for the first letters of ``words``, put before their alternation: sre tries
    every alternative at every position, the lookahead skips positions no word can start at."""
    letters = sorted({re.escape(w[0]) for w in words if w})
    return f"(?=[{''.join(letters)}])" if letters else ""
