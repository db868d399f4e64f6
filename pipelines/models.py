"""Typed records passed between the stages (parsers -> normalise -> tables / JSON contract).

Character offsets (``start``/``end``) always index into the text the parser was given
(for documents: ``Document.text``, the main text), ``text[start:end] == mention.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

Grain = Literal["day", "month", "year"]
DateRole = Literal["event", "start", "end"]
RangeRole = Literal["low", "high"]
FundingKind = Literal["grant", "budget", "investment", "other"]


@dataclass(frozen=True, slots=True)
class Party:
    """A named organisation or programme taking part in a funding (a funder, recipient or purpose)."""

    name: str
    id: str | None
    kind: Literal["organisation", "programme"]
    text: str = field(default="", compare=False)  # the name as the page writes it (not part of identity)

    def to_contract(self) -> dict:
        return {"name": self.name, "id": self.id, "kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount: ``value`` in units of ``currency`` (ISO 4217)."""

    value: float
    currency: str
    text: str
    start: int
    end: int
    approx: bool = False
    range_role: RangeRole | None = None
    value_eur: float | None = None
    fx_rate: float | None = None  # ECB reference rate used: units of ``currency`` per euro
    fx_date: str | None = None  # the ECB day of that rate (YYYY-MM-DD); None for EUR and unknown currencies
    # funding links (pipelines.links): who gives, who receives, what for, when, what kind
    funders: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    for_: tuple[Party, ...] = ()
    period_start: str | None = None
    period_end: str | None = None
    per_year: bool = False
    kind: FundingKind | None = None
    part_of: int | None = None


_AMOUNT_FIELDS = [f.name for f in fields(Amount)]
_AMOUNT_VALUES = attrgetter(*_AMOUNT_FIELDS)
_AMOUNT_INDEX = {name: i for i, name in enumerate(_AMOUNT_FIELDS)}


def replace_amount(amount: Amount, **changes: Any) -> Amount:
    """``dataclasses.replace(amount, **changes)`` in one constructor call, without replace's per-field Python loop
    (every amount is rebuilt by the linker and again by the currency normalisation)."""
    values = list(_AMOUNT_VALUES(amount))
    for name, value in changes.items():
        if (i := _AMOUNT_INDEX.get(name)) is None:
            raise TypeError(f"Amount has no field {name!r}")
        values[i] = value
    return Amount(*values)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar reference normalised to its grain: YYYY-MM-DD, YYYY-MM or YYYY."""

    date: str
    grain: Grain
    text: str
    start: int
    end: int
    role: DateRole = "event"


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation mention; ``id`` is a gazetteer id or a deterministic slug."""

    name: str
    id: str | None
    text: str
    start: int
    end: int
    type: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ProgrammeMention:
    """A named programme, initiative, network or fund."""

    name: str
    id: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A named person with the role the text gives them (if any)."""

    name: str
    role: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PublicationDates:
    """Publication and modification dates of a page (ISO YYYY-MM-DD) and where they came from."""

    published: str | None = None
    modified: str | None = None
    source: str | None = None  # "json-ld", "meta", "time", "dateline", "url", "htmldate"


@dataclass(slots=True)
class Document:
    """Everything extracted from one page or text; ``to_contract()`` gives the SPEC.md JSON shape."""

    text: str
    language: str | None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    modified: str | None = None
    organisations: list[OrgMention] = field(default_factory=list)
    programmes: list[ProgrammeMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    text_source: str | None = None  # which path produced the text: selector, json-ld, generic, fallback (HTML only)
    replaced_bytes: int = 0  # invalid input bytes replaced by U+FFFD while decoding
    mined_chars: int | None = None  # set when the text was too long to mine whole: the characters mined

    def to_contract(self) -> dict:
        """The `aiscout extract` output object (without the id/path key); a text mined only in part adds
        ``"truncated": {"mined_chars", "text_chars"}``."""
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "published": self.published,
            "organisations": [{"name": o.name, "id": o.id, "text": o.text} for o in self.organisations],
            "programmes": [{"name": p.name, "id": p.id, "text": p.text} for p in self.programmes],
            "people": [{"name": p.name, "role": p.role} for p in self.people],
            "amounts": [
                {
                    "value": _plain_number(a.value),
                    "currency": a.currency,
                    "value_eur": None if a.value_eur is None else round(a.value_eur, 2),
                    "text": a.text,
                    "funders": [p.to_contract() for p in a.funders],
                    "recipients": [p.to_contract() for p in a.recipients],
                    "for": [p.to_contract() for p in a.for_],
                    "period": None
                    if a.period_start is None and a.period_end is None
                    else {"start": a.period_start, "end": a.period_end},
                    "per_year": a.per_year,
                    "kind": a.kind,
                    "part_of": a.part_of,
                }
                for a in self.amounts
            ],
            "dates": [{"date": d.date, "text": d.text} for d in self.dates],
        }
        if self.mined_chars is not None:
            out["truncated"] = {"mined_chars": self.mined_chars, "text_chars": len(self.text)}
        return out


def _plain_number(value: float) -> int | float:
    """3600000.0 -> 3600000 so JSON shows whole amounts without a fraction."""
    return int(value) if float(value).is_integer() else value


@dataclass(slots=True)
class PageRecord:
    """One processed page with its provenance: the unit the table builder turns into rows.

    ``doc_id`` is deterministic (derived from the canonical URL); ``error`` is set (and
    ``document`` is None) when the page could not be processed, so failures are kept as rows.
    """

    doc_id: str
    url: str
    canonical_url: str
    source: str
    publisher_org_id: str | None
    fetched_at: str  # ISO 8601 UTC timestamp, e.g. "2026-11-21T03:00:05Z"
    content_sha256: str
    run_id: str
    document: Document | None = None
    ai_score: float = 0.0
    is_ai_related: bool = False
    error: str | None = None
    country: str | None = None  # of the source, from the source registry


_MENTION_TYPES = {
    "organisations": OrgMention,
    "programmes": ProgrammeMention,
    "people": PersonMention,
    "amounts": Amount,
    "dates": DateMention,
}


def document_to_dict(doc: Document) -> dict:
    """A JSON-ready dict holding every field of ``doc`` (the extraction cache format)."""
    from dataclasses import asdict

    return asdict(doc)


def document_from_dict(data: dict) -> Document:
    """Inverse of `document_to_dict`."""
    values = dict(data)
    for key, cls in _MENTION_TYPES.items():
        values[key] = [cls(**item) for item in values.get(key, [])]
    values["amounts"] = [_amount_parties(a) for a in values["amounts"]]
    return Document(**values)


def _amount_parties(amount: Amount) -> Amount:
    """An amount read back from a dict: its party lists (dicts) as tuples of `Party`."""
    from dataclasses import replace

    def parties(role: str) -> tuple[Party, ...]:
        return tuple(p if isinstance(p, Party) else Party(**p) for p in getattr(amount, role))

    return replace(amount, funders=parties("funders"), recipients=parties("recipients"), for_=parties("for_"))
