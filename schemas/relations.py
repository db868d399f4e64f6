"""How the tables relate: foreign keys and table groups (the one place code and docs read them from)."""

from __future__ import annotations

# Tables whose rows are mentions in one document (each row has doc_id and a text span).
MENTION_TABLES = ("organisation_mentions", "programme_mentions", "people_mentions", "amounts", "dates")
# Tables with one row per real thing across the corpus (aggregated from the mentions).
ENTITY_TABLES = ("organisations", "programmes", "people", "initiatives")
# Tables of the funding links of one document (pipelines.links): one row per commitment, one per party.
FUNDING_TABLES = ("fundings", "funding_parties")

# Child table -> (column, parent table) references every kept row must satisfy.
REFERENCES: dict[str, list[tuple[str, str]]] = {
    "organisation_mentions": [("doc_id", "documents"), ("org_id", "organisations")],
    "programme_mentions": [("doc_id", "documents"), ("programme_id", "programmes")],
    "people_mentions": [("doc_id", "documents"), ("person_id", "people")],
    "amounts": [("doc_id", "documents")],
    "dates": [("doc_id", "documents")],
    "fundings": [("doc_id", "documents")],
    "funding_parties": [
        ("doc_id", "documents"),
        ("funding_id", "fundings"),
        ("org_id", "organisations"),
        ("programme_id", "programmes"),
    ],
}
