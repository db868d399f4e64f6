"""The funding tables (``fundings``, ``funding_parties``, ``initiatives``): part of ``schemas.tables.TABLES``,
written with the column kinds of :mod:`schemas.columns`."""

from __future__ import annotations

from pandera.pandas import Check, Column, DataFrameSchema

from schemas.columns import (
    BOOL,
    CURRENCY,
    DATE,
    DATE_AT_GRAIN,
    FLOAT,
    INT,
    LIST,
    STR,
    col,
    document_reference,
    identifier,
    mention_table,
    reference,
    surface,
    table,
)

_KINDS = ["grant", "budget", "investment", "other"]
_EX_FUNDING = "fu-5f60718293a4b5c6"


def _period_bound(bound: str, example: str) -> Column:
    """The start or end of the period a funding covers, at its grain (year, month or day)."""
    return DATE_AT_GRAIN.column(
        f"{bound} of the period the money covers, at its grain.", example=example, nullable=True
    )


FUNDING_TABLES: dict[str, DataFrameSchema] = {
    "fundings": mention_table(
        "fundings",
        "One row per distinct money commitment in a document (`pipelines.links`): mentions of the same figure "
        "for the same purpose and parties collapse into one row (a figure repeated in title and body), and the two "
        "ends of a range are one row (`value_low`/`value_high`). Summing `value_eur_low` over a document's rows "
        "with `part_of_funding_id` null and `kind` other than `other` counts each commitment once.",
        "funding_id",
        identifier("Deterministic id (document, value, currency, purpose and parties).", _EX_FUNDING),
        {
            "kind": col(
                STR,
                "grant (given to named recipients), budget (a total not yet allocated), investment (an organisation's "
                "own money) or other (a fine, a price, a comparison, a threshold: not a commitment).",
                "grant",
                checks=[Check.isin(_KINDS)],
            ),
            "value": col(FLOAT, "The amount in units of `currency`; null for a range.", 3600000.0, nullable=True),
            "value_low": col(FLOAT, "Lower end of a range, or the amount itself.", 3600000.0),
            "value_high": col(FLOAT, "Upper end of a range, or the amount itself.", 3600000.0),
            "currency": CURRENCY.column("ISO 4217 currency code."),
            "value_eur": col(
                FLOAT, "`value` in euro; null for a range or when no rate is known.", 3600000.0, nullable=True
            ),
            "value_eur_low": col(FLOAT, "`value_low` in euro (null when no rate is known).", 3600000.0, nullable=True),
            "value_eur_high": col(
                FLOAT, "`value_high` in euro (null when no rate is known).", 3600000.0, nullable=True
            ),
            "fx_rate": col(
                FLOAT, "Euro per unit of `currency` used for `value_eur*` (1.0 for EUR).", 1.0, nullable=True
            ),
            "fx_date": col(
                DATE,
                "Date of the rate: the document's publication date (null: the converter's latest rate).",
                "2025-04-03",
                nullable=True,
            ),
            "per_year": col(BOOL, 'True for a yearly amount ("50 miljoner kronor per år", "jährlich").', False),
            "period_start": _period_bound("Start", "2025-04"),
            "period_end": _period_bound("End", "2027-12"),
            "part_of_funding_id": reference(
                "The total this amount is a part of (`fundings.funding_id`), when the text splits a total.",
                _EX_FUNDING,
                nullable=True,
            ),
            "amount_ids": col(
                LIST, "The `amounts` rows (mentions) this commitment collapses.", ["am-3d4e5f6071829304"]
            ),
            "mention_count": col(INT, "Number of mentions collapsed into this row.", 1, checks=[Check.ge(1)]),
        },
        surface("3,6 Mio. Euro", "The first mention as it appears in the document."),
    ),
    "funding_parties": table(
        "funding_parties",
        "One row per party of a funding: its funders, recipients (hosts of the funded initiative) and what it "
        "is for (a named programme, initiative, centre, network, project or call). Names come from the "
        "entity finder only.",
        "funding_party_id",
        {
            "funding_party_id": identifier("Deterministic id (funding, role, entity).", "fp-6071829304a5b6c7"),
            "funding_id": reference("The funding (`fundings.funding_id`).", _EX_FUNDING),
            "doc_id": document_reference(),
            "role": col(
                STR, "funder, recipient or for.", "funder", checks=[Check.isin(["funder", "recipient", "for"])]
            ),
            "org_id": reference(
                "The party when an organisation (`organisations.org_id`).", "se-vinnova", nullable=True
            ),
            "programme_id": reference("The party when a programme (`programmes.programme_id`).", "wasp", nullable=True),
            "surface": col(STR, "Canonical name of the party.", "Vinnova"),
        },
    ),
    "initiatives": table(
        "initiatives",
        "One row per named initiative (programme, centre, network, project, call) that some funding is for, "
        "across the corpus. `total_eur` avoids double counting: per document only commitments (not `other`) "
        "that are not parts of a total counted there, a yearly amount once, a range by its low end; across "
        "documents the same figure (same currency, value within 0.5 %) counts once.",
        "initiative_id",
        {
            "initiative_id": identifier("The programme's id (`programmes.programme_id`).", "wasp"),
            "name": col(STR, "Canonical name.", "Wallenberg AI, Autonomous Systems and Software Program"),
            "type": col(
                STR,
                "programme, centre, network, project, call, lab or fund when the name says so.",
                "programme",
                nullable=True,
            ),
            "country": col(STR, "Most frequent country of the documents announcing it.", "SE", nullable=True),
            "funders": col(
                LIST, "Sorted names of its funders across the corpus.", ["Knut och Alice Wallenbergs Stiftelse"]
            ),
            "recipients": col(
                LIST, "Sorted names of its recipients/hosts across the corpus.", ["Linköpings universitet"]
            ),
            "total_eur": col(
                FLOAT, "Announced money in euro, double counting avoided (see the table).", 95000000.0, nullable=True
            ),
            "funding_count": col(INT, "Distinct commitments counted in `total_eur`.", 1, checks=[Check.ge(0)]),
            "first_announced": col(
                DATE, "Earliest publication date of a document announcing money for it.", "2019-06-19", nullable=True
            ),
            "last_announced": col(DATE, "Latest such publication date.", "2021-03-09", nullable=True),
            "period_start": col(STR, "Earliest period start stated for its money.", "2015", nullable=True),
            "period_end": col(STR, "Latest period end stated for its money.", "2029", nullable=True),
            "document_count": col(INT, "Documents announcing money for it.", 2, checks=[Check.ge(1)]),
        },
    ),
}
