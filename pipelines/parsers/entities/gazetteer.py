"""Organisation and programme gazetteers: ``data/gazetteers/organisations_*.csv`` and ``programmes.csv``.

Every ``organisations_<cc>.csv`` present is loaded, plus ``programmes.csv``. Rows are validated
(unique ids across all files, known type, non-empty id and name); a bad row raises
:class:`GazetteerError` naming the file and line. The folder defaults to ``<data>/gazetteers`` and
can be overridden by argument or the ``AISCOUT_GAZETTEER_DIR`` environment variable.
"""

from __future__ import annotations

import csv
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pipelines.langdata import data_dir

Kind = Literal["organisation", "programme"]

ORG_TYPES = frozenset(
    {
        "university",
        "university_of_applied_sciences",
        "research_institute",
        "region",
        "municipality",
        "ministry",
        "agency",
        "foundation",
        "company",
        "network",
        "eu_body",
        "parliament",
        "government",
        "party",
        "union",
        "association",
        "hospital",
    }
)
PROGRAMME_TYPES = frozenset({"programme", "fund", "network", "initiative", "centre", "project"})
ORG_COLUMNS = ("id", "name", "country", "type", "aliases", "acronyms", "domain")
PROGRAMME_COLUMNS = ("id", "name", "country", "type", "aliases", "acronyms", "funder_org_id")


class GazetteerError(ValueError):
    """A gazetteer file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row: a canonical name with its alternative names and acronyms."""

    id: str
    name: str
    kind: Kind
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    domain: str | None = None
    funder_org_id: str | None = None

    def __hash__(self) -> int:
        """By id (equal rows have equal ids): cheaper than hashing every field, as caches keyed by an entry do."""
        return hash(self.id)


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    """All organisations and programmes, keyed by id.

    Compared and hashed by identity (``eq=False``): a loaded gazetteer is immutable, and the
    per-language indexes built from it are cached by it."""

    organisations: dict[str, Entry]
    programmes: dict[str, Entry]

    def get(self, entry_id: str) -> Entry | None:
        """The organisation or programme with this id, if any."""
        return self.organisations.get(entry_id) or self.programmes.get(entry_id)


def gazetteer_dir(directory: str | Path | None = None) -> Path:
    """The gazetteer folder: argument, else $AISCOUT_GAZETTEER_DIR, else <data>/gazetteers."""
    if directory is not None:
        return Path(directory)
    return _default_dir(os.environ.get("AISCOUT_GAZETTEER_DIR"), os.environ.get("AISCOUT_DATA_DIR"))


@lru_cache(maxsize=8)
def _default_dir(gazetteers: str | None, data: str | None) -> Path:
    """The default folder for the two variables' values (``data`` is what ``data_dir`` reads; cached: the parsers
    ask per text, and building paths adds up)."""
    return Path(gazetteers) if gazetteers else data_dir() / "gazetteers"


_STAMP_TTL_S = 1.0  # re-check the files' versions at most this often (the parsers call this per text)
_stamps: dict[Path, tuple[float, tuple[tuple[str, int, int], ...]]] = {}


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """Load and validate every gazetteer file in the folder (cached per folder and file versions)."""
    folder = gazetteer_dir(directory)
    # resolving makes system calls: an absolute folder (the usual case) is a key as it is
    root = folder if folder.is_absolute() else folder.resolve()
    now = time.monotonic()
    checked = _stamps.get(root)
    if checked is None or now - checked[0] > _STAMP_TTL_S:
        files = sorted(root.glob("organisations_*.csv")) + sorted(root.glob("programmes.csv"))
        checked = (now, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
        _stamps[root] = checked
    return _load(checked[1])


@lru_cache(maxsize=8)
def _load(stamp: tuple[tuple[str, int, int], ...]) -> Gazetteer:
    organisations: dict[str, Entry] = {}
    programmes: dict[str, Entry] = {}
    seen: dict[str, str] = {}
    for path_str, _, _ in stamp:
        path = Path(path_str)
        is_org = path.name.startswith("organisations_")
        target = organisations if is_org else programmes
        for entry, where in _read(path, "organisation" if is_org else "programme"):
            if entry.id in seen:
                raise GazetteerError(f"{where}: duplicate id {entry.id!r} (first in {seen[entry.id]})")
            seen[entry.id] = where
            target[entry.id] = entry
    return Gazetteer(organisations, programmes)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _read(path: Path, kind: Kind):
    columns, types = (ORG_COLUMNS, ORG_TYPES) if kind == "organisation" else (PROGRAMME_COLUMNS, PROGRAMME_TYPES)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerError(f"{path}:1: missing column(s) {', '.join(missing)}")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row:
                raise GazetteerError(f"{where}: more fields than the header has")
            entry_id, name, etype = (row["id"] or "").strip(), (row["name"] or "").strip(), (row["type"] or "").strip()
            if not entry_id:
                raise GazetteerError(f"{where}: empty id")
            if not name:
                raise GazetteerError(f"{where}: empty name for {entry_id!r}")
            if etype not in types:
                raise GazetteerError(
                    f"{where}: unknown type {etype!r} for {entry_id!r} (expected one of {sorted(types)})"
                )
            extra = (row.get("domain") if kind == "organisation" else row.get("funder_org_id")) or ""
            yield (
                Entry(
                    id=entry_id,
                    name=name,
                    kind=kind,
                    type=etype,
                    country=(row["country"] or "").strip() or None,
                    aliases=_split(row["aliases"]),
                    acronyms=_split(row["acronyms"]),
                    domain=extra.strip() or None if kind == "organisation" else None,
                    funder_org_id=extra.strip() or None if kind == "programme" else None,
                ),
                where,
            )
