"""The output tables: the ONE place their columns, types, checks and meaning are defined.

Each table is a pandera ``DataFrameSchema`` whose columns use pandas Arrow dtypes (built with the column kinds
of :mod:`schemas.columns`); the pyarrow schema written to Parquet (:func:`arrow_schema`) and the data dictionary
(``schemas/README.md``) are derived from these definitions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
from pandera.pandas import Check, DataFrameSchema

from schemas.columns import (
    BOOL,
    COUNTRY,
    CURRENCY,
    DATE,
    DATE_AT_GRAIN,
    EX_DOC,
    FLOAT,
    LANGUAGE,
    LIST,
    SHA256,
    STR,
    TS,
    col,
    count_columns,
    identifier,
    mention_table,
    reference,
    surface,
    table,
)
from schemas.funding_tables import FUNDING_TABLES

SCHEMA_VERSION = "1.0.0"


def _grain_matches(df: pd.DataFrame) -> pd.Series:
    """The `date` string's length agrees with its `grain` (10 day, 7 month, 4 year)."""
    lengths = df["grain"].map({"day": 10, "month": 7, "year": 4}).astype("Int64")
    return df["date"].str.len().astype("Int64").eq(lengths).fillna(False).astype(bool)


TABLES: dict[str, DataFrameSchema] = {
    "documents": table(
        "documents",
        "One row per processed page, including pages that failed (`error` set).",
        "doc_id",
        {
            "doc_id": identifier(
                "Deterministic document id: 16 hex digits of the SHA-256 of the canonical URL (no prefix).", EX_DOC
            ),
            "url": col(STR, "URL the page was fetched from.", "https://www.vinnova.se/nyheter/2025/04/ai-satsning/"),
            "canonical_url": col(
                STR,
                "Canonical URL (rel=canonical or normalised URL); the basis of doc_id.",
                "https://www.vinnova.se/nyheter/2025/04/ai-satsning/",
            ),
            "source": col(STR, "Id of the source in the crawl registry.", "vinnova"),
            "publisher_org_id": reference(
                "Organisation publishing the source (`organisations.org_id` when known).", "se-vinnova", nullable=True
            ),
            "title": col(
                STR, "Title of the article.", "Vinnova satsar 30 miljoner kronor på AI i vården", nullable=True
            ),
            "language": LANGUAGE.column(
                "ISO 639-1 language of the main text; null if unknown or the page failed.", nullable=True
            ),
            "published": col(DATE, "Publication date of the page.", "2025-04-03", nullable=True),
            "modified": col(DATE, "Last modification date of the page, if stated.", "2025-04-05", nullable=True),
            "fetched_at": col(TS, "When the page was fetched (UTC).", "2026-11-21T03:00:05Z"),
            "content_sha256": SHA256.column("SHA-256 (hex) of the fetched bytes: links the row to the raw archive."),
            "ai_score": col(FLOAT, "Score of how strongly the page is about AI (higher is more).", 0.82),
            "is_ai_related": col(BOOL, "Whether the page counts as an AI initiative announcement.", True),
            "text": col(
                STR,
                "Main text (title, lead, body) that mention offsets index into; null on error.",
                "Vinnova satsar 30 miljoner kronor …",
                nullable=True,
            ),
            "run_id": col(
                STR,
                "Pipeline run that processed the page (UTC start time and a random suffix).",
                "20261121T030000Z-3f9c",
            ),
            "error": col(STR, "Why the page could not be processed; null when it was.", None, nullable=True),
            "text_source": col(
                STR,
                "Which path produced the main text: selector (the source's CSS selector), json-ld (articleBody),"
                " generic (aiscout's extractor) or fallback (trafilatura); null for plain text and failed pages.",
                "generic",
                nullable=True,
                checks=[Check.isin(["selector", "json-ld", "generic", "fallback"])],
            ),
            "country": COUNTRY.column(
                "ISO 3166-1 alpha-2 country of the source (from the source registry, `spiders/sources.yaml`).",
                nullable=True,
            ),
        },
    ),
    "organisations": table(
        "organisations",
        "One row per organisation mentioned in any document.",
        "org_id",
        {
            "org_id": identifier(
                "Gazetteer id (`<country>-<slug of the name>`), or a deterministic id from the normalised name.",
                "se-kungl-tekniska-hogskolan",
            ),
            "name": col(STR, "Canonical name (the most frequent canonical name seen).", "Kungliga Tekniska högskolan"),
            "type": col(
                STR, "Kind of organisation (university, agency, region, company, …).", "university", nullable=True
            ),
            "country": col(STR, "Country of the organisation, as given by the gazetteer.", "SE", nullable=True),
            "aliases": col(
                LIST, "Sorted distinct surface forms seen in the texts.", ["KTH", "Kungliga Tekniska högskolan"]
            ),
            **count_columns(7, 3),
        },
    ),
    "programmes": table(
        "programmes",
        "One row per named programme, initiative, network or fund.",
        "programme_id",
        {
            "programme_id": identifier(
                "Gazetteer id (`<country>-<slug of the name>`), or a deterministic id from the normalised name.",
                "se-wallenberg-ai-autonomous-systems-and-software-program",
            ),
            "name": col(
                STR,
                "Canonical name (the most frequent canonical name seen).",
                "Wallenberg AI, Autonomous Systems and Software Program",
            ),
            "aliases": col(LIST, "Sorted distinct surface forms seen in the texts.", ["WASP"]),
            **count_columns(4, 2),
        },
    ),
    "people": table(
        "people",
        "One row per person (by normalised name).",
        "person_id",
        {
            "person_id": identifier("Deterministic id from the normalised name.", "p-5e0c1b2f9a7d3c41"),
            "name": col(STR, "Name as written most often.", "Anna Müller"),
            "roles": col(LIST, "Sorted distinct roles the texts give the person.", ["Professorin für Informatik"]),
            **count_columns(2, 1, "the person"),
        },
    ),
    "organisation_mentions": mention_table(
        "organisation_mentions",
        "One row per organisation mention in a document.",
        "mention_id",
        identifier("Deterministic id of the mention (document, span, organisation).", "om-0a1b2c3d4e5f6071"),
        {
            "org_id": reference("Organisation mentioned (`organisations.org_id`).", "se-kungl-tekniska-hogskolan"),
        },
        surface("KTH"),
    ),
    "programme_mentions": mention_table(
        "programme_mentions",
        "One row per programme mention in a document.",
        "mention_id",
        identifier("Deterministic id of the mention (document, span, programme).", "pm-1b2c3d4e5f607182"),
        {
            "programme_id": reference(
                "Programme mentioned (`programmes.programme_id`).",
                "se-wallenberg-ai-autonomous-systems-and-software-program",
            ),
        },
        surface("WASP"),
    ),
    "people_mentions": mention_table(
        "people_mentions",
        "One row per person mention in a document.",
        "mention_id",
        identifier("Deterministic id of the mention (document, span, person).", "hm-2c3d4e5f60718293"),
        {
            "person_id": reference("Person mentioned (`people.person_id`).", "p-5e0c1b2f9a7d3c41"),
            "name": col(STR, "Name of the person as normalised by the parser.", "Anna Müller"),
            "role": col(
                STR, "Role the text gives the person here, if any.", "Professorin für Informatik", nullable=True
            ),
        },
        surface("Prof. Dr. Anna Müller"),
    ),
    "amounts": mention_table(
        "amounts",
        "One row per money amount in a document (a range gives two rows).",
        "amount_id",
        identifier("Deterministic id of the amount (document, span, value, range role).", "am-3d4e5f6071829304"),
        {
            "value": col(FLOAT, 'Amount in units of `currency` ("3,6 Mio. Euro" -> 3600000).', 3600000.0),
            "currency": CURRENCY.column("ISO 4217 currency code."),
            "value_eur": col(FLOAT, "Value converted to euro; null when no rate is known.", 3600000.0, nullable=True),
            "fx_rate": col(
                FLOAT,
                "ECB reference rate used for `value_eur`: units of `currency` per euro (1.0 for EUR); "
                "null when no rate is known.",
                11.4205,
                nullable=True,
            ),
            "fx_date": col(
                DATE,
                "ECB day of `fx_rate`: the last rate published on or before the publication date (the "
                "newest bundled rate when the document has no date, so an undated amount shows it); null for EUR.",
                "2024-10-18",
                nullable=True,
            ),
            "approx": col(BOOL, 'True for approximate amounts ("rund", "cirka", "ongeveer").', False),
            "range_role": col(
                STR,
                '`low`/`high` end of a range ("2–3 miljoen euro"); null for single amounts.',
                "low",
                nullable=True,
                checks=[Check.isin(["low", "high"])],
            ),
        },
        surface("3,6 Mio. Euro"),
    ),
    "dates": mention_table(
        "dates",
        "One row per calendar reference in a document, at its own grain.",
        "date_id",
        identifier("Deterministic id of the date mention (document, span, date, role).", "dt-4e5f607182930415"),
        {
            "date": DATE_AT_GRAIN.column("Date at its grain: YYYY-MM-DD, YYYY-MM or YYYY."),
            "grain": col(
                STR, "Precision of `date`: day, month or year.", "month", checks=[Check.isin(["day", "month", "year"])]
            ),
            "date_start": col(DATE, "First day of the period `date` names (for sorting and filtering).", "2025-04-01"),
            "role": col(
                STR, "start/end of a period, or event.", "start", checks=[Check.isin(["start", "end", "event"])]
            ),
        },
        surface("april 2025"),
        checks=[
            Check(
                _grain_matches,
                name="grain_matches_date",
                error="date string does not have the length its grain implies",
            ),
        ],
    ),
    **FUNDING_TABLES,
    "rejects": table(
        "rejects",
        "Rows of a run that failed their table's checks and were not published.",
        None,
        {
            "table": col(STR, "Table the row was meant for.", "amounts"),
            "row_key": col(
                STR, "Primary key of the rejected row (or `#<position>` when it has none).", "am-3d4e5f6071829304"
            ),
            "reason": col(
                STR, "Failed checks, `column: check` separated by `; `.", "currency: str_matches('^[A-Z]{3}$')"
            ),
            "run_id": col(STR, "Run that produced the row.", "20261121T030000Z-3f9c"),
            "row_json": col(STR, "The rejected row as a JSON object.", '{"currency": "euro", …}'),
        },
    ),
}


def arrow_schema(table: str) -> pa.Schema:
    """The pyarrow schema of ``table``, derived from its pandera definition (descriptions as field metadata)."""
    schema = TABLES[table]
    return pa.schema(
        [
            pa.field(
                name,
                col.dtype.type.pyarrow_dtype,
                nullable=col.nullable,
                metadata={"description": col.description or ""},
            )
            for name, col in schema.columns.items()
        ]
    )


def primary_key(table: str) -> str | None:
    """Name of the id column of ``table`` (None for ``rejects``, which has none)."""
    return TABLES[table].metadata["primary_key"]


def id_column(table: str) -> str:
    """Name of the id column of a table that has one (every table but ``rejects``)."""
    key = primary_key(table)
    if key is None:
        raise KeyError(f"table {table!r} has no id column")
    return key


def frame(table: str, columns: dict[str, list[Any]] | None = None) -> pd.DataFrame:
    """A DataFrame with ``table``'s exact column dtypes from python values (empty when ``columns`` is None)."""
    schema = arrow_schema(table)
    data = columns if columns is not None else {name: [] for name in schema.names}
    return pa.Table.from_pydict(data, schema=schema).to_pandas(types_mapper=pd.ArrowDtype)
