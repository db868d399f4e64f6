"""The output tables: the ONE place their columns, types, checks and meaning are defined.

Each table is a pandera ``DataFrameSchema`` whose columns use pandas Arrow dtypes; the pyarrow
schema written to Parquet (:func:`arrow_schema`) and the data dictionary (``schemas/README.md``)
are derived from these definitions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
from pandera.pandas import Check, Column, DataFrameSchema

SCHEMA_VERSION = "1.0.0"

_STR = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()
_BOOL = pa.bool_()
_DATE = pa.date32()
_TS = pa.timestamp("us", tz="UTC")
_LIST = pa.list_(pa.string())


def _col(
    arrow_type: pa.DataType,
    description: str,
    example: Any,
    *,
    nullable: bool = False,
    unique: bool = False,
    checks: list[Check] | None = None,
) -> Column:
    """A column stored as ``arrow_type``; duplicates of a unique column beyond the first are failures."""
    return Column(
        pd.ArrowDtype(arrow_type),
        checks=checks,
        nullable=nullable,
        unique=unique,
        report_duplicates="exclude_first",
        description=description,
        metadata={"example": example},
    )


def _id(description: str, example: str) -> Column:
    return _col(_STR, description, example, unique=True, checks=[Check.str_length(min_value=1)])


def _ref(description: str, example: str, *, nullable: bool = False) -> Column:
    return _col(_STR, description, example, nullable=nullable)


def _span_columns() -> dict[str, Column]:
    return {
        "char_start": _col(
            _INT, "Offset of the first character of the mention in `documents.text`.", 112, checks=[Check.ge(0)]
        ),
        "char_end": _col(
            _INT,
            "Offset just past the mention's last character (`text[char_start:char_end]`).",
            131,
            checks=[Check.ge(0)],
        ),
    }


def _count_columns(mentions: int, documents: int, subject: str = "it") -> dict[str, Column]:
    """How often an entity is mentioned, and in how many documents (examples ``mentions``, ``documents``)."""
    return {
        "mention_count": _col(_INT, "Number of mentions across all documents.", mentions, checks=[Check.ge(1)]),
        "document_count": _col(_INT, f"Number of documents mentioning {subject}.", documents, checks=[Check.ge(1)]),
    }


def _span_check() -> Check:
    return Check(
        lambda df: df["char_start"] <= df["char_end"],
        name="char_start_le_char_end",
        error="char_start must be <= char_end",
    )


def _table(
    name: str, description: str, primary_key: str | None, columns: dict[str, Column], checks: list[Check] | None = None
) -> DataFrameSchema:
    return DataFrameSchema(
        columns,
        checks=checks,
        strict=True,
        ordered=True,
        name=name,
        description=description,
        metadata={"primary_key": primary_key},
    )


def _grain_matches(df: pd.DataFrame) -> pd.Series:
    """The `date` string's length agrees with its `grain` (10 day, 7 month, 4 year)."""
    lengths = df["grain"].map({"day": 10, "month": 7, "year": 4}).astype("Int64")
    return df["date"].str.len().astype("Int64").eq(lengths).fillna(False).astype(bool)


DOC_ID = "Document the mention comes from (`documents.doc_id`)."
_EX_DOC = "3f9c2a7d41be8e05"

# The funding tables (issue 16) are defined beside, with the column helpers above.
from schemas.funding_tables import FUNDING_TABLES  # noqa: E402

TABLES: dict[str, DataFrameSchema] = {
    "documents": _table(
        "documents",
        "One row per processed page, including pages that failed (`error` set).",
        "doc_id",
        {
            "doc_id": _id(
                "Deterministic document id: 16 hex digits of the SHA-256 of the canonical URL (no prefix).", _EX_DOC
            ),
            "url": _col(_STR, "URL the page was fetched from.", "https://www.vinnova.se/nyheter/2025/04/ai-satsning/"),
            "canonical_url": _col(
                _STR,
                "Canonical URL (rel=canonical or normalised URL); the basis of doc_id.",
                "https://www.vinnova.se/nyheter/2025/04/ai-satsning/",
            ),
            "source": _col(_STR, "Id of the source in the crawl registry.", "vinnova"),
            "publisher_org_id": _ref(
                "Organisation publishing the source (`organisations.org_id` when known).", "se-vinnova", nullable=True
            ),
            "title": _col(
                _STR, "Title of the article.", "Vinnova satsar 30 miljoner kronor på AI i vården", nullable=True
            ),
            "language": _col(
                _STR,
                "ISO 639-1 language of the main text; null if unknown or the page failed.",
                "sv",
                nullable=True,
                checks=[Check.str_matches(r"^[a-z]{2}$")],
            ),
            "published": _col(_DATE, "Publication date of the page.", "2025-04-03", nullable=True),
            "modified": _col(_DATE, "Last modification date of the page, if stated.", "2025-04-05", nullable=True),
            "fetched_at": _col(_TS, "When the page was fetched (UTC).", "2026-11-21T03:00:05Z"),
            "content_sha256": _col(
                _STR,
                "SHA-256 (hex) of the fetched bytes: links the row to the raw archive.",
                "9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de",
                checks=[Check.str_matches(r"^[0-9a-f]{64}$")],
            ),
            "ai_score": _col(_FLOAT, "Score of how strongly the page is about AI (higher is more).", 0.82),
            "is_ai_related": _col(_BOOL, "Whether the page counts as an AI initiative announcement.", True),
            "text": _col(
                _STR,
                "Main text (title, lead, body) that mention offsets index into; null on error.",
                "Vinnova satsar 30 miljoner kronor …",
                nullable=True,
            ),
            "run_id": _col(
                _STR,
                "Pipeline run that processed the page (UTC start time and a random suffix).",
                "20261121T030000Z-3f9c",
            ),
            "error": _col(_STR, "Why the page could not be processed; null when it was.", None, nullable=True),
            "text_source": _col(
                _STR,
                "Which path produced the main text: selector (the source's CSS selector), json-ld (articleBody),"
                " generic (aiscout's extractor) or fallback (trafilatura); null for plain text and failed pages.",
                "generic",
                nullable=True,
                checks=[Check.isin(["selector", "json-ld", "generic", "fallback"])],
            ),
            "country": _col(
                _STR,
                "ISO 3166-1 alpha-2 country of the source (from the source registry, `spiders/sources.yaml`).",
                "SE",
                nullable=True,
                checks=[Check.str_matches(r"^[A-Z]{2}$")],
            ),
        },
    ),
    "organisations": _table(
        "organisations",
        "One row per organisation mentioned in any document.",
        "org_id",
        {
            "org_id": _id(
                "Gazetteer id (`<country>-<slug of the name>`), or a deterministic id from the normalised name.",
                "se-kungl-tekniska-hogskolan",
            ),
            "name": _col(
                _STR, "Canonical name (the most frequent canonical name seen).", "Kungliga Tekniska högskolan"
            ),
            "type": _col(
                _STR, "Kind of organisation (university, agency, region, company, …).", "university", nullable=True
            ),
            "country": _col(_STR, "Country of the organisation, as given by the gazetteer.", "SE", nullable=True),
            "aliases": _col(
                _LIST, "Sorted distinct surface forms seen in the texts.", ["KTH", "Kungliga Tekniska högskolan"]
            ),
            **_count_columns(7, 3),
        },
    ),
    "programmes": _table(
        "programmes",
        "One row per named programme, initiative, network or fund.",
        "programme_id",
        {
            "programme_id": _id(
                "Gazetteer id (`<country>-<slug of the name>`), or a deterministic id from the normalised name.",
                "se-wallenberg-ai-autonomous-systems-and-software-program",
            ),
            "name": _col(
                _STR,
                "Canonical name (the most frequent canonical name seen).",
                "Wallenberg AI, Autonomous Systems and Software Program",
            ),
            "aliases": _col(_LIST, "Sorted distinct surface forms seen in the texts.", ["WASP"]),
            **_count_columns(4, 2),
        },
    ),
    "people": _table(
        "people",
        "One row per person (by normalised name).",
        "person_id",
        {
            "person_id": _id("Deterministic id from the normalised name.", "p-5e0c1b2f9a7d3c41"),
            "name": _col(_STR, "Name as written most often.", "Anna Müller"),
            "roles": _col(_LIST, "Sorted distinct roles the texts give the person.", ["Professorin für Informatik"]),
            **_count_columns(2, 1, "the person"),
        },
    ),
    "organisation_mentions": _table(
        "organisation_mentions",
        "One row per organisation mention in a document.",
        "mention_id",
        {
            "mention_id": _id("Deterministic id of the mention (document, span, organisation).", "om-0a1b2c3d4e5f6071"),
            "doc_id": _ref(DOC_ID, _EX_DOC),
            "org_id": _ref("Organisation mentioned (`organisations.org_id`).", "se-kungl-tekniska-hogskolan"),
            "surface": _col(_STR, "The text as it appears in the document.", "KTH"),
            **_span_columns(),
        },
        checks=[_span_check()],
    ),
    "programme_mentions": _table(
        "programme_mentions",
        "One row per programme mention in a document.",
        "mention_id",
        {
            "mention_id": _id("Deterministic id of the mention (document, span, programme).", "pm-1b2c3d4e5f607182"),
            "doc_id": _ref(DOC_ID, _EX_DOC),
            "programme_id": _ref(
                "Programme mentioned (`programmes.programme_id`).",
                "se-wallenberg-ai-autonomous-systems-and-software-program",
            ),
            "surface": _col(_STR, "The text as it appears in the document.", "WASP"),
            **_span_columns(),
        },
        checks=[_span_check()],
    ),
    "people_mentions": _table(
        "people_mentions",
        "One row per person mention in a document.",
        "mention_id",
        {
            "mention_id": _id("Deterministic id of the mention (document, span, person).", "hm-2c3d4e5f60718293"),
            "doc_id": _ref(DOC_ID, _EX_DOC),
            "person_id": _ref("Person mentioned (`people.person_id`).", "p-5e0c1b2f9a7d3c41"),
            "name": _col(_STR, "Name of the person as normalised by the parser.", "Anna Müller"),
            "role": _col(
                _STR, "Role the text gives the person here, if any.", "Professorin für Informatik", nullable=True
            ),
            "surface": _col(_STR, "The text as it appears in the document.", "Prof. Dr. Anna Müller"),
            **_span_columns(),
        },
        checks=[_span_check()],
    ),
    "amounts": _table(
        "amounts",
        "One row per money amount in a document (a range gives two rows).",
        "amount_id",
        {
            "amount_id": _id(
                "Deterministic id of the amount (document, span, value, range role).", "am-3d4e5f6071829304"
            ),
            "doc_id": _ref(DOC_ID, _EX_DOC),
            "value": _col(_FLOAT, 'Amount in units of `currency` ("3,6 Mio. Euro" -> 3600000).', 3600000.0),
            "currency": _col(_STR, "ISO 4217 currency code.", "EUR", checks=[Check.str_matches(r"^[A-Z]{3}$")]),
            "value_eur": _col(_FLOAT, "Value converted to euro; null when no rate is known.", 3600000.0, nullable=True),
            "fx_rate": _col(
                _FLOAT,
                "ECB reference rate used for `value_eur`: units of `currency` per euro (1.0 for EUR); "
                "null when no rate is known.",
                11.4205,
                nullable=True,
            ),
            "fx_date": _col(
                _DATE,
                "ECB day of `fx_rate`: the last rate published on or before the publication date (the "
                "newest bundled rate when the document has no date, so an undated amount shows it); null for EUR.",
                "2024-10-18",
                nullable=True,
            ),
            "approx": _col(_BOOL, 'True for approximate amounts ("rund", "cirka", "ongeveer").', False),
            "range_role": _col(
                _STR,
                '`low`/`high` end of a range ("2–3 miljoen euro"); null for single amounts.',
                "low",
                nullable=True,
                checks=[Check.isin(["low", "high"])],
            ),
            "surface": _col(_STR, "The text as it appears in the document.", "3,6 Mio. Euro"),
            **_span_columns(),
        },
        checks=[_span_check()],
    ),
    "dates": _table(
        "dates",
        "One row per calendar reference in a document, at its own grain.",
        "date_id",
        {
            "date_id": _id("Deterministic id of the date mention (document, span, date, role).", "dt-4e5f607182930415"),
            "doc_id": _ref(DOC_ID, _EX_DOC),
            "date": _col(
                _STR,
                "Date at its grain: YYYY-MM-DD, YYYY-MM or YYYY.",
                "2025-04",
                checks=[Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")],
            ),
            "grain": _col(
                _STR, "Precision of `date`: day, month or year.", "month", checks=[Check.isin(["day", "month", "year"])]
            ),
            "date_start": _col(
                _DATE, "First day of the period `date` names (for sorting and filtering).", "2025-04-01"
            ),
            "role": _col(
                _STR, "start/end of a period, or event.", "start", checks=[Check.isin(["start", "end", "event"])]
            ),
            "surface": _col(_STR, "The text as it appears in the document.", "april 2025"),
            **_span_columns(),
        },
        checks=[
            _span_check(),
            Check(
                _grain_matches,
                name="grain_matches_date",
                error="date string does not have the length its grain implies",
            ),
        ],
    ),
    **FUNDING_TABLES,
    "rejects": _table(
        "rejects",
        "Rows of a run that failed their table's checks and were not published.",
        None,
        {
            "table": _col(_STR, "Table the row was meant for.", "amounts"),
            "row_key": _col(
                _STR, "Primary key of the rejected row (or `#<position>` when it has none).", "am-3d4e5f6071829304"
            ),
            "reason": _col(
                _STR, "Failed checks, `column: check` separated by `; `.", "currency: str_matches('^[A-Z]{3}$')"
            ),
            "run_id": _col(_STR, "Run that produced the row.", "20261121T030000Z-3f9c"),
            "row_json": _col(_STR, "The rejected row as a JSON object.", '{"currency": "euro", …}'),
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
