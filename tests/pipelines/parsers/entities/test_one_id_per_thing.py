"""One row per real thing: the entity tables built from the demo snapshot's pages name no entity under
two ids (pages through ``extract_document``, tables through ``build_tables``)."""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pytest

from pipelines.extract.document import extract_document
from pipelines.models import PageRecord
from pipelines.parsers.entities.gazetteer import load_gazetteer
from pipelines.tables.build import build_tables
from pipelines.text_keys import name_key
from tests.helpers.paths import DEMO


def _records() -> list[PageRecord]:
    records = []
    for path in sorted(DEMO.rglob("index.html")):
        url = "https://" + path.parent.relative_to(DEMO).as_posix() + "/"
        html = path.read_bytes()
        records.append(
            PageRecord(
                doc_id=hashlib.sha256(url.encode()).hexdigest()[:16],
                url=url,
                canonical_url=url,
                source=url.split("/")[2],
                publisher_org_id=None,
                fetched_at="2026-11-21T03:00:05Z",
                content_sha256=hashlib.sha256(html).hexdigest(),
                run_id="test",
                document=extract_document(html, url=url),
            )
        )
    return records


@pytest.fixture(scope="module")
def entity_rows() -> list[tuple[str, str, list[str]]]:
    """(id, name, surfaces) of every organisation and programme row."""
    tables = build_tables(_records())
    rows = [(r.org_id, r.name, list(r.aliases)) for r in tables["organisations"].itertuples()]
    rows += [(r.programme_id, r.name, list(r.aliases)) for r in tables["programmes"].itertuples()]
    assert len(rows) > 40, "the demo snapshot should name many organisations and programmes"
    return rows


def test_no_name_under_two_ids(entity_rows):
    ids_of = defaultdict(set)
    for entity_id, name, surfaces in entity_rows:
        for form in {name, *surfaces}:
            ids_of[name_key(form)].add(entity_id)
    shared = {form: sorted(ids) for form, ids in ids_of.items() if len(ids) > 1}
    assert not shared, f"one name under several ids: {shared}"


def test_known_names_take_the_gazetteer_id(entity_rows):
    gazetteer = load_gazetteer()
    known = {}
    for entry in (*gazetteer.organisations.values(), *gazetteer.programmes.values()):
        for form in (entry.name, *entry.aliases, *entry.acronyms):
            known.setdefault(name_key(form), entry.id)
    stray = {
        (entity_id, form): known[name_key(form)]
        for entity_id, name, surfaces in entity_rows
        if gazetteer.get(entity_id) is None
        for form in {name, *surfaces}
        if name_key(form) in known
    }
    assert not stray, f"names of gazetteer entries under other ids: {stray}"
