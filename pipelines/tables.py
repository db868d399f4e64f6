"""Rows of the output tables (``schemas/tables.py``) from processed pages.

:func:`build_tables` consumes ``PageRecord``s one at a time (a generator is fine) and keeps only
the rows and per-entity aggregates. Ids are deterministic: a short SHA-256 of stable fields, so the
same input gives the same ids and, with the sorted row order, the same tables.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipelines.models import Document, PageRecord
from schemas.tables import arrow_schema, frame, primary_key

MENTION_TABLES = ("organisation_mentions", "programme_mentions", "people_mentions", "amounts", "dates")


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix`` + 16 hex digits of the SHA-256 of the parts (None and values joined unambiguously)."""
    raw = "\x1f".join("\x00" if p is None else repr(p) if isinstance(p, float) else str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:16]}"


def normalise_name(name: str) -> str:
    """Case-folded, NFKC-normalised name with single spaces: the key people (and id-less entities) merge on."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()


def period_start(date: str) -> dt.date | None:
    """First day of a YYYY-MM-DD / YYYY-MM / YYYY period; None if ``date`` is not one."""
    suffix = {4: "-01-01", 7: "-01", 10: ""}.get(len(date))
    if suffix is None:
        return None
    try:
        return dt.date.fromisoformat(date + suffix)
    except ValueError:
        return None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _utc(value: str) -> dt.datetime | None:
    """ISO 8601 timestamp -> aware UTC datetime (naive values are taken as UTC); None if unparseable."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _language(value: str | None) -> str | None:
    """'sv' -> 'sv', 'zh-cn' -> 'zh' (the table keeps ISO 639-1 codes)."""
    return value.lower().split("-")[0] if value else None


def _most_common(counter: Counter[str]) -> str | None:
    """Most frequent key, ties broken alphabetically (independent of input order)."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None


def _distinct_roles(roles: set[str]) -> list[str]:
    """Roles once each, compared case-insensitively ("Rektor" at a sentence start is "rektor");
    the form with a lower-case first letter wins, then the alphabetically first."""
    best: dict[str, str] = {}
    for role in sorted(roles, key=lambda r: (r[:1].isupper(), r)):
        best.setdefault(" ".join(role.casefold().split()), role)
    return sorted(best.values())


@dataclass
class _Entity:
    """Aggregate of every mention of one organisation, programme or person."""

    names: Counter[str] = field(default_factory=Counter)
    labels: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, label: str | None, mention_id: str, doc_id: str) -> None:
        """Count a mention; ``label`` is the surface form (organisations, programmes) or role (people)."""
        self.names[name] += 1
        if label:
            self.labels.add(label)
        self.mentions.add(mention_id)
        self.docs.add(doc_id)

    def base_row(self) -> dict[str, Any]:
        return {"name": _most_common(self.names), "mention_count": len(self.mentions),
                "document_count": len(self.docs)}


class _Builder:
    """Accumulates rows per table and entity aggregates while records stream through."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", *MENTION_TABLES)}
        self.orgs: dict[str, _Entity] = {}
        self.programmes: dict[str, _Entity] = {}
        self.people: dict[str, _Entity] = {}

    def add(self, rec: PageRecord) -> None:
        doc = rec.document
        self.rows["documents"].append({
            "doc_id": rec.doc_id, "url": rec.url, "canonical_url": rec.canonical_url, "source": rec.source,
            "publisher_org_id": rec.publisher_org_id,
            "title": doc.title if doc else None, "language": _language(doc.language) if doc else None,
            "published": _iso_date(doc.published) if doc else None,
            "modified": _iso_date(doc.modified) if doc else None,
            "fetched_at": _utc(rec.fetched_at), "content_sha256": rec.content_sha256,
            "ai_score": float(rec.ai_score), "is_ai_related": bool(rec.is_ai_related),
            "text": doc.text if doc else None, "run_id": rec.run_id,
            "error": rec.error or (None if doc else "no document extracted"),
        })
        if doc is not None:
            self._add_mentions(rec.doc_id, doc)

    def _add_mentions(self, doc_id: str, doc: Document) -> None:
        for m in doc.organisations:
            org_id = m.id or stable_id("org", normalise_name(m.name))
            mid = stable_id("om", doc_id, m.start, m.end, org_id)
            ent = self.orgs.setdefault(org_id, _Entity())
            ent.add(m.name, m.text, mid, doc_id)
            if m.type:
                ent.types[m.type] += 1
            if m.country:
                ent.countries[m.country] += 1
            self._mention("organisation_mentions", mid, doc_id, m.start, m.end, org_id=org_id, surface=m.text)
        for p in doc.programmes:
            prog_id = p.id or stable_id("prog", normalise_name(p.name))
            mid = stable_id("pm", doc_id, p.start, p.end, prog_id)
            self.programmes.setdefault(prog_id, _Entity()).add(p.name, p.text, mid, doc_id)
            self._mention("programme_mentions", mid, doc_id, p.start, p.end, programme_id=prog_id, surface=p.text)
        for h in doc.people:
            person_id = stable_id("p", normalise_name(h.name))
            mid = stable_id("hm", doc_id, h.start, h.end, person_id)
            self.people.setdefault(person_id, _Entity()).add(h.name, h.role, mid, doc_id)
            self._mention("people_mentions", mid, doc_id, h.start, h.end, person_id=person_id, name=h.name,
                          role=h.role, surface=h.text)
        for a in doc.amounts:
            self._mention("amounts", stable_id("am", doc_id, a.start, a.end, a.currency, float(a.value), a.range_role),
                          doc_id, a.start, a.end, value=float(a.value), currency=a.currency,
                          value_eur=None if a.value_eur is None else float(a.value_eur), approx=bool(a.approx),
                          range_role=a.range_role, surface=a.text)
        for d in doc.dates:
            self._mention("dates", stable_id("dt", doc_id, d.start, d.end, d.date, d.role), doc_id, d.start, d.end,
                          date=d.date, grain=d.grain, date_start=period_start(d.date), role=d.role, surface=d.text)

    def _mention(self, table: str, mention_id: str, doc_id: str, start: int, end: int, **values: Any) -> None:
        self.rows[table].append({primary_key(table): mention_id, "doc_id": doc_id, **values,
                                 "char_start": start, "char_end": end})

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"documents": _frame("documents", sorted(self.rows["documents"], key=lambda r: r["doc_id"]))}
        out["organisations"] = _frame("organisations", [
            {"org_id": k, **e.base_row(), "type": _most_common(e.types), "country": _most_common(e.countries),
             "aliases": sorted(e.labels)} for k, e in sorted(self.orgs.items())])
        out["programmes"] = _frame("programmes", [
            {"programme_id": k, **e.base_row(), "aliases": sorted(e.labels)} for k, e in sorted(self.programmes.items())])
        out["people"] = _frame("people", [
            {"person_id": k, **e.base_row(), "roles": _distinct_roles(e.labels)} for k, e in sorted(self.people.items())])
        for table in MENTION_TABLES:
            key = primary_key(table)
            rows = sorted(self.rows[table], key=lambda r: (r["doc_id"], r["char_start"], r["char_end"], r[key]))
            out[table] = _frame(table, rows)
        return out


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    names = arrow_schema(table).names
    return frame(table, {name: [row.get(name) for row in rows] for name in names})


def build_tables(records: Iterable[PageRecord]) -> dict[str, pd.DataFrame]:
    """All output tables except ``rejects`` from processed pages.

    Entity tables (organisations, programmes, people) aggregate mentions across documents; every
    table is sorted (documents and entities by id, mentions by doc_id, span, id).
    """
    builder = _Builder()
    for record in records:
        builder.add(record)
    return builder.tables()
