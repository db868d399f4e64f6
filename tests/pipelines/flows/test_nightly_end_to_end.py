"""The nightly flow on the bundled demo snapshot, end to end, into a temporary folder.

Crawl (Scrapy, subprocess) -> WARC archive -> extraction -> parsers -> validation -> Parquet,
then a second run (incremental: nothing unchanged is fetched again, same tables) and a
reprocess of the first run from the archive alone (same tables, no server). The runs are the session's
``demo_runs`` (tests/helpers/demo_runs.py), shared with the Dask runner's test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipelines.cli.app import DEMO_SNAPSHOT

pytestmark = pytest.mark.slow
TABLES = ("documents", "organisations", "programmes", "people", "amounts", "dates")
EXPECTED = yaml.safe_load((DEMO_SNAPSHOT / "expected.yaml").read_text(encoding="utf-8"))


def _read(root: Path, run: str, table: str) -> pd.DataFrame:
    return pd.read_parquet(root / run / f"{table}.parquet")


def _doc(root, run, url_part):
    docs = _read(root, run, "documents")
    [row] = docs[docs["url"].str.contains(url_part, regex=False)].to_dict("records")
    return row


def test_every_table_is_written(demo_runs):
    root, _ = demo_runs
    for table in TABLES:
        assert len(_read(root, "first", table)) > 0, table


def test_all_snapshot_articles_become_documents_with_language_and_date(demo_runs):
    root, _ = demo_runs
    docs = _read(root, "first", "documents").set_index("url")
    for art in EXPECTED["articles"]:
        row = docs.loc[art["url"]]
        assert row["language"] == art["language"], art["url"]
        published = None if pd.isna(row["published"]) else pd.Timestamp(row["published"]).date().isoformat()
        assert published == art["published"], art["url"]
        assert bool(row["is_ai_related"]) == art["is_ai"], art["url"]
    assert len(docs) == len(EXPECTED["articles"])


def test_acceptance_values(demo_runs):
    root, _ = demo_runs
    amounts, dates = _read(root, "first", "amounts"), _read(root, "first", "dates")
    kimed = _doc(root, "first", "/forschung/kimed")
    assert kimed["language"] == "de"
    kimed_amounts = amounts[amounts["doc_id"] == kimed["doc_id"]]
    assert ((kimed_amounts["value"] == 3_600_000) & (kimed_amounts["currency"] == "EUR")).any()
    sia = _doc(root, "first", "learning-communities-ai")
    assert pd.Timestamp(sia["published"]).date() == dt.date(2022, 6, 23)
    sia_amounts = amounts[amounts["doc_id"] == sia["doc_id"]]
    assert ((sia_amounts["value"] == 850_000) & (sia_amounts["currency"] == "EUR")).any()
    assert "2022-07-01" in set(dates[dates["doc_id"] == sia["doc_id"]]["date"])
    umu = _doc(root, "first", "partnerskapsdag")
    assert pd.Timestamp(umu["published"]).date() == dt.date(2020, 11, 23)


def test_no_amount_comes_from_page_chrome(demo_runs):
    root, _ = demo_runs
    docs = _read(root, "first", "documents").set_index("url")
    amounts = _read(root, "first", "amounts")
    for art in EXPECTED["articles"]:
        found = amounts[amounts["doc_id"] == docs.loc[art["url"], "doc_id"]]
        got = {(round(v), c) for v, c in zip(found["value"], found["currency"])}
        want = {(round(a["value"]), a["currency"]) for a in art.get("amounts") or []}
        assert got <= want, (art["url"], got - want)


def test_second_run_fetches_no_unchanged_article_and_gives_the_same_tables(demo_runs):
    root, results = demo_runs
    assert results["first"]["served"]["article_bodies"] == len(EXPECTED["articles"])
    assert results["second"]["served"]["article_bodies"] == 0
    assert results["second"]["served"]["requests"] < results["first"]["served"]["requests"]
    for table in TABLES:
        first, second = _read(root, "first", table), _read(root, "second", table)
        pd.testing.assert_frame_equal(first, second, check_like=False)


def test_reprocess_gives_the_tables_of_the_run_that_archived_the_pages(demo_runs):
    root, _ = demo_runs
    for table in TABLES:
        pd.testing.assert_frame_equal(_read(root, "first", table), _read(root, "reprocess", table))


def test_summary_counts(demo_runs):
    _, results = demo_runs
    first = results["first"]
    assert sum(first["documents"].values()) == len(EXPECTED["articles"])
    assert set(first["languages"]) >= {"sv", "nl", "de", "en"}
    assert first["rows"]["documents"] == len(EXPECTED["articles"])
    assert results["second"]["cached"] == len(EXPECTED["articles"])


def test_a_night_without_crawls_republishes_the_earlier_corpus(demo_runs):
    root, results = demo_runs
    assert results["idle"]["crawl"] == {}
    for table in TABLES:
        pd.testing.assert_frame_equal(_read(root, "first", table), _read(root, "idle", table))
