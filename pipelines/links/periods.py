"""The period an amount covers: start/end dates in its sentence, else in a following sentence or a
sentence about the same initiative that says when it starts, ends or runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipelines.models import DateMention, Party

if TYPE_CHECKING:
    from pipelines.links.linker import _Analysis

Period = tuple[str | None, str | None]
_NONE: Period = (None, None)


class PeriodFinder:
    """Periods of a document's amounts. The sentences naming each party are indexed once, and the first of
    them that states a period is found once per party: linear in the document, however many amounts it has."""

    def __init__(self, analyses: list[_Analysis], dates: Sequence[DateMention]) -> None:
        self.analyses, self.dates = analyses, dates
        self._about: dict[Party, list[int]] = {}  # party -> sentences without an amount naming it, in order
        for m, a in enumerate(analyses):
            if a.has_amount:
                continue
            mentions = a.sentence.mentions
            for k in a.sentence.positions("entity"):
                if (seen := self._about.setdefault(mentions[k].party, []))[-1:] != [m]:
                    seen.append(m)
        self._first: dict[Party, tuple[int, Period] | None] = {}

    def amount_period(self, n: int, purpose: list[Party]) -> Period:
        """(start, end) at their own grain for the amount in sentence ``n`` (None where not stated)."""
        found = _sentence_period(self.analyses[n], self.dates, require_cue=False)
        if found != _NONE:
            return found
        if n + 1 < len(self.analyses) and not self.analyses[n + 1].has_amount:
            found = _sentence_period(self.analyses[n + 1], self.dates, require_cue=True)
            if found != _NONE:
                return found
        stated = [f for f in map(self._first_stated, purpose) if f is not None]
        return min(stated, key=lambda f: f[0])[1] if stated else _NONE

    def _first_stated(self, party: Party) -> tuple[int, Period] | None:
        """The first sentence about ``party`` (without an amount) that states a period, and that period."""
        if party not in self._first:
            self._first[party] = next(
                (
                    (m, found)
                    for m in self._about.get(party, ())
                    if (found := _sentence_period(self.analyses[m], self.dates, require_cue=True)) != _NONE
                ),
                None,
            )
        return self._first[party]


def _sentence_period(a: _Analysis, dates: Sequence[DateMention], require_cue: bool) -> Period:
    """Start/end dates of the sentence, or its event dates when it says something starts or ends."""
    at = a.sentence.positions("date")
    if not at or (require_cue and not any(a.period_cues())):
        return None, None
    mentioned = [dates[a.sentence.mentions[k].pos] for k in at]
    start = next((d.date for d in mentioned if d.role == "start"), None)
    end = next((d.date for d in mentioned if d.role == "end"), None)
    events = [d.date for d in mentioned if d.role == "event"]
    if events and start is None and a.period_cues()[0]:
        start = events.pop(0)
    if events and end is None and a.period_cues()[1]:
        end = events[-1]
    return start, end
