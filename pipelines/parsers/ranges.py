"""Range cues: how a language joins two values into a range, shared by amounts and dates.

Two values form a range when a dash or a "to" word stands between them ("2–3", "2 bis 3 Mio.",
"2025 till 2027"), or a "join" word after an opener before the first ("zwischen 2 und 3 Millionen",
"mellan 2025 och 2027"). Cue words come from the language data (amounts: ``range_to``, ``range_join``,
``range_open``; dates: ``period_to``, ``period_join``, ``period_open``); a cue word ending right
before a value ("rund", "ab", "bis Ende") is built with :func:`cue_before`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.regex_words import alternation

DASHES = "-\u2013\u2014"
_OPENER_REACH = 30  # how far before the first value an opener is looked for


def cue_before(words: Iterable[str], space: str) -> str:
    """A regex of one of ``words`` ending, with 1-3 ``space`` characters, where the search ends."""
    return rf"(?<!\w)(?:{alternation(words)}){space}{{1,3}}$"


def to_gap(words: Iterable[str], space: str) -> str:
    """A regex of the gap of "2–3" or "2 bis 3": a dash or one of ``words``, with up to 3 ``space`` characters
    either side (also a part of larger patterns: "1–3 juli")."""
    return rf"{space}{{0,3}}(?:[{DASHES}]|(?<!\w)(?:{alternation(words)})(?!\w)){space}{{0,3}}"


@dataclass(frozen=True)
class RangeCues:
    """The compiled cues of one language: the gap of "2–3"/"2 bis 3" (``to``), the gap of "2 und 3" (``join``)
    and the opener that the joined form needs ("zwischen ": ``opener``, matched ending at the first value)."""

    to: re.Pattern[str]
    join: re.Pattern[str]
    opener: re.Pattern[str]

    @classmethod
    def build(
        cls, to_words: Iterable[str], join_words: Iterable[str], open_words: Iterable[str], space: str
    ) -> RangeCues:
        """The cues from the language's words; ``space`` is the class of white space allowed around them
        (``[^\\S\\n]`` keeps a range within a line)."""
        return cls(
            to=re.compile(to_gap(to_words, space), re.IGNORECASE),
            join=re.compile(rf"{space}{{1,3}}(?:{alternation(join_words)}){space}{{1,3}}", re.IGNORECASE),
            opener=re.compile(cue_before(open_words, space), re.IGNORECASE),
        )

    def opener_before(self, text: str, start: int) -> re.Match[str] | None:
        """The opener ("zwischen ", "between ") that ends at ``start``, if any."""
        return self.opener.search(text, max(0, start - _OPENER_REACH), start)

    def joins(self, text: str, first: tuple[int, int], second_start: int) -> bool:
        """Whether the value spanning ``first`` and the one starting at ``second_start`` form a range."""
        gap = text[first[1] : second_start]
        if self.to.fullmatch(gap):
            return True
        return bool(self.join.fullmatch(gap) and self.opener_before(text, first[0]))
