"""Caches that must miss instead of blocking, and locks taken by the flows (issue 19, faults 5 and 6)."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from pipelines.flows import versioning
from pipelines.flows.lock import RunLockedError, run_locks
from pipelines.flows.pages import ExtractCache
from pipelines.flows.summary import RunSummary
from pipelines.langdata import data_dir
from pipelines.models import Document
from pipelines.publish import run as pub
from pipelines.publish.reuse import TablesCache
from pipelines.tables.build import build_tables
from tests.helpers import records as fixtures

# -- the extraction cache ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        {"text": 5, "language": "sv"},  # valid JSON, wrong type
        {
            "text": "t",
            "language": "sv",
            "amounts": [{"value": "12", "currency": "SEK", "text": "12 kr", "start": 0, "end": 5}],
        },
        {"text": "t", "language": "sv", "amounts": 7},
        {"text": "t", "language": "sv", "organisations": [{"name": "X"}]},
        [1, 2, 3],
    ],
)
def test_an_extraction_cache_entry_of_wrong_types_is_a_miss(tmp_path: Path, entry, caplog) -> None:
    cache = ExtractCache(tmp_path, "v1")
    cache.put("ab" * 32, Document(text="fine", language="sv"))
    assert cache.get("ab" * 32) == Document(text="fine", language="sv")
    path = next(tmp_path.rglob("*.json"))
    path.write_text(json.dumps(entry))
    with caplog.at_level(logging.WARNING):
        assert cache.get("ab" * 32) is None
    assert "extracting again" in caplog.text


# -- the tables cache ----------------------------------------------------------------------------


@pytest.fixture
def cached(tmp_path: Path) -> tuple[TablesCache, Path]:
    report = pub.publish(build_tables([fixtures.swedish(), fixtures.dutch()]), str(tmp_path / "out"), "r1", "v1")
    summary = RunSummary(run_id="r1", code_version="v1", documents={"src": 2}, languages={"sv": 1, "nl": 1})
    cache = TablesCache(tmp_path / "tables")
    cache.put("key", report, summary, [])
    assert cache.get("key", RunSummary(run_id="r2", code_version="v1")) is not None
    return cache, tmp_path / "tables" / "key"


def test_a_tables_cache_entry_with_an_intact_footer_but_bad_data_is_a_miss(cached, caplog) -> None:
    cache, entry = cached
    path = entry / "documents.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # a data page, well before the footer
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        assert cache.get("key", RunSummary(run_id="r2", code_version="v1")) is None
    assert "built again" in caplog.text


@pytest.mark.parametrize(
    "change",
    [
        {"documents": {"src": "two"}},
        {"failed_documents": None},
        {"errors": "none"},
        {"tables": ["documents"]},
    ],
)
def test_a_tables_cache_entry_with_bad_counts_is_a_miss(cached, change) -> None:
    cache, entry = cached
    counts = json.loads((entry / "counts.json").read_text())
    (entry / "counts.json").write_text(json.dumps({**counts, **change}))
    summary = RunSummary(run_id="r2", code_version="v1")
    assert cache.get("key", summary) is None
    assert summary.documents == {} and summary.errors == []


# -- the cache key -------------------------------------------------------------------------------


def test_the_gazetteer_in_use_is_part_of_the_code_version(tmp_path: Path, monkeypatch) -> None:
    before = versioning.code_version()
    gazetteers = tmp_path / "gazetteers"
    shutil.copytree(data_dir() / "gazetteers", gazetteers)
    monkeypatch.setenv("AISCOUT_GAZETTEER_DIR", str(gazetteers))
    assert versioning.code_version() == before  # the same data elsewhere: the same answers
    first = sorted(gazetteers.glob("*.csv"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert versioning.code_version() != before


# -- locks in the flows --------------------------------------------------------------------------


def test_the_flows_take_the_run_locks_themselves(tmp_path: Path) -> None:
    """`serve` and a Prefect deployment call the flows directly: the flows must refuse a held lock."""
    from pipelines.flows.nightly import nightly, reprocess

    state, out = tmp_path / "state", str(tmp_path / "out")
    registry = tmp_path / "sources.yaml"
    registry.write_text(
        "sources:\n- {name: s, publisher_org_id: se-s, country: SE, languages: [sv], allowed_domains: [127.0.0.1],"
        " start_urls: ['http://127.0.0.1:9/nyheter/'], article_patterns: ['^/a']}\n"
    )
    with run_locks(state, out):  # another run (here: this test) holds the folders
        with pytest.raises(RunLockedError):
            reprocess.fn(run_id="r1", raw_dir=str(tmp_path / "raw"), state_dir=str(state), out=out)
        with pytest.raises(RunLockedError):
            nightly.fn(raw_dir=str(tmp_path / "raw"), state_dir=str(state), out=out, registry=str(registry))
        with pytest.raises(RunLockedError):  # the output folder alone is enough to refuse
            reprocess.fn(run_id="r1", raw_dir=str(tmp_path / "raw"), state_dir=str(tmp_path / "other"), out=out)
    assert not (tmp_path / "raw").exists() and not (tmp_path / "out" / "runs").exists()
