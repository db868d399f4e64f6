"""The building blocks of the table definitions: Arrow types, column kinds, value patterns and the table builder.

``schemas.tables`` and ``schemas.funding_tables`` define every table with these, so a kind of column (an id, a
reference to a document, a coded value such as a currency, a mention's span) is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
from pandera.pandas import Check, Column, DataFrameSchema

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
TS = pa.timestamp("us", tz="UTC")
LIST = pa.list_(pa.string())

EX_DOC = "3f9c2a7d41be8e05"


def col(
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


@dataclass(frozen=True)
class Code:
    """A kind of coded string value: the pattern every value matches, and a typical value."""

    pattern: str
    example: str

    def column(self, description: str, *, example: str | None = None, nullable: bool = False) -> Column:
        """A string column of this code (``example`` instead of the typical value where given)."""
        checks = [Check.str_matches(self.pattern)]
        return col(STR, description, example or self.example, nullable=nullable, checks=checks)


LANGUAGE = Code(r"^[a-z]{2}$", "sv")  # ISO 639-1
COUNTRY = Code(r"^[A-Z]{2}$", "SE")  # ISO 3166-1 alpha-2
CURRENCY = Code(r"^[A-Z]{3}$", "EUR")  # ISO 4217
SHA256 = Code(r"^[0-9a-f]{64}$", "9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de")
DATE_AT_GRAIN = Code(r"^\d{4}(-\d{2}(-\d{2})?)?$", "2025-04")  # YYYY, YYYY-MM or YYYY-MM-DD


def identifier(description: str, example: str) -> Column:
    """A table's own id: a unique non-empty string."""
    return col(STR, description, example, unique=True, checks=[Check.str_length(min_value=1)])


def reference(description: str, example: str, *, nullable: bool = False) -> Column:
    """The id of a row of another table."""
    return col(STR, description, example, nullable=nullable)


def document_reference() -> Column:
    """The ``doc_id`` of the document a row comes from."""
    return reference("Document the mention comes from (`documents.doc_id`).", EX_DOC)


def surface(example: str, description: str = "The text as it appears in the document.") -> Column:
    """The words of a mention as the document has them."""
    return col(STR, description, example)


def _span_columns() -> dict[str, Column]:
    return {
        "char_start": col(
            INT, "Offset of the first character of the mention in `documents.text`.", 112, checks=[Check.ge(0)]
        ),
        "char_end": col(
            INT,
            "Offset just past the mention's last character (`text[char_start:char_end]`).",
            131,
            checks=[Check.ge(0)],
        ),
    }


def count_columns(mentions: int, documents: int, subject: str = "it") -> dict[str, Column]:
    """How often an entity is mentioned, and in how many documents (examples ``mentions``, ``documents``)."""
    return {
        "mention_count": col(INT, "Number of mentions across all documents.", mentions, checks=[Check.ge(1)]),
        "document_count": col(INT, f"Number of documents mentioning {subject}.", documents, checks=[Check.ge(1)]),
    }


def _span_check() -> Check:
    return Check(
        lambda df: df["char_start"] <= df["char_end"],
        name="char_start_le_char_end",
        error="char_start must be <= char_end",
    )


def table(
    name: str, description: str, primary_key: str | None, columns: dict[str, Column], checks: list[Check] | None = None
) -> DataFrameSchema:
    """A strict, ordered table schema; ``primary_key`` (None for none) is kept in its metadata."""
    return DataFrameSchema(
        columns,
        checks=checks,
        strict=True,
        ordered=True,
        name=name,
        description=description,
        metadata={"primary_key": primary_key},
    )


def mention_table(
    name: str,
    description: str,
    primary_key: str,
    key: Column,
    columns: dict[str, Column],
    said: Column,
    checks: list[Check] | None = None,
) -> DataFrameSchema:
    """A table of mentions in documents: its id ``key``, the document (``doc_id``), ``columns``, then what the text
    says (``surface``: ``said``) and where (``char_start``, ``char_end``, checked to be in order)."""
    return table(
        name,
        description,
        primary_key,
        {primary_key: key, "doc_id": document_reference(), **columns, "surface": said, **_span_columns()},
        checks=[_span_check(), *(checks or [])],
    )
