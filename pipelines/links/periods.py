"""The period an amount covers: start/end dates in its sentence, else in a following sentence or a
sentence about the same initiative that says when it starts, ends or runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipelines.models import DateMention, Party

if TYPE_CHECKING:
    from pipelines.links.linker import _Analysis


def amount_period(
    n: int, analyses: list[_Analysis], purpose: list[Party], dates: Sequence[DateMention]
) -> tuple[str | None, str | None]:
    """(start, end) at their own grain for the amount in sentence ``n`` (None where not stated)."""
    found = _sentence_period(analyses[n], dates, require_cue=False)
    if found != (None, None):
        return found
    candidates = []
    if n + 1 < len(analyses) and not analyses[n + 1].has_amount:
        candidates.append(analyses[n + 1])
    if purpose:
        candidates += [
            a
            for a in analyses
            if not a.has_amount and any(s.kind == "entity" and s.party in purpose for s in a.sentence.slots)
        ]
    for a in candidates:
        found = _sentence_period(a, dates, require_cue=True)
        if found != (None, None):
            return found
    return None, None


def _sentence_period(a: _Analysis, dates: Sequence[DateMention], require_cue: bool) -> tuple[str | None, str | None]:
    """Start/end dates of the sentence, or its event dates when it says something starts or ends."""
    mentioned = [dates[s.pos] for s in a.sentence.slots if s.kind == "date"]
    start = next((d.date for d in mentioned if d.role == "start"), None)
    end = next((d.date for d in mentioned if d.role == "end"), None)
    has_start, has_end, lasting = a.period_cues
    if require_cue and not (has_start or has_end or lasting):
        return None, None
    events = [d.date for d in mentioned if d.role == "event"]
    if events and start is None and has_start:
        start = events.pop(0)
    if events and end is None and has_end:
        end = events[-1]
    return start, end
