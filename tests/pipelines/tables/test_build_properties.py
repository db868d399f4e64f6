"""Property: whatever mentions the parsers produce, built tables pass validation without rejects."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.models import Document, OrgMention, PageRecord, PersonMention
from pipelines.normalise.ids import stable_id
from pipelines.tables.build import build_tables
from pipelines.tables.validate import validate
from pipelines.text_keys import identity_key
from tests.helpers.records import page_record

_NAMES = st.sampled_from(
    [
        "KTH",
        "Vinnova",
        "TU Delft",
        "Universiteit Leiden",
        "TU München",
        "Fraunhofer IAIS",
        "Anna Lindqvist",
        "anna  lindqvist",
        "Jan de Vries",
        "Jürgen Müller",
    ]
)
_TEXT = "x" * 200


@st.composite
def _record(draw, doc_id: str) -> PageRecord:
    def span():
        start = draw(st.integers(0, 190))
        return start, start + draw(st.integers(0, 10))

    orgs = [
        OrgMention(n, draw(st.sampled_from([None, n.lower().replace(" ", "-")])), n, *span())
        for n in draw(st.lists(_NAMES, max_size=6))
    ]
    people = [
        PersonMention(n, draw(st.sampled_from([None, "rektor", "Professorin"])), n, *span())
        for n in draw(st.lists(_NAMES, max_size=4))
    ]
    doc = Document(text=_TEXT, language="sv", organisations=orgs, people=people)
    content_sha256 = hashlib.sha256(doc_id.encode()).hexdigest()  # every page its own content
    return page_record(doc_id, doc, fetched_at="2026-11-21T03:00:05+01:00", content_sha256=content_sha256, run_id="r")


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True).flatmap(
        lambda ids: st.tuples(*(_record(f"d{i}") for i in ids))
    )
)
def test_built_tables_validate_cleanly(records):
    tables = build_tables(records)
    kept, rejects = validate(tables, "r")
    distinct_orgs = {
        (r.doc_id, m.start, m.end, m.id or stable_id("org", identity_key(m.name)))
        for r in records
        for m in r.document.organisations
    }
    assert rejects.empty or set(rejects["table"]) <= {"organisation_mentions", "people_mentions"}
    assert kept["organisations"]["mention_count"].sum() == len(kept["organisation_mentions"]) == len(distinct_orgs)
    assert kept["people"]["document_count"].le(len(records)).all()
    assert str(kept["documents"]["fetched_at"].iloc[0]) == "2026-11-21 02:00:05+00:00"
