"""Organisations on the companies set (``tests/devsets/entities/companies``): short sv/nl/de press texts naming
companies and foreign bodies by their place in a list or after a partner cue ("Unternehmen wie A, B und C",
"tillsammans med X"), with traps (people after a cue, places and common nouns in lists). Written for issue 14
(s23); floors in the quality gate (set ``entities_companies``). Run with ``-s`` for the scores."""

from __future__ import annotations

from tests.quality import gate
from tests.quality.test_entities_blind import scores_of


def test_companies_floors() -> None:
    gate.check("entities_companies", scores_of("companies"))
