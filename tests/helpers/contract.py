"""The `aiscout extract` JSON contract of SPEC.md, written out for the tests (not derived from the code)."""

from __future__ import annotations

DOCUMENT_KEYS = ["url", "title", "language", "published", "organisations", "programmes", "people", "amounts", "dates"]
# an amount item in the SPEC's order, funding links included (issue 16)
AMOUNT_KEYS = [
    "value",
    "currency",
    "value_eur",
    "text",
    "funders",
    "recipients",
    "for",
    "period",
    "per_year",
    "kind",
    "part_of",
]
