"""Rows of the funding tables: ``fundings`` and ``funding_parties`` per document, ``initiatives`` across
the corpus (schemas/tables.py describes each column and how double counting is avoided)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipelines.langdata import load as load_langdata
from pipelines.models import Amount, Document, Party
from pipelines.normalise.ids import stable_id
from pipelines.normalise.values import _iso_date
from pipelines.text_keys import identity_key

ROLE_NAMES = {"funders": "funder", "recipients": "recipient", "for_": "for"}
SAME_VALUE = 0.005  # relative difference under which two figures are the same figure


def party_id(party: Party) -> str:
    """The id the entity tables give the party (gazetteer id, or one from its normalised name)."""
    prefix = "org" if party.kind == "organisation" else "prog"
    return party.id or stable_id(prefix, identity_key(party.name))


def amount_id(doc_id: str, a: Amount) -> str:
    """The id of the amount's row in ``amounts`` (same formula as the table builder)."""
    return stable_id("am", doc_id, a.start, a.end, a.currency, float(a.value), a.range_role)


@dataclass
class _Commitment:
    amounts: list[Amount] = field(default_factory=list)
    parties: dict[str, list[Party]] = field(default_factory=lambda: {r: [] for r in ROLE_NAMES})

    def purpose(self) -> set[str]:
        return {party_id(p) for p in self.parties["for_"]}

    def kind(self) -> str:
        kinds = [a.kind for a in self.amounts if a.kind]
        return next((k for k in kinds if k != "other"), kinds[0] if kinds else "other")


def _groups(doc: Document) -> list[list[int]]:
    """Indices of the amounts making one figure: a range's two ends, or a single amount."""
    groups: list[list[int]] = []
    for i, a in enumerate(doc.amounts):
        if a.range_role == "high" and groups and doc.amounts[groups[-1][-1]].range_role == "low":
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def funding_rows(doc_id: str, doc: Document) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(fundings rows, funding_parties rows) of one document.

    Mentions of the same figure (value(s), currency, per year) collapse unless both name what they are
    for and the names differ; the merged row has the union of their parties."""
    commitments: dict[tuple, _Commitment] = {}
    first_of: dict[int, tuple] = {}
    for group in _groups(doc):
        first = doc.amounts[group[0]]
        figure = (tuple(round(doc.amounts[i].value, 2) for i in group), first.currency, first.per_year)
        purpose = {party_id(p) for p in first.for_}
        key = next(
            (
                k
                for k, c in commitments.items()
                if k[:3] == figure and (not purpose or not c.purpose() or purpose & c.purpose())
            ),
            (*figure, first.start),
        )
        c = commitments.setdefault(key, _Commitment())
        c.amounts += [doc.amounts[i] for i in group]
        for role in ROLE_NAMES:
            c.parties[role] += [p for p in getattr(first, role) if p not in c.parties[role]]
        for i in group:
            first_of[i] = key
    ids = {key: stable_id("fu", doc_id, *key) for key in commitments}
    fx_date = _iso_date(doc.published)
    fundings, parties = [], []
    for key, c in commitments.items():
        a0 = c.amounts[0]
        low, high = min(a.value for a in c.amounts), max(a.value for a in c.amounts)
        eur = [a.value_eur for a in c.amounts]
        rate = (a0.value_eur / a0.value) if a0.value_eur is not None and a0.value else None
        total = doc.amounts[a0.part_of] if a0.part_of is not None else None
        fundings.append(
            {
                "funding_id": ids[key],
                "doc_id": doc_id,
                "kind": c.kind(),
                "value": float(low) if low == high else None,
                "value_low": float(low),
                "value_high": float(high),
                "currency": a0.currency,
                "value_eur": eur[0] if low == high and eur[0] is not None else None,
                "value_eur_low": None if rate is None else low * rate,
                "value_eur_high": None if rate is None else high * rate,
                "fx_rate": rate,
                "fx_date": fx_date if a0.currency != "EUR" else None,
                "per_year": bool(a0.per_year),
                "period_start": a0.period_start,
                "period_end": a0.period_end,
                "part_of_funding_id": ids[first_of[doc.amounts.index(total)]] if total is not None else None,
                "amount_ids": [amount_id(doc_id, a) for a in c.amounts],
                "mention_count": len({(a.start, a.end) for a in c.amounts}),
                "surface": " – ".join(a.text for a in c.amounts[:2]) if low != high else a0.text,
                "char_start": a0.start,
                "char_end": a0.end,
            }
        )
        for role, role_name in ROLE_NAMES.items():
            for p in c.parties[role]:
                pid = party_id(p)
                parties.append(
                    {
                        "funding_party_id": stable_id("fp", ids[key], role_name, pid),
                        "funding_id": ids[key],
                        "doc_id": doc_id,
                        "role": role_name,
                        "org_id": pid if p.kind == "organisation" else None,
                        "programme_id": pid if p.kind == "programme" else None,
                        "surface": p.name,
                    }
                )
    return fundings, parties


@dataclass
class _Initiative:
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    funders: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    figures: dict[tuple[str, float], float | None] = field(default_factory=dict)  # (currency, value) -> EUR
    documents: set[str] = field(default_factory=set)
    published: list[Any] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)


class Initiatives:
    """The ``initiatives`` table, aggregated one document at a time (bounded by the number of initiatives)."""

    def __init__(self) -> None:
        self._by_id: dict[str, _Initiative] = {}

    def add(self, doc_id: str, doc: Document, country: str | None, fundings: list[dict], parties: list[dict]) -> None:
        by_funding: dict[str, dict[str, list[str]]] = {}
        for p in parties:
            by_funding.setdefault(p["funding_id"], {}).setdefault(p["role"], []).append(p["surface"])
        programme_names = {p["programme_id"]: p["surface"] for p in parties if p["role"] == "for" and p["programme_id"]}
        types = _type_words(doc.language)
        for f in fundings:
            roles = by_funding.get(f["funding_id"], {})
            targets = [p["programme_id"] for p in parties if p["funding_id"] == f["funding_id"] and p["role"] == "for"]
            for target in filter(None, targets):
                ini = self._by_id.setdefault(target, _Initiative())
                name = programme_names[target]
                ini.names[name] += 1
                ini.types.update(t for word, t in types.items() if word in name.casefold())
                if country:
                    ini.countries[country] += 1
                ini.funders.update(roles.get("funder", []))
                ini.recipients.update(roles.get("recipient", []))
                ini.documents.add(doc_id)
                if doc.published:
                    ini.published.append(_iso_date(doc.published))
                ini.starts += [f["period_start"]] if f["period_start"] else []
                ini.ends += [f["period_end"]] if f["period_end"] else []
                if f["kind"] != "other" and f["part_of_funding_id"] is None:
                    _count_once(ini.figures, f["currency"], f["value_low"], f["value_eur_low"])

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for key, ini in sorted(self._by_id.items()):
            known = [eur for eur in ini.figures.values() if eur is not None]
            dates = [d for d in ini.published if d is not None]
            out.append(
                {
                    "initiative_id": key,
                    "name": min(ini.names.items(), key=lambda kv: (-kv[1], kv[0]))[0],
                    "type": min(ini.types.items(), key=lambda kv: (-kv[1], kv[0]))[0] if ini.types else None,
                    "country": min(ini.countries.items(), key=lambda kv: (-kv[1], kv[0]))[0] if ini.countries else None,
                    "funders": sorted(ini.funders),
                    "recipients": sorted(ini.recipients),
                    "total_eur": sum(known) if known else None,
                    "funding_count": len(ini.figures),
                    "first_announced": min(dates) if dates else None,
                    "last_announced": max(dates) if dates else None,
                    "period_start": min(ini.starts) if ini.starts else None,
                    "period_end": max(ini.ends) if ini.ends else None,
                    "document_count": len(ini.documents),
                }
            )
        return out


def _count_once(figures: dict[tuple[str, float], float | None], currency: str, value: float, eur: float | None) -> None:
    """Keep a figure unless the same one (same currency, value within 0.5 %) is there already."""
    for cur, seen in figures:
        if cur == currency and abs(seen - value) <= SAME_VALUE * max(abs(seen), abs(value)):
            return
    figures[(currency, value)] = eur


def _type_words(language: str | None) -> dict[str, str]:
    """Words in an initiative's name that say what it is ('netzwerk' -> network), from the language data."""
    data = load_langdata(language, "funding") if language else {}
    return {str(k).casefold(): str(v) for k, v in (data.get("initiative_types") or {}).items()}
