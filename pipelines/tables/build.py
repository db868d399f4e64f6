"""Rows of the output tables (``schemas/tables.py``) from processed pages.

:class:`TableBuilder` turns ``PageRecord``s into the document and mention tables a chunk at a time
and keeps only per-entity counts between chunks (:func:`build_tables` is the one-chunk, in-memory
form). Ids are deterministic: a short SHA-256 of stable fields, so the
same input gives the same ids and, with the sorted row order, the same tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipelines.models import Document, PageRecord
from pipelines.normalise.ids import stable_id
from pipelines.normalise.values import _iso_date, _language, _utc, period_start
from pipelines.tables.fundings import Initiatives, funding_rows
from pipelines.text_keys import identity_key
from schemas.relations import FUNDING_TABLES, MENTION_TABLES
from schemas.tables import arrow_schema, frame, id_column


def _most_common(counter: Counter[str]) -> str | None:
    """Most frequent key, ties broken alphabetically (independent of input order)."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None


def _distinct_roles(roles: set[str]) -> list[str]:
    """Roles once each, compared case-insensitively ("Rektor" at a sentence start is "rektor");
    the form with a lower-case first letter wins, then the alphabetically first."""
    best: dict[str, str] = {}
    for role in sorted(roles, key=lambda r: (r[:1].isupper(), r)):
        best.setdefault(identity_key(role), role)
    return sorted(best.values())


@dataclass
class _Entity:
    """Aggregate of every mention of one organisation, programme or person: counts, not mention lists."""

    names: Counter[str] = field(default_factory=Counter)
    labels: set[str] = field(default_factory=set)
    mention_count: int = 0
    document_count: int = 0
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)

    def base_row(self) -> dict[str, Any]:
        return {
            "name": _most_common(self.names),
            "mention_count": self.mention_count,
            "document_count": self.document_count,
        }


class _DocumentMentions:
    """One document's mentions: each mention id and each entity counted once per document."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.ids: set[str] = set()
        self.entities: set[int] = set()

    def count(self, entity: _Entity, name: str, label: str | None, mention_id: str) -> None:
        entity.names[name] += 1
        if label:
            entity.labels.add(label)
        if mention_id not in self.ids:
            self.ids.add(mention_id)
            entity.mention_count += 1
        if id(entity) not in self.entities:
            self.entities.add(id(entity))
            entity.document_count += 1


class TableBuilder:
    """Rows of the document and mention tables a chunk of records at a time, plus the entity tables.

    Only the entity aggregates (bounded by the number of distinct entities) outlive a chunk, so a
    corpus streamed through in chunks never sits in memory. A record whose ``doc_id`` was seen
    before still gives its document row (validation rejects it as a duplicate) but no mentions.
    """

    def __init__(self) -> None:
        self.orgs: dict[str, _Entity] = {}
        self.programmes: dict[str, _Entity] = {}
        self.people: dict[str, _Entity] = {}
        self.initiatives = Initiatives()
        self._doc_ids: set[str] = set()

    def chunk(self, records: Iterable[PageRecord]) -> dict[str, pd.DataFrame]:
        """The documents and mention tables of ``records``: documents sorted by id, mentions by
        doc_id, span and id (records given in doc_id order make chunks that follow each other)."""
        columns: dict[str, dict[str, list[Any]]] = {
            t: {name: [] for name in arrow_schema(t).names} for t in ("documents", *MENTION_TABLES, *FUNDING_TABLES)
        }
        for rec in records:
            self._add(columns, rec)
        out = {}
        for table, cols in columns.items():
            key = id_column(table)
            sort_key = (
                (cols["doc_id"],)
                if table == "documents"
                else (cols["doc_id"], cols["char_start"], cols["char_end"], cols[key])
                if "char_start" in cols
                else (cols["doc_id"], cols[key])
            )
            order = sorted(range(len(cols["doc_id"])), key=lambda i: tuple(c[i] for c in sort_key))
            out[table] = frame(table, {name: [values[i] for i in order] for name, values in cols.items()})
        return out

    def _add(self, columns: dict[str, dict[str, list[Any]]], rec: PageRecord) -> None:
        doc = rec.document
        _append(
            columns["documents"],
            {
                "doc_id": rec.doc_id,
                "url": rec.url,
                "canonical_url": rec.canonical_url,
                "source": rec.source,
                "publisher_org_id": rec.publisher_org_id,
                "title": doc.title if doc else None,
                "language": _language(doc.language) if doc else None,
                "published": _iso_date(doc.published) if doc else None,
                "modified": _iso_date(doc.modified) if doc else None,
                "fetched_at": _utc(rec.fetched_at),
                "content_sha256": rec.content_sha256,
                "ai_score": float(rec.ai_score),
                "is_ai_related": bool(rec.is_ai_related),
                "text": doc.text if doc else None,
                "run_id": rec.run_id,
                "error": rec.error or (None if doc else "no document extracted"),
                "text_source": doc.text_source if doc else None,
                "country": rec.country,
            },
        )
        if doc is not None and rec.doc_id not in self._doc_ids:
            self._add_mentions(columns, _DocumentMentions(rec.doc_id), doc)
            fundings, parties = funding_rows(rec.doc_id, doc)
            for row in fundings:
                _append(columns["fundings"], row)
            for row in parties:
                _append(columns["funding_parties"], row)
            self.initiatives.add(rec.doc_id, doc, rec.country, fundings, parties)
        self._doc_ids.add(rec.doc_id)

    def _add_mentions(self, columns: dict[str, dict[str, list[Any]]], seen: _DocumentMentions, doc: Document) -> None:
        doc_id = seen.doc_id

        def mention(table: str, mention_id: str, start: int, end: int, **values: Any) -> None:
            _append(
                columns[table],
                {id_column(table): mention_id, "doc_id": doc_id, **values, "char_start": start, "char_end": end},
            )

        for m in doc.organisations:
            org_id = m.id or stable_id("org", identity_key(m.name))
            mid = stable_id("om", doc_id, m.start, m.end, org_id)
            ent = self.orgs.setdefault(org_id, _Entity())
            seen.count(ent, m.name, m.text, mid)
            if m.type:
                ent.types[m.type] += 1
            if m.country:
                ent.countries[m.country] += 1
            mention("organisation_mentions", mid, m.start, m.end, org_id=org_id, surface=m.text)
        for p in doc.programmes:
            prog_id = p.id or stable_id("prog", identity_key(p.name))
            mid = stable_id("pm", doc_id, p.start, p.end, prog_id)
            seen.count(self.programmes.setdefault(prog_id, _Entity()), p.name, p.text, mid)
            mention("programme_mentions", mid, p.start, p.end, programme_id=prog_id, surface=p.text)
        for h in doc.people:
            person_id = stable_id("p", identity_key(h.name))
            mid = stable_id("hm", doc_id, h.start, h.end, person_id)
            seen.count(self.people.setdefault(person_id, _Entity()), h.name, h.role, mid)
            mention(
                "people_mentions", mid, h.start, h.end, person_id=person_id, name=h.name, role=h.role, surface=h.text
            )
        for a in doc.amounts:
            mention(
                "amounts",
                stable_id("am", doc_id, a.start, a.end, a.currency, float(a.value), a.range_role),
                a.start,
                a.end,
                value=float(a.value),
                currency=a.currency,
                value_eur=None if a.value_eur is None else float(a.value_eur),
                fx_rate=None if a.fx_rate is None else float(a.fx_rate),
                fx_date=_iso_date(a.fx_date),
                approx=bool(a.approx),
                range_role=a.range_role,
                surface=a.text,
            )
        for d in doc.dates:
            mention(
                "dates",
                stable_id("dt", doc_id, d.start, d.end, d.date, d.role),
                d.start,
                d.end,
                date=d.date,
                grain=d.grain,
                date_start=period_start(d.date),
                role=d.role,
                surface=d.text,
            )

    def entity_tables(self) -> dict[str, pd.DataFrame]:
        """The organisations, programmes and people tables of everything added so far, sorted by id."""
        return {
            "organisations": _frame(
                "organisations",
                [
                    {
                        "org_id": k,
                        **e.base_row(),
                        "type": _most_common(e.types),
                        "country": _most_common(e.countries),
                        "aliases": sorted(e.labels),
                    }
                    for k, e in sorted(self.orgs.items())
                ],
            ),
            "programmes": _frame(
                "programmes",
                [
                    {"programme_id": k, **e.base_row(), "aliases": sorted(e.labels)}
                    for k, e in sorted(self.programmes.items())
                ],
            ),
            "people": _frame(
                "people",
                [
                    {"person_id": k, **e.base_row(), "roles": _distinct_roles(e.labels)}
                    for k, e in sorted(self.people.items())
                ],
            ),
            "initiatives": _frame("initiatives", self.initiatives.rows()),
        }


def _append(columns: dict[str, list[Any]], row: dict[str, Any]) -> None:
    for name, values in columns.items():
        values.append(row.get(name))


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    names = arrow_schema(table).names
    return frame(table, {name: [row.get(name) for row in rows] for name in names})


def build_tables(records: Iterable[PageRecord]) -> dict[str, pd.DataFrame]:
    """All output tables except ``rejects`` from processed pages, in memory (one chunk).

    Entity tables (organisations, programmes, people) aggregate mentions across documents; every
    table is sorted (documents and entities by id, mentions by doc_id, span, id). The flows stream
    instead (``pipelines.table_stream``).
    """
    builder = TableBuilder()
    return {**builder.chunk(records), **builder.entity_tables()}
