"""The analyst views in the DuckDB file: the questions the tables exist to answer, as SQL over them.

- ``funding_by_country_year``: money announced per country (of the source) and year (of publication):
  commitments only (``kind`` not ``other``), totals not added to their own parts, the same figure for
  the same initiative (or, when none is named, from the same funders) announced by several documents
  of a country and year counted once; EUR sums of the low and high ends (ranges), and how many of the
  commitments are yearly amounts.
- ``funders_of_initiatives``: which organisation (or fund) funds which named initiative, with the
  documents saying so and the EUR announced (same rules).
- ``amounts_with_purpose``: every commitment with its document, kind, value, period and parties.
"""

from __future__ import annotations

_COMMITMENTS = """
    select f.*, d.country, d.published, d.title, d.url,
           coalesce((select string_agg(p.programme_id, ',' order by p.programme_id) from funding_parties p
                     where p.funding_id = f.funding_id and p.role = 'for'),
                    (select 'by:' || string_agg(coalesce(p.org_id, p.programme_id), ',' order by p.org_id, p.programme_id)
                     from funding_parties p where p.funding_id = f.funding_id and p.role = 'funder'),
                    f.funding_id) as purpose
    from fundings f join documents d using (doc_id)
    where f.kind <> 'other' and f.part_of_funding_id is null
"""

ANALYST_VIEWS: dict[str, str] = {
    "funding_by_country_year": f"""
        with c as ({_COMMITMENTS}),
        distinct_c as (
            select country, year(published) as year, currency, value_low, value_high, purpose,
                   any_value(value_eur_low) as eur_low, any_value(value_eur_high) as eur_high,
                   bool_or(per_year) as per_year
            from c group by all
        )
        select country, year, count(*) as fundings, round(sum(eur_low), 2) as eur_low,
               round(sum(eur_high), 2) as eur_high, count(*) filter (where per_year) as yearly_fundings
        from distinct_c group by country, year order by country, year
    """,
    "funders_of_initiatives": f"""
        with c as ({_COMMITMENTS})
        select fu.surface as funder, coalesce(fu.org_id, fu.programme_id) as funder_id,
               pf.surface as initiative, pf.programme_id as initiative_id,
               count(distinct c.doc_id) as documents,
               round(sum(distinct c.value_eur_low), 2) as eur_low, string_agg(distinct c.kind, ',') as kinds
        from c join funding_parties fu on fu.funding_id = c.funding_id and fu.role = 'funder'
               join funding_parties pf on pf.funding_id = c.funding_id and pf.role = 'for'
        group by all order by funder, initiative
    """,
    "amounts_with_purpose": """
        select f.funding_id, d.title, d.url, d.country, d.published, f.surface, f.kind, f.value_low,
               f.value_high, f.currency, round(f.value_eur_low, 2) as eur_low, round(f.value_eur_high, 2) as eur_high,
               f.per_year, f.period_start, f.period_end, f.part_of_funding_id,
               (select list(p.surface order by p.surface) from funding_parties p
                where p.funding_id = f.funding_id and p.role = 'for') as for_names,
               (select list(p.surface order by p.surface) from funding_parties p
                where p.funding_id = f.funding_id and p.role = 'funder') as funders,
               (select list(p.surface order by p.surface) from funding_parties p
                where p.funding_id = f.funding_id and p.role = 'recipient') as recipients
        from fundings f join documents d using (doc_id)
        order by d.published nulls last, f.doc_id, f.char_start
    """,
}


def create_analyst_views(con) -> None:
    """Create (or replace) every analyst view on a DuckDB connection that has the table views."""
    for name, sql in ANALYST_VIEWS.items():
        con.execute(f'create or replace view "{name}" as {sql}')
