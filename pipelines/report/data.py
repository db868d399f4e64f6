"""What the report shows, as small DataFrames computed with SQL over the current tables.

Funding comes from the ``fundings`` table when the tables have one; until then from the money
amounts mentioned in the documents, and is labelled as mentions (a mention is not a decision).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from pipelines.report.current import columns, table_names

TOP_N = 10


@dataclass(frozen=True)
class Section:
    """One chart's data and how to read it."""

    title: str
    note: str
    frame: pd.DataFrame


def _country_expr(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for a document's country: ``documents.country`` when the table has it, else the publisher's."""
    if "country" in columns(con, "documents"):
        return "coalesce(d.country, o.country, '?')"
    return "coalesce(o.country, '?')"


def funding_by_country_year(con: duckdb.DuckDBPyConnection) -> Section:
    """EUR per country and year: from ``fundings`` if present, else from amount mentions."""
    if "fundings" in table_names(con) and {"value_eur", "country", "year"} <= columns(con, "fundings"):
        frame = con.execute(
            "select country, year, sum(value_eur) as eur from fundings where value_eur is not null "
            "group by all order by year, country"
        ).fetchdf()
        return Section("Funding announced per country and year (EUR)", "from the fundings table", frame)
    frame = con.execute(
        f"""
        select {_country_expr(con)} as country, year(d.published) as year, sum(a.value_eur) as eur
        from amounts a join documents d using (doc_id)
        left join organisations o on o.org_id = d.publisher_org_id
        where a.value_eur is not null and d.published is not null and coalesce(a.range_role, 'low') = 'low'
        group by all order by year, country
        """
    ).fetchdf()
    note = (
        "money amounts MENTIONED in the documents (one end of each range), by the publisher's country "
        "and the publication year; mentions, not confirmed funding decisions"
    )
    return Section("Money mentioned per country and year (EUR, mentions)", note, frame)


def top_organisations(con: duckdb.DuckDBPyConnection) -> list[Section]:
    """Top funders and recipients from ``fundings`` if present; else the organisations most often
    named in documents that mention money, besides the publisher (labelled as mentions)."""
    if "fundings" in table_names(con) and {"funder", "recipient", "value_eur"} <= columns(con, "fundings"):
        return [
            Section(
                f"Top {role}s (EUR)",
                "from the fundings table",
                con.execute(
                    f"select {role} as name, sum(value_eur) as eur from fundings where {role} is not null "
                    f"group by all order by eur desc nulls last limit {TOP_N}"
                ).fetchdf(),
            )
            for role in ("funder", "recipient")
        ]
    frame = con.execute(
        f"""
        select o.name, count(distinct m.doc_id) as documents
        from organisation_mentions m join organisations o using (org_id) join documents d using (doc_id)
        where m.doc_id in (select doc_id from amounts) and m.org_id is distinct from d.publisher_org_id
        group by all order by documents desc, o.name limit {TOP_N}
        """
    ).fetchdf()
    note = (
        "organisations named in documents that mention money, besides the publisher; until funding "
        "decisions are extracted, funders and recipients are not told apart (mentions)"
    )
    return [Section("Organisations named with money (documents, mentions)", note, frame)]


def initiatives_timeline(con: duckdb.DuckDBPyConnection) -> Section:
    """Initiatives by the date they were first announced: the ``initiatives`` table if present,
    else programmes by the earliest publication date of a document naming them."""
    if "initiatives" in table_names(con) and {"name", "announced"} <= columns(con, "initiatives"):
        frame = con.execute(
            f"select name, announced as first from initiatives where announced is not null "
            f"order by announced desc limit {TOP_N * 2}"
        ).fetchdf()
        return Section("Initiatives over time", "from the initiatives table", frame)
    frame = con.execute(
        f"""
        select p.name, min(d.published) as first, count(distinct m.doc_id) as documents
        from programme_mentions m join programmes p using (programme_id) join documents d using (doc_id)
        where d.published is not null
        group by all order by first desc limit {TOP_N * 2}
        """
    ).fetchdf()
    note = "programmes and initiatives by the first publication date of a document naming them (mentions)"
    return Section("Initiatives over time (first mention)", note, frame)


def documents_per_month(con: duckdb.DuckDBPyConnection, by: str) -> Section:
    """Documents per publication month and ``by`` (source or language)."""
    frame = con.execute(
        f"""
        select strftime(coalesce(published, cast(fetched_at as date)), '%Y-%m') as month,
               coalesce({by}, '?') as {by}, count(*) as documents
        from documents where error is null group by all order by month, {by}
        """
    ).fetchdf()
    return Section(
        f"Documents per {by} and month", "publication month (fetch month when the page gives no date)", frame
    )
