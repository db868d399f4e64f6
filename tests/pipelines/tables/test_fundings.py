"""fundings / funding_parties / initiatives rows from linked documents (pipelines.tables.fundings)."""

from __future__ import annotations

import duckdb

from pipelines.extract.document import extract_document
from pipelines.models import PageRecord
from pipelines.publish.analyst_views import create_analyst_views
from pipelines.tables.build import build_tables
from pipelines.tables.fundings import funding_rows
from pipelines.tables.validate import validate
from tests.helpers.records import page_record

REPEATED = (
    "AiNed krijgt 276 miljoen euro uit het Nationaal Groeifonds\n\n"
    "Uit het Nationaal Groeifonds gaat 276 miljoen euro naar AiNed."
)


def _record(doc_id: str, text: str, lang: str, country: str, published: str) -> PageRecord:
    doc = extract_document(text, lang=lang, is_html=False)
    doc.published = published
    return page_record(doc_id, doc, content_sha256="0" * 64, run_id="r", country=country)


def test_a_figure_repeated_in_title_and_body_is_one_funding():
    doc = extract_document(REPEATED, lang="nl", is_html=False)
    assert len(doc.amounts) == 2
    fundings, parties = funding_rows("d1", doc)
    assert len(fundings) == 1 and fundings[0]["mention_count"] == 2
    assert {(p["role"], p["surface"]) for p in parties} >= {("funder", "Nationaal Groeifonds"), ("for", "AiNed")}


def test_a_range_is_one_row_and_parts_point_to_their_total():
    doc = extract_document(
        "Regeringen satsar 90 miljoner kronor, varav 60 miljoner kronor går till forskning och 30 miljoner "
        "kronor till utbildning. Ett projekt kan få mellan 1 och 2 miljoner kronor.",
        lang="sv",
        is_html=False,
    )
    fundings, _ = funding_rows("d1", doc)
    by_value = {f["value_high"]: f for f in fundings}
    assert by_value[2_000_000]["value_low"] == 1_000_000 and by_value[2_000_000]["value"] is None
    total = by_value[90_000_000]["funding_id"]
    assert by_value[60_000_000]["part_of_funding_id"] == total == by_value[30_000_000]["part_of_funding_id"]


def test_tables_validate_and_views_answer_per_country_and_initiative():
    records = [
        _record("d1", REPEATED, "nl", "NL", "2021-04-13"),
        _record("d2", "Uit het Nationaal Groeifonds gaat 276 miljoen euro naar AiNed.", "nl", "NL", "2021-05-01"),
        _record("d3", "Bei Verstößen drohen Bußgelder von bis zu 35 Mio. Euro.", "de", "DE", "2024-10-22"),
    ]
    kept, rejects = validate(build_tables(records), "r")
    assert len(rejects) == 0
    assert list(kept["documents"]["country"]) == ["NL", "NL", "DE"]
    (ained,) = [r for _, r in kept["initiatives"].iterrows() if r["name"] == "AiNed"]
    assert ained["document_count"] == 2 and ained["total_eur"] == 276_000_000  # announced twice, counted once
    con = duckdb.connect()
    for name, df in kept.items():
        con.register(name, df)
    create_analyst_views(con)
    rows = con.execute("select country, year, fundings, eur_low from funding_by_country_year").fetchall()
    assert rows == [("NL", 2021, 1, 276_000_000.0)]  # the fine is not money announced
    pairs = con.execute("select funder, initiative from funders_of_initiatives").fetchall()
    assert ("Nationaal Groeifonds", "AiNed") in pairs


def test_the_same_figure_from_the_same_funder_on_two_pages_is_announced_once():
    text = "Vinnova beviljar 3 miljoner kronor till Lunds universitet."
    records = [_record(f"d{i}", text, "sv", "SE", "2024-03-01") for i in (1, 2)]
    kept, _ = validate(build_tables(records), "r")
    con = duckdb.connect()
    for name, df in kept.items():
        con.register(name, df)
    create_analyst_views(con)
    assert con.execute("select fundings from funding_by_country_year").fetchall() == [(1,)]
