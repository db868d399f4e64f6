"""The data dictionary's examples have the shapes the code really produces."""

import re

from pipelines.flows.nightly import new_run_id
from pipelines.normalise.ids import doc_id_for, stable_id
from pipelines.parsers.entities.gazetteer import gazetteer_dir
from schemas.tables import TABLES


def _example(table: str, column: str):
    return TABLES[table].columns[column].metadata["example"]


def _shape(value: str) -> str:
    return re.sub(r"[0-9a-f]", "h", re.sub(r"\d", "9", value)) if value else value


def test_ids_look_like_the_ids_the_code_makes():
    assert _shape(_example("documents", "doc_id")) == _shape(doc_id_for("https://www.vinnova.se/nyheter/x/"))
    for table, column in (("documents", "run_id"), ("rejects", "run_id")):
        example = _example(table, column)
        assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{4}", example) and re.fullmatch(
            r"\d{8}T\d{6}Z-[0-9a-f]{4}", new_run_id()
        ), example
    for table in ("amounts", "people", "organisation_mentions", "dates"):
        pk = TABLES[table].metadata["primary_key"]
        example = _example(table, pk)
        prefix = example.split("-")[0]
        assert len(example) == len(stable_id(prefix, "x")) and re.fullmatch(rf"{prefix}-[0-9a-f]{{16}}", example)


def test_organisation_and_programme_examples_are_gazetteer_ids():
    ids = "\n".join(p.read_text(encoding="utf-8") for p in gazetteer_dir().glob("*.csv"))
    for table, column in (
        ("organisations", "org_id"),
        ("organisation_mentions", "org_id"),
        ("documents", "publisher_org_id"),
        ("programmes", "programme_id"),
        ("programme_mentions", "programme_id"),
    ):
        assert re.search(rf"(^|,){re.escape(_example(table, column))}(,|$)", ids, re.M), (table, column)
